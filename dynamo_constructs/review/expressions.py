"""References inside Terraform JSON strings: ``"${aws_kms_key.k.arn}"``, ``"table/${aws_x.t.name}"``,
``"${jsonencode({...aws_x.t.arn...})}"``.

Only what the review needs: find each ``${...}`` interpolation, find the resource references in
it (outside quoted strings), and rebuild the string with each reference replaced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .values import UNKNOWN

_REFERENCE = re.compile(
    r"(?<![\w.\]])((?:data\.)?[A-Za-z_][\w-]*(?:\.[A-Za-z_*][\w-]*|\[\d+\]|\[\"[^\"]*\"\]|\[\*\])+)")
_NOT_RESOURCES = {"var", "local", "module", "each", "count", "path", "terraform", "self"}


@dataclass(frozen=True)
class Reference:
    """``type.name`` (a managed resource, or ``data.type.name``) and the attribute path after it."""

    text: str
    address: str
    path: tuple[str | int, ...]
    data: bool = False

    def with_address(self, address: str) -> Reference:
        return Reference(render(address, self.path), address, self.path, self.data)


def render(address: str, path: tuple[str | int, ...]) -> str:
    parts = [address]
    for segment in path:
        parts.append(f"[{segment}]" if isinstance(segment, int) else f".{segment}")
    return "".join(parts)


def _split_path(text: str) -> list[str | int]:
    segments: list[str | int] = []
    for match in re.finditer(r"\.([A-Za-z_*][\w-]*)|\[(\d+)\]|\[\"([^\"]*)\"\]|\[\*\]", text):
        if match.group(1) is not None:
            segments.append(match.group(1))
        elif match.group(2) is not None:
            segments.append(int(match.group(2)))
        elif match.group(3) is not None:
            segments.append(match.group(3))
        else:
            segments.append("*")
    return segments


def parse_reference(text: str) -> Reference | None:
    """A resource reference (``aws_x.y.attr[0].sub``), or None for var./local./functions and the like."""
    head = re.match(r"(data\.)?([A-Za-z_][\w-]*)", text)
    if head is None:
        return None
    data = head.group(1) is not None
    rtype = head.group(2)
    rest = _split_path(text[head.end():])
    if rtype in _NOT_RESOURCES and not data:
        return None
    if not rest or not isinstance(rest[0], str) or rest[0] == "*":
        return None
    address = f"{'data.' if data else ''}{rtype}.{rest[0]}"
    return Reference(text, address, tuple(rest[1:]), data)


def interpolations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each ``${...}`` (end exclusive, braces included); ``$${`` is an escape."""
    spans: list[tuple[int, int]] = []
    i = 0
    while True:
        start = text.find("${", i)
        if start < 0:
            return spans
        if start > 0 and text[start - 1] == "$":
            i = start + 2
            continue
        depth, j, quoted = 0, start + 2, False
        while j < len(text):
            ch = text[j]
            if quoted:
                if ch == "\\":
                    j += 1
                elif ch == '"':
                    quoted = False
            elif ch == '"':
                quoted = True
            elif ch == "{":
                depth += 1
            elif ch == "}":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        if j >= len(text):
            return spans  # unterminated: treat the rest as text
        spans.append((start, j + 1))
        i = j + 1


def references_in(expression: str) -> list[tuple[int, int, Reference]]:
    """References in one expression (the text between ``${`` and ``}``), skipping quoted strings."""
    found: list[tuple[int, int, Reference]] = []
    quoted_spans = [m.span() for m in re.finditer(r'"(?:[^"\\]|\\.)*"', expression)]
    for match in _REFERENCE.finditer(expression):
        if any(a <= match.start() < b for a, b in quoted_spans):
            continue
        reference = parse_reference(match.group(1))
        if reference is not None:
            found.append((match.start(), match.end(), reference))
    return found


