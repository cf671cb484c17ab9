"""``make help`` prints the values of the variables the targets' descriptions mention, not ``$(NAME)``."""

from __future__ import annotations

import subprocess

from tests.support.paths import ROOT


def make_help(*variables: str) -> str:
    return subprocess.run(["make", "--no-print-directory", "help", *variables], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=True).stdout


def emulator_line(*variables: str) -> list[str]:
    return [line for line in make_help(*variables).splitlines() if line.startswith("  make emulator ")]


def test_help_shows_real_values() -> None:
    assert "$(" not in make_help()
    assert emulator_line() == ["  make emulator         Run the local AWS emulator on 127.0.0.1:4566 in the foreground"]


def test_help_shows_the_values_given() -> None:
    assert emulator_line("PORT=5001") == ["  make emulator         Run the local AWS emulator on 127.0.0.1:5001 in the foreground"]
