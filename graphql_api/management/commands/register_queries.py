"""Register a front end's GraphQL documents as trusted (persisted) queries."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from graphql_api.persisted import ManifestError, documents_from_file, register


class Command(BaseCommand):
    help = (
        "Register trusted GraphQL documents from .graphql files, folders of them, or JSON "
        "manifests (Apollo's persisted-query manifest or an {sha256: document} map). Each is "
        "stored under the SHA-256 of its exact text; clients send that hash."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=".graphql/.gql files, folders or .json")
        parser.add_argument("--client", default="", help="who registered them, e.g. a site")

    def handle(self, *args, paths: list[str], client: str, **options) -> None:
        files: list[Path] = []
        for name in paths:
            path = Path(name)
            if path.is_dir():
                files += sorted(
                    p for p in path.rglob("*") if p.suffix in (".graphql", ".gql", ".json")
                )
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{name}: no such file or folder")
        try:
            documents = [document for file in files for document in documents_from_file(file)]
            with transaction.atomic():
                created, existing = register(documents, client=client)
        except ManifestError as error:
            raise CommandError(str(error)) from error
        for document in documents:
            self.stdout.write(f"{document.sha256}  {document.name}")
        self.stdout.write(
            self.style.SUCCESS(f"{created} registered, {existing} already registered.")
        )
