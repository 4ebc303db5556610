"""``object_field``: a field whose resolver reads only its object, resolved like an attribute.

For every call of a resolver, strawberry builds an ``Info``, converts the arguments and chains
the field extensions; for a plain attribute it asks graphql-core's default path for the value
with one call (a "basic" field). A resolver that takes nothing but ``self`` needs none of the
former, so ``object_field`` declares it basic and calls it with the object. The schema (name,
type, description, position among the fields) and the value are those of ``strawberry.field``;
an all-cities query calls such resolvers about a thousand times.

A field given extensions or permission classes (which strawberry turns into extensions) takes
strawberry's full path again.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar, overload

from strawberry.types.field import StrawberryField

F = TypeVar("F", bound=Callable[..., Any])


class ObjectField(StrawberryField):
    """A ``StrawberryField`` whose resolver is called with the object alone."""

    @property
    def is_basic_field(self) -> bool:
        return not self.extensions

    def get_result(self, source: Any, info: Any, args: list[Any], kwargs: Any) -> Any:
        if self.base_resolver is None or self.extensions:
            return super().get_result(source, info, args, kwargs)
        return self.base_resolver.wrapped_func(source)


@overload
def object_field(resolver: F) -> Any: ...


@overload
def object_field(*, description: str | None = None) -> Callable[[F], Any]: ...


def object_field(resolver: F | None = None, *, description: str | None = None) -> Any:
    """``@strawberry.field`` for a resolver whose only parameter is ``self``."""

    def wrap(function: F) -> ObjectField:
        parameters = list(inspect.signature(function).parameters)
        if parameters != ["self"]:
            raise TypeError(f"{function.__qualname__}: an object_field takes only `self`.")
        return ObjectField(description=description)(function)

    return wrap(resolver) if resolver is not None else wrap
