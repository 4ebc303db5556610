"""`manage.py load_programme [--demo]`: the programme's content in Persian and English."""

from django.core.management.base import BaseCommand

from cities.seed.loader import ProgrammeLoader


class Command(BaseCommand):
    help = (
        "Create the locales, regions, cooperation areas and topics, and the sister-city dossiers "
        "in Persian and English. --demo adds sample co-sessions and an Action Plan. Safe to run "
        "again: what exists is left unchanged."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Also add sample content (marked as such): an upcoming and a held co-session "
            "for Florence with an Action Plan.",
        )

    def handle(self, *args, demo: bool = False, verbosity: int = 1, **options) -> None:
        def report(line: str) -> None:
            if verbosity >= 1:
                self.stdout.write(line)

        created = ProgrammeLoader(report).run(demo_content=demo)
        if verbosity < 1:
            return
        if not created:
            self.stdout.write(self.style.SUCCESS("Everything was already there; nothing changed."))
            return
        summary = ", ".join(f"{count} {name}" for name, count in sorted(created.items()))
        self.stdout.write(self.style.SUCCESS(f"Created (with English translations): {summary}."))
