"""The one error type the library raises for bad configuration."""

from __future__ import annotations

from typing import Any


class TableConfigError(ValueError):
    """A configuration that Terraform or AWS would reject, caught at synth time.

    The message always names the construct path, the field, the offending value and what
    would be accepted, so the fix is obvious without reading the library's source.
    """

    def __init__(self, path: str, field: str, value: Any, accepted: str) -> None:
        self.path = path
        self.field = field
        self.value = value
        self.accepted = accepted
        super().__init__(f"{path}: invalid {field}={value!r}; {accepted}")
