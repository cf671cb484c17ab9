"""KMS: key-state operations that take a key ARN as well as a key ID.

DisableKey, EnableKey, ScheduleKeyDeletion and CancelKeyDeletion all accept "the key ID or key
ARN of the KMS key" (KMS API reference, e.g. https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html);
moto indexes its key table with the raw parameter, so an ARN fails with a 500.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from moto.kms.models import KmsBackend


def _by_key_id(method: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(self: KmsBackend, key_id: str, *args: Any) -> Any:
        return method(self, self.get_key_id(key_id), *args)

    return wrapper


def install() -> None:
    for name in ("disable_key", "enable_key", "schedule_key_deletion", "cancel_key_deletion"):
        setattr(KmsBackend, name, _by_key_id(getattr(KmsBackend, name)))
