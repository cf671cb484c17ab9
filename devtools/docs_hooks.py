"""MkDocs hooks (``mkdocs.yml``: ``hooks``) for ``make docs``: pages generated from the code.

* ``<!-- cli-help -->`` in a page becomes the ``--help`` of ``dynamo-constructs`` and of each of
  its subcommands, taken from the argparse parser itself, so the CLI page cannot drift.
* ``<!-- api-index -->`` becomes a table of every name in ``dynamo_constructs.__all__``: a link to
  its entry, its kind and the first paragraph of its docstring.
* ``<!-- readme: <heading> -->`` becomes that section of README.md (its sub-sections included, its
  heading made a level-2 one, its links into the repository and the README made absolute), so a guide page and the
  README say the same thing from one source; a heading that is not in the README fails the build.
* Every public name must be documented on exactly one page (a ``::: dynamo_constructs.<Name>``
  line); otherwise the build logs a warning, which ``--strict`` turns into a failed build. Names
  are documented through the package, not the module that defines them, so moving code between
  modules never breaks a page.

The hooks import ``dynamo_constructs`` (its ``__all__`` and CLI parser; no engine is started) and
read docstrings with griffe, the static analyser mkdocstrings uses.
"""

from __future__ import annotations

import argparse
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "dynamo_constructs"
CLI_MARKER = "<!-- cli-help -->"
INDEX_MARKER = "<!-- api-index -->"
README_MARKER = re.compile(r"^<!-- readme: (.+?) -->$", re.M)
HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
RELATIVE_LINK = re.compile(r"\]\((?!https?:|mailto:)([^)\s]+)\)")
DIRECTIVE = re.compile(rf"^:::\s+{PACKAGE}\.(\w+)\s*$", re.M)
HELP_WIDTH = 100

log = get_plugin_logger("dynamo_constructs")
_documented_on: dict[str, str] = {}  # public name -> the page (src path) that documents it


def public_names() -> list[str]:
    import dynamo_constructs

    return list(dynamo_constructs.__all__)


def documented_names(pages: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Which page documents each name (``::: dynamo_constructs.<Name>``), and the problems:
    names on no page, on two pages, or not public."""
    where: dict[str, list[str]] = defaultdict(list)
    for src, text in pages.items():
        for name in DIRECTIVE.findall(text):
            where[name].append(src)
    public = public_names()
    problems = [f"{PACKAGE}.{name} is public (in __all__) but on no page: add `::: {PACKAGE}.{name}` to one of "
                f"docs/reference/*.md" for name in public if name not in where]
    problems += [f"{PACKAGE}.{name} is documented on {len(srcs)} pages ({', '.join(sorted(srcs))}): keep one"
                 for name, srcs in sorted(where.items()) if len(srcs) > 1]
    problems += [f"{PACKAGE}.{name} is documented on {srcs[0]} but is not in {PACKAGE}.__all__"
                 for name, srcs in sorted(where.items()) if name not in public]
    return {name: srcs[0] for name, srcs in where.items()}, problems


def cli_help() -> str:
    """The help of ``dynamo-constructs`` and each subcommand, as Markdown."""
    from dynamo_constructs.cli import build_parser

    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(HELP_WIDTH)  # argparse wraps at the terminal's width: a fixed one here
    try:
        parser, _ = build_parser()
        sections = [("dynamo-constructs", parser)]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                sections += [(sub.prog, sub) for sub in action.choices.values()]
        return "\n\n".join(f"## `{prog}`\n\n```text\n{sub.format_help().rstrip()}\n```" for prog, sub in sections)
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


def api_index(documented: dict[str, str]) -> str:
    """A table of every public name: link, kind, summary (the docstring's first line)."""
    import griffe

    package = griffe.load(PACKAGE, search_paths=[str(ROOT)])
    rows = ["| name | kind | summary |", "| --- | --- | --- |"]
    for name in sorted(public_names(), key=str.lower):
        if name not in documented:
            continue  # reported as a warning already
        target = package[name]
        target = target.final_target if target.is_alias else target
        kind = {"class": "class", "function": "function", "attribute": "constant"}.get(target.kind.value, target.kind.value)
        if kind == "class" and any(str(base).endswith("Enum") for base in target.bases):
            kind = "enum"
        summary = target.docstring.value.strip().split("\n\n")[0].replace("\n", " ") if target.docstring else ""
        rows.append(f"| [`{name}`][{PACKAGE}.{name}] | {kind} | {summary.replace('|', '&#124;')} |")
    return "\n".join(rows)


def readme_section(readme: str, title: str, repo_url: str) -> str | None:
    """The README section headed ``title`` (to the next heading of its level or higher), re-levelled
    so that its heading is ``##``; relative links point into the repository. None when absent."""
    lines = readme.splitlines()
    start = level = None
    end = len(lines)
    in_fence = False
    for number, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        heading = None if in_fence else HEADING.match(line)
        if heading is None:
            continue
        if start is None and heading.group(2) == title:
            start, level = number, len(heading.group(1))
        elif start is not None and level is not None and len(heading.group(1)) <= level:
            end = number
            break
    if start is None or level is None:
        return None
    shift = level - 2
    section, in_fence = [], False
    for line in lines[start:end]:
        if FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else HEADING.match(line)
        section.append(line if heading is None else "#" * (len(heading.group(1)) - shift) + " " + heading.group(2))
    return RELATIVE_LINK.sub(lambda m: f"]({repository_link(repo_url, m.group(1))})", "\n".join(section).strip())


def repository_link(repo_url: str, target: str) -> str:
    """A README link made absolute: a file or folder of the repository, or an anchor in the README."""
    base = repo_url.rstrip("/")
    if target.startswith("#"):
        return f"{base}/blob/main/README.md{target}"
    return f"{base}/{'tree' if target.endswith('/') else 'blob'}/main/{target}"


def on_files(files: Files, config: Any) -> Files:
    pages = {file.src_uri: file.content_string for file in files.documentation_pages()}
    documented, problems = documented_names(pages)
    _documented_on.clear()
    _documented_on.update(documented)
    for problem in problems:
        log.warning(problem)
    return files


def on_page_markdown(markdown: str, page: Page, config: Any, files: Files) -> str:
    if CLI_MARKER in markdown:
        markdown = markdown.replace(CLI_MARKER, cli_help())
    if INDEX_MARKER in markdown:
        markdown = markdown.replace(INDEX_MARKER, api_index(_documented_on))
    if README_MARKER.search(markdown):
        readme = (ROOT / "README.md").read_text(encoding="utf-8")

        def include(match: re.Match[str]) -> str:
            section = readme_section(readme, match.group(1), config["repo_url"])
            if section is None:
                log.warning(f"{page.file.src_uri}: README.md has no section headed {match.group(1)!r}")
                return ""
            return section

        markdown = README_MARKER.sub(include, markdown)
    return markdown
