"""The provider import accelerator: identical output, real fallback, lazy types, shared-cache hygiene.

Each case runs in a fresh Python process (the accelerator acts at import time).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dynamo_constructs import fast_import
from tests.support.paths import ROOT

PROVIDER_DIR = Path(fast_import._package_files()[0]).parent


def run_python(code: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20", "PYTHONPATH": str(ROOT), **(env or {})}
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=timeout, check=False)
    assert done.returncode == 0, f"python failed:\n{done.stderr[-4000:]}"
    return done


SYNTH = "import runpy; runpy.run_path({main!r}, run_name='__main__')"


def synth_app(cwd: Path, env: dict[str, str] | None = None, prelude: str = "") -> subprocess.CompletedProcess[str]:
    return run_python(prelude + SYNTH.format(main=str(ROOT / "main.py")), cwd, env)


def stack_files(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.json"))}


PLAIN_SECONDS: list[float] = []


@pytest.fixture(scope="module")
def reference_output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every stack synthesized with the ordinary import (accelerator off)."""
    cwd = tmp_path_factory.mktemp("plain")
    start = time.monotonic()
    synth_app(cwd, {fast_import.ENV_SWITCH: "0"})
    PLAIN_SECONDS.append(time.monotonic() - start)
    files = stack_files(cwd / "cdktf.out")
    assert {f for f in files if f.endswith("cdk.tf.json")} == {f"stacks/{e}/cdk.tf.json" for e in ("dev", "staging", "prod")}
    return files


def test_synth_is_byte_identical_with_the_accelerator(tmp_path: Path, reference_output: dict[str, bytes]) -> None:
    synth_app(tmp_path)  # warms the accelerator's cache if this machine has none yet
    start = time.monotonic()
    synth_app(tmp_path)
    fast = time.monotonic() - start
    assert stack_files(tmp_path / "cdktf.out") == reference_output
    # make bench measures ~0.13x; a loose bound keeps this robust on a busy machine.
    assert fast < 0.5 * PLAIN_SECONDS[0], f"accelerated synth {fast:.1f}s vs plain {PLAIN_SECONDS[0]:.1f}s"


def test_fallback_warns_once_and_still_synthesizes_identically(tmp_path: Path, reference_output: dict[str, bytes]) -> None:
    # A jsii runtime without the lazy-type hook is one the accelerator does not know.
    prelude = "import jsii._reference_map as r; del r._submodule_fqn_map\n"
    done = synth_app(tmp_path, prelude=prelude)
    warnings = [line for line in done.stderr.splitlines() if "fast import is off" in line]
    assert len(warnings) == 1 and "lazy type resolution" in warnings[0]
    assert stack_files(tmp_path / "cdktf.out") == reference_output


def test_switch_off_imports_every_submodule(tmp_path: Path) -> None:
    code = ("import sys, dynamo_constructs\nfrom dynamo_constructs import fast_import\n"
            "n = sum(1 for m in sys.modules if m.startswith('cdktf_cdktf_provider_aws.'))\n"
            "print(fast_import.status()['active'], n)")
    off = run_python(code, tmp_path, {fast_import.ENV_SWITCH: "0"}).stdout.split()
    on = run_python(code, tmp_path).stdout.split()
    assert off[0] == "False" and int(off[1]) > 2000
    assert on[0] == "True" and int(on[1]) < 100


def test_a_type_from_an_unimported_submodule_resolves(tmp_path: Path) -> None:
    """jsii returns an XrayGroup created on the JavaScript side; its Python class was never imported."""
    code = """
import sys, dynamo_constructs
from cdktf import App, TerraformStack
from jsii._runtime import kernel
from jsii._kernel import _make_reference_for_native
from jsii._kernel.types import CreateRequest
stack = TerraformStack(App(), "s")
assert "cdktf_cdktf_provider_aws.xray_group" not in sys.modules
kernel.provider.create(CreateRequest(fqn="@cdktf/provider-aws.xrayGroup.XrayGroup",
                                     args=_make_reference_for_native(kernel, [stack, "grp", {"groupName": "g", "filterExpression": "x"}])))
found = stack.node.find_child("grp")
print(type(found).__module__, type(found).__name__, found.group_name_input)
import cdktf_cdktf_provider_aws as aws
print(aws.xray_sampling_rule.XraySamplingRule.__name__)
"""
    lines = run_python(code, tmp_path).stdout.split("\n")
    assert lines[0] == "cdktf_cdktf_provider_aws.xray_group XrayGroup g"
    assert lines[1] == "XraySamplingRule"


def test_cache_is_private_and_safe_under_concurrency(tmp_path: Path) -> None:
    """Two cold processes at once, a fresh cache: both succeed; nothing lands in HOME or site-packages."""
    home, cache = tmp_path / "home", tmp_path / "cache"
    home.mkdir()
    before = PROVIDER_DIR.stat().st_mtime_ns, (PROVIDER_DIR / "_jsii").stat().st_mtime_ns
    env = {**os.environ, "HOME": str(home), fast_import.ENV_CACHE: str(cache), "PYTHONPATH": str(ROOT),
           "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}
    env.pop("JSII_RUNTIME_PACKAGE_CACHE_ROOT", None)
    env.pop("XDG_CACHE_HOME", None)
    code = SYNTH.format(main=str(ROOT / "main.py"))
    procs = []
    for i in range(2):
        workdir = tmp_path / f"run{i}"
        workdir.mkdir()
        procs.append((workdir, subprocess.Popen([sys.executable, "-c", code], cwd=workdir, env=env,
                                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    for _workdir, proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-3000:]
        assert "fast import is off" not in err
    assert stack_files(tmp_path / "run0" / "cdktf.out") == stack_files(tmp_path / "run1" / "cdktf.out")
    assert list(home.iterdir()) == [], "nothing may be written outside the accelerator's cache"
    assert list((cache / "provider-aws").glob("*/*.partial")) == []
    assert len(list((cache / "provider-aws").glob("*/provider-aws@*.jsii.tgz"))) == 1
    assert (cache / "jsii-packages").is_dir()
    assert (PROVIDER_DIR.stat().st_mtime_ns, (PROVIDER_DIR / "_jsii").stat().st_mtime_ns) == before


def test_unexpected_package_layout_is_refused() -> None:
    source = (PROVIDER_DIR / "__init__.py").read_text()
    head, names = fast_import.split_init_source(source)
    assert len(names) > 2000 and "dynamodb_table" in names and head.endswith("publication.publish()\n")
    with pytest.raises(fast_import.FastImportUnavailable, match="unexpected line"):
        fast_import.split_init_source(source + "\nprint('surprise')\n")
    with pytest.raises(fast_import.FastImportUnavailable, match="publication.publish"):
        fast_import.split_init_source("from . import x\n")


@pytest.mark.parametrize(("python", "js"), [("dynamodb_table", "dynamodbTable"), ("ec2_transit_gateway", "ec2TransitGateway"),
                                            ("s3_bucket", "s3Bucket"), ("provider", "provider")])
def test_jsii_names(python: str, js: str) -> None:
    assert fast_import.jsii_name(python) == js


def test_this_session_uses_the_accelerator() -> None:
    """The test process itself pays the provider import once, lazily."""
    assert fast_import.status()["active"] is True
    loaded = [m for m in sys.modules if m.startswith("cdktf_cdktf_provider_aws.")]
    assert 0 < len(loaded) < 200
