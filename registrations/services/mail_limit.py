"""How many emails strangers may cause one address to receive.

The public submission needs no account, so whoever types an address into it makes the
municipality write to that address. ``REGISTRATION_RECIPIENT_MAIL_LIMIT`` (``3/24h`` by
default, the same notation as ``REGISTRATION_RATE_LIMIT``; ``0`` or ``off`` removes it) caps
those emails per recipient. Beyond it the act still succeeds and simply sends nothing; the
application records that (``mail_withheld_at``) so its status page can say so.

Callers reserve inside their transaction, under the applicant's row lock, so concurrent
submissions for one address count one after the other.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from ..models import UnsolicitedMail
from ..ratelimit import parse_rate


def recipient_digest(email: str) -> str:
    """A keyed hash of the address: countable, not readable."""
    key = f"registrations.recipient:{settings.SECRET_KEY}".encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def reserve_unsolicited_mail(email: str, kind: str, now: datetime | None = None) -> bool:
    """Count one email to ``email`` if the address is under its limit; False when it is not.

    One statement: the row is inserted only if the recent count is below the limit
    (``INSERT … SELECT … WHERE (SELECT COUNT(*) …) < limit``, PostgreSQL and SQLite alike);
    every public submission runs it.
    """
    if not email:
        return False
    digest = recipient_digest(email)
    limit = parse_rate(settings.REGISTRATION_RECIPIENT_MAIL_LIMIT)
    now = now or timezone.now()
    if limit is None:
        UnsolicitedMail.objects.create(recipient_digest=digest, kind=kind, sent_at=now)
        return True
    count, seconds = limit
    sent_at = UnsolicitedMail._meta.get_field("sent_at")
    since = sent_at.get_db_prep_value(now - timedelta(seconds=seconds), connection)
    with connection.cursor() as cursor:
        cursor.execute(
            _reserve_sql(),
            [digest, kind, sent_at.get_db_prep_value(now, connection), digest, since, count],
        )
        return cursor.fetchone() is not None


def _reserve_sql() -> str:
    quote = connection.ops.quote_name
    table = quote(UnsolicitedMail._meta.db_table)
    digest, kind, sent_at = (
        quote(UnsolicitedMail._meta.get_field(name).column)
        for name in ("recipient_digest", "kind", "sent_at")
    )
    return (
        f"INSERT INTO {table} ({digest}, {kind}, {sent_at}) SELECT %s, %s, %s"  # noqa: S608
        f" WHERE (SELECT COUNT(*) FROM {table} WHERE {digest} = %s AND {sent_at} >= %s) < %s"
        f" RETURNING {quote(UnsolicitedMail._meta.pk.column)}"
    )


def forget_old_unsolicited_mail(now: datetime | None = None) -> int:
    """Delete the counts the limit no longer looks at (housekeeping); returns how many."""
    limit = parse_rate(settings.REGISTRATION_RECIPIENT_MAIL_LIMIT)
    window = timedelta(seconds=limit[1] if limit else 0)
    cutoff = (now or timezone.now()) - max(window, timedelta(days=1))
    deleted, _counts = UnsolicitedMail.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
