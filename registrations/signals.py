"""Reactions of the registrations to content events (connected in ``apps.ready``)."""

from __future__ import annotations

from typing import Any

from wagtail.signals import page_published


def session_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A published session may have moved or been cancelled: tell the people invited."""
    from cities.models import SessionPage

    from .services import announce_session_change

    if isinstance(instance, SessionPage):
        announce_session_change(instance)


def connect() -> None:
    from cities.models import SessionPage

    page_published.connect(
        session_published, sender=SessionPage, dispatch_uid="registrations.session_published"
    )
