"""Count the requests a Python process sends to the jsii kernel (node), by kind.

Every construct, property read, method call and callback answer is one request/response round
trip over the kernel's pipe (~0.5-1 ms each here). Counting them per table shows what the
construct layer costs beyond the raw resources, independently of the machine's speed.
``install()`` wraps jsii's kernel provider methods at class level before the kernel starts.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from typing import Any

# The kernel API (jsii/_kernel/providers/base.py): each call is one request to node.
REQUESTS = ("load", "create", "delete", "get", "set", "sget", "sset", "invoke", "sinvoke", "begin", "sbegin", "end",
            "callbacks", "complete", "sync_complete", "stats")
COUNTS: Counter[str] = Counter()


def _counted(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        COUNTS[name] += 1
        return method(*args, **kwargs)

    return wrapper


def install() -> None:
    """Wrap the process provider's request methods (idempotent); importing jsii starts no node."""
    from jsii._kernel.providers.process import ProcessProvider

    if getattr(ProcessProvider, "_bench_counted", False):
        return
    for name in REQUESTS:
        method = getattr(ProcessProvider, name, None)
        if callable(method):
            setattr(ProcessProvider, name, _counted(name, method))
    ProcessProvider._bench_counted = True  # type: ignore[attr-defined]


def snapshot() -> dict[str, int]:
    return dict(COUNTS)
