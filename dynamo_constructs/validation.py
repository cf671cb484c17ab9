"""Generic validation helpers every rule in the library is written with.

Each check raises :class:`TableConfigError` naming the field, the value and what is
accepted. ``where`` is the place (a value object's constructor, a config key); inside a
construct it is left out and :func:`located` adds the construct path when a rule fails,
so a valid configuration never asks the engine for a path.

Three mechanisms here apply to every rule in the package, so a class of mistake is refused
wherever it is made:

- :func:`full_match` is the one way a value is matched against a pattern: the whole string
  (``re.fullmatch``), so ``"orders\\n"`` or a valid prefix never passes (``re.match`` with
  a ``$`` accepts a final newline). A unit test fails if a rule matches any other way.
- :func:`checked_arguments` wraps every public constructor, named constructor and method:
  an unknown keyword ("did you mean ...?"), a missing required argument or too many
  positional arguments is a ``TableConfigError`` with the construct path, never a bare
  ``TypeError`` from deep inside the engine. A unit test fails if a public name lacks it.
- :func:`check_sequence` takes lists: a string where a list is expected is said to be one
  (never walked letter by letter) and each element is checked with its position.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Any, NoReturn, TypeVar

from .errors import TableConfigError

E = TypeVar("E", bound=Enum)
F = TypeVar("F", bound=Callable[..., Any])


def fail(field: str, value: Any, accepted: str, where: str | None = None) -> NoReturn:
    raise TableConfigError(where, field, value, accepted)


def check(condition: bool, field: str, value: Any, accepted: str, where: str | None = None) -> None:
    """Raise TableConfigError unless ``condition`` holds."""
    if not condition:
        fail(field, value, accepted, where)


# ----- patterns ---------------------------------------------------------------------------

def full_match(pattern: re.Pattern[str] | str, value: Any) -> re.Match[str] | None:
    """The match of ``pattern`` over the whole of ``value`` (None for a non-string or no match).

    The one way the library matches a pattern (see the module docstring): a value is what the
    pattern describes from its first character to its last, trailing newline included.
    """
    if not isinstance(value, str):
        return None
    compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern)
    return compiled.fullmatch(value)


def matches(pattern: re.Pattern[str] | str, value: Any) -> bool:
    """Whether all of ``value`` (a string) is what ``pattern`` describes."""
    return full_match(pattern, value) is not None


# ----- values -----------------------------------------------------------------------------

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


def check_sequence(field: str, value: Any, accepted: str, where: str | None = None,
                   each: Callable[[str, Any], object] | None = None) -> tuple[Any, ...]:
    """A list or tuple (not a string, a mapping or a set) as a tuple.

    ``accepted`` says what the list holds ("of e-mail addresses"). A single string is named as
    such with the list it should have been; ``each(f"{field}[{i}]", element)`` checks every
    element under its position.
    """
    if isinstance(value, (str, bytes)):
        fail(field, value, f"expected a list {accepted}, not a single string: write [{value!r}]", where)
    if isinstance(value, Mapping):
        fail(field, value, f"expected a list {accepted}, not a mapping", where)
    if isinstance(value, (set, frozenset)):
        fail(field, value, f"expected a list {accepted}; a set has no order (the synthesized JSON would change "
             "from run to run): give a list", where)
    check(isinstance(value, (list, tuple)), field, value, f"expected a list {accepted}", where)
    items = tuple(value)
    if each is not None:
        for position, element in enumerate(items):
            each(f"{field}[{position}]", element)
    return items


def check_mapping(field: str, value: Any, accepted: str, where: str | None = None) -> Mapping[Any, Any]:
    """A mapping (dict); anything else is refused with what it is instead."""
    check(isinstance(value, Mapping), field, value, f"expected a mapping {accepted}", where)
    assert isinstance(value, Mapping)
    return value


@contextmanager
def located(path: Callable[[], str]) -> Iterator[None]:
    """Re-raise a TableConfigError that has no place yet with ``path()`` (asked only then)."""
    try:
        yield
    except TableConfigError as error:
        if error.path:
            raise
        raise error.at(path()) from None


# ----- arguments --------------------------------------------------------------------------

class _Missing:
    """The value of a required argument that was not given."""

    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()
_SPEC = "__checked_arguments__"
_PLACES = ("scope", "stack", "construct")  # parameters holding the construct a call is about


@dataclass(frozen=True)
class ArgumentSpec:
    """What a callable accepts, worked out once when it is wrapped."""

    label: str  # how the user spells the call: "Table", "Billing.provisioned", "Metric.with_"
    short: str  # the same on a construct whose path is named ("grant_read_data")
    ordered: tuple[str, ...]  # named parameters in order (self left out)
    keywords: frozenset[str]  # names accepted by keyword (a forwarding subclass adds its base's)
    positional: int  # how many may be given by position (self left out)
    required: tuple[tuple[str, int | None], ...]  # (name, position or None for keyword-only)
    open_keywords: bool  # **kwargs that nothing checks
    open_positions: bool  # *args
    annotations: Mapping[str, str]
    bound: bool  # the first argument is self (or cls)


def _spec(func: Callable[..., Any], label: str, short: str, bound: bool, base: ArgumentSpec | None = None) -> ArgumentSpec:
    params = list(inspect.signature(func).parameters.values())
    if bound:
        params = params[1:]
    named = [p for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    by_position = [p for p in named if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    open_keywords = any(p.kind is p.VAR_KEYWORD for p in params)
    keywords = {p.name for p in named if p.kind is not p.POSITIONAL_ONLY}
    ordered = [p.name for p in named]
    if open_keywords and base is not None:
        # A subclass passing **kwargs on to its base (a domain table to Table): the base's
        # arguments are this call's too, so an unknown one is named here, as this class.
        keywords |= base.keywords
        ordered += [name for name in base.ordered if name not in ordered]
        open_keywords = base.open_keywords
    required = tuple((p.name, by_position.index(p) if p in by_position else None)
                     for p in named if p.default is p.empty)
    annotations = {p.name: str(p.annotation) for p in named if p.annotation is not p.empty}
    return ArgumentSpec(label, short, tuple(ordered), frozenset(keywords), len(by_position), required, open_keywords,
                        any(p.kind is p.VAR_POSITIONAL for p in params), annotations, bound)


def _construct_path(value: Any) -> str | None:
    try:
        path = value.node.path
    except Exception:  # anything that is not a construct (yet) has no path
        return None
    return path if isinstance(path, str) else None


def _where(spec: ArgumentSpec, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> str:
    """The construct path the call is about (its scope and id, or the construct itself), else the
    callable's name (a value object's constructor)."""
    given = dict(zip(spec.ordered[:spec.positional], args[1:] if spec.bound else args, strict=False))
    given.update(kwargs)
    for name in _PLACES:
        parent = _construct_path(given.get(name))
        if parent is not None:
            id_ = given.get("id_")
            return "/".join(p for p in (parent, id_ if isinstance(id_, str) else None) if p)
    if spec.bound and args:
        own = _construct_path(args[0])
        if own:
            return own
    return spec.label


def closest(name: str, known: Collection[str]) -> str | None:
    """The known name ``name`` was most likely meant to be: a near spelling, else one it starts or
    that starts with it ("shards" -> "shard_count", "name" -> "name_or_arn"); None if none is close."""
    ordered = sorted(known)
    close = difflib.get_close_matches(name, ordered, n=1, cutoff=0.6)
    if close:
        return close[0]
    stem = name.rstrip("s_")
    starting = [k for k in ordered if len(stem) >= 3 and (k.startswith(stem) or name.startswith(k))]
    return min(starting, key=len) if starting else None


def _refuse(spec: ArgumentSpec, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> NoReturn:
    """Raise for the first argument the call cannot take (called only for a call that is off)."""
    where = _where(spec, args, kwargs)
    call = f"{spec.label if where == spec.label else spec.short}(...)"
    if not spec.open_keywords:
        for name, value in kwargs.items():
            if name not in spec.keywords:
                close = closest(name, spec.keywords)
                hint = f"did you mean {close!r}?" if close else f"it takes {', '.join(spec.ordered) or 'none'}"
                raise TableConfigError(where, name, value, f"{call} has no argument {name!r}; {hint}")
    given = args[1:] if spec.bound else args
    if not spec.open_positions and len(given) > spec.positional:
        names = ", ".join(spec.ordered[:spec.positional])
        by_keyword = ", ".join(f"{n}=" for n in spec.ordered[spec.positional:])
        if spec.positional == 0:
            accepted = f"{call} takes its arguments by keyword: {by_keyword or 'none'}"
        else:
            plural = "s" if spec.positional != 1 else ""
            accepted = f"{call} takes {spec.positional} positional argument{plural} ({names})" + (
                f"; give the others by keyword: {by_keyword}" if by_keyword else "")
        raise TableConfigError(where, f"argument {spec.positional + 1}", given[spec.positional],
                               accepted)
    for name, position in spec.required:
        if name not in kwargs and (position is None or position >= len(given)):
            wanted = spec.annotations.get(name)
            raise TableConfigError(where, name, MISSING,
                                   f"{call} needs {name}=" + (f" ({wanted})" if wanted else ""))
    raise AssertionError(f"{call}: nothing to refuse")


def _wrap(func: Callable[..., Any], label: str, bound: bool, base: ArgumentSpec | None = None,
          short: str | None = None) -> Callable[..., Any]:
    if getattr(func, _SPEC, None) is not None:
        return func
    spec = _spec(func, label, short or label, bound, base)
    keywords = None if spec.open_keywords else spec.keywords
    offset = 1 if bound else 0
    limit = None if spec.open_positions else spec.positional + offset
    required = spec.required

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        # A good call costs a set comparison, a length check and a look at each required name;
        # the diagnosis (_refuse) runs only when something is off.
        if (keywords is not None and not keywords.issuperset(kwargs)) or (limit is not None and len(args) > limit):
            _refuse(spec, args, kwargs)
        for name, position in required:
            if name not in kwargs and (position is None or position >= len(args) - offset):
                _refuse(spec, args, kwargs)
        return func(*args, **kwargs)

    setattr(checked, _SPEC, spec)
    return checked


def checked_arguments(target: F) -> F:
    """Refuse calls with unknown, missing or surplus arguments with a ``TableConfigError``.

    On a function: that function. On a class: its ``__init__`` (when the class defines one,
    a dataclass's generated one included) and every public function, static method and class
    method the class itself defines. Applied to each public construct and value object.
    """
    if isinstance(target, type):
        base = next((getattr(klass.__dict__["__init__"], _SPEC) for klass in target.__mro__[1:]
                     if "__init__" in klass.__dict__ and getattr(klass.__dict__["__init__"], _SPEC, None)), None)
        for name, member in list(vars(target).items()):
            if name != "__init__" and name.startswith("_"):
                continue
            if isinstance(member, staticmethod):
                setattr(target, name, staticmethod(_wrap(member.__func__, f"{target.__name__}.{name}", False)))
            elif isinstance(member, classmethod):
                setattr(target, name, classmethod(_wrap(member.__func__, f"{target.__name__}.{name}", True)))
            elif name == "__init__" and inspect.isfunction(member):
                setattr(target, name, _wrap(member, target.__name__, True, base))
            elif inspect.isfunction(member):
                setattr(target, name, _wrap(member, f"{target.__name__}.{name}", True, short=name))
        init = target.__dict__.get("__init__")
        if inspect.isfunction(init):
            # help() and inspect read a class's signature from its metaclass's __call__ when it has one
            # (jsii's constructs do: "(*args, **kwargs)"): give them __init__'s, without self.
            parameters = list(inspect.signature(init).parameters.values())[1:]
            target.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        return target
    return _wrap(target, target.__name__, False)  # type: ignore[return-value]


def is_checked(member: Any) -> bool:
    """Whether ``member`` (a function, or a static or class method) is wrapped by checked_arguments."""
    func = member.__func__ if isinstance(member, (staticmethod, classmethod)) else member
    return getattr(func, _SPEC, None) is not None
