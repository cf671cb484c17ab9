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

from . import metrics
from ._aws import (
    DataAwsDynamodbTable,
    DataAwsDynamodbTables,
    DynamodbContributorInsights,
    DynamodbTable,
    DynamodbTableAttribute,
    DynamodbTableGlobalSecondaryIndex,
    DynamodbTableGlobalTableWitness,
    DynamodbTableImportTable,
    DynamodbTableItem,
    DynamodbTableLocalSecondaryIndex,
    DynamodbTableReplicaBlock,
    DynamodbTableTimeouts,
    DynamodbTableWarmThroughput,
)
from ._core import TerraformProvider, TerraformResourceLifecycle
from .access import (
    CUSTOM_ACCEPTS,
    CUSTOM_ALLOWED,
    KMS_READ_ACTIONS,
    KMS_WRITE_ACTIONS,
    WRITING_ACTIONS,
    AccessLevel,
    TableGrant,
    TableResources,
    level_actions,
    policy_document,
    resource_policy_statements,
)
from .actions import STREAM_ACTIONS, check_actions
from .autoscaling import TableAutoscaling
from .aws_context import (
    ACCOUNT_WIDE,
    caller_identity,
    claim_name,
    partition,
    place,
    provider_default_tags,
    provider_region,
    region_key,
)
from .billing import Billing
from .encryption import CustomerManagedEncryption, TableEncryption
from .ids import address, ref
from .insights import ContributorInsightsMode
from .items import claim_item, encode_item, index_key_limits
from .kms import ManagedKey
from .metrics import Metric
from .names import (
    POLICY_NAME_MAX,
    TABLE_ARN,
    check_kms_key_arn,
    check_region,
    check_resource_name,
    check_stream_arn,
    check_table_arn,
    fit,
    partition_of,
)
from .principals import Principal, principal_of
from .providers import require_provider_version
from .refactor import keep_on_move, previous_paths
from .replicas import MultiRegionConsistency, Replica, ReplicaDefaults, add_replica, replica_key, strong_replica_block
from .resource_policy import PolicyStatement, ResourcePolicy, check_statement
from .restore import TableSource
from .schema import Attribute, GlobalSecondaryIndex, LocalSecondaryIndex
from .settings import DEFAULT_RECOVERY_PERIOD_DAYS, StreamViewType, TableClass, TableSettings
from .timeouts import Timeouts
from .validation import check, check_bool, check_sequence, checked_arguments, coerce_enum, full_match, is_literal, located
from .warm import WarmThroughput

__all__ = ["ExistingTable", "StreamViewType", "Table", "TableBase", "TableClass", "default_table_name"]



def default_table_name(path_below_stack: Sequence[str]) -> str:
    """A readable name from construct ids (below the stack), joined by '-'."""
    name = re.sub(r"[^A-Za-z0-9_.-]", "-", "-".join(path_below_stack))
    return name if len(name) >= 3 else f"{name}-table"


