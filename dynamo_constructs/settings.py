"""``TableSettings``: a ``Table``'s arguments validated and everything derivable derived, in plain
Python (no engine calls), so the construct only renders and the rules are testable without a stack.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .autoscaling import ScaledDimension, ignored_capacity_fields, scaled_dimensions
from .billing import Billing, check_billing
from .encryption import TableEncryption, check_encryption
from .names import KMS_ALIAS_MAX, check_attribute_name, check_resource_name, check_tag_count, check_tags, fit, parse_arn
from .replicas import Replica, check_replicas
from .schema import AttributeType, IndexCapacity, TableSchema
from .validation import check, check_bool, check_int_range, coerce_enum, is_literal

DEFAULT_RECOVERY_PERIOD_DAYS = 35


class StreamViewType(StrEnum):
    KEYS_ONLY = "KEYS_ONLY"
    NEW_IMAGE = "NEW_IMAGE"
    OLD_IMAGE = "OLD_IMAGE"
    NEW_AND_OLD_IMAGES = "NEW_AND_OLD_IMAGES"


class TableClass(StrEnum):
    STANDARD = "STANDARD"
    STANDARD_INFREQUENT_ACCESS = "STANDARD_INFREQUENT_ACCESS"


@dataclass(frozen=True)
class TableSettings:
    """Everything a table is, validated. Built by :meth:`build`; read by the renderers."""

    name: str
    schema: TableSchema
    billing: Billing
    index_capacities: tuple[IndexCapacity, ...]
    scaled: tuple[ScaledDimension, ...]
    ttl_attribute: str | None
    stream: StreamViewType | None
    point_in_time_recovery: bool
    recovery_period_days: int | None
    table_class: TableClass
    deletion_protection: bool
    prevent_destroy: bool
    contributor_insights: bool
    encryption: TableEncryption
    replicas: tuple[Replica, ...]
    tags: Mapping[str, str]
    index_maintenance: bool = False

    @staticmethod
    def build(
        *,
        name: Any,
        partition_key: Any,
        sort_key: Any,
        billing: Any,
        global_indexes: Any,
        local_indexes: Any,
        time_to_live_attribute: Any,
        stream: Any,
        point_in_time_recovery: Any,
        recovery_period_days: Any,
        table_class: Any,
        deletion_protection: Any,
        prevent_destroy: Any,
        contributor_insights: Any,
        encryption: Any,
        replicas: Any,
        tags: Any,
        index_maintenance: Any = False,
        primary_region: str | None,
        provider_regions: Mapping[int, str | None],
        default_tags: Mapping[str, str] | None = None,
    ) -> TableSettings:
        """Validate every argument (raises TableConfigError without a path; the Table adds it)."""
        check_resource_name("table_name", name)
        check(isinstance(name, str), "table_name", name, "expected a string")
        schema = TableSchema.build(partition_key, sort_key, global_indexes, local_indexes)
        billing = check_billing("billing", billing)
        capacities = schema.index_capacities(billing)
        encryption = check_encryption("encryption", encryption)
        for field in ("point_in_time_recovery", "deletion_protection", "prevent_destroy", "contributor_insights",
                      "index_maintenance"):
            check_bool(field, locals()[field])
        tags = check_tags("tags", tags)
        check_tag_count("tags", tags, default_tags or {})
        given_key = encryption.given_key_arn
        key_arn = parse_arn(given_key) if given_key is not None and is_literal(given_key) else None
        if key_arn is not None and primary_region is not None:
            check(key_arn.region == primary_region, "encryption key_arn", given_key,
                  f"the key must be in the table's region ({primary_region}); DynamoDB cannot use a key "
                  f"in {key_arn.region}")
        if time_to_live_attribute is not None:
            check_attribute_name("time_to_live_attribute", time_to_live_attribute)
            key = {a.name: a for a in schema.attributes}.get(time_to_live_attribute)
            check(key is None or key.type is AttributeType.NUMBER, "time_to_live_attribute", time_to_live_attribute,
                  f"{time_to_live_attribute!r} is a key attribute of type {key.type.value if key else ''}; "
                  "TTL needs a Number (epoch seconds)")
        if recovery_period_days is not None:
            check(point_in_time_recovery, "recovery_period_days", recovery_period_days,
                  "a recovery period needs point_in_time_recovery=True")
            check_int_range("recovery_period_days", recovery_period_days, 1, 35)
        view = coerce_enum("stream", StreamViewType, stream) if stream is not None else None
        checked_replicas = check_replicas(
            _sequence("replicas", replicas), primary_region=primary_region, provider_regions=provider_regions,
            stream=view.value if view else None, billing=billing, index_capacities=capacities, encryption=encryption)
        if checked_replicas:
            view = StreamViewType.NEW_AND_OLD_IMAGES
        return TableSettings(
            name=name, schema=schema, billing=billing, index_capacities=capacities,
            scaled=scaled_dimensions(billing, capacities), ttl_attribute=time_to_live_attribute, stream=view,
            point_in_time_recovery=point_in_time_recovery, recovery_period_days=recovery_period_days,
            table_class=coerce_enum("table_class", TableClass, table_class),
            deletion_protection=deletion_protection, prevent_destroy=prevent_destroy,
            contributor_insights=contributor_insights, encryption=encryption, replicas=checked_replicas, tags=tags,
            index_maintenance=index_maintenance,
        )

    @property
    def ignored_changes(self) -> list[str]:
        """What Terraform must not revert: capacities autoscaling owns, replicas the replica resources own.

        In index maintenance the indexes are not ignored: their autoscaled capacities are read from
        the live table instead (see ``autoscaled_index_names``), so index changes reach AWS.
        """
        fields = ignored_capacity_fields(self.scaled)
        if self.index_maintenance:
            fields = [f for f in fields if f != "global_secondary_index"]
        return fields + (["replica"] if self.replicas else [])

    @property
    def autoscaled_index_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d.index_name for d in self.scaled if d.index_name is not None))

    @property
    def key_alias(self) -> str:
        alias = getattr(self.encryption, "alias", None)
        return alias if isinstance(alias, str) else fit(f"alias/dynamodb/{self.name}", KMS_ALIAS_MAX)


def _sequence(field: str, value: Any) -> Sequence[Any]:
    check(isinstance(value, (list, tuple)), field, value, "expected a list")
    return tuple(value)
