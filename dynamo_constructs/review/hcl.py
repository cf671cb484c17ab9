"""A small evaluator for the HCL expressions cdktf writes inside ``${...}``.

cdktf renders ``Fn.jsonencode({...})`` as ``${jsonencode({"Version" = "2012-10-17", ...})}``,
while the same document written as a JSON string is plain text; Terraform evaluates both to
the same policy, so the review must too, or a refactor of how a policy is built reads as a
change. Supported: literals (strings with ``${}`` templates, numbers, booleans, null),
objects, tuples, references, and ``jsonencode``/``tostring``/``lower``/``upper``. Anything
else raises :class:`Unsupported` and the caller keeps the expression as opaque text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from .values import UNKNOWN, contains_unknown


class Unsupported(ValueError):
    """An expression outside the supported subset."""


_IDENT = re.compile(r"[A-Za-z_][\w-]*")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


class _Parser:
    def __init__(self, text: str, resolve: Callable[[str], Any]) -> None:
        self.text = text
        self.pos = 0
        self.resolve = resolve  # reference text -> literal, UNKNOWN, or a token string "${...}"

    def parse(self) -> Any:
        value = self.expression()
        self.space()
        if self.pos != len(self.text):
            raise Unsupported(f"unexpected {self.text[self.pos:self.pos + 10]!r}")
        return value

    def space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def peek(self) -> str:
        self.space()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise Unsupported(f"expected {char!r}")
        self.pos += 1

    def expression(self) -> Any:
        char = self.peek()
        if char == '"':
            return self.string()
        if char == "{":
            return self.object()
        if char == "[":
            return self.tuple()
        number = _NUMBER.match(self.text, self.pos)
        if number:
            self.pos = number.end()
            value = float(number.group(0))
            return int(value) if value.is_integer() else value
        ident = _IDENT.match(self.text, self.pos)
        if not ident:
            raise Unsupported(f"unexpected {self.text[self.pos:self.pos + 10]!r}")
        name = ident.group(0)
        self.pos = ident.end()
        if name in ("true", "false"):
            return name == "true"
        if name == "null":
            return None
        if self.peek() == "(":
            return self.call(name)
        return self.reference(ident.start())

    def reference(self, start: int) -> Any:
        while True:
            match = re.compile(r"\.[A-Za-z_*][\w-]*|\[\d+\]|\[\"[^\"]*\"\]").match(self.text, self.pos)
            if not match:
                break
            self.pos = match.end()
        return self.resolve(self.text[start:self.pos])

    def call(self, name: str) -> Any:
        self.expect("(")
        args = []
        while self.peek() != ")":
            args.append(self.expression())
            if self.peek() == ",":
                self.pos += 1
        self.expect(")")
        if len(args) != 1:
            raise Unsupported(f"{name} with {len(args)} arguments")
        arg = args[0]
        if contains_unknown(arg):
            return UNKNOWN
        if name == "jsonencode":
            return json.dumps(arg, separators=(",", ":"), sort_keys=True)
        if name == "tostring" and isinstance(arg, str):
            return arg
        if name in ("lower", "upper") and isinstance(arg, str) and "${" not in arg:
            return arg.lower() if name == "lower" else arg.upper()
        raise Unsupported(f"function {name}")

    def object(self) -> dict[str, Any]:
        self.expect("{")
        result: dict[str, Any] = {}
        while self.peek() != "}":
            if self.peek() == '"':
                key = self.string()
            else:
                ident = _IDENT.match(self.text, self.pos)
                if not ident:
                    raise Unsupported("object key")
                key, self.pos = ident.group(0), ident.end()
            if not isinstance(key, str) or "${" in key:
                raise Unsupported("computed object key")
            if self.peek() not in ("=", ":"):
                raise Unsupported("object without = or :")
            self.pos += 1
            result[key] = self.expression()
            if self.peek() == ",":
                self.pos += 1
        self.expect("}")
        return result

    def tuple(self) -> list[Any]:
        self.expect("[")
        items = []
        while self.peek() != "]":
            items.append(self.expression())
            if self.peek() == ",":
                self.pos += 1
        self.expect("]")
        return items

    def string(self) -> Any:
        self.expect('"')
        parts: list[Any] = []
        buffer: list[str] = []
        while True:
            if self.pos >= len(self.text):
                raise Unsupported("unterminated string")
            char = self.text[self.pos]
            if char == '"':
                self.pos += 1
                break
            if char == "\\":
                escaped = self.text[self.pos + 1:self.pos + 2]
                if escaped == "u":
                    buffer.append(chr(int(self.text[self.pos + 2:self.pos + 6], 16)))
                    self.pos += 6
                    continue
                buffer.append(_ESCAPES.get(escaped, escaped))
                self.pos += 2
                continue
            if self.text.startswith("$${", self.pos):
                buffer.append("${")
                self.pos += 3
                continue
            if self.text.startswith("${", self.pos):
                parts.append("".join(buffer))
                buffer = []
                self.pos += 2
                value = self.expression()
                self.expect("}")
                parts.append(value)
                continue
            if self.text.startswith("%{", self.pos):
                raise Unsupported("template directive")
            buffer.append(char)
            self.pos += 1
        parts.append("".join(buffer))
        if any(p is UNKNOWN for p in parts):
            return UNKNOWN
        if len(parts) == 3 and parts[0] == "" and parts[2] == "":
            return parts[1]  # "${x}" is x itself
        return "".join(p if isinstance(p, str) else json.dumps(p) for p in parts)


def evaluate(expression: str, resolve: Callable[[str], Any]) -> Any:
    """The value of ``expression`` (the text inside ``${...}``); raises Unsupported outside the subset."""
    return _Parser(expression, resolve).parse()
