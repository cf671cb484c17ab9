"""``Table``: arguments in, one ``aws_dynamodb_table`` (and what it needs) out, tokens for consumers.

The table's arguments are validated and derived in :class:`TableSettings` (plain Python); each
concern renders its own part (schema, billing, encryption, replicas, autoscaling). What
consumers need — grants, alarms, outputs — lives on :class:`TableBase`, shared with tables
another stack owns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from constructs import Construct

from ._aws import (
    DataAwsDynamodbTable,
    DynamodbContributorInsights,
    DynamodbTable,
    DynamodbTableAttribute,
    DynamodbTableGlobalSecondaryIndex,
    DynamodbTableItem,
    DynamodbTableLocalSecondaryIndex,
)
from ._core import TerraformProvider, TerraformResourceLifecycle
from .access import AccessLevel, TableGrant, TableResources, policy_document
from .autoscaling import TableAutoscaling
from .aws_context import (
    ACCOUNT_WIDE,
    claim_name,
    place,
    provider_default_tags,
    provider_region,
    region_key,
)
from .billing import Billing
from .encryption import CustomerManagedEncryption, TableEncryption
from .ids import address, ref
from .items import encode_item
from .kms import ManagedKey
from .names import POLICY_NAME_MAX, check_resource_name, fit
from .refactor import keep_on_move, previous_paths
from .replicas import Replica, ReplicaDefaults, add_replica
from .schema import Attribute, GlobalSecondaryIndex, LocalSecondaryIndex
from .settings import DEFAULT_RECOVERY_PERIOD_DAYS, StreamViewType, TableClass, TableSettings
from .validation import check, check_bool, coerce_enum, located

__all__ = ["StreamViewType", "Table", "TableBase", "TableClass", "default_table_name"]


def default_table_name(path_below_stack: Sequence[str]) -> str:
    """A readable name from construct ids (below the stack), joined by '-'."""
    name = re.sub(r"[^A-Za-z0-9_.-]", "-", "-".join(path_below_stack))
    return name if len(name) >= 3 else f"{name}-table"


class TableBase(Construct):
    """What consumers of a table use: its name and ARNs, grants, and the facts alarms need."""

    _name: str
    _arn: str
    _stream_arn: str | None
    _index_names: tuple[str, ...] = ()
    _has_indexes: bool = False
    _provisioned: bool = False
    _kms_key_arns: tuple[str, ...] = ()
    _replica_arns: dict[str, str]

    @property
    def table_name(self) -> str:
        """The table's name (known at synth)."""
        return self._name

    @property
    def table_arn(self) -> str:
        return self._arn

    @property
    def table_stream_arn(self) -> str | None:
        """The stream's ARN (a token), or None when the table has no stream."""
        return self._stream_arn

    @property
    def global_index_names(self) -> tuple[str, ...]:
        return self._index_names

    @property
    def is_provisioned(self) -> bool:
        return self._provisioned

    @property
    def replica_arns(self) -> dict[str, str]:
        """Region -> replica ARN (tokens)."""
        return dict(self._replica_arns)

    @property
    def replica_regions(self) -> tuple[str, ...]:
        return tuple(self._replica_arns)

    def access_resources(self) -> TableResources:
        return TableResources(
            table_arns=(self._arn, *self._replica_arns.values()),
            has_indexes=self._has_indexes,
            stream_arn=self._stream_arn,
            kms_key_arns=self._kms_key_arns,
        )

    def policy_document(self, level: AccessLevel | str) -> str:
        """The least-privilege policy document (a ``jsonencode`` expression) for ``level``."""
        with located(lambda: self.node.path):
            resolved = self._access_level(level)
        return policy_document(self.access_resources(), resolved)

    def grant(self, level: AccessLevel | str, *, role: str | None = None, id_: str | None = None) -> TableGrant:
        """An IAM policy for ``level``; attached to ``role`` (a name or an ARN) when given."""
        grants: dict[str, TableGrant] = self.__dict__.setdefault("_grants", {})
        with located(lambda: self.node.path):
            resolved = self._access_level(level)
            grant_id = id_ or f"grant_{resolved.value.replace('-', '_')}"
            check(grant_id not in grants, "grant id", grant_id,
                  "each grant needs its own id_ when one level is granted twice")
        policy_name = fit(f"{self._name}-{resolved.value}", POLICY_NAME_MAX)
        claim_name(self, "IAM policy", ACCOUNT_WIDE, policy_name, owner=lambda: f"{self.node.path}/{grant_id}",
                   field="grant policy name")
        grant = TableGrant(
            self,
            grant_id,
            policy_name=policy_name,
            description=f"{resolved.value} access to DynamoDB table {self._name}",
            resources=self.access_resources(),
            level=resolved,
            role=role,
        )
        grants[grant_id] = grant
        refresh = getattr(self, "_refresh_moves", None)
        if refresh is not None:
            refresh()
        return grant

    def grant_read_data(self, role: str | None = None) -> TableGrant:
        return self.grant(AccessLevel.READ, role=role)

    def grant_write_data(self, role: str | None = None) -> TableGrant:
        return self.grant(AccessLevel.WRITE, role=role)

    def grant_read_write_data(self, role: str | None = None) -> TableGrant:
        return self.grant(AccessLevel.READ_WRITE, role=role)

    def grant_stream_read(self, role: str | None = None) -> TableGrant:
        return self.grant(AccessLevel.STREAM_READ, role=role)

    def _access_level(self, level: AccessLevel | str) -> AccessLevel:
        resolved = coerce_enum("access level", AccessLevel, level)
        check(resolved is not AccessLevel.STREAM_READ or self._stream_arn is not None, "access level", resolved.value,
              "stream-read needs a table with a stream (set stream=...)")
        return resolved


