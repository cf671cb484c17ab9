"""``make bench``: cold-process cost of synthesizing the app, with and without the accelerator,
against the bare provider import; and the marginal cost per table. Writes bench/results.md.

Every run is a fresh Python process (the accelerator's one-time cache build is done first and
reported apart). Modes alternate run by run, so drift in the machine hits all of them alike.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).resolve().parent / "probe.py"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
MODES = {
    "synth, accelerator on": (["synth"], {}),
    "synth, accelerator off": (["synth"], {"DYNAMO_CONSTRUCTS_FAST_IMPORT": "0"}),
    "bare `import cdktf_cdktf_provider_aws`": (["import"], {}),
}


def measure(args: list[str], env: dict[str, str], workdir: Path) -> dict[str, float]:
    report = workdir / f"report-{time.monotonic_ns()}.json"
    full_env = {**os.environ, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20", **env}
    start = time.perf_counter()
    subprocess.run([sys.executable, str(PROBE), *args, str(report)], cwd=workdir, env=full_env, check=True,
                   timeout=600, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    return {"wall_s": wall, **json.loads(report.read_text())}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    import importlib.metadata as md

    versions = ", ".join(f"{p} {md.version(p)}" for p in ("cdktf", "cdktf-cdktf-provider-aws", "jsii"))
    return (f"{platform.node()}: {cpu}, {os.cpu_count()} cores, {mem} MiB RAM; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}, Node {node}; {versions}")


def main() -> None:
    results: dict[str, list[dict[str, float]]] = {name: [] for name in MODES}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        warm = measure(["synth"], {}, workdir)  # builds the accelerator's cache if missing
        print(f"warm-up (accelerator cache build if first run): {warm['wall_s']:.1f} s", flush=True)
        for run in range(RUNS):
            for name, (args, env) in MODES.items():
                results[name].append(measure(args, env, workdir))
                print(f"run {run + 1}/{RUNS} {name}: {results[name][-1]['wall_s']:.2f} s", flush=True)
        tables = {}
        for count in (1, 10, 100):
            samples = [measure(["tables", str(count)], {}, workdir) for _ in range(3)]
            tables[count] = {k: statistics.median(s[k] for s in samples) for k in samples[0]}

    def med(name: str, key: str) -> float:
        return statistics.median(r[key] for r in results[name])

    bare = med("bare `import cdktf_cdktf_provider_aws`", "wall_s")
    lines = [
        "# Benchmark: cold synth of the app's three stacks",
        "",
        f"Machine: {machine()}.",
        f"Median of {RUNS} alternating cold runs (fresh process each); peak resident memory per process.",
        "",
        "| workload | wall (s) | × bare import | Python peak (MiB) | node peak (MiB) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name in MODES:
        lines.append(f"| {name} | {med(name, 'wall_s'):.2f} | {med(name, 'wall_s') / bare:.2f} | "
                     f"{med(name, 'python_peak_mb'):.0f} | {med(name, 'node_peak_mb'):.0f} |")
    lines += [
        "",
        "Marginal cost per table (accelerator on; each table has a GSI and TTL; median of 3 processes):",
        "",
        "| tables | wall (s) | import (s) | build (s) | synth (s) | build+synth per table (ms) | node peak (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for count, t in tables.items():
        per_table = (t["build_s"] + t["synth_s"]) / count * 1000
        lines.append(f"| {count} | {t['wall_s']:.2f} | {t['import_s']:.2f} | {t['build_s']:.2f} | {t['synth_s']:.2f} | "
                     f"{per_table:.0f} | {t['node_peak_mb']:.0f} |")
    lines += ["", f"Warm-up run (includes the one-time cache build when the cache was empty): {warm['wall_s']:.1f} s.", ""]
    text = "\n".join(lines)
    (Path(__file__).resolve().parent / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
