"""The provider import accelerator: identical output, real fallback, lazy types, import order,
a type index from the first run on, and shared-cache hygiene.

Each case runs in a fresh Python process (the accelerator acts at import time). One process pays
the ordinary (slow) provider import: the fallback run, whose output is the reference.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from dynamo_constructs import fast_import

import pytest

from tests.support.fast_import import REPORT, SYNTH, TIMEOUT, report_of, run_python, stack_files
from tests.support.paths import ROOT

# The Python half and the fallback reference are cdktf's; cdktn's accelerator: test_fast_import_cdktn.py.
pytestmark = pytest.mark.engine("cdktf")  # cdktf's accelerator; cdktn: test_fast_import_cdktn.py

PROVIDER_DIR = Path(fast_import._package_files()[0]).parent


def synth_app(cwd: Path, env: dict[str, str] | None = None, prelude: str = "") -> subprocess.CompletedProcess[str]:
    return run_python(REPORT + prelude + SYNTH, cwd, env)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], subprocess.CompletedProcess[str]]:
    """Every stack synthesized with the ordinary import: a jsii without the lazy-type hook is one
    the accelerator does not know, so it falls back."""
    cwd = tmp_path_factory.mktemp("plain")
    done = synth_app(cwd, prelude="import jsii._reference_map as r; del r._submodule_fqn_map\n")
    files = stack_files(cwd / "cdktf.out")
    assert {f for f in files if f.endswith("cdk.tf.json")} == {f"stacks/{e}/cdk.tf.json" for e in ("dev", "staging", "prod")}
    return files, done


def test_fallback_warns_once_and_imports_every_submodule(reference: tuple[dict[str, bytes], subprocess.CompletedProcess[str]]) -> None:
    _, done = reference
    warnings = [line for line in done.stderr.splitlines() if "fast import is off" in line]
    assert len(warnings) == 1 and "lazy type resolution" in warnings[0]
    report = report_of(done)
    assert report["active"] is False and int(report["provider_submodules"]) > 2000  # type: ignore[call-overload]


def test_synth_is_byte_identical_with_the_accelerator(tmp_path: Path, reference: tuple[dict[str, bytes], object]) -> None:
    done = synth_app(tmp_path)
    assert stack_files(tmp_path / "cdktf.out") == reference[0]
    report = report_of(done)
    assert report["active"] is True and int(report["provider_submodules"]) < 100  # type: ignore[call-overload]


def test_switch_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fast_import.ENV_SWITCH, "0")
    monkeypatch.setattr(fast_import, "_state", {"active": False, "reason": None, "index": None})
    assert fast_import.install() is False
    assert fast_import.status()["reason"] == f"{fast_import.ENV_SWITCH}=0"


def test_a_cold_run_waits_for_the_index_another_process_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The claim on the type-index build: taken when free, refused (after a bounded wait) while
    another process holds it, and not needed once the index exists."""
    monkeypatch.setenv(fast_import.ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.setenv(fast_import.JSII_CACHE_ROOT, str(tmp_path / "jsii"))
    monkeypatch.setenv(fast_import.ENV_INDEX_WAIT, "0.3")
    monkeypatch.setattr(fast_import, "_state", dict(fast_import._state))  # _wait_for_index records the outcome
    entry = tmp_path / "jsii" / fast_import.ASSEMBLY / "1.0.0" / "abc"
    entry.mkdir(parents=True)
    first = fast_import._claim_index_build("1.0.0")
    assert first is not None, "nobody builds the index: this process does"
    start = time.monotonic()
    assert fast_import._claim_index_build("1.0.0") is None, "another holder: wait, then go on alone"
    assert 0.3 <= time.monotonic() - start < 5
    (entry / fast_import.INDEX_MANIFEST).write_text("{}")
    fast_import._wait_for_index("1.0.0", first)  # the builder sees its index and lets go
    assert first.closed
    assert fast_import._claim_index_build("1.0.0") is None, "the index exists: nothing to build"


def test_importing_the_engine_first_keeps_the_speed_up(tmp_path: Path) -> None:
    """An import sorter puts ``import cdktf`` above ``import dynamo_constructs``: still accelerated."""
    done = run_python(REPORT + "import cdktf\nimport dynamo_constructs\nimport stacks\n", tmp_path)
    report = report_of(done)
    assert report["active"] is True and int(report["provider_submodules"]) < 100  # type: ignore[call-overload]
    assert "fast import is off" not in done.stderr


def test_importing_the_provider_first_warns_once_with_the_fix(tmp_path: Path) -> None:
    # A stand-in for the already-imported provider (the real one costs a full ordinary import).
    code = (f"import sys, types\nsys.modules[{fast_import.PACKAGE!r}] = types.ModuleType({fast_import.PACKAGE!r})\n"
            "try:\n    import dynamo_constructs\nexcept ImportError:\n    pass\n")
    done = run_python(code, tmp_path)
    warnings = [line for line in done.stderr.splitlines() if "fast import is off" in line]
    assert len(warnings) == 1
    assert f"import dynamo_constructs first (before {fast_import.PACKAGE})" in warnings[0]


def test_a_type_from_an_unimported_submodule_resolves(tmp_path: Path) -> None:
    """jsii returns an XrayGroup created on the JavaScript side; its Python class was never imported."""
    code = """
import sys, dynamo_constructs
dynamo_constructs.Table  # loads the library, so the provider's assembly (a handful of its submodules)
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


def test_cold_cache_concurrency_hygiene_and_small_memory_from_the_second_run(
        tmp_path: Path, reference: tuple[dict[str, bytes], object]) -> None:
    """Two cold processes at once on an empty cache: both succeed, identically; one builds the
    kernel's type index while the other waits for it and loads it (node below 300 MB: a run without
    the index re-parses the provider's types, ~1 GB); nothing lands in HOME or site-packages; the
    index stays, so the next run's node peaks below 300 MB too."""
    home, cache = tmp_path / "home", tmp_path / "cache"
    home.mkdir()
    before = PROVIDER_DIR.stat().st_mtime_ns, (PROVIDER_DIR / "_jsii").stat().st_mtime_ns
    env = {**os.environ, "HOME": str(home), fast_import.ENV_CACHE: str(cache), "PYTHONPATH": str(ROOT),
           "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}
    env.pop("JSII_RUNTIME_PACKAGE_CACHE_ROOT", None)
    env.pop("XDG_CACHE_HOME", None)
    code = REPORT + SYNTH
    procs = []
    for i in range(2):
        workdir = tmp_path / f"run{i}"
        workdir.mkdir()
        procs.append(subprocess.Popen([sys.executable, "-c", code], cwd=workdir, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    peaks = []
    for proc in procs:
        out, err = proc.communicate(timeout=TIMEOUT)
        assert proc.returncode == 0, err[-3000:]
        assert "fast import is off" not in err
        peaks.append(float(report_of(out)["node_peak_mb"]))  # type: ignore[arg-type]
    assert min(peaks) < 300 < max(peaks), f"one cold run builds the index, the other loads it: node peaks {peaks} MB"
    assert stack_files(tmp_path / "run0" / "cdktf.out") == stack_files(tmp_path / "run1" / "cdktf.out") == reference[0]
    assert sorted(p.name for p in home.iterdir()) == [], "nothing may be written outside the accelerator's cache"
    assert list((cache / "provider-aws").glob("*/*.partial")) == []
    assert len(list((cache / "provider-aws").glob("*/provider-aws@*.jsii.tgz"))) == 1
    indexes = list((cache / "jsii-packages").glob(f"{fast_import.ASSEMBLY}/*/*/{fast_import.INDEX_MANIFEST}"))
    assert len(indexes) == 1, "the provider's type index exists after the first run"
    assert (PROVIDER_DIR.stat().st_mtime_ns, (PROVIDER_DIR / "_jsii").stat().st_mtime_ns) == before
    third = tmp_path / "run2"
    third.mkdir()
    done = subprocess.run([sys.executable, "-c", code], cwd=third, env=env, capture_output=True, text=True, timeout=TIMEOUT,
                          check=True)
    assert float(report_of(done)["node_peak_mb"]) < 300  # type: ignore[arg-type]


def test_unexpected_package_layout_is_refused() -> None:
    source = (PROVIDER_DIR / "__init__.py").read_text()
    head, names = fast_import.split_init_source(source)
    assert len(names) > 2000 and "dynamodb_table" in names and head.endswith("publication.publish()\n")
    assert sorted(names) == fast_import.submodule_names(PROVIDER_DIR)
    with pytest.raises(fast_import.FastImportUnavailable, match="unexpected line"):
        fast_import.split_init_source(source + "\nprint('surprise')\n")
    with pytest.raises(fast_import.FastImportUnavailable, match=r"publication\.publish"):
        fast_import.split_init_source("from . import x\n")


@pytest.mark.parametrize(("python", "js"), [("dynamodb_table", "dynamodbTable"), ("ec2_transit_gateway", "ec2TransitGateway"),
                                            ("s3_bucket", "s3Bucket"), ("provider", "provider")])
def test_jsii_names(python: str, js: str) -> None:
    assert fast_import.jsii_name(python) == js


def test_this_session_uses_the_accelerator(app_outdir: Path) -> None:
    """The test process itself (which synthesizes the app once, ``app_outdir``) pays the provider
    import once, lazily."""
    assert fast_import.status()["active"] is True
    loaded = [m for m in sys.modules if m.startswith(f"{fast_import.PACKAGE}.")]
    assert 0 < len(loaded) < 200
