"""``make test``'s lane runner: a failed deploy lane also shows the shared emulator's error answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools.emulator.process import ERROR_LINE
from devtools.lanes import print_emulator_errors


def test_a_failed_deploy_lane_shows_the_emulators_last_error_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "emulator-shared.log"
    answers = [f"{ERROR_LINE} 400 BAD REQUEST to DynamoDB_20120810.UpdateTable: reason {n}" for n in range(25)]
    log.write_text("\n".join(['127.0.0.1 - - [05/Dec/2026 05:19:44] "POST / HTTP/1.1" 400 -', *answers]) + "\n")
    print_emulator_errors(log, count=3)
    printed = capsys.readouterr().out.splitlines()
    assert printed[1:] == [f"    {line}" for line in answers[-3:]]
    assert "last 3 error answers" in printed[0]
    print_emulator_errors(tmp_path / "missing.log")
    assert capsys.readouterr().out == ""
