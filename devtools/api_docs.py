"""The public API's documentation, read the way the reference reads it: every name in
``dynamo_constructs.__all__``, its docstring, and the Google-style ``Args:`` of every callable a user
reaches through it — parsed by griffe, the analyser mkdocstrings renders the API reference with.

The arguments themselves come from ``inspect.signature`` (what a caller can pass, also for the
constructs, whose signature ``checked_arguments`` exposes); the module-level values (``DEV``, ...)
and instance attributes are read statically by griffe, as the reference reads them (a docstring
after the assignment, or the class's ``Attributes:`` section).

``missing()`` lists what lacks documentation: ``tests/devtools/test_api_docs.py`` requires it empty,
and ``devtools/option_tables.py`` builds the README's option tables from the same parsing.
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "dynamo_constructs"
# The construct convention: ``scope`` and ``id_`` of a construct (or of a method that makes one) are
# the construct tree's, the same everywhere, and documented once on the reference's index page.
CONSTRUCT_PARAMETERS = ("scope", "id_")
FENCED = re.compile(r"```python\n(?P<code>.*?)```", re.S)


@dataclass(frozen=True)
class Documented:
    """One callable a user reaches: ``label`` (``Table.grant``), the function (or class), and whether its
    first parameter is ``self``/``cls``."""

    label: str
    target: Callable[..., Any]
    bound: bool


def public() -> dict[str, Any]:
    """name -> object, for every name in ``dynamo_constructs.__all__``."""
    import dynamo_constructs

    return {name: getattr(dynamo_constructs, name) for name in dynamo_constructs.__all__}


def sections(docstring: str | None) -> list[Any]:
    """The docstring's Google-style sections, as griffe parses them for the reference."""
    import griffe

    if not docstring:
        return []
    return list(griffe.Docstring(inspect.cleandoc(docstring)).parse("google", warn_missing_types=False, warnings=False))


def section_items(docstring: str | None, kind: str) -> dict[str, str]:
    """name -> description of an ``Args:`` (``parameters``) or ``Attributes:`` (``attributes``) section;
    ``**overrides`` is listed as ``overrides``."""
    found: dict[str, str] = {}
    for section in sections(docstring):
        if section.kind.value == kind:
            found.update({item.name.lstrip("*"): item.description for item in section.value})
    return found


def argument_docs(target: Any) -> dict[str, str]:
    """name -> description, from the ``Args:`` of a function's docstring or a class's (the reference
    merges ``__init__`` into the class)."""
    return section_items(target.__doc__, "parameters")


def examples(docstring: str | None) -> list[str]:
    """The python code of a docstring's ``Example:``/``Examples:`` sections."""
    return [match.group("code") for section in sections(docstring) if section.kind.value in ("admonition", "examples")
            for match in FENCED.finditer(_text(section.value))]


def _text(value: Any) -> str:
    return str(getattr(value, "contents", value))


def parameters(target: Any, *, bound: bool = False) -> list[inspect.Parameter]:
    """The arguments a caller passes (``self``/``cls`` and the construct's ``scope``/``id_`` left out)."""
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return []
    params = list(signature.parameters.values())[1 if bound else 0:]
    names = {p.name for p in params}
    return [p for p in params if not ("scope" in names and p.name in CONSTRUCT_PARAMETERS)]


def has_public_constructor(klass: type) -> bool:
    """Whether users call the class itself: not an enum, not a closed value (made only through its
    named constructors)."""
    from dynamo_constructs._values import ClosedValue

    return not issubclass(klass, (enum.Enum, ClosedValue))


def own_classes(klass: type) -> list[type]:
    """The class and its bases that belong to the package (where its public members are defined)."""
    return [k for k in klass.__mro__ if k.__module__.startswith(PACKAGE)]


def callables(name: str, obj: Any) -> Iterator[Documented]:
    """Every function, class constructor and method reachable through the public name ``name``;
    a member inherited from a package class is labelled where it is defined (``TableBase.grant``)."""
    if not isinstance(obj, type):
        if callable(obj):
            yield Documented(name, obj, False)
        return
    if has_public_constructor(obj):
        yield Documented(name, obj, False)
    for klass in own_classes(obj):
        owner = name if klass is obj else klass.__name__
        for member, value in vars(klass).items():
            if member.startswith("_"):
                continue
            if isinstance(value, staticmethod):
                yield Documented(f"{owner}.{member}", value.__func__, False)
            elif isinstance(value, classmethod):
                yield Documented(f"{owner}.{member}", value.__func__, True)
            elif inspect.isfunction(value):
                yield Documented(f"{owner}.{member}", value, True)


