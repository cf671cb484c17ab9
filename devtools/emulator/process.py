"""The emulator as a process: started on a free loopback port, waited for, shared between the
deploy lanes, stopped; and the environment that points the real provider and boto3 at it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

STARTUP_TIMEOUT = 60.0
ERROR_LINE = "emulator answered"  # how the server logs an error answer (``devtools.lanes`` prints them)
SHUTDOWN_TIMEOUT = 10.0


# ``make test`` starts one emulator for the deploy lanes and names its log here (``Emulator.shared``).
SHARED_EMULATOR_LOG = "DYNAMO_TEST_EMULATOR_LOG"


class Emulator:
    """``python -m devtools.emulator`` on a free loopback port, started at once; ``endpoint()`` waits for it.

    Its output goes to ``log_file`` (a pipe nobody reads would fill up and stall the server).
    Started early, it boots while the caller does other work (the deploy lane synthesizes).
    """

    def __init__(self, log_file: Path, *, start: bool = True) -> None:
        self.log_file = log_file
        self.process: subprocess.Popen[str] | None = None
        if start:
            with open(log_file, "w") as log:
                self.process = subprocess.Popen([sys.executable, "-m", "devtools.emulator", "--port", "0"], cwd=ROOT,
                                                stdout=log, stderr=subprocess.STDOUT, text=True)
        self._endpoint: str | None = None

    @classmethod
    def shared(cls) -> Emulator | None:
        """The emulator another process started and named in ``SHARED_EMULATOR_LOG`` (it stops it),
        or None. Why: one emulator process instead of one per deploy worker saves each one's
        start-up (~5 CPU-s: moto's imports and the AWS-managed IAM policies); the tests' resources
        have names of their own, so the deploy lanes can share one account."""
        log = os.environ.get(SHARED_EMULATOR_LOG)
        return cls(Path(log), start=False) if log else None

    def endpoint(self) -> str:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while self._endpoint is None and time.monotonic() < deadline:
            for line in self.log_file.read_text().splitlines():
                if "listening on " in line:
                    self._endpoint = line.split("listening on ", 1)[1].split()[0]
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"emulator exited with {self.process.returncode}:\n{self.log_file.read_text()[-3000:]}")
            if self._endpoint is None:
                time.sleep(0.1)
        if self._endpoint is None:
            raise TimeoutError(f"emulator did not start within {STARTUP_TIMEOUT}s:\n{self.log_file.read_text()[-3000:]}")
        assert self._endpoint.startswith("http://127.0.0.1:")
        return self._endpoint

    def stop(self) -> None:
        if self.process is None:
            return  # shared: its starter stops it
        self.process.terminate()
        try:
            self.process.wait(timeout=SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=SHUTDOWN_TIMEOUT)


@contextmanager
def running_emulator(log_file: Path) -> Iterator[str]:
    """An ``Emulator``, waited for; yields its endpoint URL and stops it afterwards."""
    emulator = Emulator(log_file)
    try:
        yield emulator.endpoint()
    finally:
        emulator.stop()


def aws_env(endpoint: str) -> dict[str, str]:
    """Credentials and endpoint that make the real AWS provider and boto3 talk to the emulator."""
    return {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_MAX_ATTEMPTS": "3",
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def boto3_client(service: str, endpoint: str, region: str = "us-east-1"):  # type: ignore[no-untyped-def]
    import boto3

    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    return boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id="test",
                        aws_secret_access_key="test")
