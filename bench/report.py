"""bench/results.md from one run's samples (bench/run.py): medians, ratios in the same run, and
the targets of issues 13 and 14 next to what was measured."""

from __future__ import annotations

import os
import platform
import statistics
from pathlib import Path
from typing import Any

ENGINES = ("cdktf", "cdktn")
COUNTS = (1, 10, 100, 300, 1000)
SERIES = ("ours-cdktf", "ours-cdktn", "raw-cdktf", "raw-cdktn", "cdk")
LABELS = {"ours-cdktf": "Table, cdktf", "ours-cdktn": "Table, cdktn", "raw-cdktf": "raw, cdktf", "raw-cdktn": "raw, cdktn",
          "cdk": "AWS CDK TableV2"}
TARGET_APP_RATIO, TARGET_ROUND_TRIPS, TARGET_TABLE_RAW = 0.35, 8, 1.25

Samples = dict[str, list[dict[str, Any]]]


def _median(samples: Samples, name: str, key: str = "wall_s") -> float:
    return statistics.median(float(s.get(key, 0.0)) for s in samples[name])


def _series(name: str, count: int) -> str:
    return f"{name} {count}"


def round_trips_per_table(samples: Samples, series: str) -> dict[str, float]:
    """Requests to the kernel per additional table: (count at 1,000 - count at 1) / 999, by kind."""
    low, high = samples[_series(series, COUNTS[0])][0]["rt_total"], samples[_series(series, COUNTS[-1])][0]["rt_total"]
    span = COUNTS[-1] - COUNTS[0]
    return {kind: (high.get(kind, 0) - low.get(kind, 0)) / span for kind in sorted(set(low) | set(high))}


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def machine(versions: dict[str, str]) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    packages = ", ".join(f"{k} {v}" for k, v in versions.items() if k != "node")
    return (f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, Node {versions.get('node')} for every "
            f"jsii kernel; {packages}. Load average at the end: {load}.")


def app_section(samples: Samples) -> list[str]:
    lines = ["## The app's three stacks, cold process (caches warm)", "",
             "| workload | " + " | ".join(f"{e} wall (s) | {e} × bare import | {e} node peak (MiB)" for e in ENGINES) + " |",
             "| --- |" + " ---: | ---: | ---: |" * len(ENGINES)]
    for mode in ("synth, accelerator on", "synth, accelerator off", "bare provider import"):
        cells = []
        for engine in ENGINES:
            wall, bare = _median(samples, f"app {engine} {mode}"), _median(samples, f"app {engine} bare provider import")
            cells.append(f"{wall:.2f} | {wall / bare:.2f} | {_median(samples, f'app {engine} {mode}', 'node_peak_mb'):.0f}")
        lines.append(f"| {mode} | " + " | ".join(cells) + " |")
    cdktn = _median(samples, "app cdktn synth, accelerator on") / _median(samples, "app cdktn bare provider import")
    lines += ["", f"cdktn synth with the accelerator / bare `import cdktn_provider_aws`: **{cdktn:.2f}** "
                  f"(target ≤ {TARGET_APP_RATIO}: {_met(cdktn <= TARGET_APP_RATIO)}).", ""]
    return lines


def round_trip_section(samples: Samples) -> list[str]:
    lines = ["## jsii round trips per table", "",
             "Requests the Python process sends to the kernel per additional table ((count at 1,000 tables − count at 1) / 999).",
             "", "| series | per table | by kind |", "| --- | ---: | --- |"]
    for series in SERIES:
        per = round_trips_per_table(samples, series)
        kinds = ", ".join(f"{k} {v:.2f}" for k, v in per.items() if v)
        lines.append(f"| {LABELS[series]} | {sum(per.values()):.2f} | {kinds} |")
    worst = max(sum(round_trips_per_table(samples, f"ours-{e}").values()) for e in ENGINES)
    lines += ["", f"`Table`: {worst:.2f} round trips per table (target ≤ {TARGET_ROUND_TRIPS}: {_met(worst <= TARGET_ROUND_TRIPS)}).", ""]
    return lines


