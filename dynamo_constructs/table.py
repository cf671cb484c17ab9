"""``Table``: the general construct over ``aws_dynamodb_table``.

It composes the concern modules (schema, billing, encryption, replicas, autoscaling, access,
monitoring) and validates everything when it is built, so a bad configuration raises
:class:`TableConfigError` at synth instead of failing at plan or apply.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from cdktf import TerraformProvider, TerraformResourceLifecycle
from constructs import Construct

from ._aws import (
    DynamodbContributorInsights,
    DynamodbTable,
    DynamodbTableAttribute,
    DynamodbTableGlobalSecondaryIndex,
    DynamodbTableGlobalSecondaryIndexOnDemandThroughput,
    DynamodbTableItem,
    DynamodbTableLocalSecondaryIndex,
    DynamodbTableOnDemandThroughput,
    DynamodbTablePointInTimeRecovery,
    DynamodbTableReplica,
    DynamodbTableServerSideEncryption,
    DynamodbTableTtl,
)
from .access import AccessLevel, TableGrant, TableResources, policy_document
from .autoscaling import ScaledDimension, TableAutoscaling, ignored_capacity_fields, scaled_dimensions
from .aws_context import provider_region
from .billing import Billing, Capacity
from .encryption import EncryptionType, ManagedKey, TableEncryption
from .errors import TableConfigError
from .replicas import Replica, validate_replicas
from .schema import (
    Attribute,
    AttributeType,
    GlobalSecondaryIndex,
    LocalSecondaryIndex,
    derive_attributes,
    validate_schema,
)
from .validation import check, check_attribute_name, check_int_range, check_resource_name, check_tags, is_literal


class StreamViewType(str, Enum):
    KEYS_ONLY = "KEYS_ONLY"
    NEW_IMAGE = "NEW_IMAGE"
    OLD_IMAGE = "OLD_IMAGE"
    NEW_AND_OLD_IMAGES = "NEW_AND_OLD_IMAGES"


class TableClass(str, Enum):
    STANDARD = "STANDARD"
    STANDARD_INFREQUENT_ACCESS = "STANDARD_INFREQUENT_ACCESS"


E = TypeVar("E", bound=Enum)


def _coerce_enum(path: str, field: str, enum: type[E], value: E | str) -> E:
    """``value`` as a member of ``enum`` (its string value is accepted too)."""
    if isinstance(value, enum):
        return value
    try:
        return enum(value)
    except ValueError:
        accepted = ", ".join(str(m.value) for m in enum)
        raise TableConfigError(path, field, value, f"expected one of {accepted}") from None


def default_table_name(construct: Construct) -> str:
    """A readable name from the construct tree: the ids below the stack, joined by '-'."""
    ids = [scope.node.id for scope in construct.node.scopes[2:]]
    name = re.sub(r"[^A-Za-z0-9_.-]", "-", "-".join(ids))
    return name if len(name) >= 3 else f"{name}-table"


@dataclass(frozen=True)
class _IndexCapacity:
    name: str
    read: Capacity | None
    write: Capacity | None


class Table(Construct):
    """A DynamoDB table with everything a table can have, validated at synth.

    Users name the keys and indexes; attribute definitions, the streams replicas need, the
    ``ignore_changes`` autoscaling needs, KMS keys and index ARNs are derived.
    """

    def __init__(
        self,
        scope: Construct,
        id_: str,
        *,
        partition_key: Attribute,
        sort_key: Attribute | None = None,
        table_name: str | None = None,
        billing: Billing | None = None,
        global_indexes: Sequence[GlobalSecondaryIndex] = (),
        local_indexes: Sequence[LocalSecondaryIndex] = (),
        time_to_live_attribute: str | None = None,
        stream: StreamViewType | str | None = None,
        point_in_time_recovery: bool = True,
        recovery_period_days: int | None = None,
        table_class: TableClass | str = TableClass.STANDARD,
        deletion_protection: bool = False,
        prevent_destroy: bool = False,
        contributor_insights: bool = False,
        encryption: TableEncryption | None = None,
        replicas: Sequence[Replica] = (),
        tags: Mapping[str, str] | None = None,
        provider: TerraformProvider | None = None,
    ) -> None:
        super().__init__(scope, id_)
        path = self.node.path
        self.partition_key = partition_key
        self.sort_key = sort_key
        self.billing = billing or Billing.on_demand()
        self.global_indexes = tuple(global_indexes)
        self.local_indexes = tuple(local_indexes)
        self.encryption = encryption or TableEncryption.aws_owned()
        self.replica_specs = tuple(replicas)
        self.tags = dict(tags or {})
        self.provider = provider
        self.table_name = table_name if table_name is not None else default_table_name(self)
        self.table_class = _coerce_enum(path, "table_class", TableClass, table_class)
        stream = _coerce_enum(path, "stream", StreamViewType, stream) if stream is not None else None
        self.deletion_protection = deletion_protection
        self.point_in_time_recovery = point_in_time_recovery

        check_resource_name(path, "table_name", self.table_name)
        for name, key in (("partition_key", partition_key), ("sort_key", sort_key)):
            check(key is None or isinstance(key, Attribute), path, name, key,
                  "expected Attribute(name=..., type=AttributeType...) or Attribute.string(...)")
        attributes = derive_attributes(path, partition_key, sort_key, self.global_indexes, self.local_indexes)
        validate_schema(path, partition_key, sort_key, self.global_indexes, self.local_indexes)
        self.billing.validate(path)
        index_capacities = self._index_capacities(path)
        self.encryption.validate(path)
        check_tags(path, self.tags)
        self._validate_ttl(path, time_to_live_attribute, attributes)
        if recovery_period_days is not None:
            check(point_in_time_recovery, path, "recovery_period_days", recovery_period_days,
                  "a recovery period needs point_in_time_recovery=True")
            check_int_range(path, "recovery_period_days", recovery_period_days, 1, 35)
        if self.replica_specs:
            stream = self._validate_replica_rules(path, stream, index_capacities)
        self.stream_view_type: StreamViewType | None = stream

        dimensions = scaled_dimensions(self.billing, [(c.name, c.read, c.write) for c in index_capacities])
        self.scaled_dimensions: tuple[ScaledDimension, ...] = tuple(dimensions)
        ignore = ignored_capacity_fields(dimensions) + (["replica"] if self.replica_specs else [])

        self.kms_key: ManagedKey | None = None
        if self.encryption.creates_key:
            self.kms_key = ManagedKey(
                self,
                "kms",
                description=f"Encrypts DynamoDB table {self.table_name}",
                alias=self.encryption.alias or f"alias/dynamodb/{self.table_name}",
                deletion_window_in_days=self.encryption.deletion_window_in_days,
                provider=provider,
                tags=self.tags,
            )

        self.resource = DynamodbTable(
            self,
            "table",
            name=self.table_name,
            billing_mode=self.billing.mode.value,
            hash_key=partition_key.name,
            range_key=sort_key.name if sort_key else None,
            attribute=[DynamodbTableAttribute(name=a.name, type=a.type.value) for a in attributes],
            read_capacity=self.billing.read_capacity.initial_units if self.billing.is_provisioned else None,
            write_capacity=self.billing.write_capacity.initial_units if self.billing.is_provisioned else None,
            on_demand_throughput=self._on_demand_throughput(),
            global_secondary_index=[self._gsi(i, c) for i, c in zip(self.global_indexes, index_capacities, strict=True)] or None,
            local_secondary_index=[self._lsi(i) for i in self.local_indexes] or None,
            ttl=DynamodbTableTtl(attribute_name=time_to_live_attribute, enabled=True) if time_to_live_attribute else None,
            stream_enabled=True if stream else None,
            stream_view_type=stream.value if stream else None,
            point_in_time_recovery=DynamodbTablePointInTimeRecovery(
                enabled=point_in_time_recovery, recovery_period_in_days=recovery_period_days
            ),
            server_side_encryption=self._sse(),
            table_class=self.table_class.value if self.table_class is not TableClass.STANDARD else None,
            deletion_protection_enabled=deletion_protection,
            tags=self.tags or None,
            lifecycle=TerraformResourceLifecycle(ignore_changes=ignore or None, prevent_destroy=prevent_destroy or None)
            if ignore or prevent_destroy
            else None,
            provider=provider,
        )

        self.insights: list[DynamodbContributorInsights] = []
        if contributor_insights:
            self.insights.append(DynamodbContributorInsights(self, "insights", table_name=self.resource.name, provider=provider))
        for index in self.global_indexes:
            if index.contributor_insights:
                self.insights.append(
                    DynamodbContributorInsights(
                        self, f"insights_{index.name}", table_name=self.resource.name, index_name=index.name, provider=provider
                    )
                )

        self.autoscaling: TableAutoscaling | None = None
        if dimensions:
            self.autoscaling = TableAutoscaling(self, "autoscaling", table_name=self.resource.name, dimensions=dimensions,
                                                provider=provider)
        self.replicas: dict[str, DynamodbTableReplica] = {}
        self.replica_keys: dict[str, ManagedKey] = {}
        for spec in self.replica_specs:
            self._add_replica(spec, dimensions)
        self._grants: dict[str, TableGrant] = {}

    # ----- derived pieces -------------------------------------------------------------

    def _index_capacities(self, path: str) -> list[_IndexCapacity]:
        """Each GSI's effective capacity: its own, else the table's (provisioned mode only)."""
        result: list[_IndexCapacity] = []
        for index in self.global_indexes:
            field = f"index {index.name!r}"
            if self.billing.is_provisioned:
                for unit_field in ("max_read_request_units", "max_write_request_units"):
                    check(getattr(index, unit_field) is None, path, f"{field} {unit_field}", getattr(index, unit_field),
                          "request-unit caps apply only to on-demand tables")
                read = index.read_capacity or self.billing.read_capacity
                write = index.write_capacity or self.billing.write_capacity
                for name, cap in (("read_capacity", read), ("write_capacity", write)):
                    check(isinstance(cap, Capacity), path, f"{field} {name}", cap,
                          "expected Capacity.fixed(n) or Capacity.autoscaled(...)")
                    cap.validate(path, f"{field} {name}")
                result.append(_IndexCapacity(index.name, read, write))
            else:
                for name in ("read_capacity", "write_capacity"):
                    check(getattr(index, name) is None, path, f"{field} {name}", getattr(index, name),
                          "index capacity (and so autoscaling) cannot be set on an on-demand table; "
                          "use Billing.provisioned(...) or max_*_request_units")
                result.append(_IndexCapacity(index.name, None, None))
        return result

    def _validate_ttl(self, path: str, attribute: str | None, attributes: Sequence[Attribute]) -> None:
        if attribute is None:
            return
        check_attribute_name(path, "time_to_live_attribute", attribute)
        for attr in attributes:
            if attr.name == attribute:
                check(attr.type is AttributeType.NUMBER, path, "time_to_live_attribute", attribute,
                      f"{attribute!r} is a key attribute of type {attr.type.value}; TTL needs a Number (epoch seconds)")

    def _validate_replica_rules(self, path: str, stream: StreamViewType | None,
                                index_capacities: Sequence[_IndexCapacity]) -> StreamViewType:
        validate_replicas(path, self.replica_specs, provider_region(self, self.provider))
        check(stream in (None, StreamViewType.NEW_AND_OLD_IMAGES), path, "stream", stream.value if stream else None,
              "replicas need stream=NEW_AND_OLD_IMAGES (or leave it unset and it is derived)")
        if self.billing.is_provisioned:
            writes = [("billing write_capacity", self.billing.write_capacity)] + [
                (f"index {c.name!r} write_capacity", c.write) for c in index_capacities
            ]
            for field, capacity in writes:
                check(capacity is not None and capacity.is_autoscaled, path, field, capacity,
                      "a provisioned table with replicas needs autoscaled write capacity "
                      "(AWS refuses replicas otherwise); use Capacity.autoscaled(...) or on-demand billing")
        if self.encryption.type is EncryptionType.CUSTOMER_MANAGED and self.encryption.key_arn is not None:
            for spec in self.replica_specs:
                check(spec.kms_key_arn is not None, path, f"replica {spec.region} kms_key_arn", None,
                      "with an existing table key, give each replica its key in its own region")
        if self.encryption.type is not EncryptionType.CUSTOMER_MANAGED:
            for spec in self.replica_specs:
                check(spec.kms_key_arn is None, path, f"replica {spec.region} kms_key_arn", spec.kms_key_arn,
                      "replica keys need TableEncryption.customer_managed_key(...) on the table")
        return StreamViewType.NEW_AND_OLD_IMAGES

    def _on_demand_throughput(self) -> DynamodbTableOnDemandThroughput | None:
        b = self.billing
        if b.is_provisioned or (b.max_read_request_units is None and b.max_write_request_units is None):
            return None
        return DynamodbTableOnDemandThroughput(
            max_read_request_units=b.max_read_request_units, max_write_request_units=b.max_write_request_units
        )

    def _gsi(self, index: GlobalSecondaryIndex, capacity: _IndexCapacity) -> DynamodbTableGlobalSecondaryIndex:
        throughput = None
        if index.max_read_request_units is not None or index.max_write_request_units is not None:
            throughput = DynamodbTableGlobalSecondaryIndexOnDemandThroughput(
                max_read_request_units=index.max_read_request_units,
                max_write_request_units=index.max_write_request_units,
            )
        return DynamodbTableGlobalSecondaryIndex(
            name=index.name,
            hash_key=index.partition_key.name,
            range_key=index.sort_key.name if index.sort_key else None,
            projection_type=index.projection.type.value,
            non_key_attributes=list(index.projection.non_key_attributes) or None,
            read_capacity=capacity.read.initial_units if capacity.read else None,
            write_capacity=capacity.write.initial_units if capacity.write else None,
            on_demand_throughput=throughput,
        )

    @staticmethod
    def _lsi(index: LocalSecondaryIndex) -> DynamodbTableLocalSecondaryIndex:
        return DynamodbTableLocalSecondaryIndex(
            name=index.name,
            range_key=index.sort_key.name,
            projection_type=index.projection.type.value,
            non_key_attributes=list(index.projection.non_key_attributes) or None,
        )

    def _sse(self) -> DynamodbTableServerSideEncryption | None:
        if self.encryption.type is EncryptionType.AWS_OWNED:
            return None
        return DynamodbTableServerSideEncryption(enabled=True, kms_key_arn=self.encryption_key_arn)

    def _add_replica(self, spec: Replica, dimensions: Sequence[ScaledDimension]) -> None:
        suffix = spec.region.replace("-", "_")
        key_arn = spec.kms_key_arn
        if key_arn is None and self.encryption.creates_key:
            key = ManagedKey(
                self,
                f"kms_{suffix}",
                description=f"Encrypts the {spec.region} replica of DynamoDB table {self.table_name}",
                alias=self.encryption.alias or f"alias/dynamodb/{self.table_name}",
                deletion_window_in_days=self.encryption.deletion_window_in_days,
                provider=spec.provider,
                tags=self.tags,
            )
            self.replica_keys[spec.region] = key
            key_arn = key.arn
        pitr = self.point_in_time_recovery if spec.point_in_time_recovery is None else spec.point_in_time_recovery
        protect = self.deletion_protection if spec.deletion_protection is None else spec.deletion_protection
        replica = DynamodbTableReplica(
            self,
            f"replica_{suffix}",
            global_table_arn=self.resource.arn,
            kms_key_arn=key_arn,
            point_in_time_recovery=pitr,
            deletion_protection_enabled=protect,
            tags=self.tags if spec.propagate_tags and self.tags else None,
            provider=spec.provider,
        )
        self.replicas[spec.region] = replica
        if dimensions:
            TableAutoscaling(self, f"autoscaling_{suffix}", table_name=self.resource.name, dimensions=dimensions,
                             provider=spec.provider, depends_on=[replica])

    # ----- attributes a consumer needs --------------------------------------------------

    @property
    def table_arn(self) -> str:
        return self.resource.arn

    @property
    def table_stream_arn(self) -> str:
        return self.resource.stream_arn

    @property
    def table_id(self) -> str:
        return self.resource.id

    @property
    def encryption_key_arn(self) -> str | None:
        """The customer-managed key's ARN, or None for AWS-owned/AWS-managed keys."""
        if self.kms_key is not None:
            return self.kms_key.arn
        return self.encryption.key_arn

    @property
    def index_arns(self) -> dict[str, str]:
        names = [i.name for i in self.global_indexes] + [i.name for i in self.local_indexes]
        return {name: f"{self.table_arn}/index/{name}" for name in names}

    @property
    def key_attributes(self) -> dict[str, Attribute]:
        keys = {self.partition_key.name: self.partition_key}
        if self.sort_key is not None:
            keys[self.sort_key.name] = self.sort_key
        return keys

    # ----- items ----------------------------------------------------------------------

    def add_item(self, id_: str, item: Mapping[str, Any]) -> DynamodbTableItem:
        """Write one item (plain Python values) into the table, as ``aws_dynamodb_table_item``."""
        path = f"{self.node.path}/{id_}"
        for name, attr in self.key_attributes.items():
            check(name in item, path, "item", sorted(item), f"the item needs the key attribute {name!r}")
            expected: dict[AttributeType, tuple[type, ...]] = {
                AttributeType.STRING: (str,), AttributeType.NUMBER: (int, float), AttributeType.BINARY: (bytes,)}
            check(isinstance(item[name], expected[attr.type]) and not isinstance(item[name], bool), path, f"item[{name!r}]",
                  item[name], f"key attribute {name!r} is of type {attr.type.value}")
        resource = DynamodbTableItem(
            self,
            id_,
            table_name=self.resource.name,
            hash_key=self.resource.hash_key,
            range_key=self.resource.range_key if self.sort_key else None,
            item=json.dumps({k: to_attribute_value(v) for k, v in item.items()}, sort_keys=True),
            provider=self.provider,
        )
        return resource

    # ----- access ---------------------------------------------------------------------

    def access_resources(self) -> TableResources:
        kms = [k for k in [self.encryption_key_arn, *(r.kms_key_arn for r in self.replicas.values())] if k]
        if self.encryption.type is not EncryptionType.CUSTOMER_MANAGED:
            kms = []
        return TableResources(
            table_arns=(self.table_arn, *(r.arn for r in self.replicas.values())),
            has_indexes=bool(self.global_indexes or self.local_indexes),
            stream_arn=self.table_stream_arn if self.stream_view_type else None,
            kms_key_arns=tuple(kms),
        )

    def policy_document(self, level: AccessLevel | str) -> str:
        """The least-privilege policy document (a ``jsonencode`` expression) for ``level``."""
        resolved = _coerce_enum(self.node.path, "access level", AccessLevel, level)
        self._check_stream_grant(resolved)
        return policy_document(self.access_resources(), resolved)

    def grant(self, level: AccessLevel | str, *, role: str | None = None, id_: str | None = None) -> TableGrant:
        """An IAM policy for ``level``; attached to ``role`` (a name or an ARN) when given."""
        resolved = _coerce_enum(self.node.path, "access level", AccessLevel, level)
        self._check_stream_grant(resolved)
        grant_id = id_ or f"grant_{resolved.value.replace('-', '_')}"
        check(grant_id not in self._grants, self.node.path, "grant id", grant_id,
              "each grant needs its own id_ when one level is granted twice")
        grant = TableGrant(
            self,
            grant_id,
            policy_name=f"{self.table_name}-{resolved.value}" if is_literal(self.table_name) else None,
            description=f"{resolved.value} access to DynamoDB table {self.table_name}",
            resources=self.access_resources(),
            level=resolved,
            role=role,
        )
        self._grants[grant_id] = grant
        return grant

    def grant_read_data(self, role: str | None = None) -> TableGrant:
        return self.grant(AccessLevel.READ, role=role)

    def grant_write_data(self, role: str | None = None) -> TableGrant:
        return self.grant(AccessLevel.WRITE, role=role)

    def grant_read_write_data(self, role: str | None = None) -> TableGrant:
        return self.grant(AccessLevel.READ_WRITE, role=role)

    def grant_stream_read(self, role: str | None = None) -> TableGrant:
        return self.grant(AccessLevel.STREAM_READ, role=role)

    def _check_stream_grant(self, level: AccessLevel) -> None:
        check(level is not AccessLevel.STREAM_READ or self.stream_view_type is not None, self.node.path,
              "access level", level.value, "stream-read needs a table with a stream (set stream=...)")


def to_attribute_value(value: Any) -> dict[str, Any]:
    """A Python value in DynamoDB's JSON attribute-value form."""
    if isinstance(value, bool):
        return {"BOOL": value}
    if value is None:
        return {"NULL": True}
    if isinstance(value, (int, float)):
        return {"N": str(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, bytes):
        import base64

        return {"B": base64.b64encode(value).decode()}
    if isinstance(value, Mapping):
        return {"M": {k: to_attribute_value(v) for k, v in value.items()}}
    if isinstance(value, (list, tuple)):
        return {"L": [to_attribute_value(v) for v in value]}
    raise TypeError(f"cannot store {type(value).__name__} in a DynamoDB item")
