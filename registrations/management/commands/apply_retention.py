"""Erase old rejected, withdrawn and expired applications (run it daily)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from registrations.services import apply_retention

from ._progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Erase the personal data of rejected, withdrawn and expired applications whose last "
        "status change is older than REGISTRATION_RETENTION_DAYS (or --days), in batches of "
        "1,000 per transaction. Safe to interrupt and to run again."
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
        progress = ProgressBar(self.stdout, "erased") if options["verbosity"] >= 1 else None
        try:
            count = apply_retention(older_than_days=days, on_progress=progress)
        except KeyboardInterrupt:
            self.stderr.write("\nInterrupted: finished batches are kept; run again to go on.")
            raise SystemExit(130) from None
        kept = settings.REGISTRATION_RETENTION_DAYS if days is None else days
        self.stdout.write(
            self.style.SUCCESS(f"Erased {count} application(s) older than {kept} days.")
        )
