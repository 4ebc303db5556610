"""`manage.py load_sample_applications`: a few sample facilitators for the demo's Florence session.

So that a fresh `make run` shows the committee's *Candidates* list with something to rank. Every
application goes through the registration services (submit, confirm the emailed link, decide),
exactly as a citizen and the committee would; the names say they are samples and the addresses
are on the reserved `example.org` domain. Run again, it changes nothing.
"""

from __future__ import annotations

import re

from django.core import mail
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from registrations import services
from registrations.inputs import ApplicationInput
from registrations.lifecycle import Status
from registrations.models import Applicant

DOMAIN = "sample.example.org"
CONFIRM_LINK = re.compile(r"/register/confirm/([A-Za-z0-9_\-]+)/")

SAMPLES = (
    ("نمونه: پژوهشگر میراث شهری", "ACADEMIC", ["fa", "it", "en"],
     ["joint-research-groups", "cultural-weeks"], Status.ACCEPTED),
    ("نمونه: بازرگان صنایع دستی", "BUSINESS", ["fa", "it"],
     ["specialised-exhibitions", "chambers-of-commerce"], Status.ACCEPTED),
    ("نمونه: هنرمند موسیقی", "ARTS", ["fa", "en"], ["cultural-weeks", "artist-links"],
     Status.WAITLISTED),
    ("نمونه: روزنامه‌نگار", "MEDIA", ["fa", "en"], ["media-links", "city-marketing"],
     Status.UNDER_REVIEW),
)  # fmt: skip


class Command(BaseCommand):
    help = (
        "Add four sample applications (marked as such) for Florence, through the registration "
        "services, so the Candidates view of the demo session has something to rank."
    )

    def handle(self, *args, verbosity: int = 1, **options) -> None:
        if Applicant.objects.filter(email__endswith=f"@{DOMAIN}").exists():
            if verbosity:
                self.stdout.write("Sample applications already there; nothing changed.")
            return
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            mail.outbox = []
            for number, (name, category, languages, topics, status) in enumerate(SAMPLES, 1):
                services.submit_application(
                    ApplicationInput(
                        full_name=name,
                        email=f"facilitator{number}@{DOMAIN}",
                        city="florence",
                        category=category,
                        residence_country="IR",
                        residence_city="اصفهان",
                        languages=languages,
                        topics=topics,
                        motivation="نمونه",
                        preferred_locale="fa",
                        consent=True,
                    ),
                    language="fa",
                )
                token = CONFIRM_LINK.search(mail.outbox[-1].body).group(1)
                application = services.confirm_email(token)
                if status != Status.UNDER_REVIEW:
                    application = services.decide(application, decision=status, by=None)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(f"{len(SAMPLES)} sample applications for Florence.")
            )
