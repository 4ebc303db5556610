"""Schedule again queued emails that no worker has tried for a while (housekeeping)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from outbox import delivery


class Command(BaseCommand):
    help = "Re-schedule queued emails untouched for --minutes (a worker died while sending)."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=120)

    def handle(self, *args, minutes: int, **options):
        count = delivery.requeue_stale(timedelta(minutes=minutes))
        self.stdout.write(f"{count} queued email(s) scheduled again.")
