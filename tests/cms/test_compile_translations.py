"""`compile_translations` writes a .mo only when its .po changed, so a server autoreloading on
.mo changes (`make run`) is not restarted by a test run beside it."""

from __future__ import annotations

import os

import polib
from django.core.management import call_command


def write_po(path, msgstr: str) -> None:
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fa"}
    catalogue.append(polib.POEntry(msgid="Hello", msgstr=msgstr))
    catalogue.save(str(path))


def test_mo_is_written_only_when_the_po_changed(tmp_path, settings):
    folder = tmp_path / "fa" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "django.po"
    mo = folder / "django.mo"
    write_po(po, "سلام")
    settings.LOCALE_PATHS = [str(tmp_path)]

    call_command("compile_translations", verbosity=0)
    assert polib.mofile(str(mo)).find("Hello").msgstr == "سلام"
    os.utime(mo, (1_000_000_000, 1_000_000_000))

    call_command("compile_translations", verbosity=0)
    assert mo.stat().st_mtime == 1_000_000_000  # untouched: nothing changed

    write_po(po, "درود")
    call_command("compile_translations", verbosity=0)
    assert mo.stat().st_mtime != 1_000_000_000
    assert polib.mofile(str(mo)).find("Hello").msgstr == "درود"
    assert not (folder / "django.mo.tmp").exists()


def test_make_run_points_emailed_links_at_its_own_port():
    """`PORT=… make run`: SITE_BASE_URL follows HOST/PORT unless the environment gives one."""
    import shutil
    import subprocess
    from pathlib import Path

    from tests.support.tools import require

    require(shutil.which("make") is not None, "make is not installed")
    project = Path(__file__).resolve().parents[2]
    environment = {k: v for k, v in os.environ.items() if k != "SITE_BASE_URL"}
    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=9701"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    command = next(line for line in dry_run.splitlines() if "runserver" in line)
    assert "127.0.0.1:9701" in command
    as_env = command.replace(".venv/bin/python manage.py runserver 127.0.0.1:9701", "env")

    def site_base_url(**given: str) -> str:
        shown = subprocess.run(
            ["sh", "-c", as_env],
            env={"PATH": os.environ.get("PATH", ""), **given},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return next(line for line in shown.splitlines() if line.startswith("SITE_BASE_URL="))

    assert site_base_url() == "SITE_BASE_URL=http://127.0.0.1:9701"
    assert site_base_url(SITE_BASE_URL="https://x.example") == "SITE_BASE_URL=https://x.example"
