"""The one error type the library raises for bad configuration."""

from __future__ import annotations

from typing import Any


class TableConfigError(ValueError):
    """A configuration that Terraform or AWS would reject, caught at synth time.

    The message names where (a construct path, a config key or a value object's
    constructor), the field, the offending value and what would be accepted, so the fix
    is obvious without reading the library's source. Rules that run before the construct
    path is known raise with ``path=None``; the construct re-raises with its path
    (:meth:`at`), so a valid configuration never pays for looking the path up.

    It is a ``ValueError``; ``exit_on_config_error()`` turns it into one line on stderr and exit
    status 1.

    Args:
        path: Where: the construct path, the configuration key or the value object's constructor
            (None until the construct adds it).
        field: The argument or setting that is wrong.
        value: The offending value.
        accepted: What would be accepted, as a sentence.

    Attributes:
        path: Where the error is (a construct path, a configuration key or a constructor), or None.
        field: The argument or setting that is wrong.
        value: The offending value.
        accepted: What would be accepted.
    """

    def __init__(self, path: str | None, field: str, value: Any, accepted: str) -> None:
        self.path = path
        self.field = field
        self.value = value
        self.accepted = accepted
        where = f"{path}: " if path else ""
        super().__init__(f"{where}invalid {field}={value!r}; {accepted}")

    def at(self, path: str) -> TableConfigError:
        """This error located at ``path`` (unchanged when it already names a place).

        Args:
            path: The construct path to name.
        """
        if self.path:
            return self
        located = TableConfigError(path, self.field, self.value, self.accepted)
        located.__traceback__ = self.__traceback__
        return located