@checked_arguments
class TableBase(Construct):
    """What consumers of a table use: its name and ARNs, grants, resource policies, metrics, and the
    facts alarms and dashboards need. Shared by :class:`Table` and tables another stack owns
    (:meth:`Table.from_table_name` / :meth:`Table.from_table_arn`)."""

    _name: str
    _arn: str
    _stream_arn: str | None
    _index_names: tuple[str, ...] = ()
    _has_indexes: bool = False
    _provisioned: bool = False
    _kms_key_arns: tuple[str, ...] = ()
    _replica_arns: dict[str, str]
    _provider: TerraformProvider | None = None
    _aws_managed_key: bool = False
    _region: str | None = None

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

    @property
    def region(self) -> str | None:
        """The table's Region when known at synth (the provider's literal region), else None."""
        return self._region

    @property
    def provider(self) -> TerraformProvider | None:
        """The AWS provider the table is managed through (None: the stack's default)."""
        return self._provider

    @property
    def point_in_time_recovery(self) -> bool | None:
        """Whether PITR is on, when this stack knows (None for a table another stack owns)."""
        return None

    @property
    def name_reference(self) -> str:
        """The name as a reference when this stack creates the table (so users of it wait for it),
        else the literal name."""
        return self._name

    @property
    def arn_reference(self) -> str:
        """The ARN as a reference within the stack (no engine call), or the given ARN."""
        return self._arn

    def access_resources(self) -> TableResources:
        return TableResources(
            table_arns=(self._arn, *self._replica_arns.values()),
            has_indexes=self._has_indexes,
            stream_arn=self._stream_arn,
            kms_key_arns=self._kms_key_arns,
        )

    # ----- grants ---------------------------------------------------------------------

    def policy_document(self, level: AccessLevel | str) -> str:
        """The least-privilege policy document (a ``jsonencode`` expression) for ``level``."""
        with located(lambda: self.node.path):
            resolved = self._access_level(level)
        return policy_document(self.access_resources(), resolved)

    def grant(self, level: AccessLevel | str, *, role: str | None = None, principal: Principal | str | None = None,
              id_: str | None = None) -> TableGrant:
        """Grant ``level`` to ``principal`` (or ``role``, a role name or ARN). Roles and users get an
        IAM policy attached to them (no principal: the policy is made, unattached); accounts and
        service principals get statements in the table's (and stream's) resource policy."""
        return self._grant(level, None, role=role, principal=principal, id_=id_)

    def grant_actions(self, actions: Sequence[str], *, id_: str, role: str | None = None,
                      principal: Principal | str | None = None) -> TableGrant:
        """Grant exactly ``actions`` (validated DynamoDB action names on the table, its indexes and
        stream; ``dynamodb:*`` only when listed by name). ``id_`` names the grant (and its policy)."""
        with located(lambda: self.node.path):
            checked = check_actions("grant actions", actions, CUSTOM_ALLOWED, what="a grant", accepted=CUSTOM_ACCEPTS,
                                    wildcard=True)
            streamed = [a for a in checked if a.removeprefix("dynamodb:") in STREAM_ACTIONS]
            check(not streamed or self._stream_arn is not None, "grant actions", streamed,
                  "stream actions need a table with a stream (set stream=...)")
        return self._grant(AccessLevel.FULL, checked, role=role, principal=principal, id_=id_)

    def grant_read_data(self, principal: Principal | str | None = None, *, role: str | None = None) -> TableGrant:
        return self.grant(AccessLevel.READ, role=role, principal=principal)

    def grant_write_data(self, principal: Principal | str | None = None, *, role: str | None = None) -> TableGrant:
        return self.grant(AccessLevel.WRITE, role=role, principal=principal)

    def grant_read_write_data(self, principal: Principal | str | None = None, *, role: str | None = None) -> TableGrant:
        return self.grant(AccessLevel.READ_WRITE, role=role, principal=principal)

    def grant_stream_read(self, principal: Principal | str | None = None, *, role: str | None = None) -> TableGrant:
        return self.grant(AccessLevel.STREAM_READ, role=role, principal=principal)

    def grant_full_access(self, principal: Principal | str | None = None, *, role: str | None = None) -> TableGrant:
        """Every item action and every read of the table's settings (and its stream); not the
        control plane, and never ``dynamodb:*`` (use ``grant_actions`` to name that)."""
        return self.grant(AccessLevel.FULL, role=role, principal=principal)

    def _grant(self, level: AccessLevel | str, actions: Sequence[str] | None, *, role: str | None,
               principal: Principal | str | None, id_: str | None) -> TableGrant:
        grants: dict[str, TableGrant] = self.__dict__.setdefault("_grants", {})
        with located(lambda: self.node.path):
            resolved = self._access_level(level)
            check(role is None or principal is None, "grant role", role, "give role= or principal=, not both")
            who = principal_of("grant role" if role is not None else "grant principal", role if role is not None
                               else principal) if (role is not None or principal is not None) else None
            check(actions is None or id_ is not None, "grant id", id_, "a custom grant needs an id_")
            grant_id = id_ or f"grant_{resolved.value.replace('-', '_')}" + (
                f"_{who.slug}" if who is not None and not who.is_identity else "")
            check(grant_id not in grants, "grant id", grant_id,
                  "each grant needs its own id_ when one level is granted twice")
            if who is not None and not who.is_identity:
                check(not (who.is_account and self._aws_managed_key), "grant principal", who,
                      "cross-account access through a resource policy does not work on a table encrypted with the "
                      "AWS managed key (its key policy cannot be shared); use aws_owned() or a customer-managed key")
        suffix = resolved.value if actions is None else grant_id.replace("_", "-")
        policy_name = fit(f"{self._name}-{suffix}", POLICY_NAME_MAX)
        by_identity = who is None or who.is_identity
        if by_identity:
            claim_name(self, "IAM policy", ACCOUNT_WIDE, policy_name, owner=lambda: f"{self.node.path}/{grant_id}",
                       field="grant policy name")
        description = (f"{resolved.value} access to DynamoDB table {self._name}" if actions is None
                       else f"{grant_id} access to DynamoDB table {self._name}")
        grant = TableGrant(self, grant_id, policy_name=policy_name, description=description,
                           resources=self.access_resources(), level=resolved, principal=who, actions=actions)
        if who is not None and not by_identity:
            table_statement, stream_statement = resource_policy_statements(self, grant_id, who, resolved, actions)
            if table_statement is not None:
                self.add_to_resource_policy(table_statement)
            if stream_statement is not None:
                self.add_to_stream_resource_policy(stream_statement)
            grant.statements = tuple(s for s in (table_statement, stream_statement) if s is not None)
            self._share_keys(who, writes=any(a in WRITING_ACTIONS for a in (actions or level_actions(resolved))))
        grants[grant_id] = grant
        self._after_change()
        return grant

    def _share_keys(self, principal: Principal, *, writes: bool) -> None:
        """Cross-account grants also need the table's key: created keys get a statement for the
        principal (a given key's policy is the key owner's to change)."""

    def _access_level(self, level: AccessLevel | str) -> AccessLevel:
        resolved = coerce_enum("access level", AccessLevel, level)
        check(resolved is not AccessLevel.STREAM_READ or self._stream_arn is not None, "access level", resolved.value,
              "stream-read needs a table with a stream (set stream=...)")
        return resolved

    def _after_change(self) -> None:
        """Hook for constructs that must follow later additions (moves, see Table)."""

    # ----- resource policies -----------------------------------------------------------

    @property
    def resource_policy(self) -> ResourcePolicy | None:
        """The table's resource policy (made by the first statement added), or None."""
        policies: dict[str | None, ResourcePolicy] = self.__dict__.get("_table_policies", {})
        return policies.get(None)

    @property
    def stream_resource_policy(self) -> ResourcePolicy | None:
        policy: ResourcePolicy | None = self.__dict__.get("_stream_policy")
        return policy

    def add_to_resource_policy(self, statement: PolicyStatement) -> None:
        """Add a statement to the table's resource policy (table and indexes; each replica gets the
        same statements for its own ARN, through its Region's provider)."""
        with located(lambda: self.node.path):
            checked = check_statement("resource policy statement", statement, stream=False)
            check(not (checked.names_accounts and self._aws_managed_key), "resource policy statement", statement,
                  "cross-account access through a resource policy does not work on a table encrypted with the AWS "
                  "managed key (its key policy cannot be shared); use aws_owned() or a customer-managed key")
        policies: dict[str | None, ResourcePolicy] = self.__dict__.setdefault("_table_policies", {})
        targets = [(None, self._arn, self._provider), *self._replica_policy_targets()]
        for region, arn, provider in targets:
            existing = policies.get(region)
            if existing is None:
                suffix = "" if region is None else f"_{region.replace('-', '_')}"
                policies[region] = ResourcePolicy(self, f"resource_policy{suffix}", resource_arn=arn,
                                                  resources=self._policy_resources(arn), statement=checked,
                                                  provider=provider)
            else:
                existing.add(checked)
        self._after_change()

    def add_to_stream_resource_policy(self, statement: PolicyStatement) -> None:
        """Add a statement to the stream's resource policy (stream actions only)."""
        with located(lambda: self.node.path):
            check(self._stream_arn is not None, "stream resource policy", statement,
                  "the table has no stream (set stream=...)")
            checked = check_statement("stream resource policy statement", statement, stream=True)
        assert self._stream_arn is not None
        existing: ResourcePolicy | None = self.__dict__.get("_stream_policy")
        if existing is None:
            self.__dict__["_stream_policy"] = ResourcePolicy(
                self, "stream_resource_policy", resource_arn=self._stream_arn, resources=[self._stream_arn],
                statement=checked, provider=self._provider)
        else:
            existing.add(checked)
        self._after_change()

    def _policy_resources(self, arn: str) -> list[str]:
        return [arn, f"{arn}/index/*"] if self._has_indexes else [arn]

    def _replica_policy_targets(self) -> list[tuple[str, str, TerraformProvider | None]]:
        """(region, replica ARN, provider) of each replica whose policy this table manages."""
        return []

    # ----- metrics (alarms and dashboards take these) ------------------------------------

    def _index(self, index: str | None) -> str | None:
        if index is not None:
            with located(lambda: self.node.path):
                check(not self._index_names or index in self._index_names, "index", index,
                      f"expected one of the table's global indexes: {', '.join(self._index_names) or 'none'}")
        return index

    def metric(self, metric_name: str, *, statistic: str = "Sum", period: int = 300,
               dimensions: Mapping[str, str] | None = None) -> Metric:
        """Any AWS/DynamoDB metric of this table (TableName plus ``dimensions``)."""
        with located(lambda: self.node.path):
            return Metric(metric_name, (("TableName", self._name), *(dimensions or {}).items()), statistic, period)

    def metric_consumed_read_capacity_units(self, *, index: str | None = None, period: int = 300) -> Metric:
        return metrics.consumed_capacity(self._name, "Read", index=self._index(index), period=period)

    def metric_consumed_write_capacity_units(self, *, index: str | None = None, period: int = 300) -> Metric:
        return metrics.consumed_capacity(self._name, "Write", index=self._index(index), period=period)

    def metric_provisioned_capacity_units(self, operation: str, *, index: str | None = None,
                                          period: int = 300) -> Metric:
        with located(lambda: self.node.path):
            return metrics.provisioned_capacity(self._name, operation, index=self._index(index), period=period)

    def metric_read_throttle_events(self, *, index: str | None = None, period: int = 300) -> Metric:
        return metrics.throttle_events(self._name, "Read", index=self._index(index), period=period)

    def metric_write_throttle_events(self, *, index: str | None = None, period: int = 300) -> Metric:
        return metrics.throttle_events(self._name, "Write", index=self._index(index), period=period)

    def metric_throttled_requests(self, operation: str, *, period: int = 300) -> Metric:
        """ThrottledRequests of one operation (e.g. "Query")."""
        with located(lambda: self.node.path):
            return metrics.throttled_requests(self._name, operation, period=period)

    def metric_system_errors(self, operation: str, *, period: int = 300) -> Metric:
        with located(lambda: self.node.path):
            return metrics.system_errors(self._name, operation, period=period)

    def metric_user_errors(self, *, period: int = 300) -> Metric:
        """UserErrors: account- and Region-wide (DynamoDB publishes no per-table series)."""
        return metrics.user_errors(period=period)

    def metric_successful_request_latency(self, operation: str, *, statistic: str = "Average",
                                          period: int = 300) -> Metric:
        with located(lambda: self.node.path):
            return metrics.latency(self._name, operation, statistic=statistic, period=period)

    def metric_conditional_check_failed_requests(self, *, period: int = 300) -> Metric:
        return metrics.conditional_check_failed(self._name, period=period)

    def metric_replication_latency(self, receiving_region: str, *, period: int = 300) -> Metric:
        with located(lambda: self.node.path):
            check(not self._replica_arns or receiving_region in self._replica_arns, "receiving_region",
                  receiving_region, f"expected a replica Region: {', '.join(self._replica_arns) or 'none'}")
        return metrics.replication_latency(self._name, receiving_region, period=period)

    def metric_online_index_percentage_progress(self, index: str, *, period: int = 300) -> Metric:
        return metrics.online_index_progress(self._name, self._index(index) or index, period=period)

    def metric_online_index_throttle_events(self, index: str, *, period: int = 300) -> Metric:
        return metrics.online_index_throttles(self._name, self._index(index) or index, period=period)


