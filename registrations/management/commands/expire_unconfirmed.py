"""Expire unconfirmed applications and unanswered invitations (run it hourly)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from registrations.services import (
    expire_invitations,
    expire_unconfirmed,
    forget_old_unsolicited_mail,
)


class Command(BaseCommand):
    help = (
        "Move applications still unconfirmed after REGISTRATION_CONFIRMATION_HOURS to "
        "'expired', and treat invitations unanswered past their deadline as declined (their "
        "seats go to the waitlist); forget per-recipient mail counts past their window. Safe to "
        "run as often as you like."
    )

    def handle(self, *args, **options) -> None:
        count = expire_unconfirmed()
        self.stdout.write(
            f"Expired {count} unconfirmed application(s) "
            f"(older than {settings.REGISTRATION_CONFIRMATION_HOURS} hours)."
        )
        lapsed = expire_invitations()
        self.stdout.write(f"Declined {lapsed} invitation(s) unanswered past their deadline.")
        forget_old_unsolicited_mail()
