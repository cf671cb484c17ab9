"""The seed examples and the stacks each synthesizes."""

from __future__ import annotations

EXAMPLES = ("aperture", "streaming_logs", "cloud_tools_jobs", "stackkit_addon", "quikapp")
STACKS = {
    "aperture": ("dev", "prod"),
    "streaming_logs": ("dev", "prod", "staging"),
    "cloud_tools_jobs": ("development", "production"),
    "stackkit_addon": ("dev", "prod", "staging"),
    "quikapp": ("dev", "prod"),
}
EXAMPLE_STACKS = [(e, s) for e in EXAMPLES for s in STACKS[e]]
