"""The environment jsii's kernel (a Node.js process) starts with: no end-of-life banner.

jsii runs the engine in Node and prints an 11-line banner on every run when that Node is past
jsii's support window — Node 20 since 2026-10-30 — and its Python runtime relays it to stderr as
byte strings. The library runs and is tested on Node 20 (and 22), so the banner says nothing a user
can act on at synth. The kernel reads ``JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION`` (a comma-
separated list of major versions) once, when it starts: the first import of the engine (``cdktf``
or ``constructs``) starts it, so ``import dynamo_constructs`` — which comes first, see
``fast_import`` — sets the variable here. A variable the user set (even to an empty string, to see
the banner) is left as it is. Other jsii warnings (an untested or known-broken Node) stay on.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

SILENCE_END_OF_LIFE = "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"
# Node major versions past jsii's support that the library is tested on.
TESTED_END_OF_LIFE_MAJORS = ("20",)


def quiet_end_of_life_banner(environ: MutableMapping[str, str] = os.environ) -> None:
    """Silence jsii's end-of-life banner for the tested Node versions, unless the user chose."""
    environ.setdefault(SILENCE_END_OF_LIFE, ",".join(TESTED_END_OF_LIFE_MAJORS))
