"""``make bench``: one run, both engines side by side, written to bench/results.md.

* the app's cold synth with and without the import accelerator against the bare provider import,
  on CDK for Terraform (.venv) and CDK Terrain (.venv-cdktn);
* jsii round trips per table (``Table``, the same raw resources, AWS CDK's ``TableV2``);
* ``Table`` against the same raw resources at 300 tables, accelerator on;
* ours against AWS CDK v2 in Python (.venv-bench-cdk) at 1/100/1,000 tables, and the curve.

Every sample is a fresh Python process (bench/probe.py); each configuration is warmed up once
(caches and the kernel's type index built) and reported apart; repetitions alternate the
configurations so drift in the machine hits all alike. Every engine runs on the project's Node 22
(tools/cdktn), so the engines differ only in themselves. Results are ratios measured in the same
run: absolute seconds depend on the machine and its load. ``BENCH_RUNS`` (default 3) sets the
repetitions; ``BENCH_BUDGET_SECONDS`` (default 780) stops adding repetitions when the next would
not fit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

import report  # noqa: E402  - bench/ and the repository are on the path from here on
import workloads  # noqa: E402

from devtools import engines  # noqa: E402

PROBE = BENCH / "probe.py"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
BUDGET_SECONDS = float(os.environ.get("BENCH_BUDGET_SECONDS", "780"))
COUNTS = (1, 10, 100, 300, 1000)
APP_MODES = {"synth, accelerator on": (["synth"], {}), "synth, accelerator off": (["synth"], {"DYNAMO_CONSTRUCTS_FAST_IMPORT": "0"}),
             "bare provider import": (["import"], {})}
BENCH_CDK_PYTHON = BENCH.parent / ".venv-bench-cdk" / "bin" / "python"
SAMPLE_TIMEOUT = 600


def environment(engine: str | None) -> dict[str, str]:
    """The engine's environment; every jsii kernel on the project's Node 22."""
    env = engines.environment(engine or "cdktf")
    if engine is None:
        env.pop("DYNAMO_CONSTRUCTS_ENGINE", None)
    env["JSII_NODE"] = str(engines.node22())
    env["PATH"] = f"{engines.NODE22_BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    return env


def measure(python: Path, args: list[str], env: dict[str, str], workdir: Path) -> dict[str, Any]:
    out = workdir / f"sample-{time.monotonic_ns()}"
    out.mkdir()
    result = out / "report.json"
    start = time.perf_counter()
    done = subprocess.run([str(python), str(PROBE), *args, str(result)], cwd=out, env=env, check=False,
                          timeout=SAMPLE_TIMEOUT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"bench sample {' '.join(args)} failed ({python}):\n{done.stderr[-3000:]}")
    sample: dict[str, Any] = {"wall_s": wall, **json.loads(result.read_text()), "dir": str(out)}
    return sample


def configurations() -> dict[str, tuple[Path, list[str], dict[str, str]]]:
    """name -> (python, probe args, environment), for every sample the report needs."""
    found: dict[str, tuple[Path, list[str], dict[str, str]]] = {}
    for engine in engines.ENGINES:
        for mode, (args, extra) in APP_MODES.items():
            found[f"app {engine} {mode}"] = (engines.python(engine), args, {**environment(engine), **extra})
        for count in COUNTS:
            for kind in ("ours", "raw"):
                found[f"{kind}-{engine} {count}"] = (engines.python(engine), [kind, str(count)], environment(engine))
    for count in COUNTS:
        found[f"cdk {count}"] = (BENCH_CDK_PYTHON, ["cdk", str(count)], environment(None))
    return found


def run_all(workdir: Path, log: Callable[[str], None], begin: float) -> tuple[dict[str, list[dict[str, Any]]], dict[str, float], int]:
    plan = configurations()
    warm = {}
    for name, (python, args, env) in plan.items():  # caches, lazy tarballs, type indexes
        if name.split()[-1] in ("1", "10") or name.startswith("app"):
            warm[name] = measure(python, args, env, workdir)["wall_s"]
            log(f"warm-up {name}: {warm[name]:.1f} s")
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in plan}
    done_runs = 0
    for run in range(RUNS):
        started = time.monotonic()
        for name, (python, args, env) in plan.items():
            samples[name].append(measure(python, args, env, workdir))
        done_runs += 1
        per_run = time.monotonic() - started
        log(f"repetition {run + 1}/{RUNS} in {per_run:.0f} s")
        if time.monotonic() - begin + per_run > BUDGET_SECONDS:
            break
    return samples, warm, done_runs


def main() -> None:
    begin = time.monotonic()
    for path in (engines.python("cdktf"), engines.python("cdktn"), engines.node22(), BENCH_CDK_PYTHON):
        if not path.exists():
            raise SystemExit(f"bench needs {path.relative_to(BENCH.parent)}: run it through `make bench`")
    with tempfile.TemporaryDirectory(prefix="dynamo-bench-") as tmp:
        samples, warm, runs = run_all(Path(tmp), lambda line: print(line, flush=True), begin)
        equivalent = {}
        for engine in engines.ENGINES:
            docs = [json.loads(next(Path(samples[f"{kind}-{engine} 10"][0]["dir"]).glob("report.out/stacks/*/cdk.tf.json"))
                               .read_text()) for kind in ("ours", "raw")]
            equivalent[engine] = workloads.equivalent(*docs)
    text = report.render(samples, warm=warm, runs=runs, equivalent=equivalent, versions=versions(), elapsed=time.monotonic() - begin)
    (BENCH / "results.md").write_text(text)
    print(text)


def versions() -> dict[str, str]:
    """Package and runtime versions of each environment, for the report's header."""
    code = ("import importlib.metadata as m, json, sys; print(json.dumps({p: m.version(p) for p in sys.argv[1:] "
            "if any(d.metadata['Name'].lower() == p for d in m.distributions())}))")
    found: dict[str, str] = {}
    for python, packages in ((engines.python("cdktf"), ["cdktf", "cdktf-cdktf-provider-aws", "jsii"]),
                             (engines.python("cdktn"), ["cdktn", "cdktn-provider-aws"]), (BENCH_CDK_PYTHON, ["aws-cdk-lib"])):
        done = subprocess.run([str(python), "-c", code, *packages], capture_output=True, text=True, timeout=60, check=True)
        found.update(json.loads(done.stdout))
    node = subprocess.run([str(engines.node22()), "--version"], capture_output=True, text=True, timeout=30, check=True)
    found["node"] = node.stdout.strip()
    return found


if __name__ == "__main__":
    main()
