"""Import accelerator for the prebuilt AWS provider bindings: load only the submodules used.

Why: the bindings hold ~2,200-2,400 resource submodules. On the Python side, cdktf's
``cdktf_cdktf_provider_aws/__init__.py`` imports all of them (~8 s; cdktn's is already lazy);
on the JavaScript side, both engines' ``lib/index.js``, loaded into the jsii kernel,
``require`` all of them (~5 s, ~800 MB). And with a cold jsii cache the kernel re-parses the
provider's ~150 MB type file on every run, because it writes its type index from a background
thread that a short synth never lets finish. All three are cut here:

* Python (cdktf only): the package's ``__init__`` runs without its trailing ``from . import
  <submodule>`` lines; submodules are imported on first attribute access (PEP 562), and jsii's
  lazy-type hook (``jsii._reference_map._submodule_fqn_map``) learns which Python module holds
  each jsii submodule, so a type jsii returns from a submodule nobody imported still resolves.
* JavaScript (both engines): the kernel is given a copy of the provider's tarball whose
  ``package.json`` points ``main`` at the package's own ``lib/lazy-index.js`` (getters that
  ``require`` on first use). The copy lives in this library's cache directory, built once per
  provider version under a file lock and published atomically.
* Type index (both engines): when the kernel has no index for the provider yet, the process
  waits at exit (bounded) for the kernel's own background build to finish, so from the second
  run on the kernel reads the index instead of the whole type file (~150 MB instead of ~1 GB).
  One process builds it under a file lock; concurrent cold runs wait for it (bounded) and load it.

The kernel's package cache is moved into this library's cache directory when the kernel has not
started yet, so nothing lands in the user's shared jsii cache. Importing the engine (``cdktf``)
first is fine; importing the provider bindings first is not — then a warning names the fix. On by
default; off with ``DYNAMO_CONSTRUCTS_FAST_IMPORT=0``. Anything unexpected (another layout, a jsii
without the lazy-type hook) means the ordinary import, with one warning saying why.
"""

from __future__ import annotations

import atexit
import fcntl
import gzip
import importlib.abc
import importlib.machinery
import importlib.util
import io
import json
import os
import re
import sys
import tarfile
import tempfile
import time
import types
import warnings
from pathlib import Path
from typing import Any

from .engine import ENGINE

PACKAGE = ENGINE.provider
ASSEMBLY = ENGINE.provider_assembly
ENV_SWITCH = "DYNAMO_CONSTRUCTS_FAST_IMPORT"
ENV_CACHE = "DYNAMO_CONSTRUCTS_CACHE_DIR"
ENV_INDEX_WAIT = "DYNAMO_CONSTRUCTS_INDEX_WAIT_SECONDS"
JSII_CACHE_ROOT = "JSII_RUNTIME_PACKAGE_CACHE_ROOT"
LAZY_MAIN = "lib/lazy-index.js"
INDEX_MANIFEST = ".jsii.runtime.v1.json"  # the kernel's type-index manifest (written last, atomically)
SUBMODULE_LINE = re.compile(r"^from \. import ([a-z0-9_]+)$")
TARBALL = re.compile(r"^provider-aws@(?P<version>[0-9][0-9A-Za-z.+-]*)\.jsii\.tgz$")
EXPORT = re.compile(rb"defineProperty\(exports, '([A-Za-z0-9_]+)'")

_state: dict[str, Any] = {"active": False, "reason": None, "index": None}


class FastImportUnavailable(RuntimeError):
    """The installed provider or jsii is not what the accelerator knows how to speed up."""


def enabled_by_env() -> bool:
    return os.environ.get(ENV_SWITCH, "1").strip().lower() not in ("0", "false", "no", "off")


def cache_dir() -> Path:
    configured = os.environ.get(ENV_CACHE)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dynamo-constructs"


def split_init_source(source: str) -> tuple[str, list[str]]:
    """The package ``__init__`` without its eager submodule imports, and the submodule names.

    Raises FastImportUnavailable unless the file ends with ``publication.publish()`` followed
    only by ``from . import <name>`` lines (the layout jsii-pacmak generates for cdktf).
    """
    marker = "\npublication.publish()\n"
    head, sep, tail = source.rpartition(marker)
    if not sep:
        raise FastImportUnavailable(f"{PACKAGE}/__init__.py has no publication.publish() line")
    names: list[str] = []
    for raw in tail.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = SUBMODULE_LINE.match(line)
        if match is None:
            raise FastImportUnavailable(f"unexpected line after publication.publish(): {line[:80]!r}")
        names.append(match.group(1))
    if len(names) < 100:
        raise FastImportUnavailable(f"only {len(names)} eager submodule imports found; expected the prebuilt layout")
    return head + sep, names


