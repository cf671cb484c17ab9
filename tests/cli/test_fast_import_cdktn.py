"""The import accelerator on CDK Terrain: only its JavaScript half applies (``cdktn_provider_aws``'s
Python ``__init__`` is lazy already, its ``lib/index.js`` is not), plus the type index.

Same bytes with it on and off; with it on, a cold cache leaves the kernel's type index behind, so the
next run stays small; a type from a submodule nothing required yet still resolves on the JavaScript
side. Each case is a fresh Python process (the accelerator acts at import time).
"""

from __future__ import annotations

from pathlib import Path

from dynamo_constructs import fast_import

import pytest

from tests.support.fast_import import REPORT, SYNTH, report_of, stack_files
from tests.support.fast_import import run_python as run

pytestmark = pytest.mark.engine("cdktn")  # cdktn's accelerator; cdktf: test_fast_import.py

def run_python(code: str, cwd: Path, env: dict[str, str] | None = None) -> dict[str, object]:
    """Run ``code`` with the report hook; the accelerator must not have fallen back (unless switched off)."""
    done = run(REPORT + code, cwd, env)
    assert "fast import is off" not in done.stderr or (env or {}).get(fast_import.ENV_SWITCH) == "0", done.stderr[-2000:]
    return report_of(done)


def test_same_bytes_with_the_accelerator_on_and_off(tmp_path: Path) -> None:
    off, on = tmp_path / "off", tmp_path / "on"
    off.mkdir()
    on.mkdir()
    plain = run_python(SYNTH, off, {fast_import.ENV_SWITCH: "0"})
    fast = run_python(SYNTH, on)
    assert plain["active"] is False and fast["active"] is True
    files = stack_files(on / "cdktf.out")
    assert {f for f in files if f.endswith("cdk.tf.json")} == {f"stacks/{e}/cdk.tf.json" for e in ("dev", "staging", "prod")}
    assert files == stack_files(off / "cdktf.out")
    assert int(fast["provider_submodules"]) < 100  # type: ignore[call-overload]


def test_cold_cache_leaves_the_type_index_so_the_next_run_is_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """First run on an empty cache: lazy tarball built, kernel's index waited for; second run: < 300 MB node."""
    cache = tmp_path / "cache"
    monkeypatch.delenv(fast_import.JSII_CACHE_ROOT, raising=False)  # this process's accelerator set it
    for i in range(2):
        workdir = tmp_path / f"run{i}"
        workdir.mkdir()
        report = run_python(SYNTH, workdir, {fast_import.ENV_CACHE: str(cache)})
        if i == 0:
            indexes = list((cache / "jsii-packages").glob(f"{fast_import.ASSEMBLY}/*/*/{fast_import.INDEX_MANIFEST}"))
            assert len(indexes) == 1, f"no type index after the first run: {report}"
            assert len(list((cache / "provider-aws").glob("cdktn-*/provider-aws@*.jsii.tgz"))) == 1
    assert float(report["node_peak_mb"]) < 300, report  # type: ignore[arg-type]


def test_a_type_from_an_unrequired_submodule_resolves(tmp_path: Path) -> None:
    """The kernel creates an XrayGroup: its JavaScript submodule is required on first use, and its
    Python class (never imported) resolves through the package's own lazy map."""
    code = """
import sys, dynamo_constructs
import cdktn_provider_aws  # loads the assembly into the kernel (its Python side stays lazy)
from cdktn import App, TerraformStack
from jsii._runtime import kernel
from jsii._kernel import _make_reference_for_native
from jsii._kernel.types import CreateRequest
stack = TerraformStack(App(), "s")
assert "cdktn_provider_aws.xray_group" not in sys.modules
kernel.provider.create(CreateRequest(fqn="@cdktn/provider-aws.xrayGroup.XrayGroup",
                                     args=_make_reference_for_native(kernel, [stack, "grp", {"groupName": "g", "filterExpression": "x"}])))
found = stack.node.find_child("grp")
print("FOUND", type(found).__module__, type(found).__name__, found.group_name_input)
"""
    done = run(code, tmp_path)
    assert "FOUND cdktn_provider_aws.xray_group XrayGroup g" in done.stdout.splitlines()


def test_importing_the_engine_first_keeps_the_speed_up(tmp_path: Path) -> None:
    report = run_python("import cdktn\nimport dynamo_constructs\nimport stacks\n" + SYNTH, tmp_path)
    assert report["active"] is True and int(report["provider_submodules"]) < 100  # type: ignore[call-overload]
