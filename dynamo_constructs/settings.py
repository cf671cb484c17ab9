"""``TableSettings``: a ``Table``'s arguments validated and everything derivable derived, in plain
Python (no engine calls), so the construct only renders and the rules are testable without a stack
(``TableSettings.build(...)`` takes the arguments and the few facts of the stack it needs).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from . import insights as insights_module
from . import warm as warm_module
from .billing import AutoscaledCapacity, Billing, check_billing
from .encryption import TableEncryption, check_encryption
from .index_form import INDEX_RESOURCE_TYPE, INDEX_RESOURCE_VERSION, IndexForm, check_index_form
from .insights import ContributorInsightsMode, check_insights
from .names import KMS_ALIAS_MAX, check_resource_name, check_tag_count, check_tags, fit, parse_arn
from .recovery import PointInTimeRecovery
from .replicas import (
    CONSISTENCY_VERSION,
    REPLICA_PROTECTION_VERSION,
    WITNESS_VERSION,
    MultiRegionConsistency,
    Replica,
    check_replicas,
    coerce_consistency,
)
from .restore import TableSource, check_source
from .scaling import ScaledDimension, ignored_capacity_fields, scaled_dimensions
from .schema import KEY_SCHEMA_VERSION, IndexCapacity, TableSchema
from .streams import StreamViewType
from .timeouts import Timeouts, check_timeouts
from .ttl import TimeToLive
from .validation import check, check_bool, coerce_enum, is_literal
from .warm import WarmThroughput, check_warm_throughput


class TableClass(StrEnum):
    """The table class: standard, or infrequent access (cheaper storage, dearer requests).
    ``Table(table_class=...)`` takes a value or its string; always rendered, so a switch back reaches AWS."""

    STANDARD = "STANDARD"
    """DynamoDB Standard (the default)."""
    STANDARD_INFREQUENT_ACCESS = "STANDARD_INFREQUENT_ACCESS"
    """DynamoDB Standard-Infrequent Access: for tables whose storage costs more than their requests."""


@dataclass(frozen=True)
class TableSettings:
    """Everything a table is, validated. Built by :meth:`build`; read by the renderers."""

    name: str
    schema: TableSchema
    billing: Billing
    index_capacities: tuple[IndexCapacity, ...]
    scaled: tuple[ScaledDimension, ...]
    ttl: TimeToLive
    stream: StreamViewType | None
    recovery: PointInTimeRecovery
    table_class: TableClass
    deletion_protection: bool
    prevent_destroy: bool
    contributor_insights: bool
    encryption: TableEncryption
    replicas: tuple[Replica, ...]
    tags: Mapping[str, str]
    index_maintenance: bool = True
    contributor_insights_mode: ContributorInsightsMode | None = None
    warm_throughput: WarmThroughput | None = None
    source: TableSource | None = None
    timeouts: Timeouts | None = None
    consistency: MultiRegionConsistency = MultiRegionConsistency.EVENTUAL
    witness_region: str | None = None
    index_form: IndexForm = dataclasses.field(default_factory=IndexForm.inline)

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
        time_to_live_enabled: Any = True,
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
        index_maintenance: Any = True,
        warm_throughput: Any = None,
        source: Any = None,
        timeouts: Any = None,
        consistency: Any = MultiRegionConsistency.EVENTUAL,
        witness_region: Any = None,
        index_form: Any = None,
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
        recovery = PointInTimeRecovery.build(point_in_time_recovery, recovery_period_days)
        for field in ("deletion_protection", "prevent_destroy", "index_maintenance"):
            check_bool(field, locals()[field])
        insights_on, insights_mode = check_insights("contributor_insights", contributor_insights)
        warm = check_warm_throughput("warm_throughput", warm_throughput)
        table_source = check_source("source", source)
        if table_source is not None:
            table_source.check_against(schema, primary_region)
        form = _check_index_form(index_form, schema, table_source)
        checked_timeouts = check_timeouts("timeouts", timeouts)
        mode = coerce_consistency("consistency", consistency)
        tags = check_tags("tags", tags)
        check_tag_count("tags", tags, default_tags or {})
        given_key = encryption.given_key_arn
        key_arn = parse_arn(given_key) if given_key is not None and is_literal(given_key) else None
        if key_arn is not None and primary_region is not None:
            check(key_arn.region == primary_region, "encryption key_arn", given_key,
                  f"the key must be in the table's region ({primary_region}); DynamoDB cannot use a key "
                  f"in {key_arn.region}")
        ttl = TimeToLive.build(time_to_live_attribute, time_to_live_enabled, {a.name: a for a in schema.attributes})
        view = coerce_enum("stream", StreamViewType, stream) if stream is not None else None
        checked_replicas = check_replicas(
            _sequence("replicas", replicas), primary_region=primary_region, provider_regions=provider_regions,
            stream=view.value if view else None, billing=billing, index_capacities=capacities, encryption=encryption,
            consistency=mode, witness_region=witness_region, has_source=table_source is not None,
            index_names=[i.name for i in schema.global_indexes])
        if checked_replicas:
            view = StreamViewType.NEW_AND_OLD_IMAGES
        return TableSettings(
            name=name, schema=schema, billing=billing, index_capacities=capacities,
            scaled=scaled_dimensions(billing, capacities), ttl=ttl, stream=view, recovery=recovery,
            table_class=coerce_enum("table_class", TableClass, table_class),
            deletion_protection=deletion_protection, prevent_destroy=prevent_destroy,
            contributor_insights=insights_on, encryption=encryption, replicas=checked_replicas, tags=tags,
            index_maintenance=index_maintenance and not form.is_resources, contributor_insights_mode=insights_mode, warm_throughput=warm,
            source=table_source, timeouts=checked_timeouts, consistency=mode, witness_region=witness_region,
            index_form=form,
        )

    @property
    def ignored_changes(self) -> list[str]:
        """What Terraform must not revert: capacities autoscaling owns, replicas the replica resources own.

        In index maintenance the indexes are not ignored: their autoscaled capacities are read from
        the live table instead (see ``autoscaled_index_names``), so index changes reach AWS.
        """
        fields = ignored_capacity_fields(self.scaled)
        if self.index_maintenance or self.index_form.is_resources:
            fields = [f for f in fields if f != "global_secondary_index"]
        # Index resources own the indexes: the table never adds, changes or deletes one.
        fields += ["global_secondary_index"] if self.index_form.is_resources else []
        fields += ["replica"] if self.replicas and not self.strong else []
        return fields + list(self.source.ignored_arguments if self.source is not None else ())

    @property
    def ttl_attribute(self) -> str | None:
        return self.ttl.attribute

    @property
    def ttl_enabled(self) -> bool:
        return self.ttl.enabled

    @property
    def point_in_time_recovery(self) -> bool:
        return self.recovery.enabled

    @property
    def recovery_period_days(self) -> int | None:
        return self.recovery.period_days

    @property
    def strong(self) -> bool:
        """Multi-Region strong consistency: replicas are the table's own replica blocks."""
        return self.consistency is MultiRegionConsistency.STRONG

    def provider_features(self) -> dict[str, str]:
        """feature -> the hashicorp/aws version that has it, for each newer feature this table uses."""
        features: dict[str, str] = {}
        if self.warm_throughput is not None or any(i.warm_throughput is not None for i in self.schema.global_indexes):
            features["warm_throughput"] = warm_module.PROVIDER_VERSION
        if self.contributor_insights_mode is not None or any(i.insights[1] is not None for i in self.schema.global_indexes):
            features["contributor insights mode"] = insights_module.PROVIDER_VERSION
        if self.strong:
            features["replica.consistency_mode"] = CONSISTENCY_VERSION
            features["replica.deletion_protection_enabled"] = REPLICA_PROTECTION_VERSION
        if self.witness_region is not None:
            features["global_table_witness"] = WITNESS_VERSION
        if any(r.insights_modes for r in self.replicas):
            features["contributor insights mode"] = insights_module.PROVIDER_VERSION
        if self.schema.multi_attribute_keys:
            features["global_secondary_index.key_schema"] = KEY_SCHEMA_VERSION
        if self.index_form.needs_index_resources:
            features[INDEX_RESOURCE_TYPE] = INDEX_RESOURCE_VERSION
        if self.source is not None and self.source.provider_feature is not None:
            argument, version = self.source.provider_feature
            features[argument] = version
        return features

    @property
    def autoscaled_index_sides(self) -> dict[tuple[str, str], AutoscaledCapacity]:
        """(index name, "read" or "write") -> its autoscaled capacity, for each autoscaled index side."""
        return {(d.index_name, d.operation.lower()): d.capacity for d in self.scaled if d.index_name is not None}

    @property
    def autoscaled_index_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(name for name, _ in self.autoscaled_index_sides))

    @property
    def key_alias(self) -> str:
        """The alias of a key the library creates for this table (given, or ``alias/dynamodb/<name>``)."""
        return self.encryption.key_alias or fit(f"alias/dynamodb/{self.name}", KMS_ALIAS_MAX)


def _check_index_form(value: Any, schema: TableSchema, source: TableSource | None) -> IndexForm:
    """The index form, and what it cannot be combined with (raises without a path)."""
    form = check_index_form("index_form", value)
    if form.is_resources:  # index maintenance (the default) has nothing to do: each resource ignores its own capacity
        check(source is None or not source.is_restore, "index_form", form,
              "a restored table gets its source's indexes at creation, which index resources would then try to "
              "create again; keep the restored table's indexes inline (IndexForm.inline())")
    if form.migrating:
        check(bool(schema.global_indexes), "index_form", form, "a move between index forms needs indexes to move")
    return form


def _sequence(field: str, value: Any) -> Sequence[Any]:
    check(isinstance(value, (list, tuple)), field, value, "expected a list")
    return tuple(value)