def properties(klass: type) -> dict[str, property]:
    """The public properties of a class, its package bases' included (the class's own override first)."""
    found: dict[str, property] = {}
    for owner in reversed(own_classes(klass)):
        for member, value in vars(owner).items():
            if isinstance(value, property) and not member.startswith("_"):
                found[member] = value
    return found


def property_owner(klass: type, member: str) -> type:
    return next(k for k in own_classes(klass) if member in vars(k))


def dataclass_fields(klass: type) -> set[str]:
    return {f.name for f in dataclasses.fields(klass)} if dataclasses.is_dataclass(klass) else set()


@cache
def _static_package() -> Any:
    import griffe

    return griffe.load(PACKAGE, search_paths=[str(ROOT)])


def static(name: str) -> Any:
    """The griffe object of a public name (the alias followed)."""
    target = _static_package()[name]
    return target.final_target if target.is_alias else target


def instance_attributes(klass: type) -> dict[str, tuple[str, str | None]]:
    """name -> (the class that sets it, its docstring) of the public attributes a class's instances
    get (not properties, not dataclass fields; enum members and class constants included), from its
    package classes; an entry in the ``Attributes:`` section of that class's docstring documents one too."""
    found: dict[str, tuple[str, str | None]] = {}
    for owner in reversed(own_classes(klass)):
        try:
            griffe_class = static(owner.__name__) if owner.__name__ in public() else None
        except KeyError:
            griffe_class = None
        if griffe_class is None:
            continue
        fields = dataclass_fields(owner)
        for member, value in griffe_class.members.items():
            if member.startswith("_") or member in fields or value.is_alias or value.kind.value != "attribute":
                continue
            if "property" not in value.labels:
                listed = section_items(owner.__doc__, "attributes").get(member)
                found[member] = (owner.__name__, value.docstring.value if value.docstring else listed)
    return found


def missing(namespace: Mapping[str, Any] | None = None) -> list[str]:
    """What a user cannot look up: public names, constructors, methods, properties and attributes
    without a docstring, arguments the ``Args:`` section does not describe, and ``Args:`` entries for
    arguments that do not exist. ``namespace``: name -> object (default: the package's ``__all__``)."""
    problems: list[str] = []
    seen: set[str] = set()
    for name, obj in (public() if namespace is None else namespace).items():
        if not isinstance(obj, type) and not callable(obj):
            if static(name).docstring is None:
                problems.append(f"{name}: no docstring (a string literal right after the assignment)")
            continue
        if not obj.__doc__ or not obj.__doc__.strip():
            problems.append(f"{name}: no docstring")
        for item in callables(name, obj):
            if item.label in seen:
                continue
            seen.add(item.label)
            if item.target is not obj and not (item.target.__doc__ or "").strip():
                problems.append(f"{item.label}: no docstring")
                continue
            documented = argument_docs(item.target)
            given = parameters(item.target, bound=item.bound)
            where = f"{item.label}()" if item.target is obj else item.label
            problems += [f"{where}: argument {p.name!r} is not in the docstring's Args" for p in given
                         if p.name not in documented]
            problems += [f"{where}: the docstring's Args describe {name!r}, which it does not take" for name in documented
                         if name not in {p.name for p in given}]
        if isinstance(obj, type):
            for member, prop in properties(obj).items():
                label = f"{property_owner(obj, member).__name__}.{member}"
                if label not in seen:
                    seen.add(label)
                    if not (prop.__doc__ or "").strip():
                        problems.append(f"{label}: property without a docstring")
            for member, (owner, doc) in instance_attributes(obj).items():
                label = f"{owner}.{member}"
                if label not in seen:
                    seen.add(label)
                    if not doc:
                        problems.append(f"{label}: attribute without a docstring (or an entry in the class's "
                                        "Attributes:)")
    return problems


def all_examples() -> list[tuple[str, str]]:
    """(where, code) of every ``Example:`` in the public docstrings."""
    found: list[tuple[str, str]] = []
    seen: set[int] = set()
    for name, obj in public().items():
        targets: list[tuple[str, Any]] = [(item.label, item.target) for item in callables(name, obj)]
        if isinstance(obj, type):
            targets.insert(0, (name, obj))
            targets += [(f"{name}.{m}", p) for m, p in properties(obj).items()]
        for label, target in targets:
            if id(target) in seen:
                continue
            seen.add(id(target))
            found += [(label, code) for code in examples(target.__doc__)]
    return found


if __name__ == "__main__":
    print("\n".join(missing()) or "every public name, argument and attribute is documented")
