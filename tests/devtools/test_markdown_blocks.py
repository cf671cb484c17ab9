"""The Markdown code blocks the README test and ``make release-check`` run: fences, sections, excerpts."""

from __future__ import annotations

from pathlib import Path

from devtools.markdown_blocks import ROOT, Block, blocks, excerpt_drift, python_blocks, section_block

PAGE = """# Title

```bash
# not a heading: a comment in a shell block
make docs
```

## Quick start

````markdown
```python
print("inside a longer fence: not a block of its own")
```
````

```python
print("quick")
```

### Later

  ```python
  print("indented fence")
  ```
"""


def test_blocks_with_their_sections_and_fences(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(PAGE)
    found = [(b.line, b.info, b.section, b.code) for b in blocks(page)]
    assert found == [
        (3, "bash", "Title", "# not a heading: a comment in a shell block\nmake docs\n"),
        (10, "markdown", "Quick start", '```python\nprint("inside a longer fence: not a block of its own")\n```\n'),
        (16, "python", "Quick start", 'print("quick")\n'),
        (22, "python", "Later", 'print("indented fence")\n'),
    ]
    assert section_block(page, "Quick").code == 'print("quick")\n'
    assert [b.line for b in python_blocks([page])] == [16, 22]


def block(code: str) -> Block:
    return Block(ROOT / "README.md", 1, "python", "", code)


def test_an_excerpt_that_matches_its_file_passes() -> None:
    assert excerpt_drift(block('# excerpt of examples/tour/main.py\n'
                               'GlobalTable(stack, "carts", ..., consistency="STRONG", witness_region="us-west-2")\n')) == []


def test_an_excerpt_that_drifted_from_its_file_is_named() -> None:
    drifted = block('# excerpt of examples/tour/main.py\n'
                    'GlobalTable(stack, "carts", consistency="STRONG", witness="us-west-2")\nTableImport(stack, "x")\n')
    assert excerpt_drift(drifted) == [
        "README.md:1: TableImport(...) is not called in examples/tour/main.py",
        "README.md:1: GlobalTable(..., witness=...) is not called so in examples/tour/main.py",
    ]
    assert excerpt_drift(block("# excerpt of examples/nowhere.py\nx()\n")) == [
        "README.md:1: the excerpt's file examples/nowhere.py does not exist"]
