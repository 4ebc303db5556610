"""Erase old rejected, withdrawn and expired applications (run it daily)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from registrations.services import apply_retention


class Command(BaseCommand):
    help = (
        "Erase the personal data of rejected, withdrawn and expired applications whose last "
        "status change is older than REGISTRATION_RETENTION_DAYS (or --days)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Retention in days (default: {settings.REGISTRATION_RETENTION_DAYS}).",
        )

    def handle(self, *args, days: int | None = None, **options) -> None:
        if days is not None and days < 0:
            self.stderr.write("--days must be zero or more.")
            return
        verbose = options["verbosity"] >= 1

        def progress(done: int, total: int) -> None:
            if verbose and (done == total or done % 50 == 0):
                self.stdout.write(f"  {done}/{total} erased")

        count = apply_retention(older_than_days=days, on_progress=progress)
        kept = settings.REGISTRATION_RETENTION_DAYS if days is None else days
        self.stdout.write(
            self.style.SUCCESS(f"Erased {count} application(s) older than {kept} days.")
        )
