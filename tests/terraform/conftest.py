"""The terraform lane validates many stacks. Each ``terraform validate`` spends most of its time
starting the provider and loading its schema, so stacks are validated in batches: each stack is a
child module of one root, validated with the real provider from the mirror in one run, and each
test reads its own stack's diagnostics (``terraform_cli.validate_many``)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from devtools import terraform_cli
from tests.support.examples import NEWER_PROVIDER_STACKS


class Validator:
    """Batches of stacks validated in the background; ``validator(stack_dir)`` waits for its result."""

    def __init__(self, pool: ThreadPoolExecutor, workdir: Path) -> None:
        self.pool = pool
        self.workdir = workdir
        self.batches = itertools.count()
        self.started: dict[Path, Future[dict[Path, dict[str, object]]]] = {}

    def start(self, stack_dirs: list[Path]) -> None:
        new = [d for d in stack_dirs if d not in self.started]
        if new:
            batch = self.pool.submit(terraform_cli.validate_many, new, self.workdir / f"batch{next(self.batches)}")
            self.started.update(dict.fromkeys(new, batch))

    def __call__(self, stack_dir: Path) -> dict[str, object]:
        self.start([stack_dir])
        report = self.started[stack_dir].result(timeout=900)[stack_dir]
        if not report["valid"]:
            raise terraform_cli.TerraformError(f"terraform validate failed for {stack_dir}: {report['diagnostics']}")
        return report


@pytest.fixture(scope="session")
def validator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Validator]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield Validator(pool, tmp_path_factory.mktemp("validate"))


@pytest.fixture(scope="session", autouse=True)
def _validate_every_stack_early(validator: Validator, app_outdir: Path, examples_out: Path) -> None:
    """Start the app's and the examples' validation at once; the tests then collect the results."""
    stacks = sorted((app_outdir / "stacks").iterdir()) + sorted(examples_out.glob("*/stacks/*"))
    newer = {examples_out / example / "stacks" / name for example, name in NEWER_PROVIDER_STACKS}  # not on 5.100
    validator.start([s for s in stacks if (s / "cdk.tf.json").exists() and s not in newer])


@pytest.fixture
def validate(validator: Validator) -> Callable[[Path], dict[str, object]]:
    """``validate(stack_dir)``: terraform validate's report (raises with diagnostics unless valid)."""
    return validator