@checked_arguments
class ExistingTable(TableBase):
    """A table another stack (or no stack) owns, for grants, resource policies, alarms and dashboards.

    Made by :meth:`Table.from_table_name` or :meth:`Table.from_table_arn`; it creates nothing by
    itself. What it cannot look up at synth is given: its global index names (grants then cover
    ``/index/*``; alarms and dashboards cover each index), stream ARN, customer-managed key ARNs
    (grants add the KMS actions) and whether it is provisioned.
    """

    def __init__(self, scope: Construct, id_: str, *, table_name: str, table_arn: str, region: str | None,
                 index_names: Sequence[str], stream_arn: str | None, kms_key_arns: Sequence[str], provisioned: bool,
                 aws_managed_key: bool, provider: TerraformProvider | None) -> None:
        super().__init__(scope, id_)
        place(self, scope, id_)
        with located(lambda: self.node.path):
            names = check_sequence("index_names", index_names, "of index names")
            for index in names:
                check_resource_name("index_names", index)
            check(len(set(names)) == len(names), "index_names", list(names), "each index once")
            if stream_arn is not None:
                check_stream_arn("stream_arn", stream_arn)
            keys = check_sequence("kms_key_arns", kms_key_arns, "of KMS key ARNs")
            for key in keys:
                check_kms_key_arn("kms_key_arns", key)
            check_bool("provisioned", provisioned)
            check_bool("aws_managed_key", aws_managed_key)
        self._name = table_name
        self._arn = table_arn
        self._stream_arn = stream_arn
        self._index_names = tuple(names)
        self._has_indexes = bool(names)
        self._provisioned = provisioned
        self._kms_key_arns = tuple(keys)
        self._replica_arns = {}
        self._provider = provider
        self._aws_managed_key = aws_managed_key
        self._region = region


