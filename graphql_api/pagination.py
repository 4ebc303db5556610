"""Page sizes of the lists that can grow (``cities``, ``sessions``, ``actionPlans``, ``search``).

Every list returns at most ``MAX_PAGE_SIZE`` items; a client that asks for nothing gets
``DEFAULT_PAGE_SIZE`` (today's whole programme fits). ``cities`` and ``actionPlans`` take
``first``/``after``, where ``after`` names the last item already seen: a city's slug, an Action
Plan's ``translationKey`` (plans' slugs repeat between cities). Both are the same in every
language, so a cursor survives a change of locale. ``sessions`` and ``search`` keep the
``limit``/``offset`` of the contract.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from django.utils.translation import gettext as _

from .errors import ContentErrorCode, PublicError

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 100


def clamp_limit(limit: int | None, maximum: int = MAX_PAGE_SIZE) -> int:
    """Lists never return more than ``maximum`` rows, whatever the client asks."""
    if limit is None:
        return maximum
    return max(0, min(limit, maximum))


def first_after(
    items: Sequence[T],
    first: int | None,
    after: str | None,
    cursor: Callable[[T], str] = lambda item: item.slug,
) -> list[T]:
    """The ``first`` items following the one whose cursor is ``after`` (from the start if None).

    An ``after`` that names no item is a request error (``INVALID_ARGUMENT``): answering from
    the start would repeat items the client already has.
    """
    start = 0
    if after is not None:
        positions = [i for i, item in enumerate(items) if cursor(item) == after]
        if not positions:
            raise PublicError(
                ContentErrorCode.INVALID_ARGUMENT,
                _("“after” must name an item of this list."),
            )
        start = positions[0] + 1
    return list(items[start : start + clamp_limit(first)])