class Table(TableBase):
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
        deletion_protection: bool = True,
        prevent_destroy: bool = True,
        contributor_insights: bool = False,
        encryption: TableEncryption | None = None,
        retain_previous_key: bool = False,
        replicas: Sequence[Replica] = (),
        tags: Mapping[str, str] | None = None,
        provider: TerraformProvider | None = None,
        moved_from: str | Sequence[str] = (),
        index_maintenance: bool = False,
    ) -> None:
        super().__init__(scope, id_)
        self._ids = place(self, scope, id_)
        self._provider = provider
        with located(lambda: self.node.path):
            self._moved_from = previous_paths("moved_from", moved_from) if moved_from != () else ()
            if table_name is None:
                table_name = default_table_name(self._moved_from[0] if self._moved_from else self._ids)
            check_resource_name("table_name", table_name)
            check_bool("retain_previous_key", retain_previous_key)
            replica_list = list(replicas) if isinstance(replicas, (list, tuple)) else replicas
            settings = TableSettings.build(
                name=table_name, partition_key=partition_key, sort_key=sort_key,
                billing=Billing.on_demand() if billing is None else billing,
                global_indexes=global_indexes, local_indexes=local_indexes,
                time_to_live_attribute=time_to_live_attribute, stream=stream,
                point_in_time_recovery=point_in_time_recovery, recovery_period_days=recovery_period_days,
                table_class=table_class, deletion_protection=deletion_protection, prevent_destroy=prevent_destroy,
                contributor_insights=contributor_insights,
                encryption=TableEncryption.aws_owned() if encryption is None else encryption,
                replicas=replica_list, tags={} if tags is None else tags, index_maintenance=index_maintenance,
                primary_region=provider_region(self, provider),
                provider_regions=_replica_provider_regions(self, replica_list),
                default_tags=provider_default_tags(self, provider),
            )
        self._settings = settings
        self._name = settings.name
        owner = lambda: self.node.path  # noqa: E731 - asked only when a name collides
        claim_name(self, "DynamoDB table", region_key(self, provider), settings.name, owner=owner, field="table_name")
        for replica in settings.replicas:
            claim_name(self, "DynamoDB table", replica.region, settings.name, owner=owner, field="table_name")
        self._index_names = tuple(i.name for i in settings.schema.global_indexes)
        self._has_indexes = bool(settings.schema.indexes)
        self._provisioned = settings.billing.is_provisioned

        self.encryption_key: ManagedKey | None = None
        retired_key: ManagedKey | None = None
        if settings.encryption.creates_key:
            assert isinstance(settings.encryption, CustomerManagedEncryption)
            self.encryption_key = ManagedKey(
                self, "kms", description=f"Encrypts DynamoDB table {settings.name}", alias=settings.key_alias,
                deletion_window_in_days=settings.encryption.deletion_window_in_days, provider=provider,
                tags=settings.tags,
            )
        elif retain_previous_key:
            # The key this table was encrypted with before: restores from PITR and backups made
            # under it need it, so it stays (unused) until the recovery window has passed.
            retired_key = ManagedKey(
                self, "kms", description=f"Encrypts DynamoDB table {settings.name}", alias=settings.key_alias,
                provider=provider, tags=settings.tags,
            )
        key_arn = self.encryption_key.arn if self.encryption_key else settings.encryption.given_key_arn

        table_args = _render_table(settings, key_arn)
        maintenance = settings.index_maintenance and bool(settings.autoscaled_index_names)
        if maintenance:
            table_args["global_secondary_index"] = None  # written with live capacities below
        self._resource = DynamodbTable(self, "table", **table_args, provider=provider)
        if maintenance:
            self._read_live_index_capacity(provider)
        table_ids = (*self._ids, "table")
        for key in (self.encryption_key, retired_key):
            if key is not None:
                key.outlive(address("aws_dynamodb_table", table_ids))
        # References within the stack, written by the library itself (no engine round trip); the
        # public attributes hand out the engine's tokens, which also work across stacks.
        self._arn = ref("aws_dynamodb_table", table_ids, "arn")
        self._stream_arn = ref("aws_dynamodb_table", table_ids, "stream_arn") if settings.stream else None
        name_token = ref("aws_dynamodb_table", table_ids, "name")

        if settings.contributor_insights:
            DynamodbContributorInsights(self, "insights", table_name=name_token, provider=provider)
        for index in settings.schema.global_indexes:
            if index.contributor_insights:
                DynamodbContributorInsights(self, f"insights_{index.name}", table_name=name_token,
                                            index_name=index.name, provider=provider)
        if settings.scaled:
            TableAutoscaling(self, "autoscaling", table_name=settings.name, table_ref=name_token, dimensions=settings.scaled,
                             provider=provider)

        self._replica_arns: dict[str, str] = {}
        kms_arns = [key_arn] if key_arn and settings.encryption.is_customer_managed else []
        defaults = ReplicaDefaults(
            table_name=settings.name, table_arn=self._arn,
            key_alias=settings.key_alias if settings.encryption.creates_key else None,
            key_deletion_window=getattr(settings.encryption, "deletion_window_in_days", 30),
            point_in_time_recovery=settings.point_in_time_recovery,
            deletion_protection=settings.deletion_protection, tags=settings.tags,
        )
        for replica in settings.replicas:
            arn, replica_key = add_replica(self, replica, defaults, name_token, settings.scaled)
            self._replica_arns[replica.region] = arn
            if replica_key and settings.encryption.is_customer_managed:
                kms_arns.append(replica_key)
        self._kms_key_arns = tuple(kms_arns)
        self._refresh_moves()

    def _read_live_index_capacity(self, provider: TerraformProvider | None) -> None:
        """Index maintenance: each autoscaled index's capacity is what the live table has now (a data
        source read at plan time), so Terraform can add, remove and change indexes without fighting
        autoscaling; a new index starts at its autoscaling minimum (or seed)."""
        DataAwsDynamodbTable(self, "live", name=self._settings.name, provider=provider)
        live = address("data.aws_dynamodb_table", (*self._ids, "live"))
        scaled = {(d.index_name, d.operation.lower()): d.capacity for d in self._settings.scaled if d.index_name}
        blocks = self._settings.schema._render_global_indexes(self._settings.index_capacities)
        for block in blocks:
            for operation in ("read", "write"):
                capacity = scaled.get((block["name"], operation))
                if capacity is not None:
                    block[f"{operation}_capacity"] = (
                        f"${{coalesce(one([for i in {live}.global_secondary_index : i.{operation}_capacity "
                        f"if i.name == \"{block['name']}\"]), {capacity.initial_units})}}")
        self._resource.add_override("global_secondary_index", blocks)

    def _refresh_moves(self) -> None:
        """Keep every resource under this table (including later grants and items) on a move."""
        if self._moved_from:
            keep_on_move(self, ["/".join(p) for p in self._moved_from])

    # ----- attributes a consumer needs --------------------------------------------------

    @property
    def table_arn(self) -> str:
        """The table's ARN (an engine token: usable in other stacks too)."""
        return self._resource.arn

    @property
    def table_stream_arn(self) -> str | None:
        """The stream's ARN (an engine token), or None when the table has no stream."""
        return self._resource.stream_arn if self._stream_arn is not None else None

    @property
    def table_id(self) -> str:
        return self._resource.id

    @property
    def table_name_ref(self) -> str:
        """The table's name as a reference (a token): using it makes Terraform wait for the table."""
        return self._resource.name

    @property
    def encryption_key_arn(self) -> str | None:
        """The customer-managed key's ARN, or None for AWS-owned/AWS-managed keys."""
        if self.encryption_key is not None:
            return self.encryption_key.arn
        return self._settings.encryption.given_key_arn

    @property
    def index_arns(self) -> dict[str, str]:
        return {i.name: f"{self._arn}/index/{i.name}" for i in self._settings.schema.indexes}

    @property
    def key_attributes(self) -> dict[str, Attribute]:
        return self._settings.schema.key_attributes

    @property
    def stream_view_type(self) -> StreamViewType | None:
        return self._settings.stream

    @property
    def settings(self) -> TableSettings:
        """The validated settings (read-only), e.g. for monitoring or tests."""
        return self._settings

    # ----- items ----------------------------------------------------------------------

    def add_item(self, id_: str, item: Mapping[str, Any]) -> None:
        """Write one item (plain Python values) into the table, as ``aws_dynamodb_table_item``."""
        schema = self._settings.schema
        index_keys = {a.name: a for i in schema.indexes for a in schema.index_keys(i)}
        with located(lambda: f"{self.node.path}/{id_}"):
            encoded = encode_item(item, schema.key_attributes, index_keys, self._settings.ttl_attribute)
        table_ids = (*self._ids, "table")
        DynamodbTableItem(
            self,
            id_,
            table_name=ref("aws_dynamodb_table", table_ids, "name"),
            hash_key=ref("aws_dynamodb_table", table_ids, "hash_key"),
            range_key=ref("aws_dynamodb_table", table_ids, "range_key") if schema.sort_key else None,
            item=encoded,
            provider=self._provider,
        )
        self._refresh_moves()


