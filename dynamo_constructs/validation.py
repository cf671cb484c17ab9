"""Generic validation helpers every rule in the library is written with.

Each check raises :class:`TableConfigError` naming the field, the value and what is
accepted. ``where`` is the place (a value object's constructor, a config key); inside a
construct it is left out and :func:`located` adds the construct path when a rule fails,
so a valid configuration never asks the engine for a path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any, NoReturn, TypeVar

from .errors import TableConfigError

E = TypeVar("E", bound=Enum)


def fail(field: str, value: Any, accepted: str, where: str | None = None) -> NoReturn:
    raise TableConfigError(where, field, value, accepted)


def check(condition: bool, field: str, value: Any, accepted: str, where: str | None = None) -> None:
    """Raise TableConfigError unless ``condition`` holds."""
    if not condition:
        fail(field, value, accepted, where)


def is_literal(value: Any) -> bool:
    """True unless ``value`` holds an engine token, which only Terraform can check."""
    return not (isinstance(value, str) and "${" in value)


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_type(field: str, value: Any, expected: type | tuple[type, ...], accepted: str,
               where: str | None = None) -> None:
    """A type check with the library's message (``bool`` never passes as ``int``)."""
    wanted = expected if isinstance(expected, tuple) else (expected,)
    ok = isinstance(value, wanted) and not (isinstance(value, bool) and bool not in wanted)
    check(ok, field, value, accepted, where)


def check_bool(field: str, value: Any, where: str | None = None) -> None:
    check_type(field, value, bool, "expected True or False", where)


def check_int_range(field: str, value: Any, low: int, high: int | None = None, where: str | None = None) -> None:
    """An integer within [low, high] (open-ended when ``high`` is None)."""
    ok = is_int(value) and value >= low and (high is None or value <= high)
    bound = f"an integer from {low} to {high}" if high is not None else f"an integer >= {low}"
    check(ok, field, value, f"expected {bound}", where)


def check_optional_int_range(field: str, value: Any, low: int, high: int | None = None,
                             where: str | None = None) -> None:
    if value is not None:
        check_int_range(field, value, low, high, where)


def coerce_enum(field: str, enum: type[E], value: Any, where: str | None = None) -> E:
    """``value`` as a member of ``enum``; its string value is accepted too."""
    if isinstance(value, enum):
        return value
    accepted = "expected one of " + ", ".join(str(m.value) for m in enum)
    if not isinstance(value, str):
        fail(field, value, accepted, where)
    try:
        return enum(value)
    except ValueError:
        fail(field, value, accepted, where)


def check_sequence(field: str, value: Any, accepted: str, where: str | None = None) -> tuple[Any, ...]:
    """A list or tuple (not a string, not a mapping) as a tuple."""
    check(isinstance(value, (list, tuple)), field, value, f"expected a list; {accepted}", where)
    return tuple(value)


@contextmanager
def located(path: Callable[[], str]) -> Iterator[None]:
    """Re-raise a TableConfigError that has no place yet with ``path()`` (asked only then)."""
    try:
        yield
    except TableConfigError as error:
        if error.path:
            raise
        raise error.at(path()) from None
