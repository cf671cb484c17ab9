"""Which CDK engine the library runs on: CDK for Terraform (``cdktf``) or CDK Terrain (``cdktn``).

Chosen once per process by ``DYNAMO_CONSTRUCTS_ENGINE`` (``cdktf`` | ``cdktn``); without it,
cdktf when installed, else cdktn. Importing this module imports neither engine, so the import
accelerator can act before the engine loads.

One engine per process: the other engine's package names (``cdktf`` / ``cdktn`` and their AWS
bindings) become aliases of the selected engine's, so an app written against either name
(``from cdktf import App``) runs unchanged on both, and a process never mixes the two engines'
constructs (their jsii assemblies do not know each other's types).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
from dataclasses import dataclass
from importlib import import_module
from importlib.machinery import PathFinder
from importlib.util import spec_from_loader
from types import ModuleType

ENV = "DYNAMO_CONSTRUCTS_ENGINE"


@dataclass(frozen=True)
class Engine:
    name: str
    core: str  # the Python package of the core classes
    provider: str  # the Python package of the prebuilt hashicorp/aws bindings
    provider_assembly: str  # the jsii assembly of those bindings


ENGINES = {
    "cdktf": Engine("cdktf", "cdktf", "cdktf_cdktf_provider_aws", "@cdktf/provider-aws"),
    "cdktn": Engine("cdktn", "cdktn", "cdktn_provider_aws", "@cdktn/provider-aws"),
}


def _installed(package: str) -> bool:
    """Whether ``package`` is really there: imported under its own name, or on sys.path (an alias
    of the other engine's package, see below, does not count)."""
    module = sys.modules.get(package)
    if module is not None and getattr(module, "__name__", None) == package:
        return True
    try:
        return PathFinder.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def select() -> Engine:
    wanted = os.environ.get(ENV, "").strip().lower()
    if wanted:
        if wanted not in ENGINES:
            raise ImportError(f"{ENV}={wanted!r}: expected one of {', '.join(ENGINES)}")
        if not (_installed(ENGINES[wanted].core) and _installed(ENGINES[wanted].provider)):
            raise ImportError(f"{ENV}={wanted} but {ENGINES[wanted].core} or {ENGINES[wanted].provider} is not installed: "
                              f"pip install 'dynamo-constructs[{wanted}]' (in this repository: make install ENGINE={wanted})")
        return ENGINES[wanted]
    if _installed("cdktf") and _installed("cdktf_cdktf_provider_aws"):
        return ENGINES["cdktf"]
    if _installed("cdktn"):
        return ENGINES["cdktn"]
    raise ImportError("dynamo_constructs needs an engine: pip install 'dynamo-constructs[cdktf]' or '[cdktn]'")


ENGINE = select()


class _AliasLoader(importlib.abc.Loader):
    """Loads an alias by importing the real module and returning it (the same module object)."""

    def __init__(self, real: str) -> None:
        self.real = real

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return import_module(self.real)

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the real module ran when it was imported."""


class _AliasFinder(importlib.abc.MetaPathFinder):
    """Maps the other engine's top-level packages (and their submodules) onto the selected engine's."""

    def __init__(self, aliases: dict[str, str]) -> None:
        self.aliases = aliases

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        root, dot, rest = fullname.partition(".")
        real_root = self.aliases.get(root)
        if real_root is None:
            return None
        return spec_from_loader(fullname, _AliasLoader(real_root + dot + rest))


def engine_aliases(engine: Engine) -> dict[str, str]:
    """The other engines' core and provider package names, each mapped to ``engine``'s."""
    aliases: dict[str, str] = {}
    for other in ENGINES.values():
        if other is not engine:
            aliases[other.core] = engine.core
            aliases[other.provider] = engine.provider
    return aliases


def _install_aliases() -> None:
    if not any(isinstance(finder, _AliasFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _AliasFinder(engine_aliases(ENGINE)))


_install_aliases()
