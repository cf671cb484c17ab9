"""One measured process for bench/run.py: run a workload, then report peak memory.

Usage: probe.py (synth|import|tables N) REPORT_FILE
"""

from __future__ import annotations

import atexit
import json
import os
import resource
import runpy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
mode, report_file = sys.argv[1], sys.argv[-1]
timings: dict[str, float] = {}


def report() -> None:
    # Registered before jsii starts its kernel, so this runs after jsii's own exit hook has
    # stopped and reaped the node process: RUSAGE_CHILDREN then covers it.
    Path(report_file).write_text(json.dumps({
        "python_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "node_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        **timings,
    }))


atexit.register(report)

if mode == "synth":
    runpy.run_path(str(ROOT / "main.py"), run_name="__main__")
elif mode == "import":
    import cdktf_cdktf_provider_aws  # noqa: F401  - the bare prebuilt provider import
elif mode == "tables":
    count = int(sys.argv[2])
    start = time.perf_counter()
    from cdktf import App, TerraformStack

    import dynamo_constructs as dc

    imported = time.perf_counter()
    app = App(outdir=str(Path(report_file).with_suffix(".out")))
    stack = TerraformStack(app, "bench")
    dc.aws_provider(stack, "us-east-1")
    for i in range(count):
        dc.Table(stack, f"t{i}", partition_key=dc.Attribute.string("pk"), sort_key=dc.Attribute.string("sk"),
                 global_indexes=[dc.GlobalSecondaryIndex(name="ByStatus", partition_key=dc.Attribute.string("status"))],
                 time_to_live_attribute="ttl", encryption=dc.TableEncryption.aws_managed())
    built = time.perf_counter()
    app.synth()
    timings.update(import_s=imported - start, build_s=built - imported, synth_s=time.perf_counter() - built)
else:
    raise SystemExit(f"unknown mode {mode}")
