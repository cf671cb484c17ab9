"""Shared entry point of the examples: synthesize into the example's own cdktf.out/."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

from cdktf import App


def synth_example(main_file: str, build: Callable[[App], object]) -> None:
    app = App(outdir=str(Path(main_file).resolve().parent / "cdktf.out"))
    build(app)
    app.synth()
