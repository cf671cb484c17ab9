"""The fenced code blocks of the repository's Markdown (READMEs, docs/), for the tests that run them
and for ``make release-check``, which runs the README's Quick start against the built wheel.

Every ``python`` block runs as written, on its own, unless its first line says it is an excerpt:
``# excerpt of <file>`` (a path from the repository root). An excerpt is checked instead: it
parses, and every function or class it calls, with every keyword argument it passes, is called so
in that file — so an excerpt cannot drift from the code it shows.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
HEADING = re.compile(r"^#{1,6} (?P<title>.+?)\s*$")
EXCERPT = re.compile(r"^# excerpt of (?P<path>\S+)\s*$")
PYTHON_INFOS = ("python", "py", "python3", "pycon")


@dataclass(frozen=True)
class Block:
    """One fenced block: where it is, its info string, the heading it sits under, its text."""

    path: Path
    line: int  # of the opening fence, from 1
    info: str
    section: str
    code: str

    @property
    def where(self) -> str:
        return f"{_shown(self.path)}:{self.line}"

    @property
    def is_python(self) -> bool:
        return self.info.split(" ", 1)[0].lower() in PYTHON_INFOS

    @property
    def excerpt_of(self) -> Path | None:
        """The file this block is an excerpt of, when its first line says so."""
        match = EXCERPT.match(self.code.split("\n", 1)[0])
        return ROOT / match.group("path") if match else None


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def markdown_files() -> list[Path]:
    """The Markdown whose python blocks must run: the READMEs (the examples' too) and docs/."""
    return [ROOT / "README.md", *sorted((ROOT / "examples").glob("*/README.md")), *sorted((ROOT / "docs").rglob("*.md"))]


def blocks(path: Path) -> list[Block]:
    found: list[Block] = []
    section = ""
    opening: re.Match[str] | None = None
    start = 0
    body: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fence = FENCE.match(line)
        if opening is None:
            heading = HEADING.match(line)
            if heading is not None:
                section = heading.group("title")
            elif fence is not None:
                opening, start, body = fence, number, []
        elif fence is not None and fence.group("fence")[0] == opening.group("fence")[0] \
                and len(fence.group("fence")) >= len(opening.group("fence")) and not fence.group("info").strip():
            found.append(Block(path, start, opening.group("info").strip(), section, "\n".join(body) + "\n"))
            opening = None
        else:
            body.append(line[len(opening.group("indent")):] if line.startswith(opening.group("indent")) else line)
    return found


def python_blocks(paths: list[Path] | None = None) -> list[Block]:
    return [block for path in (paths or markdown_files()) for block in blocks(path) if block.is_python]


def section_block(path: Path, heading_prefix: str) -> Block:
    """The first python block under the heading that starts with ``heading_prefix``."""
    for block in python_blocks([path]):
        if block.section.startswith(heading_prefix):
            return block
    raise LookupError(f"{path.name} has no python block under a heading starting with {heading_prefix!r}")


def _calls(tree: ast.AST) -> dict[str, set[str]]:
    """Called name (the last part: ``Table``, ``grant_read_data``) -> keyword arguments passed to it."""
    calls: dict[str, set[str]] = defaultdict(set)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name is not None:
                calls[name].update(k.arg for k in node.keywords if k.arg is not None)
    return calls


def excerpt_drift(block: Block) -> list[str]:
    """What the excerpt calls that its file does not (empty: the excerpt matches its file)."""
    source = block.excerpt_of
    if source is None:
        return [f"{block.where}: not an excerpt"]
    if not source.is_file():
        return [f"{block.where}: the excerpt's file {_shown(source)} does not exist"]
    shown = _calls(ast.parse(block.code))
    actual = _calls(ast.parse(source.read_text(encoding="utf-8")))
    problems = [f"{block.where}: {name}(...) is not called in {_shown(source)}" for name in shown
                if name not in actual]
    problems += [f"{block.where}: {name}(..., {keyword}=...) is not called so in {_shown(source)}"
                 for name, keywords in shown.items() if name in actual for keyword in sorted(keywords - actual[name])]
    return problems