def _replica_provider_regions(scope: Construct, replicas: Any) -> dict[int, str | None]:
    if not isinstance(replicas, list):
        return {}
    return {id(r.provider): provider_region(scope, r.provider) for r in replicas if isinstance(r, Replica)}


def _render_pitr(settings: TableSettings) -> dict[str, Any]:
    """PITR on with its window (35 days unless given: an omitted window keeps a shorter live one), or off."""
    if not settings.point_in_time_recovery:
        return {"enabled": False}
    return {"enabled": True, "recovery_period_in_days": settings.recovery_period_days or DEFAULT_RECOVERY_PERIOD_DAYS}


def _render_table(settings: TableSettings, key_arn: str | None) -> dict[str, Any]:
    """The ``aws_dynamodb_table`` arguments, each concern rendering its own part."""
    schema = settings.schema
    args: dict[str, Any] = {
        "name": settings.name,
        **settings.billing._render(),
        "hash_key": schema.partition_key.name,
        "range_key": schema.sort_key.name if schema.sort_key else None,
        "attribute": [DynamodbTableAttribute(**a) for a in schema._render_attributes()],
        "global_secondary_index": [DynamodbTableGlobalSecondaryIndex(**g)
                                   for g in schema._render_global_indexes(settings.index_capacities)] or None,
        "local_secondary_index": [DynamodbTableLocalSecondaryIndex(**i) for i in schema._render_local_indexes()] or None,
        # Every setting is rendered in both directions: ttl, point_in_time_recovery and
        # server_side_encryption are Optional+Computed in the provider (an omitted block keeps the
        # live value), so "off" must be said explicitly to reach AWS.
        "ttl": {"attribute_name": settings.ttl_attribute, "enabled": True} if settings.ttl_attribute else {"enabled": False},
        "stream_enabled": settings.stream is not None,
        "stream_view_type": settings.stream.value if settings.stream else None,
        "point_in_time_recovery": _render_pitr(settings),
        "server_side_encryption": settings.encryption._render_sse(key_arn),
        "table_class": settings.table_class.value,
        "deletion_protection_enabled": settings.deletion_protection,
        "tags": dict(settings.tags) or None,
    }
    ignore = settings.ignored_changes
    if ignore or settings.prevent_destroy:
        args["lifecycle"] = TerraformResourceLifecycle(ignore_changes=ignore or None,
                                                       prevent_destroy=settings.prevent_destroy or None)
    return args
