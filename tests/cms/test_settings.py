"""Settings from the environment, checked in fresh processes (settings load once per process)."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION = "cms.settings.production"


def manage(*args: str, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def https_ready_env(tmp_path: Path) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": PRODUCTION,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "citizen-diplomat.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://citizen-diplomat.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    }


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = https_ready_env(tmp_path)
    del env["SECRET_KEY"]

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("key", ["short-key", "dev-only-insecure-key-change-me" + "x" * 40])
def test_production_refuses_short_or_development_keys(tmp_path, key):
    result = manage("check", env={**https_ready_env(tmp_path), "SECRET_KEY": key})

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deployment_checklist(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=https_ready_env(tmp_path))

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_checklist_would_catch_an_insecure_setting(tmp_path):
    env = {**https_ready_env(tmp_path), "SECURE_SSL_REDIRECT": "false"}

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode != 0
    assert "security.W008" in result.stderr


def test_an_added_content_language_becomes_a_wagtail_locale_after_migrate(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'languages.sqlite3'}",
        "CONTENT_LANGUAGES": "fa,en,es",
    }

    migrated = manage("migrate", "--noinput", "-v0", env=env, timeout=600)
    assert migrated.returncode == 0, migrated.stderr
    listed = manage(
        "shell",
        "-c",
        "from wagtail.models import Locale, Page; "
        "from wagtail_localize.models import LocaleSynchronization as S; "
        "print(sorted(Locale.objects.values_list('language_code', flat=True))); "
        "print(S.objects.count(), Page.objects.filter(locale__language_code='es').count())",
        env=env,
    )

    assert listed.returncode == 0, listed.stderr
    locales, counts = listed.stdout.strip().splitlines()[-2:]
    assert locales == "['en', 'es', 'fa']"
    # no tree synchronisation: pages in a new language exist only once translated
    assert counts == "0 0"


def test_former_keys_come_from_the_environment_and_pass_the_checklist(tmp_path):
    old = [secrets.token_urlsafe(64), secrets.token_urlsafe(64)]
    env = {**https_ready_env(tmp_path), "SECRET_KEY_FALLBACKS": f"{old[0]}, {old[1]}"}

    shown = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY_FALLBACKS)",
        env=env,
    )
    checked = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    weak = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**env, "SECRET_KEY_FALLBACKS": "short"},
    )

    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1] == repr(old)
    assert checked.returncode == 0, checked.stderr
    assert weak.returncode != 0 and "security.W025" in weak.stderr


# env("X"), env_bool("X", …), env_list("X"), os.environ.get("X") and os.environ["X"].
ENV_READ = re.compile(
    r"""(?:\benv(?:_bool|_list)?\(|os\.environ(?:\.get\(|\[))\s*"([A-Z][A-Z0-9_]+)\""""
)
# Read by the tooling, never set by an operator: the tests' and benchmarks' own switches.
NOT_OPERATOR_SETTINGS = {"CI", "AUDIT_NODE_DIR"}


def test_every_variable_the_code_reads_is_in_the_env_example_and_the_readme():
    sources = [
        path
        for folder in ("cms", "cities", "registrations", "graphql_api", "outbox", "cooperation")
        for path in (PROJECT / folder).rglob("*.py")
    ] + [PROJECT / "deploy/gunicorn.conf.py"]
    names = {name for path in sources for name in ENV_READ.findall(path.read_text("utf-8"))}
    names -= NOT_OPERATOR_SETTINGS
    example = (PROJECT / "deploy/.env.example").read_text("utf-8")
    readme = (PROJECT / "README.md").read_text("utf-8")

    assert len(names) > 40  # the pattern still finds the settings
    assert not {n for n in names if not re.search(rf"^#? ?{n}=", example, re.M)}, "in .env.example"
    assert not {n for n in names if f"`{n}`" not in readme}, "in README"