def consumer_provider(table: TableBase, provider: TerraformProvider | None) -> TerraformProvider | None:
    """For constructs that consume a table: check their ``table=`` argument (inside their
    ``located``) and pick the provider their resources use, the one given or else the table's."""
    check(isinstance(table, TableBase), "table", table, "expected a Table (or Table.from_table_name/arn(...))")
    return provider if provider is not None else table.provider


@checked_arguments
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
        time_to_live_enabled: bool = True,
        stream: StreamViewType | str | None = None,
        point_in_time_recovery: bool = True,
        recovery_period_days: int | None = None,
        table_class: TableClass | str = TableClass.STANDARD,
        deletion_protection: bool = True,
        prevent_destroy: bool = True,
        contributor_insights: bool | ContributorInsightsMode | str = False,
        encryption: TableEncryption | None = None,
        retain_previous_key: bool = False,
        replicas: Sequence[Replica] = (),
        tags: Mapping[str, str] | None = None,
        provider: TerraformProvider | None = None,
        moved_from: str | Sequence[str] = (),
        index_maintenance: bool = False,
        source: TableSource | None = None,
        timeouts: Timeouts | None = None,
        warm_throughput: WarmThroughput | None = None,
        consistency: MultiRegionConsistency | str = MultiRegionConsistency.EVENTUAL,
        witness_region: str | None = None,
    ) -> None:
        super().__init__(scope, id_)
        self._ids = place(self, scope, id_)
        self._provider = provider
        self._region = provider_region(self, provider)
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
                time_to_live_attribute=time_to_live_attribute, time_to_live_enabled=time_to_live_enabled, stream=stream,
                point_in_time_recovery=point_in_time_recovery, recovery_period_days=recovery_period_days,
                table_class=table_class, deletion_protection=deletion_protection, prevent_destroy=prevent_destroy,
                contributor_insights=contributor_insights,
                encryption=TableEncryption.aws_owned() if encryption is None else encryption,
                replicas=replica_list, tags={} if tags is None else tags, index_maintenance=index_maintenance,
                warm_throughput=warm_throughput, source=source, timeouts=timeouts, consistency=consistency,
                witness_region=witness_region, primary_region=self._region,
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
        self._aws_managed_key = settings.encryption.is_aws_managed
        for feature, version in settings.provider_features().items():
            require_provider_version(self, version, feature)

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
        self._created_keys: list[ManagedKey] = [self.encryption_key] if self.encryption_key else []
        table_ids = (*self._ids, "table")
        # References within the stack, written by the library itself (no engine round trip); the
        # public attributes hand out the engine's tokens, which also work across stacks.
        self._arn = ref("aws_dynamodb_table", table_ids, "arn")
        defaults = ReplicaDefaults(
            table_name=settings.name, table_arn=self._arn,
            key_alias=settings.key_alias if settings.encryption.creates_key else None,
            key_deletion_window=getattr(settings.encryption, "deletion_window_in_days", 30),
            point_in_time_recovery=settings.point_in_time_recovery,
            deletion_protection=settings.deletion_protection, tags=settings.tags,
        )
        strong_blocks: list[dict[str, Any]] = []
        strong_keys: list[tuple[ManagedKey | None, str | None]] = []
        if settings.strong:
            # Strongly consistent replicas are the table's own replica blocks (created with it).
            for replica in settings.replicas:
                replica_key_arn, created = replica_key(self, replica, defaults)
                strong_keys.append((created, replica_key_arn))
                strong_blocks.append(strong_replica_block(replica, defaults, replica_key_arn))

        table_args = _render_table(settings, key_arn, strong_blocks)
        maintenance = settings.index_maintenance and bool(settings.autoscaled_index_names)
        if maintenance:
            table_args["global_secondary_index"] = None  # written with live capacities below
        self._resource = DynamodbTable(self, "table", **table_args, provider=provider)
        if maintenance:
            self._read_live_index_capacity(provider)
        for key in (self.encryption_key, retired_key, *(k for k, _ in strong_keys)):
            if key is not None:
                key.outlive(address("aws_dynamodb_table", table_ids))
        self._stream_arn = ref("aws_dynamodb_table", table_ids, "stream_arn") if settings.stream else None
        name_token = ref("aws_dynamodb_table", table_ids, "name")

        if settings.contributor_insights:
            mode = settings.contributor_insights_mode
            DynamodbContributorInsights(self, "insights", table_name=name_token, mode=mode.value if mode else None,
                                        provider=provider)
        for index in settings.schema.global_indexes:
            enabled, index_mode = index.insights
            if enabled:
                DynamodbContributorInsights(self, f"insights_{index.name}", table_name=name_token,
                                            index_name=index.name, mode=index_mode.value if index_mode else None,
                                            provider=provider)
        if settings.scaled:
            TableAutoscaling(self, "autoscaling", table_name=settings.name, table_ref=name_token, dimensions=settings.scaled,
                             provider=provider)

        self._replica_arns: dict[str, str] = {}
        self._replica_providers: dict[str, TerraformProvider] = {}
        kms_arns = [key_arn] if key_arn and settings.encryption.is_customer_managed else []
        table_address = address("aws_dynamodb_table", table_ids)
        for position, replica in enumerate(settings.replicas):
            self._replica_providers[replica.region] = replica.provider
            if settings.strong:
                created, replica_key_arn = strong_keys[position]
                assert self._region is not None  # strong consistency needs a literal region (checked)
                arn = f"${{replace({table_address}.arn, \":{self._region}:\", \":{replica.region}:\")}}"
                if settings.scaled:
                    TableAutoscaling(self, f"autoscaling_{replica.id_suffix}", table_name=settings.name,
                                     table_ref=name_token, dimensions=settings.scaled, provider=replica.provider,
                                     depends_on=[self._resource])
            else:
                arn, replica_key_arn, created = add_replica(self, replica, defaults, name_token, settings.scaled)
            if created is not None:
                self._created_keys.append(created)
            self._replica_arns[replica.region] = arn
            if replica_key_arn and settings.encryption.is_customer_managed:
                kms_arns.append(replica_key_arn)
        self._kms_key_arns = tuple(kms_arns)
        self._refresh_moves()

    def _read_live_index_capacity(self, provider: TerraformProvider | None) -> None:
        """Index maintenance: each autoscaled index's capacity is what the live table has now (a data
        source read at plan time), so Terraform can add, remove and change indexes without fighting
        autoscaling; a new index starts at its autoscaling minimum. The read is guarded by the
        region's table list, so a table that does not exist yet (first deploy, new name) is no error.
        The table name is a literal: a reference to the table would make a cycle."""
        name = self._settings.name
        DataAwsDynamodbTables(self, "tables", provider=provider)
        listed = address("data.aws_dynamodb_tables", (*self._ids, "tables"))
        reader = DataAwsDynamodbTable(self, "live", name=name, provider=provider)
        reader.add_override("count", f"${{try(contains({listed}.names, \"{name}\"), false) ? 1 : 0}}")
        live = f"try({address('data.aws_dynamodb_table', (*self._ids, 'live'))}[0].global_secondary_index, [])"
        scaled = {(d.index_name, d.operation.lower()): d.capacity for d in self._settings.scaled if d.index_name}
        blocks = self._settings.schema._render_global_indexes(self._settings.index_capacities)
        for block in blocks:
            for operation in ("read", "write"):
                capacity = scaled.get((block["name"], operation))
                if capacity is not None:
                    # max(.., minimum): a new index (no live value) or a live 0 (an on-demand table
                    # becoming provisioned) starts at the minimum; a live autoscaled value is never lower.
                    block[f"{operation}_capacity"] = (
                        f"${{max(coalesce(one([for i in {live} : i.{operation}_capacity "
                        f"if i.name == \"{block['name']}\"]), 0), {capacity.minimum})}}")
        self._resource.add_override("global_secondary_index", blocks)

    def _refresh_moves(self) -> None:
        """Keep every resource under this table (including later grants and items) on a move."""
        if self._moved_from:
            keep_on_move(self, ["/".join(p) for p in self._moved_from])

    def _after_change(self) -> None:
        self._refresh_moves()

    @property
    def point_in_time_recovery(self) -> bool | None:
        return self._settings.point_in_time_recovery

    @property
    def name_reference(self) -> str:
        return ref("aws_dynamodb_table", (*self._ids, "table"), "name")

    def _replica_policy_targets(self) -> list[tuple[str, str, TerraformProvider | None]]:
        return [(region, arn, self._replica_providers[region]) for region, arn in self._replica_arns.items()]

    def _share_keys(self, principal: Principal, *, writes: bool) -> None:
        if not self._created_keys:
            return
        known = partition_of(self._region) if self._region is not None else None
        element = principal._render(known if known is not None else partition(self).partition)
        actions = KMS_WRITE_ACTIONS if writes else KMS_READ_ACTIONS
        sid = "Grant" + "".join(part.capitalize() for part in principal.slug.split("_"))
        for key in self._created_keys:
            key.allow(sid, element, sorted(set(actions)))

    # ----- tables another stack owns ----------------------------------------------------

    @staticmethod
    def from_table_name(scope: Construct, id_: str, table_name: str, *, region: str | None = None,
                        account: str | None = None, index_names: Sequence[str] = (), stream_arn: str | None = None,
                        kms_key_arns: Sequence[str] = (), provisioned: bool = False, aws_managed_key: bool = False,
                        provider: TerraformProvider | None = None) -> ExistingTable:
        """A table another stack owns, by name. Its ARN is built from ``region`` (default: the
        provider's) and ``account`` (default: this stack's account, read at plan time)."""
        with located(lambda: f"{scope.node.path}/{id_}"):
            check_resource_name("table_name", table_name)
            check(isinstance(table_name, str) and is_literal(table_name), "table_name", table_name,
                  "expected the table's name (a literal)")
            where = region if region is not None else provider_region(scope, provider)
            check(where is not None, "region", region,
                  "the table's Region is needed for its ARN: give region= or a provider with a literal region")
            assert where is not None
            check_region("region", where)
            if account is not None:
                from .names import check_account_id

                check_account_id("account", account)
        owner = account if account is not None else caller_identity(scope).account_id
        arn = f"arn:{partition_of(where)}:dynamodb:{where}:{owner}:table/{table_name}"
        return ExistingTable(scope, id_, table_name=table_name, table_arn=arn, region=where, index_names=index_names,
                             stream_arn=stream_arn, kms_key_arns=kms_key_arns, provisioned=provisioned,
                             aws_managed_key=aws_managed_key, provider=provider)

    @staticmethod
    def from_table_arn(scope: Construct, id_: str, table_arn: str, *, index_names: Sequence[str] = (),
                       stream_arn: str | None = None, kms_key_arns: Sequence[str] = (), provisioned: bool = False,
                       aws_managed_key: bool = False, provider: TerraformProvider | None = None) -> ExistingTable:
        """A table another stack owns, by ARN (name and Region are read from it)."""
        with located(lambda: f"{scope.node.path}/{id_}"):
            check_table_arn("table_arn", table_arn)
            check(is_literal(table_arn), "table_arn", table_arn, "expected the table's ARN as a literal "
                  "(a reference from another stack: use from_table_name with that stack's output)")
        match = full_match(TABLE_ARN, table_arn)
        assert match is not None
        return ExistingTable(scope, id_, table_name=match.group("name"), table_arn=table_arn,
                             region=match.group("region"), index_names=index_names, stream_arn=stream_arn,
                             kms_key_arns=kms_key_arns, provisioned=provisioned, aws_managed_key=aws_managed_key,
                             provider=provider)

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
            encoded = encode_item(item, schema.key_attributes, index_keys,
                                  self._settings.ttl_attribute if self._settings.ttl_enabled else None,
                                  index_key_limits=index_key_limits(schema))
            claim_item(self, id_, item, schema.key_attributes)
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