def jsii_name(python_name: str) -> str:
    """jsii-pacmak's Python name back to the jsii submodule name: ``dynamodb_table`` -> ``dynamodbTable``."""
    first, *rest = python_name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def _package_files() -> tuple[Path, Path]:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None or not spec.submodule_search_locations:
        raise FastImportUnavailable(f"{PACKAGE} is not installed")
    init = Path(spec.origin)
    tarballs = [p for p in (init.parent / "_jsii").glob("*.jsii.tgz") if TARBALL.match(p.name)]
    if len(tarballs) != 1:
        raise FastImportUnavailable(f"expected one provider-aws@<version>.jsii.tgz in {init.parent / '_jsii'}")
    return init, tarballs[0]


def submodule_names(package_dir: Path) -> list[str]:
    """The provider's Python submodules: its sub-packages (the same list in both engines' layouts)."""
    return sorted(p.name for p in package_dir.iterdir()
                  if p.is_dir() and not p.name.startswith("_") and (p / "__init__.py").exists())


def _check_jsii() -> Any:
    import jsii
    from jsii import _reference_map

    if not hasattr(_reference_map, "_submodule_fqn_map") or not hasattr(_reference_map, "_try_import_type_module"):
        raise FastImportUnavailable(f"jsii {jsii.__version__} has no lazy type resolution (needs jsii >= 1.119)")
    kernel = getattr(jsii._runtime, "kernel", None)
    if kernel is None or not callable(getattr(kernel, "load", None)):
        raise FastImportUnavailable("jsii's kernel has no load() to redirect")
    return kernel


def _lazy_tarball(original: Path, names: list[str]) -> Path:
    """The provider tarball with ``main`` pointing at lazy-index.js, built once per version."""
    stat = original.stat()
    folder = cache_dir() / "provider-aws" / f"{ENGINE.name}-{original.name}-{stat.st_size}"
    target = folder / original.name
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second process waits, then finds the finished file
        if target.exists():
            return target
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".partial")
        os.close(fd)
        try:
            _rewrite_tarball(original, Path(tmp), names)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return target


def _rewrite_tarball(original: Path, target: Path, names: list[str]) -> None:
    expected_exports = {jsii_name(n) for n in names}
    seen_main = seen_lazy = False
    with tarfile.open(original, "r:gz") as src, gzip.open(target, "wb", compresslevel=1) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as dst:
        for member in src:
            data = src.extractfile(member) if member.isfile() else None
            if member.name == "package/package.json" and data is not None:
                manifest = json.loads(data.read())
                if manifest.get("name") != ASSEMBLY or "exports" in manifest:
                    raise FastImportUnavailable("the provider's package.json is not the expected layout")
                manifest["main"] = LAZY_MAIN
                payload = json.dumps(manifest, indent=2).encode()
                member.size = len(payload)
                dst.addfile(member, io.BytesIO(payload))
                seen_main = True
                continue
            if member.name == f"package/{LAZY_MAIN}" and data is not None:
                content = data.read()
                exports = {e.decode() for e in EXPORT.findall(content)} - {"__esModule"}
                if exports != expected_exports:
                    raise FastImportUnavailable("lazy-index.js exports do not match the Python submodules")
                dst.addfile(member, io.BytesIO(content))
                seen_lazy = True
                continue
            dst.addfile(member, data)
    if not (seen_main and seen_lazy):
        raise FastImportUnavailable(f"the provider tarball has no package.json or {LAZY_MAIN}")


class _LazyPackageLoader(importlib.abc.Loader):
    """Runs cdktf's provider package ``__init__`` without the eager submodule imports."""

    def __init__(self, init: Path, head: str, names: list[str]) -> None:
        self.init = init
        self.head = head
        self.names = frozenset(names)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        module.__file__ = str(self.init)
        exec(compile(self.head, str(self.init), "exec"), module.__dict__)  # the package's own code
        public = sys.modules[module.__name__]  # publication.publish() swapped in a public module
        names = self.names

        def __getattr__(name: str) -> Any:  # PEP 562: import a submodule on first use
            if name in names:
                return importlib.import_module(f"{PACKAGE}.{name}")
            raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}")

        public.__getattr__ = __getattr__  # type: ignore[method-assign]


class _Finder(importlib.abc.MetaPathFinder):
    def __init__(self, spec: importlib.machinery.ModuleSpec) -> None:
        self.spec = spec

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        return self.spec if fullname == PACKAGE else None


def _kernel_started() -> bool:
    """Whether the jsii node process runs already (then its environment is fixed): it starts
    with the first assembly loaded (importing the engine loads constructs and the core)."""
    from jsii import _reference_map

    return bool(_reference_map._assembly_to_module)


def _jsii_cache_root() -> Path:
    configured = os.environ.get(JSII_CACHE_ROOT)
    return Path(configured) if configured else Path.home() / ".cache" / "aws" / "jsii" / "package-cache"


