"""README.md is the package's page on the package index: its option tables are generated from the code
(``devtools/option_tables.py``) and must match it, and every link works off the repository (absolute, or
an anchor into the README itself)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from devtools import option_tables
from devtools.markdown_blocks import ROOT
from devtools.option_tables import OptionTableError

README = ROOT / "README.md"
LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\((?P<target><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+(?P<target>\S+)", re.M)
HTML = re.compile(r"<(?:a|img)\b[^>]*\b(?:href|src)=\"(?P<target>[^\"]+)\"", re.I)
FENCE = re.compile(r"^\s{0,3}(```|~~~).*?^\s{0,3}\1\s*$", re.M | re.S)
CODE = re.compile(r"(`+).+?\1", re.S)


def repository() -> str:
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    return str(urls["Homepage"]).rstrip("/")


def links(markdown: str) -> list[str]:
    """Every link target of a Markdown text (inline, reference definitions, HTML), code left out."""
    prose = CODE.sub("", FENCE.sub("", markdown))
    found = [m.group("target").strip("<>") for m in LINK.finditer(prose)]
    found += [m.group("target") for m in REFERENCE.finditer(prose)]
    return found + [m.group("target") for m in HTML.finditer(prose)]


def relative(targets: list[str]) -> list[str]:
    return [t for t in targets if not t.startswith(("https://", "http://", "mailto:", "#"))]


def test_the_link_scan_finds_every_kind_of_link() -> None:
    text = ("See [a](docs/a.md), ![b](img/b.png \"B\"), [c](#deploy), [d](https://x.org/d) and [e][1].\n\n"
            "[1]: examples/e/\n<a href=\"LICENSE\">l</a>\n\n```bash\n[not](a/link)\n```\nand `[nor](this)`\n")
    assert links(text) == ["docs/a.md", "img/b.png", "#deploy", "https://x.org/d", "examples/e/", "LICENSE"]
    assert relative(links(text)) == ["docs/a.md", "img/b.png", "examples/e/", "LICENSE"]


def test_every_readme_link_is_absolute_or_an_anchor() -> None:
    """A relative link breaks on the package index's page: point into the repository instead."""
    assert relative(links(README.read_text(encoding="utf-8"))) == []


def test_links_into_the_repository_name_files_that_exist() -> None:
    base = repository()
    inside = [t for t in links(README.read_text(encoding="utf-8")) if t.startswith(f"{base}/")]
    assert len(inside) >= 5
    paths = [re.sub(r"^(?:blob|tree)/main/", "", t.removeprefix(f"{base}/")).split("#")[0] for t in inside]
    assert [p for p in paths if p and not (ROOT / p).exists() and p != "issues"] == []


def test_the_readme_starts_with_what_it_is_and_how_to_install_it() -> None:
    text = README.read_text(encoding="utf-8")
    first_block = text.index("```")
    assert "Typed, validated constructs for Amazon DynamoDB" in text[:first_block]
    install = text[first_block:text.index("```", first_block + 3)]
    assert "pip install 'dynamo-constructs[cdktf]'" in install and "[cdktn]" in install and "migrate]" in install
    assert text.index("make synth") > text.index("pip install") and text.index("make test") < text.index("## ")


def test_the_readme_tables_match_the_code() -> None:
    """Run `make option-tables` after changing a signature or a docstring."""
    text = README.read_text(encoding="utf-8")
    assert option_tables.marked(text) == [("options", "Table"), ("attributes", "Table"), ("options", "JobsTable"),
                                          ("options", "AuditTrail"), ("options", "BudgetTracking"),
                                          ("options", "GlobalTable")]
    assert option_tables.render(text) == text


def test_a_table_is_regenerated_between_its_markers() -> None:
    text = ("Intro.\n\n<!-- BEGIN options: BudgetTracking (generated) -->\n| stale |\n<!-- END options: BudgetTracking -->\n"
            "\nMore.\n")
    rendered = option_tables.render(text)
    rows = rendered.split("-->\n", 1)[1].split("\n<!-- END", 1)[0].splitlines()
    assert rows[:2] == ["| option | type | default | what it does |", "| --- | --- | --- | --- |"]
    assert rows[2] == '| `table_name` | `str` | `"budget-tracking"` | The table\'s name. |'
    assert rows[3].startswith("| `**overrides` | `Any` |  | Any other `Table` argument")
    assert rendered.startswith("Intro.\n\n<!-- BEGIN options: BudgetTracking (generated) -->\n")
    assert rendered.endswith("<!-- END options: BudgetTracking -->\n\nMore.\n")
    assert option_tables.render(rendered) == rendered


def test_the_check_fails_on_drift_and_write_fixes_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("<!-- BEGIN attributes: TableGrant (generated) -->\n<!-- END attributes: TableGrant -->\n")
    assert option_tables.main(["--readme", str(readme)]) == 1
    assert "+| `has_policy` | `bool` | Whether the grant is an IAM policy" in capsys.readouterr().out
    assert option_tables.main(["--readme", str(readme), "--write"]) == 0
    assert option_tables.main(["--readme", str(readme)]) == 0
    assert "| `level` | `AccessLevel` | The access level granted. |" in readme.read_text()


@pytest.mark.parametrize(("text", "error"), [
    ("<!-- BEGIN options: Nowhere -->\n<!-- END options: Nowhere -->", "Nowhere: not a public class"),
    ("<!-- BEGIN options: Table -->\nno end", "1 marker(s) without their pair"),
])
def test_bad_markers_are_named(text: str, error: str) -> None:
    with pytest.raises(OptionTableError, match=re.escape(error)):
        option_tables.render(text)


def test_cells_are_markdown_a_table_can_hold() -> None:
    with pytest.raises(OptionTableError, match=r"w: a code span holds '\|'"):
        option_tables.markdown("Uses ``a|b``.", "w")
    assert option_tables.markdown(":class:`~x.Table`\n   and a | pipe, ``code``.", "w") == \
        "`x.Table` and a \\| pipe, `code`."
    assert option_tables.type_text("Sequence[Principal | str] | None") == "`Sequence[Union[Principal, str]]` or `None`"
    assert option_tables.type_text("bool | ContributorInsightsMode | str") == \
        "`bool`, `ContributorInsightsMode` or `str`"
    assert option_tables.split_default("The sort key.\n  Default: none.") == ("The sort key.", "none")
    assert option_tables.split_default("Default: the stack's.") == ("", "the stack's")
    assert option_tables.split_default("Keeps the default: none here.") == ("Keeps the default: none here.", None)
