"""Expire unconfirmed applications and unanswered invitations (run it hourly)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from registrations.services import (
    expire_invitations,
    expire_unconfirmed,
    forget_old_unsolicited_mail,
)

from ._progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Move applications still unconfirmed after REGISTRATION_CONFIRMATION_HOURS to "
        "'expired', and treat invitations unanswered past their deadline as declined (their "
        "seats go to the waitlist); forget per-recipient mail counts past their window. Safe to "
        "run as often as you like."
    )

    def handle(self, *args, **options) -> None:
        progress = ProgressBar(self.stdout, "expired") if options["verbosity"] >= 1 else None
        try:
            count = expire_unconfirmed(on_progress=progress)
        except KeyboardInterrupt:
            self.stderr.write("\nInterrupted: finished batches are kept; run again to go on.")
            raise SystemExit(130) from None
        self.stdout.write(
            f"Expired {count} unconfirmed application(s) "
            f"(older than {settings.REGISTRATION_CONFIRMATION_HOURS} hours)."
        )
        lapsed = expire_invitations()
        self.stdout.write(f"Declined {lapsed} invitation(s) unanswered past their deadline.")
        forget_old_unsolicited_mail()
