"""`ensure_admin`: used by `make run` to give a fresh machine an admin account."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_creates_admin_with_password_from_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-strong-password-123")
    call_command("ensure_admin", stdout=StringIO())
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("a-strong-password-123")


def test_generates_and_prints_a_password_when_none_is_given(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    password = out.getvalue().strip().rsplit(" ", 1)[-1]
    assert len(password) >= 12
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_leaves_an_existing_superuser_alone(monkeypatch, admin_user):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "another-password-456")
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    assert "already exists" in out.getvalue()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
