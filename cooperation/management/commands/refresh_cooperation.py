"""`manage.py refresh_cooperation`: rebuild the cooperation map's tracked-item table."""

from django.core.management.base import BaseCommand

from cooperation.tracking import rebuild_all


class Command(BaseCommand):
    help = (
        "Rebuild the tracked-item table the cooperation map reads, from every live Action Plan "
        "(publishing a plan refreshes its rows by itself; this is for repairs and upgrades)."
    )

    def handle(self, *args, verbosity: int = 1, **options) -> None:
        count = rebuild_all()
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"{count} tracked items."))
