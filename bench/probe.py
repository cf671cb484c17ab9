"""One measured process for bench/run.py: run one workload, then report its phases, jsii round
trips and peak memory as JSON.

Usage: probe.py MODE [N] REPORT_FILE, MODE one of
  synth      the app (main.py) on the engine of this interpreter / DYNAMO_CONSTRUCTS_ENGINE
  import     the bare prebuilt provider import (no dynamo_constructs, so no accelerator)
  ours N     N ``dynamo_constructs.Table``s in one stack      (bench/workloads.py)
  raw N      the same resources made directly from the bindings
  cdk N      the same tables in AWS CDK v2 (``TableV2``; needs .venv-bench-cdk)
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import resource
import runpy
import subprocess
import sys
import time
from importlib import import_module
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
PROVIDERS = {"cdktf": "cdktf_cdktf_provider_aws", "cdktn": "cdktn_provider_aws"}

import roundtrips  # noqa: E402  - bench/ is on the path only from here on

results: dict[str, Any] = {}


def report(report_file: str) -> None:
    # Registered before jsii starts its kernel, so this runs after jsii's own exit hook has
    # stopped and reaped the node process: RUSAGE_CHILDREN then covers it.
    Path(report_file).write_text(json.dumps({
        "python_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "node_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        **results,
    }))


def patient_kernel_stop() -> None:
    """Let node exit on its own at the end (jsii waits 5 s, then terminates it unreaped on a busy
    machine, and its peak memory is lost): ask it to exit and wait up to a minute first."""
    from jsii._kernel.providers.process import _NodeProcess

    original = _NodeProcess.stop

    def stop(self: Any) -> None:
        process = getattr(self, "_process", None)
        if process is not None and process.stdin is not None and not process.stdin.closed:
            process.stdin.write(b'{"exit":0}\n')
            process.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=60)
        original(self)

    _NodeProcess.stop = stop  # type: ignore[method-assign]


def tables(mode: str, count: int, outdir: Path) -> None:
    """Import, build, synth: each phase timed, round trips counted per phase."""
    import workloads

    start = time.perf_counter()
    if mode == "cdk":
        import_module("aws_cdk.aws_dynamodb")
    else:
        import dynamo_constructs  # noqa: F401  - turns the accelerator on first
    imported, after_import = time.perf_counter(), roundtrips.snapshot()
    if mode == "cdk":
        app, _ = workloads.aws_cdk(count, outdir)
    else:
        app, stack = workloads.stack_with_provider(outdir)
        (workloads.ours if mode == "ours" else workloads.raw)(stack, count)
    built, after_build = time.perf_counter(), roundtrips.snapshot()
    app.synth()
    done, after_synth = time.perf_counter(), roundtrips.snapshot()
    results.update(import_s=imported - start, build_s=built - imported, synth_s=done - built,
                   rt_import=after_import, rt_build=after_build, rt_synth=after_synth)


def main(argv: list[str]) -> None:
    mode, report_file = argv[0], argv[-1]
    atexit.register(report, report_file)
    roundtrips.install()
    patient_kernel_stop()
    start = time.perf_counter()
    if mode == "synth":
        runpy.run_path(str(ROOT / "main.py"), run_name="__main__")
    elif mode == "import":
        engine = os.environ.get("DYNAMO_CONSTRUCTS_ENGINE", "cdktf")
        import_module(PROVIDERS[engine])
    elif mode in ("ours", "raw", "cdk"):
        tables(mode, int(argv[1]), Path(report_file).with_suffix(".out"))
    else:
        raise SystemExit(f"unknown mode {mode}")
    results["work_s"] = time.perf_counter() - start
    results["rt_total"] = roundtrips.snapshot()


if __name__ == "__main__":
    main(sys.argv[1:])