def table_vs_raw_section(samples: Samples, equivalent: dict[str, bool]) -> list[str]:
    lines = ["## `Table` vs the same raw resources, 300 tables, accelerator on", "",
             "| engine | Table wall (s) | raw wall (s) | Table / raw (wall) | Table / raw (build + synth) | same JSON |",
             "| --- | ---: | ---: | ---: | ---: | --- |"]
    for engine in ENGINES:
        ours, raw = _series(f"ours-{engine}", 300), _series(f"raw-{engine}", 300)
        wall = _median(samples, ours) / _median(samples, raw)
        work = ((_median(samples, ours, "build_s") + _median(samples, ours, "synth_s"))
                / (_median(samples, raw, "build_s") + _median(samples, raw, "synth_s")))
        lines.append(f"| {engine} | {_median(samples, ours):.2f} | {_median(samples, raw):.2f} | {wall:.2f} "
                     f"({_met(wall <= TARGET_TABLE_RAW)}) | {work:.2f} | {'yes' if equivalent[engine] else '**no**'} |")
    lines += ["", f"Target Table / raw ≤ {TARGET_TABLE_RAW} (wall, same run). 'same JSON': the raw stack holds exactly the "
                  "resources and data sources `Table` renders (logical ids aside; checked at 10 tables).", ""]
    return lines


def aws_cdk_section(samples: Samples) -> list[str]:
    lines = ["## Ours vs AWS CDK v2 (Python, `TableV2` + `kms.Key`)", "",
             "| tables | Table, cdktf (s) | Table, cdktn (s) | AWS CDK (s) | cdktf / AWS CDK | cdktn / AWS CDK |",
             "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for count in (1, 100, 1000):
        cdk = _median(samples, _series("cdk", count))
        f, n = _median(samples, _series("ours-cdktf", count)), _median(samples, _series("ours-cdktn", count))
        lines.append(f"| {count:,} | {f:.2f} | {n:.2f} | {cdk:.2f} | {f / cdk:.2f} | {n / cdk:.2f} |")
    return [*lines, ""]


def curve_section(samples: Samples) -> list[str]:
    lines = ["## The curve: cold process wall time (s) by number of tables", "",
             "| tables | " + " | ".join(LABELS[s] for s in SERIES) + " |", "| ---: |" + " ---: |" * len(SERIES)]
    for count in COUNTS:
        lines.append(f"| {count:,} | " + " | ".join(f"{_median(samples, _series(s, count)):.2f}" for s in SERIES) + " |")
    slope = [(_median(samples, _series(s, 1000)) - _median(samples, _series(s, 300))) / 700 * 1000 for s in SERIES]
    lines.append("| ms per table (300→1,000) | " + " | ".join(f"{v:.1f}" for v in slope) + " |")
    return [*lines, ""]


def render(samples: Samples, *, warm: dict[str, float], runs: int, equivalent: dict[str, bool], versions: dict[str, str],
           elapsed: float) -> str:
    lines = ["# Benchmark: both engines, the construct layer, AWS CDK", "",
             f"Machine: {machine(versions)}",
             f"Median of {runs} repetitions; every sample a fresh process, each configuration warmed up once before "
             "(see below); repetitions alternate the configurations. Compare ratios within this run: absolute "
             "seconds follow the machine and its load.",
             "Each table: partition + sort key, 2 GSIs, TTL, PITR (35 days), a customer-managed KMS key with alias, deletion "
             "protection (bench/workloads.py).", ""]
    lines += app_section(samples) + round_trip_section(samples) + table_vs_raw_section(samples, equivalent)
    lines += aws_cdk_section(samples) + curve_section(samples)
    slowest = max(warm.items(), key=lambda item: item[1])
    lines += [f"Warm-up runs (first use builds the accelerator's tarball and the kernel's type index): {len(warm)}, "
              f"slowest {slowest[0]} {slowest[1]:.1f} s. Whole `make bench` run: {elapsed / 60:.1f} min.", ""]
    return "\n".join(lines)
