"""The emulator lane: one emulator for the folder, boto3 clients on it, Terraform folders against it.

``EMULATOR_ENDPOINT=http://127.0.0.1:PORT`` runs the lane against an emulator (or a bare
``moto_server``) that is already running instead of starting one.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from devtools import terraform_cli
from devtools.emulator.process import aws_env, running_emulator
from tests.support.deploy import with_flags

TERRAFORM_TIMEOUT = 300.0  # seconds for one terraform command
PROVIDER = {
    "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": ">= 5.100.0, < 7.0.0"}}},
    "provider": {"aws": {"region": "us-east-1"}},
}

Clients = Callable[..., Any]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: drives the real Terraform provider against the emulator (seconds per step)")


@pytest.fixture(scope="session")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    given = os.environ.get("EMULATOR_ENDPOINT")
    if given:
        yield given
        return
    with running_emulator(tmp_path_factory.mktemp("emulator") / "emulator.log") as url:
        yield url


@pytest.fixture(scope="session")
def aws(endpoint: str) -> Clients:
    """``aws("dynamodb")``, ``aws("kms", "us-west-2")``: a boto3 client on the emulator (``config``
    for botocore options)."""
    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")

    def client(service: str, region: str = "us-east-1", config: Config | None = None) -> Any:
        return boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id="test",
                            aws_secret_access_key="test", config=config)

    return client


def error_code(error: pytest.ExceptionInfo[ClientError]) -> str:
    return str(error.value.response["Error"]["Code"])


class TerraformDir:
    """A hand-written ``main.tf.json`` in its own folder, driven against the emulator; ``times``
    keeps each step's seconds."""

    def __init__(self, path: Path, endpoint: str) -> None:
        self.path = path
        self.env = aws_env(endpoint)
        self.times: list[tuple[str, float]] = []
        path.mkdir(parents=True, exist_ok=True)

    def write(self, resources: dict[str, Any]) -> None:
        (self.path / "main.tf.json").write_text(json.dumps({**PROVIDER, "resource": resources}, indent=1))

    def run(self, *args: str, check: bool = True) -> terraform_cli.Result:
        started = time.monotonic()
        result = terraform_cli.run_served(with_flags(*args), self.path, env=self.env, timeout=TERRAFORM_TIMEOUT, check=check)
        self.times.append((args[0], time.monotonic() - started))
        return result

    def apply(self, resources: dict[str, Any]) -> None:
        self.write(resources)
        if not (self.path / ".terraform").is_dir():
            terraform_cli.init_throwaway(self.path, env=self.env)
        self.run("apply", "-auto-approve")

    def replan(self, resources: dict[str, Any]) -> terraform_cli.Result:
        """``plan -detailed-exitcode`` of ``resources``: exit 0 means no changes (2 is drift, 1 an error)."""
        self.write(resources)
        return self.run("plan", "-detailed-exitcode", check=False)

    def destroy(self) -> None:
        self.run("destroy", "-auto-approve")

    def timings(self) -> str:
        return ", ".join(f"{step} {seconds:.1f}s" for step, seconds in self.times)


@pytest.fixture(scope="session")
def terraform_flows(endpoint: str, aws: Clients, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Future[dict[str, Any]]]]:
    """The two Terraform flows of test_terraform.py, running in the background; each yields what it saw
    (the tests assert on it)."""
    from tests.emulator import test_terraform

    folder = tmp_path_factory.mktemp("terraform")
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield {"settings": pool.submit(test_terraform.settings_flow, TerraformDir(folder / "settings", endpoint), aws),
               "resources": pool.submit(test_terraform.resources_flow, TerraformDir(folder / "resources", endpoint), aws)}


@pytest.fixture(scope="session", autouse=True)
def _start_terraform_flows_early(request: pytest.FixtureRequest) -> None:
    """When test_terraform.py is selected, start its flows with the first test of the lane."""
    if any(item.path == Path(__file__).with_name("test_terraform.py") for item in request.session.items):
        request.getfixturevalue("terraform_flows")
