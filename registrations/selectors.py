"""Read-only queries about registrations that other apps (pages, API) need."""

from __future__ import annotations

from collections.abc import Iterable


def confirmed_seat_counts(session_ids: Iterable[int]) -> dict[int, int]:
    """Confirmed seats per session page id (source-locale pages).

    Until the registrations models land (issue 4) no seat can be confirmed, so every count is 0.
    """
    return {session_id: 0 for session_id in session_ids}
