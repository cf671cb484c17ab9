"""Import accelerator for CDKTF's prebuilt AWS provider: load only the submodules used.

Why: ``cdktf_cdktf_provider_aws/__init__.py`` imports all ~2,200 resource submodules so jsii
registers their types (~8 s), and the provider's JavaScript ``lib/index.js``, loaded into the
jsii kernel, ``require``s all of them too (~5 s). Both halves are cut here:

* Python: the package's ``__init__`` runs without its trailing ``from . import <submodule>``
  lines; submodules are imported on first attribute access (PEP 562), and the jsii runtime's
  own lazy-type hook (``jsii._reference_map._submodule_fqn_map``) is told which Python module
  holds each jsii submodule, so a type jsii returns from a submodule nobody imported still
  resolves.
* JavaScript: the kernel is given a copy of the provider's tarball whose ``package.json``
  points ``main`` at the package's own ``lib/lazy-index.js`` (getters that ``require`` on
  first use). The copy lives in this library's cache directory, and the kernel's package
  cache is moved there too, so nothing is written to site-packages or to the user's shared
  jsii cache. Built once per provider version, under a file lock, published atomically.

On by default when ``dynamo_constructs`` is imported before ``cdktf``; off with
``DYNAMO_CONSTRUCTS_FAST_IMPORT=0``. Anything unexpected (another provider layout, a jsii
without the lazy-type hook) means the ordinary import, with one warning saying why.
"""

from __future__ import annotations

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
import types
import warnings
from pathlib import Path
from typing import Any

PACKAGE = "cdktf_cdktf_provider_aws"
ASSEMBLY = "@cdktf/provider-aws"
ENV_SWITCH = "DYNAMO_CONSTRUCTS_FAST_IMPORT"
ENV_CACHE = "DYNAMO_CONSTRUCTS_CACHE_DIR"
JSII_CACHE_ROOT = "JSII_RUNTIME_PACKAGE_CACHE_ROOT"
LAZY_MAIN = "lib/lazy-index.js"
SUBMODULE_LINE = re.compile(r"^from \. import ([a-z0-9_]+)$")
TARBALL = re.compile(r"^provider-aws@(?P<version>[0-9][0-9A-Za-z.+-]*)\.jsii\.tgz$")

_state: dict[str, Any] = {"active": False, "reason": None}


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
    only by ``from . import <name>`` lines (the layout jsii-pacmak generates).
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
    folder = cache_dir() / "provider-aws" / f"{original.name}-{stat.st_size}"
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
                exports = set(re.findall(rb"defineProperty\(exports, '([A-Za-z0-9]+)'", content))
                if {e.decode() for e in exports} != expected_exports:
                    raise FastImportUnavailable("lazy-index.js exports do not match the Python submodules")
                dst.addfile(member, io.BytesIO(content))
                seen_lazy = True
                continue
            dst.addfile(member, data)
    if not (seen_main and seen_lazy):
        raise FastImportUnavailable(f"the provider tarball has no package.json or {LAZY_MAIN}")


class _LazyPackageLoader(importlib.abc.Loader):
    """Runs the provider package's ``__init__`` without the eager submodule imports."""

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


def _activate() -> None:
    if PACKAGE in sys.modules:
        raise FastImportUnavailable(f"{PACKAGE} was imported before dynamo_constructs")
    init, original = _package_files()
    head, names = split_init_source(init.read_text(encoding="utf-8"))
    kernel = _check_jsii()
    from jsii import _reference_map

    version = TARBALL.match(original.name).group("version")  # type: ignore[union-attr]
    fqn_map = {f"{ASSEMBLY}.{jsii_name(n)}": f"{PACKAGE}.{n}" for n in names}
    kernel_started = bool(_reference_map._assembly_to_module)
    lazy_tarball: Path | None = None
    if not kernel_started:
        lazy_tarball = _lazy_tarball(original, names)
        jsii_cache = cache_dir() / "jsii-packages"
        jsii_cache.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.environ.setdefault(JSII_CACHE_ROOT, str(jsii_cache))
        original_load = kernel.load

        def load(name: str, load_version: str, tarball: str) -> None:
            if name == ASSEMBLY and load_version == version and Path(tarball).name == original.name:
                tarball = str(lazy_tarball)
            original_load(name, load_version, tarball)
            if name == ASSEMBLY:
                _reference_map._submodule_fqn_map.update(fqn_map)

        kernel.load = load
    else:
        _reference_map._submodule_fqn_map.update(fqn_map)
        _state["reason"] = ("jsii kernel already running: only the Python half applies "
                            "(import dynamo_constructs before cdktf)")
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
    """Whether the accelerator is active and, if not (or only partly), why."""
    return dict(_state)
