"""Compile the project's .po catalogues to .mo with polib, so no system gettext is needed.

`make run` and `make test` call it on a fresh machine where only Python is assumed; Django's
own `compilemessages` needs GNU gettext's `msgfmt`. Every folder in LOCALE_PATHS is compiled:
`locale/` (the project's strings) and `locale_admin/` (Wagtail's and wagtail-localize's admin
strings that their own Persian catalogues leave untranslated), both domains (`django`,
`djangojs`).
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation.reloader import translation_file_changed


def write_if_changed(mo_path: Path, content: bytes) -> bool:
    """Write ``content`` to ``mo_path`` unless it already holds exactly that.

    A rewritten .mo restarts Django's autoreloader; a server started by `make run` must not
    restart (and briefly serve half-loaded catalogues) because `make test` ran beside it.
    """
    if mo_path.exists() and mo_path.read_bytes() == content:
        return False
    temporary = mo_path.with_suffix(".mo.tmp")
    temporary.write_bytes(content)
    temporary.replace(mo_path)  # atomic: a reader never sees a half-written catalogue
    return True


class Command(BaseCommand):
    help = "Compile every .po file under LOCALE_PATHS to .mo (pure Python, via polib)."

    def handle(self, *args, verbosity: int = 1, **options) -> None:
        compiled = 0
        for locale_path in map(Path, settings.LOCALE_PATHS):
            for po_path in sorted(locale_path.glob("*/LC_MESSAGES/*.po")):
                try:
                    catalogue = polib.pofile(str(po_path))
                except (OSError, UnicodeDecodeError) as error:
                    raise CommandError(f"{po_path}: {error}") from error
                compiled += write_if_changed(po_path.with_suffix(".mo"), catalogue.to_binary())
                if verbosity >= 2:
                    self.stdout.write(f"{po_path}: {catalogue.percent_translated()}% translated")
        if compiled:
            # Catalogues already loaded in this process (e.g. by a test run) are dropped.
            translation_file_changed(sender=None, file_path=Path("compiled.mo"))
        if verbosity >= 1:
            self.stdout.write(f"Compiled {compiled} catalogue(s) that changed.")
