"""Expire applications whose email address was not confirmed in time (run it hourly)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from registrations.services import expire_unconfirmed


class Command(BaseCommand):
    help = (
        "Move applications still unconfirmed after REGISTRATION_CONFIRMATION_HOURS to "
        "'expired'. Safe to run as often as you like."
    )

    def handle(self, *args, **options) -> None:
        count = expire_unconfirmed()
        self.stdout.write(
            f"Expired {count} unconfirmed application(s) "
            f"(older than {settings.REGISTRATION_CONFIRMATION_HOURS} hours)."
        )
