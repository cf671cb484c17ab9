"""``make test``: every test lane, the slow ones beside the fast ones, with progress per lane.

Each lane (a folder under tests/) runs in its own pytest process. The prod stack's deploy is the
critical path (about three of its four minutes are the AWS provider's fixed waits around the
replica): it runs alone in the ``deploy-prod`` process, first and at normal priority, so no other
test queues behind it on its worker; the rest of the deploy lane and the other lanes run beside it
at lower priorities (``NICENESS``). Every lane starts at once (``LANE_JOBS`` caps that): a short
lane queued behind the long ones would run last, alone, on one core. A lane's output goes to
``.lanes/<lane>.log``; its summary line is printed when it ends, its log tail when it fails.

Usage: ``python -m devtools.lanes [lane ...]`` (default: every lane).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from devtools.emulator.process import ERROR_LINE, SHARED_EMULATOR_LOG, Emulator

ROOT = Path(__file__).resolve().parent.parent

PROD_DEPLOY = "tests/deploy/test_deploy.py::test_deploy_prod"
# Longest first: the scheduler starts them in this order. A lane is a folder under tests/, except
# deploy-prod (one test of the deploy folder, which the deploy lane then leaves out).
LANES = ("deploy-prod", "deploy", "cli", "emulator", "terraform", "scan", "synth", "unit", "review", "devtools")
TIMEOUT_SECONDS = 45 * 60
# The other deploy tests wait on Terraform and the provider too: they run side by side on three
# workers; both deploy lanes share one emulator (SHARED_EMULATOR_LANES).
LANE_ARGS = {
    "deploy-prod": [PROD_DEPLOY],
    "deploy": ["tests/deploy", "--deselect", PROD_DEPLOY, "-n", "3", "--dist", "load", "--maxschedchunk=1"],
}
# Priorities (nice values): prod's deploy, the critical path, needs little CPU but needs it at once
# (its set-up and Terraform's start-up before the provider's waits, its re-plan after them); the
# rest of the deploy lane (the largest share of the CPU) and the serial cli lane end last; the other
# lanes fill the cores around them.
NICENESS = {"deploy-prod": 0, "deploy": 10, "cli": 10}
BACKGROUND_NICENESS = 15
# One emulator for both deploy lanes, started before them (see ``Emulator.shared``).
SHARED_EMULATOR_LANES = ("deploy-prod", "deploy")


@dataclass
class Running:
    lane: str
    process: subprocess.Popen[bytes]
    log: Path
    started: float


def summary_line(log: Path) -> str:
    lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    for line in reversed(lines):
        if " passed" in line or " failed" in line or " error" in line or "no tests ran" in line:
            return line.strip("= ")
    return lines[-1] if lines else "(no output)"


def print_emulator_errors(log: Path, count: int = 20) -> None:
    """The shared emulator's last error answers: a deploy test's Terraform error often reads as
    "operation error ... StatusCode: 400" while the emulator's log holds the request and reason."""
    if not log.is_file():
        return
    errors = [line for line in log.read_text(errors="replace").splitlines() if line.startswith(ERROR_LINE)][-count:]
    print(f"    the shared emulator's last {len(errors)} error answers ({log}):", flush=True)
    print("\n".join(f"    {line}" for line in errors), flush=True)


def lanes_environment(lanes: list[str], logs: Path) -> tuple[dict[str, str], Emulator | None]:
    """The lanes' environment, and the deploy lanes' shared emulator (already started) if any."""
    env = {**os.environ, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20", "CHECKPOINT_DISABLE": "1"}
    emulator = None
    if set(lanes) & set(SHARED_EMULATOR_LANES) and not env.get(SHARED_EMULATOR_LOG):
        emulator = Emulator(logs / "emulator-shared.log")
        env[SHARED_EMULATOR_LOG] = str(emulator.log_file)
    return env, emulator


def start(lane: str, logs: Path, env: dict[str, str]) -> Running:
    log = logs / f"{lane}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "pytest", *LANE_ARGS.get(lane, [f"tests/{lane}"]), "-q", "-p", "no:cacheprovider",
             "--durations=5"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    niceness = NICENESS.get(lane, BACKGROUND_NICENESS)
    if niceness:  # set before pytest starts anything: its workers and tools inherit it
        os.setpriority(os.PRIO_PROCESS, process.pid, niceness)
    print(f"[{time.strftime('%H:%M:%S')}] {lane}: started", flush=True)
    return Running(lane, process, log, time.monotonic())


def main(argv: list[str]) -> int:
    lanes = [lane for lane in (argv or LANES) if lane in LANE_ARGS or (ROOT / "tests" / lane).is_dir()]
    jobs = int(os.environ.get("LANE_JOBS", len(lanes)))
    logs = ROOT / ".lanes"
    logs.mkdir(exist_ok=True)
    env, emulator = lanes_environment(lanes, logs)
    try:
        return run(lanes, jobs, logs, env)
    finally:
        if emulator is not None:
            emulator.stop()


def run(lanes: list[str], jobs: int, logs: Path, env: dict[str, str]) -> int:
    pending, running, failed = list(lanes), list[Running](), list[str]()
    begin = time.monotonic()
    while pending or running:
        while pending and len(running) < jobs:
            running.append(start(pending.pop(0), logs, env))
        time.sleep(0.5)
        for job in list(running):
            elapsed = time.monotonic() - job.started
            if elapsed > TIMEOUT_SECONDS:
                job.process.kill()
            pid, wait_status, usage = os.wait4(job.process.pid, os.WNOHANG)
            if pid == 0:
                continue
            code = os.waitstatus_to_exitcode(wait_status)
            job.process.returncode = code
            running.remove(job)
            status = "ok" if code in (0, 5) else "FAILED"
            cpu = usage.ru_utime + usage.ru_stime  # the lane's pytest and everything it waited for
            print(f"[{time.strftime('%H:%M:%S')}] {job.lane}: {status} in {elapsed:.0f}s ({cpu:.0f} CPU-s) - "
                  f"{summary_line(job.log)}", flush=True)
            if status == "FAILED":
                failed.append(job.lane)
                tail = job.log.read_text(errors="replace").splitlines()[-60:]
                print("\n".join(f"    {line}" for line in tail), flush=True)
                if job.lane in SHARED_EMULATOR_LANES:
                    print_emulator_errors(Path(env.get(SHARED_EMULATOR_LOG, "")))
    print(f"all lanes in {time.monotonic() - begin:.0f}s: "
          + (f"FAILED: {', '.join(failed)}" if failed else "every lane passed"), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
