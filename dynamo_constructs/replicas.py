"""Global-table replicas: one value object per replica region."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cdktf import TerraformProvider

from .encryption import check_key_arn
from .validation import check, is_literal

REGION_PATTERN = r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$"


@dataclass(frozen=True, kw_only=True)
class Replica:
    """A replica of the table in ``region``, managed through ``provider`` (an AWS provider
    configured for that region).

    ``kms_key_arn`` is used when the table has a customer-managed key; without it a key is
    created in the replica region. ``None`` for PITR or deletion protection means "as the table".
    """

    region: str
    provider: TerraformProvider
    kms_key_arn: str | None = None
    point_in_time_recovery: bool | None = None
    deletion_protection: bool | None = None
    propagate_tags: bool = True


def validate_replicas(path: str, replicas: Sequence[Replica], primary_region: str | None) -> None:
    """Regions well-formed, distinct, not the primary; providers agree with their regions."""
    import re

    seen: set[str] = set()
    for replica in replicas:
        check(isinstance(replica.region, str) and re.match(REGION_PATTERN, replica.region) is not None,
              path, "replica region", replica.region, "expected an AWS region name such as 'eu-west-1'")
        check(replica.region not in seen, path, "replica region", replica.region,
              "each replica region may appear once")
        seen.add(replica.region)
        check(primary_region is None or replica.region != primary_region, path, "replica region",
              replica.region, f"a replica must be in another region than the table ({primary_region})")
        provider_region = getattr(replica.provider, "region", None)
        if isinstance(provider_region, str) and is_literal(provider_region):
            check(provider_region == replica.region, path, f"replica {replica.region} provider region",
                  provider_region, f"the replica's provider must be configured for {replica.region}")
        if replica.kms_key_arn is not None:
            check_key_arn(path, f"replica {replica.region} kms_key_arn", replica.kms_key_arn)
            if is_literal(replica.kms_key_arn):
                check(f":kms:{replica.region}:" in replica.kms_key_arn, path,
                      f"replica {replica.region} kms_key_arn", replica.kms_key_arn,
                      f"a replica's key must be in the replica region ({replica.region})")