def all_references(value: Any) -> list[Reference]:
    """Every resource reference anywhere in a configuration value."""
    found: list[Reference] = []
    if isinstance(value, str):
        for start, end in interpolations(value):
            found.extend(ref for _, _, ref in references_in(value[start + 2:end - 1]))
    elif isinstance(value, dict):
        for item in value.values():
            found.extend(all_references(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(all_references(item))
    return found


_OPAQUE = object()


def _evaluate(expression: str, resolve: Callable[[Reference], Any]) -> Any:
    """The expression's value (hcl subset), or _OPAQUE when it is outside what the review evaluates."""
    from .hcl import Unsupported, evaluate

    def resolve_text(text: str) -> Any:
        reference = parse_reference(text)
        if reference is None:
            return "${" + text + "}"
        value = resolve(reference)
        return "${" + value.text + "}" if isinstance(value, Reference) else value

    try:
        return evaluate(expression, resolve_text)
    except (Unsupported, ValueError, IndexError):
        return _OPAQUE


def substitute(text: str, resolve: Callable[[Reference], Any]) -> Any:
    """``text`` with every reference resolved.

    ``resolve`` returns a literal value, UNKNOWN, or a Reference (a stable value that is only known
    by name, such as an ARN). A string that is one bare reference becomes the resolved value itself
    (of any type); any unknown part makes the whole string unknown.
    """
    spans = interpolations(text)
    if not spans:
        return text
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        expression = text[start + 2:end - 1]
        refs = references_in(expression)
        bare = len(refs) == 1 and refs[0][0] == len(expression) - len(expression.lstrip()) \
            and refs[0][1] == len(expression.rstrip())
        if bare:
            value = resolve(refs[0][2])
            if value is UNKNOWN:
                return UNKNOWN
            if len(spans) == 1 and start == 0 and end == len(text):
                return "${" + value.text + "}" if isinstance(value, Reference) else value
            if isinstance(value, Reference):
                pieces.append("${" + value.text + "}")
            else:
                pieces.append(value if isinstance(value, str) else json.dumps(value, sort_keys=True))
        else:
            evaluated = _evaluate(expression, resolve)
            if evaluated is UNKNOWN:
                return UNKNOWN
            if evaluated is not _OPAQUE:
                if len(spans) == 1 and start == 0 and end == len(text):
                    return evaluated
                pieces.append(evaluated if isinstance(evaluated, str) else json.dumps(evaluated, sort_keys=True))
                cursor = end
                continue
            rebuilt: list[str] = []
            inner = 0
            for ref_start, ref_end, ref in refs:
                value = resolve(ref)
                if value is UNKNOWN:
                    return UNKNOWN
                rebuilt.append(expression[inner:ref_start])
                rebuilt.append(value.text if isinstance(value, Reference) else json.dumps(value, sort_keys=True))
                inner = ref_end
            rebuilt.append(expression[inner:])
            pieces.append("${" + "".join(rebuilt) + "}")
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


_LIVE_CAPACITY = re.compile(r"\bi\.(read|write)_capacity\b")
_AT_LEAST = re.compile(r",\s*(\d+)\s*\)\s*\}\s*$")


def describe(text: str, limit: int = 80) -> str:
    """A value holding ``${...}`` in words, for a reason line: a short template stays as written
    (``"table/${aws_x.t.name}"``); a bare reference is "the arn of aws_kms_key.k"; the library's
    live index capacity is "the index's live read capacity, read at plan time (at least 5)";
    anything longer names what it reads (data sources at plan time, resources) instead of
    printing a cut-off expression."""
    spans = interpolations(text)
    refs = [ref for start, end in spans for _, _, ref in references_in(text[start + 2:end - 1])]
    whole = len(spans) == 1 and spans[0] == (0, len(text))
    if whole and len(refs) == 1 and text[2:-1].strip() == refs[0].text:
        ref = refs[0]
        attribute = render("", ref.path).lstrip(".") or "id"
        return f"the {attribute} of {ref.address}"
    calls = any("(" in text[start:end] for start, end in spans)
    if not calls and len(text) + 2 <= limit:
        return json.dumps(text, ensure_ascii=False)
    capacity = _LIVE_CAPACITY.search(text)
    if capacity and any(ref.data for ref in refs):
        minimum = _AT_LEAST.search(text)
        floor = f" (at least {minimum.group(1)})" if minimum else ""
        return f"the index's live {capacity.group(1)} capacity, read at plan time{floor}"
    names = list(dict.fromkeys(render(ref.address, ref.path) for ref in refs))
    listed = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    if any(ref.data for ref in refs):
        return f"a value read at plan time from {listed}"
    return f"an expression of {listed}" if names else "a Terraform expression"
