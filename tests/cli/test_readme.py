"""Every ```python block in the READMEs (the examples' too) and in docs/ runs as written, on its own, in a
fresh folder, with no Node banner — or says on its first line that it is an excerpt of a file, and then
calls nothing that file does not (``devtools/markdown_blocks.py``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dynamo_constructs.node_runtime import SILENCE_END_OF_LIFE

import pytest

from devtools.markdown_blocks import ROOT, Block, excerpt_drift, python_blocks

BLOCKS = python_blocks()
RUNNABLE = [block for block in BLOCKS if block.excerpt_of is None]
EXCERPTS = [block for block in BLOCKS if block.excerpt_of is not None]
BANNER = "end-of-life"  # jsii's Node banner: "Node 20 is end-of-life and not supported anymore ..."


def test_the_markdown_has_python_examples_everywhere_it_should() -> None:
    files = {block.path.relative_to(ROOT).as_posix() for block in RUNNABLE}
    assert {"README.md", "docs/billing.md", "docs/encryption.md", "docs/replicas.md"} <= files
    assert len([block for block in RUNNABLE if block.path.name == "README.md"]) >= 5
    assert [block.path.relative_to(ROOT).as_posix() for block in EXCERPTS] == ["examples/tour/README.md"]


def test_python_blocks_are_plain_python_fences() -> None:
    """A ```python title=...``` or ```pycon``` block would be skipped by nothing and run by nothing: refused."""
    assert [block.where for block in BLOCKS if block.info != "python"] == []


@pytest.mark.parametrize("block", RUNNABLE, ids=lambda block: block.where)
def test_block_runs_in_a_fresh_folder(block: Block, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", SILENCE_END_OF_LIFE)}
    done = subprocess.run([sys.executable, "-c", block.code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, f"{block.where} failed:\n{block.code}\n{done.stderr[-3000:]}"
    assert BANNER not in done.stderr, f"{block.where} printed jsii's Node banner:\n{done.stderr[-3000:]}"
    if "app.synth()" in block.code:
        assert list((tmp_path / "cdktf.out" / "stacks").iterdir()), "the block synthesized a stack"


@pytest.mark.parametrize("block", EXCERPTS, ids=lambda block: block.where)
def test_excerpt_calls_only_what_its_file_calls(block: Block) -> None:
    assert excerpt_drift(block) == []
