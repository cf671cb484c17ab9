"""Which CDK engine the library runs on: CDK for Terraform (``cdktf``) or CDK Terrain (``cdktn``).

Chosen once per process by ``DYNAMO_CONSTRUCTS_ENGINE`` (``cdktf`` | ``cdktn``); without it,
cdktf when installed, else cdktn. Importing this module imports neither engine, so the import
accelerator can act before the engine loads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.util import find_spec

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


def select() -> Engine:
    wanted = os.environ.get(ENV, "").strip().lower()
    if wanted:
        if wanted not in ENGINES:
            raise ImportError(f"{ENV}={wanted!r}: expected one of {', '.join(ENGINES)}")
        return ENGINES[wanted]
    if find_spec("cdktf") is not None and find_spec("cdktf_cdktf_provider_aws") is not None:
        return ENGINES["cdktf"]
    if find_spec("cdktn") is not None:
        return ENGINES["cdktn"]
    raise ImportError("dynamo_constructs needs an engine: pip install 'dynamo-constructs[cdktf]' or '[cdktn]'")


ENGINE = select()
