"""Helpers for the import accelerator's tests (tests/cli/test_fast_import*.py): each case runs in a
fresh Python process, since the accelerator acts at import time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT

TIMEOUT = 300
SYNTH = f"import runpy; runpy.run_path({str(ROOT / 'main.py')!r}, run_name='__main__')\n"
# Reports, at the very end of the process (registered before the engine starts, so it runs after
# jsii's own exit hook has stopped and reaped the node process), the peak memory of node and the
# accelerator's status.
REPORT = """import atexit, json, resource, sys
def _report():
    from dynamo_constructs import fast_import
    print("REPORT " + json.dumps({
        "node_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "provider_submodules": sum(1 for m in sys.modules if m.startswith(fast_import.PACKAGE + ".")),
        **fast_import.status()}))
atexit.register(_report)
"""


def run_python(code: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -c code`` in ``cwd`` with the repository importable; it must succeed."""
    full_env = {**os.environ, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20", "PYTHONPATH": str(ROOT), **(env or {})}
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=TIMEOUT, check=False)
    assert done.returncode == 0, f"python failed:\n{done.stderr[-4000:]}"
    return done


def report_of(done: subprocess.CompletedProcess[str] | str) -> dict[str, object]:
    """The REPORT line's data, from a finished run or its standard output."""
    stdout = done if isinstance(done, str) else done.stdout
    line = next(line for line in stdout.splitlines() if line.startswith("REPORT "))
    return json.loads(line.removeprefix("REPORT "))  # type: ignore[no-any-return]


def stack_files(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.json"))}