def _index_ready(version: str) -> bool | None:
    """True when every cache entry of the provider has its type index; None when none exists."""
    entries = [p for p in (_jsii_cache_root() / ASSEMBLY / version).glob("*") if p.is_dir()]
    if not entries:
        return None
    return all((entry / INDEX_MANIFEST).exists() for entry in entries)


def _index_lock_path(version: str) -> Path:
    return cache_dir() / "provider-aws" / f"{ENGINE.name}-index-{version}.lock"


def _claim_index_build(version: str) -> io.TextIOWrapper | None:
    """The lock that makes one process build the type index: concurrent cold runs (parallel CI
    jobs) wait for it (bounded) and then load the finished index instead of each re-parsing the
    type file (~10 CPU-seconds and ~1 GB each). Returns the held lock, or None when the index got
    built meanwhile (or the wait ran out: then this process builds its own)."""
    path = _index_lock_path(version)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = open(path, "w")  # noqa: SIM115 - held until the index exists (released by _wait_for_index)
    except OSError:
        return None  # an unwritable cache: build without coordination, as before
    deadline = time.monotonic() + _index_wait_seconds()
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if time.monotonic() < deadline:
                time.sleep(0.1)
                continue
            lock.close()
            return None
        if _index_ready(version):
            lock.close()
            return None
        return lock


def _index_wait_seconds() -> float:
    return float(os.environ.get(ENV_INDEX_WAIT, "90"))


def _wait_for_index(version: str, lock: io.TextIOWrapper | None = None) -> None:
    """At exit, before jsii stops the kernel: let the kernel's background index build finish,
    then let a waiting process have it."""
    deadline = time.monotonic() + _index_wait_seconds()
    try:
        while time.monotonic() < deadline:
            ready = _index_ready(version)
            if ready is None or ready:
                _state["index"] = "built" if ready else "no cache entry"
                return
            time.sleep(0.1)
        _state["index"] = "not built in time"
    finally:
        if lock is not None:
            lock.close()


def _activate() -> None:
    if PACKAGE in sys.modules:
        raise FastImportUnavailable(
            f"{PACKAGE} was imported before dynamo_constructs; import dynamo_constructs first "
            f"(before {PACKAGE}) to synthesize with a fraction of the time and memory")
    init, original = _package_files()
    names = submodule_names(init.parent)
    kernel = _check_jsii()
    from jsii import _reference_map

    head = None
    if ENGINE.name == "cdktf":  # cdktn's Python package is lazy already
        head, init_names = split_init_source(init.read_text(encoding="utf-8"))
        names = init_names
    version = TARBALL.match(original.name).group("version")  # type: ignore[union-attr]
    fqn_map = {f"{ASSEMBLY}.{jsii_name(n)}": f"{PACKAGE}.{n}" for n in names}
    if not _kernel_started():
        jsii_cache = cache_dir() / "jsii-packages"
        jsii_cache.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.environ.setdefault(JSII_CACHE_ROOT, str(jsii_cache))
    original_load = kernel.load

    def load(name: str, load_version: str, tarball: str) -> None:
        if name == ASSEMBLY and load_version == version and Path(tarball).name == original.name:
            # Built here, when the provider is first loaded (once per version), not at import time:
            # tools that never load the provider (the CLI) never pay for it.
            try:
                tarball = str(_lazy_tarball(original, names))
            except (FastImportUnavailable, OSError) as exc:
                _state["reason"] = f"JavaScript half off: {exc}"
                warnings.warn(f"dynamo_constructs fast import: the provider's JavaScript loads eagerly: {exc}",
                              RuntimeWarning, stacklevel=2)
            if not _index_ready(version):
                lock = _claim_index_build(version)
                if lock is not None or not _index_ready(version):
                    atexit.register(_wait_for_index, version, lock)  # runs before jsii's own exit hook (LIFO)
        original_load(name, load_version, tarball)
        if name == ASSEMBLY:
            _reference_map._submodule_fqn_map.update(fqn_map)

    kernel.load = load
    if head is not None:
        spec = importlib.util.spec_from_file_location(
            PACKAGE, init, loader=_LazyPackageLoader(init, head, names), submodule_search_locations=[str(init.parent)]
        )
        assert spec is not None
        sys.meta_path.insert(0, _Finder(spec))
    _state["active"] = True


def install() -> bool:
    """Turn the accelerator on (idempotent). Returns whether it is active."""
    if _state["active"]:
        return True
    if not enabled_by_env():
        _state["reason"] = f"{ENV_SWITCH}=0"
        return False
    try:
        _activate()
    except (FastImportUnavailable, OSError) as exc:
        _state["reason"] = str(exc)
        warnings.warn(f"dynamo_constructs fast import is off, using the ordinary provider import: {exc}",
                      RuntimeWarning, stacklevel=2)
        return False
    return True


def status() -> dict[str, Any]:
    """Whether the accelerator is active and, if not, why; and what became of the type index."""
    return dict(_state)
