"""``python -m devtools.legacy_states``: re-record ``tests/migrate/states/`` from the legacy fixtures.

For each legacy root module (``tests.support.legacy.FIXTURES``: the five seed modules and the three
terraform-aws-modules examples, all in ``tests/migrate/legacy/``): copy it into a temporary work
folder, apply it to a fresh emulator with the real terraform and hashicorp/aws (the local mirror),
require a clean re-plan, and store ``terraform show -json`` as ``tests/migrate/states/<fixture>.json``.
Then make the API-made tables (``create_api_tables``) and store what a from-AWS migration reads of
them (``describe_tables``) as ``tests/migrate/states/api-tables.json``.

Recorded files are masked (``devtools.masking``: KMS key ids, stream labels, scalable-target ids,
policy revision ids, timestamps) and written with sorted keys, so a regeneration's diff shows only
what changed. Each fixture's apply is printed with its wall-clock seconds, the CPU seconds of
terraform and the provider, and the emulator's CPU seconds meanwhile (exact with ``--jobs 1``;
with more jobs the CPU figures mix). Every terraform command has a timeout and the whole run a
deadline (``DEADLINE_SECONDS``).

Usage: ``python -m devtools.legacy_states [--jobs N] [--no-api] [fixture ...]`` (default: all, 2 jobs).
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import datetime
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from devtools.emulator.process import Emulator
from devtools.masking import mask
from tests.support.legacy import API_REGION, FIXTURES, LegacyModule, Timing, create_api_tables, describe_tables

ROOT = Path(__file__).resolve().parent.parent
STATES = ROOT / "tests" / "migrate" / "states"
API_FILE = "api-tables.json"
DEADLINE_SECONDS = 20 * 60
# Random values beyond UUIDs and timestamps: Application Auto Scaling target ids, resource policy revisions.
NUMBERED = [(re.compile(r"scalable-target/([0-9a-z]{36})"), "{:036d}"),
            (re.compile(r'"(?:revision_id|RevisionId)": "(\d+)"'), "{:019d}")]


def _json_default(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def write(path: Path, document: Any) -> None:
    path.write_text(mask(json.dumps(document, indent=1, sort_keys=True, default=_json_default), NUMBERED) + "\n")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux /proc; 0.0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def record(fixture: str, work: Path, emulator: Emulator) -> tuple[Timing, float]:
    """Apply one fixture, check its re-plan, store its state; (apply Timing, emulator CPU-s)."""
    legacy = LegacyModule(fixture, work, emulator.endpoint())
    legacy.init()
    pid = emulator.process.pid if emulator.process else 0
    before = cpu_seconds(pid)
    timing = legacy.apply()
    emulator_cpu = cpu_seconds(pid) - before
    legacy.replan_clean()
    write(STATES / f"{fixture}.json", legacy.state())
    return timing, emulator_cpu


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.legacy_states", description=__doc__.split("\n\n")[0])
    parser.add_argument("fixtures", nargs="*", help=f"fixtures to record (default: all): {', '.join(FIXTURES)}")
    parser.add_argument("--jobs", type=int, default=2, help="fixtures applied side by side (1: exact CPU figures)")
    parser.add_argument("--no-api", action="store_true", help="do not re-record the API-made tables")
    args = parser.parse_args(argv)
    unknown = set(args.fixtures) - set(FIXTURES)
    if unknown:
        parser.error(f"unknown fixtures {sorted(unknown)}; known: {', '.join(FIXTURES)}")
    chosen = args.fixtures or list(FIXTURES)
    STATES.mkdir(parents=True, exist_ok=True)
    begin = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="legacy-states-") as tmp:
        work = Path(tmp)
        emulator = Emulator(work / "emulator.log")
        failed = 0
        try:
            emulator.endpoint()
            if not args.no_api:
                made = create_api_tables(emulator.endpoint())
                write(STATES / API_FILE, {"region": API_REGION, "tables": describe_tables(emulator.endpoint(), made.tables)})
                print(f"{API_FILE}: {', '.join(made.tables)}", flush=True)
            with concurrent.futures.ThreadPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
                futures = {pool.submit(record, name, work, emulator): name for name in chosen}
                try:
                    for future in concurrent.futures.as_completed(futures, timeout=DEADLINE_SECONDS - (time.monotonic() - begin)):
                        name = futures[future]
                        try:
                            timing, emulator_cpu = future.result()
                        except Exception as error:  # report every fixture, then fail
                            failed += 1
                            print(f"{name}: FAILED {error}", flush=True)
                            continue
                        print(f"{name}: apply {timing.wall:.1f} s wall, {timing.cpu:.1f} CPU-s terraform+provider, "
                              f"{emulator_cpu:.1f} CPU-s emulator", flush=True)
                except concurrent.futures.TimeoutError:
                    print(f"deadline of {DEADLINE_SECONDS} s passed; unfinished fixtures are not recorded", flush=True)
                    for future in futures:
                        future.cancel()
                    return 1
        finally:
            emulator.stop()
    print(f"recorded in {time.monotonic() - begin:.0f} s into {STATES.relative_to(ROOT)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