def _render_ttl(settings: TableSettings) -> dict[str, Any]:
    """TTL on, off with its attribute (AWS needs the name to disable TTL), or never set (off, no name:
    the provider then sends nothing)."""
    if settings.ttl_attribute is None:
        return {"enabled": False}
    return {"attribute_name": settings.ttl_attribute, "enabled": settings.ttl_enabled}


def _render_pitr(settings: TableSettings) -> dict[str, Any]:
    """PITR on with its window (35 days unless given: an omitted window keeps a shorter live one), or off."""
    if not settings.point_in_time_recovery:
        return {"enabled": False}
    return {"enabled": True, "recovery_period_in_days": settings.recovery_period_days or DEFAULT_RECOVERY_PERIOD_DAYS}


def _render_table(settings: TableSettings, key_arn: str | None,
                  strong_blocks: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
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
        "ttl": _render_ttl(settings),
        "stream_enabled": settings.stream is not None,
        "stream_view_type": settings.stream.value if settings.stream else None,
        "point_in_time_recovery": _render_pitr(settings),
        "server_side_encryption": settings.encryption._render_sse(key_arn),
        "table_class": settings.table_class.value,
        "deletion_protection_enabled": settings.deletion_protection,
        "tags": dict(settings.tags) or None,
    }
    # The newer arguments are rendered only when used, so a table without them stays valid on 5.100.
    if settings.warm_throughput is not None:
        args["warm_throughput"] = DynamodbTableWarmThroughput(**settings.warm_throughput._render())
    if settings.timeouts is not None:
        args["timeouts"] = DynamodbTableTimeouts(**settings.timeouts._render())
    if settings.source is not None:
        source = settings.source._render()
        if "import_table" in source:
            args["import_table"] = DynamodbTableImportTable(**source["import_table"])
        else:
            args.update(source)
    if strong_blocks:
        args["replica"] = [DynamodbTableReplicaBlock(**block) for block in strong_blocks]
    if settings.witness_region is not None:
        args["global_table_witness"] = DynamodbTableGlobalTableWitness(region_name=settings.witness_region)
    ignore = settings.ignored_changes
    if ignore or settings.prevent_destroy:
        args["lifecycle"] = TerraformResourceLifecycle(ignore_changes=ignore or None,
                                                       prevent_destroy=settings.prevent_destroy or None)
    return args
