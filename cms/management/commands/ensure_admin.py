"""Create the `admin` superuser if there is no superuser yet."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an `admin` superuser if none exists (password from DJANGO_SUPERUSER_PASSWORD)."

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("A superuser already exists; nothing to do.")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(
            "admin", os.environ.get("DJANGO_SUPERUSER_EMAIL", ""), password
        )
        if generated:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created superuser 'admin' with the generated password: {password}"
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    "Created superuser 'admin' with the password from DJANGO_SUPERUSER_PASSWORD."
                )
            )
