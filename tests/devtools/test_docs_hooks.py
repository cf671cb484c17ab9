"""The docs site's generated parts (``devtools/docs_hooks.py``): README sections, the public-name
coverage of the reference, the CLI page. ``make docs`` builds the whole site with --strict."""

from __future__ import annotations

import dynamo_constructs
from dynamo_constructs.cli import build_parser

from devtools import docs_hooks

REPO = "https://github.com/o/r"
README = """# Project

Intro.

## Quick start

Run [the example](examples/tour/) or see [Deploy](#deploy) and [the site](https://example.com/x).

```bash
# a comment, not a heading
```

### Detail

More.

## Deploy

Elsewhere.
"""


def test_a_readme_section_is_relevelled_with_absolute_links() -> None:
    assert docs_hooks.readme_section(README, "Quick start", REPO) == (
        "## Quick start\n\n"
        "Run [the example](https://github.com/o/r/tree/main/examples/tour/) or see "
        "[Deploy](https://github.com/o/r/blob/main/README.md#deploy) and [the site](https://example.com/x).\n\n"
        "```bash\n# a comment, not a heading\n```\n\n"
        "### Detail\n\nMore."
    )
    assert docs_hooks.readme_section(README, "Detail", REPO) == "## Detail\n\nMore."
    assert docs_hooks.readme_section(README, "Gone", REPO) is None


def test_every_public_name_is_documented_once() -> None:
    public = dynamo_constructs.__all__
    pages = {"reference/a.md": "\n".join(f"::: dynamo_constructs.{name}" for name in public[1:]),
             "reference/b.md": f"::: dynamo_constructs.{public[1]}\n::: dynamo_constructs.NotPublic\n"}
    where, problems = docs_hooks.documented_names(pages)
    assert where[public[2]] == "reference/a.md"
    assert problems == [
        f"dynamo_constructs.{public[0]} is public (in __all__) but on no page: add `::: dynamo_constructs.{public[0]}` "
        "to one of docs/reference/*.md",
        f"dynamo_constructs.{public[1]} is documented on 2 pages (reference/a.md, reference/b.md): keep one",
        "dynamo_constructs.NotPublic is documented on reference/b.md but is not in dynamo_constructs.__all__",
    ]


def test_the_docs_reference_covers_the_package() -> None:
    pages = {path.relative_to(docs_hooks.ROOT / "docs").as_posix(): path.read_text()
             for path in (docs_hooks.ROOT / "docs").rglob("*.md")}
    assert docs_hooks.documented_names(pages)[1] == []


def test_the_cli_page_is_every_subcommands_help() -> None:
    text = docs_hooks.cli_help()
    parser, _ = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## `dynamo-constructs`", *(f"## `dynamo-constructs {name}`" for name in commands)]
    assert "usage: dynamo-constructs review [-h] [--json] [--title TITLE] before after" in text
