"""``TableBase``: what consumers of a table use — its name and ARNs, grants, resource policies and
metrics — shared by :class:`~dynamo_constructs.Table` and tables another stack owns
(:class:`ExistingTable`, made by ``Table.from_table_name`` / ``Table.from_table_arn``). AWS CDK's
``table-v2-base.ts`` is the model: grants and metrics live on the base class and take the table itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from constructs import Construct

from . import metrics
from ._core import TerraformProvider
from .access import (
    CUSTOM_ACCEPTS,
    CUSTOM_ALLOWED,
    WRITING_ACTIONS,
    AccessLevel,
    TableGrant,
    TableResources,
    level_actions,
    policy_document,
    resource_policy_statements,
)
from .actions import STREAM_ACTIONS, check_actions
from .aws_context import ACCOUNT_WIDE, caller_identity, claim_name, place, provider_region
from .metrics import Metric
from .names import (
    POLICY_NAME_MAX,
    check_account_id,
    check_kms_key_arn,
    check_region,
    check_resource_name,
    check_stream_arn,
    check_table_arn,
    fit,
    partition_of,
    table_arn_parts,
)
from .principals import Principal, principal_of
from .resource_policy import PolicyStatement, ResourcePolicy, check_statement
from .schema import TableSchema
from .streams import StreamViewType
from .validation import check, check_bool, check_sequence, checked_arguments, coerce_enum, is_literal, located

__all__ = ["ExistingTable", "TableBase", "consumer_provider"]


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
    _grants: dict[str, TableGrant]  # by grant id
    _table_policies: dict[str | None, ResourcePolicy]  # by replica region (None: the table's own)
    _stream_policy: ResourcePolicy | None

    def __init__(self, scope: Construct, id_: str) -> None:
        super().__init__(scope, id_)
        self._grants = {}
        self._table_policies = {}
        self._stream_policy = None

    @property
    def table_name(self) -> str:
        """The table's name (known at synth)."""
        return self._name

    @property
    def table_arn(self) -> str:
        """The table's ARN (a token on a ``Table``; the literal ARN of a table another stack owns)."""
        return self._arn

    @property
    def table_stream_arn(self) -> str | None:
        """The stream's ARN (a token), or None when the table has no stream."""
        return self._stream_arn

    @property
    def global_index_names(self) -> tuple[str, ...]:
        """The names of the global secondary indexes, in declaration order."""
        return self._index_names

    @property
    def is_provisioned(self) -> bool:
        """Whether the table bills provisioned capacity (alarms and dashboards add capacity graphs)."""
        return self._provisioned

    @property
    def replica_arns(self) -> dict[str, str]:
        """Region -> replica ARN (tokens)."""
        return dict(self._replica_arns)

    @property
    def replica_regions(self) -> tuple[str, ...]:
        """The Regions of the table's replicas."""
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
    def recovery_period_days(self) -> int | None:
        """The PITR window this stack gives the table (None: not known here, or the default, 35 days)."""
        return None

    @property
    def stream_view_type(self) -> StreamViewType | None:
        """The stream's view type when this stack defines the table (None: no stream, or not known here)."""
        return None

    @property
    def schema(self) -> TableSchema | None:
        """The keys and indexes, when this stack defines the table (None for a table another stack owns)."""
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
        """What a grant covers: the table's and replicas' ARNs, whether there are indexes
        (``/index/*``), the stream ARN and the customer-managed key ARNs."""
        return TableResources(
            table_arns=(self._arn, *self._replica_arns.values()),
            has_indexes=self._has_indexes,
            stream_arn=self._stream_arn,
            kms_key_arns=self._kms_key_arns,
        )

    # ----- grants ---------------------------------------------------------------------

    def policy_document(self, level: AccessLevel | str) -> str:
        """The least-privilege IAM policy document of an access level, for a policy of your own.

        Args:
            level: An ``AccessLevel`` or its string (``"read"``, ``"read-write"``, ...); ``stream-read``
                needs a stream.

        Returns:
            The policy document as JSON text with Terraform references inside.
        """
        with located(lambda: self.node.path):
            resolved = self._access_level(level)
        return policy_document(self.access_resources(), resolved)

    def grant(self, level: AccessLevel | str, *, role: str | None = None, principal: Principal | str | None = None,
              id_: str | None = None) -> TableGrant:
        """Grant an access level. Roles and users get an IAM policy attached to them (no principal:
        the policy is made, unattached); accounts and service principals get statements in the
        table's (and stream's) resource policy, and a created key's policy lets them use it.

        Args:
            level: An ``AccessLevel`` or its string; ``stream-read`` needs a stream.
            role: A role name or ARN (instead of ``principal``).
            principal: A ``Principal`` or a role name or ARN (never everyone; an account not on a
                table encrypted with the AWS managed key). Default: nobody.
            id_: The grant's construct id, needed when one level is granted twice. Default:
                ``grant_<level>`` (plus the account or service for resource-policy grants).

        Returns:
            The grant (its ``policy_arn`` for an IAM policy).
        """
        return self._grant(level, None, role=role, principal=principal, id_=id_)

    def grant_actions(self, actions: Sequence[str], *, id_: str, role: str | None = None,
                      principal: Principal | str | None = None) -> TableGrant:
        """Grant exactly these actions on the table, its indexes and its stream.

        Args:
            actions: DynamoDB action names on items, the table or its stream (each checked; stream
                actions need a stream; ``dynamodb:*`` only when listed by name).
            id_: Names the grant and its policy (required: one per custom grant).
            role: A role name or ARN (instead of ``principal``).
            principal: A ``Principal`` or a role name or ARN. Default: nobody (the policy is made, unattached).

        Returns:
            The grant.
        """
        with located(lambda: self.node.path):
            checked = check_actions("grant actions", actions, CUSTOM_ALLOWED, what="a grant", accepted=CUSTOM_ACCEPTS,
                                    wildcard=True)
            streamed = [a for a in checked if a.removeprefix("dynamodb:") in STREAM_ACTIONS]
            check(not streamed or self._stream_arn is not None, "grant actions", streamed,
                  "stream actions need a table with a stream (set stream=...)")
        return self._grant(AccessLevel.FULL, checked, role=role, principal=principal, id_=id_)

    def grant_read_data(self, principal: Principal | str | None = None, *, role: str | None = None) -> TableGrant:
        """Grant ``AccessLevel.READ``: get, query and scan items (and decrypt with the table's keys).

        Args:
            principal: Who, as for ``grant``: a ``Principal``, or a role name or ARN. Default: nobody.
            role: A role name or ARN (instead of ``principal``).
        """
        return self.grant(AccessLevel.READ, role=role, principal=principal)

    def grant_write_data(self, principal: Principal | str | None = None, *, role: str | None = None) -> TableGrant:
        """Grant ``AccessLevel.WRITE``: put, update and delete items (and encrypt with the table's keys).

        Args:
            principal: Who, as for ``grant``: a ``Principal``, or a role name or ARN. Default: nobody.
            role: A role name or ARN (instead of ``principal``).
        """
        return self.grant(AccessLevel.WRITE, role=role, principal=principal)

    def grant_read_write_data(self, principal: Principal | str | None = None, *, role: str | None = None) -> TableGrant:
        """Grant ``AccessLevel.READ_WRITE``: ``grant_read_data`` and ``grant_write_data`` in one policy.

        Args:
            principal: Who, as for ``grant``: a ``Principal``, or a role name or ARN. Default: nobody.
            role: A role name or ARN (instead of ``principal``).
        """
        return self.grant(AccessLevel.READ_WRITE, role=role, principal=principal)

    def grant_stream_read(self, principal: Principal | str | None = None, *, role: str | None = None) -> TableGrant:
        """Grant ``AccessLevel.STREAM_READ``: read the table's stream (the table needs one).

        Args:
            principal: Who, as for ``grant``: a ``Principal``, or a role name or ARN. Default: nobody.
            role: A role name or ARN (instead of ``principal``).
        """
        return self.grant(AccessLevel.STREAM_READ, role=role, principal=principal)

    def grant_append(self, principal: Principal | str | None = None, *, role: str | None = None,
                     insert_only: bool = False) -> TableGrant:
        """Append only: ``PutItem`` and PartiQL ``INSERT`` (plus ``DescribeTable``, and encrypt on a
        customer-managed key), never ``UpdateItem``, ``DeleteItem``, ``BatchWriteItem`` (IAM cannot
        narrow it to puts; batch appends go through ``TransactWriteItems``, checked as ``PutItem``)
        or PartiQL updates and deletes. Readers keep ``grant_read_data``.

        What IAM cannot express: a ``PutItem`` on a key that exists replaces that item. No IAM
        condition key says "only new keys" (DynamoDB's describe the request: attributes, leading
        keys, return values), so writers must use keys that cannot collide and a
        ``ConditionExpression`` of ``attribute_not_exists(<partition key>)``; a stream with old
        images (``OLD_IMAGE`` / ``NEW_AND_OLD_IMAGES``) keeps the evidence of any overwrite.
        ``insert_only=True`` grants PartiQL ``INSERT`` alone, which DynamoDB refuses on an existing
        key (``DuplicateItemException``): the one write IAM can hold to new items.

        Args:
            principal: Who: a ``Principal``, or a role name or ARN. Default: nobody (the policy is
                made, unattached).
            role: A role name or ARN (instead of ``principal``).
            insert_only: True grants PartiQL ``INSERT`` alone (``AccessLevel.INSERT_ONLY``).

        Returns:
            The grant.
        """
        with located(lambda: self.node.path):
            check_bool("insert_only", insert_only)
        return self.grant(AccessLevel.INSERT_ONLY if insert_only else AccessLevel.APPEND, role=role, principal=principal)

    def grant_full_access(self, principal: Principal | str | None = None, *, role: str | None = None) -> TableGrant:
        """Grant ``AccessLevel.FULL``: every item action and every read of the table's settings (and
        its stream); not the control plane, and never ``dynamodb:*`` (use ``grant_actions`` to name that).

        Args:
            principal: Who, as for ``grant``: a ``Principal``, or a role name or ARN. Default: nobody.
            role: A role name or ARN (instead of ``principal``).
        """
        return self.grant(AccessLevel.FULL, role=role, principal=principal)

    def _grant(self, level: AccessLevel | str, actions: Sequence[str] | None, *, role: str | None,
               principal: Principal | str | None, id_: str | None) -> TableGrant:
        with located(lambda: self.node.path):
            resolved = self._access_level(level)
            check(role is None or principal is None, "grant role", role, "give role= or principal=, not both")
            who = principal_of("grant role" if role is not None else "grant principal", role if role is not None
                               else principal) if (role is not None or principal is not None) else None
            check(actions is None or id_ is not None, "grant id", id_, "a custom grant needs an id_")
            grant_id = id_ or f"grant_{resolved.value.replace('-', '_')}" + (
                f"_{who.slug}" if who is not None and not who.is_identity else "")
            check(grant_id not in self._grants, "grant id", grant_id,
                  "each grant needs its own id_ when one level is granted twice")
            check(who is None or not who.is_everyone, "grant principal", who,
                  "a grant names who may act (a role, user, account or service), not everyone")
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
            table_statement, stream_statement = resource_policy_statements(self._stream_arn is not None, grant_id, who, resolved, actions)
            if table_statement is not None:
                self.add_to_resource_policy(table_statement)
            if stream_statement is not None:
                self.add_to_stream_resource_policy(stream_statement)
            grant.statements = tuple(s for s in (table_statement, stream_statement) if s is not None)
            self._share_keys(who, writes=any(a in WRITING_ACTIONS for a in (actions or level_actions(resolved))))
        self._grants[grant_id] = grant
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
        return self._table_policies.get(None)

    @property
    def stream_resource_policy(self) -> ResourcePolicy | None:
        """The stream's resource policy (made by the first statement added), or None."""
        return self._stream_policy

    def add_to_resource_policy(self, statement: PolicyStatement) -> None:
        """Add a statement to the table's resource policy (table and indexes; each replica gets the
        same statements for its own ARN, through its Region's provider). Made by the first statement.

        Args:
            statement: A ``PolicyStatement`` of actions on items or the table (no stream actions);
                one naming an account is refused on a table encrypted with the AWS managed key.
        """
        with located(lambda: self.node.path):
            checked = check_statement("resource policy statement", statement, stream=False)
            check(not (checked.names_accounts and self._aws_managed_key), "resource policy statement", statement,
                  "cross-account access through a resource policy does not work on a table encrypted with the AWS "
                  "managed key (its key policy cannot be shared); use aws_owned() or a customer-managed key")
        policies = self._table_policies
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
        """Add a statement to the stream's resource policy (the table needs a stream).

        Args:
            statement: A ``PolicyStatement`` of the stream's read actions only (``DescribeStream``,
                ``GetRecords``, ``GetShardIterator``).
        """
        with located(lambda: self.node.path):
            check(self._stream_arn is not None, "stream resource policy", statement,
                  "the table has no stream (set stream=...)")
            checked = check_statement("stream resource policy statement", statement, stream=True)
        assert self._stream_arn is not None
        if self._stream_policy is None:
            self._stream_policy = ResourcePolicy(
                self, "stream_resource_policy", resource_arn=self._stream_arn, resources=[self._stream_arn],
                statement=checked, provider=self._provider)
        else:
            self._stream_policy.add(checked)
        self._after_change()

    def _policy_resources(self, arn: str) -> list[str]:
        return [arn, f"{arn}/index/*"] if self._has_indexes else [arn]

    def _replica_policy_targets(self) -> list[tuple[str, str, TerraformProvider | None]]:
        """(region, replica ARN, provider) of each replica whose policy this table manages."""
        return []

    # ----- tables another stack owns ----------------------------------------------------

    @staticmethod
    def from_table_name(scope: Construct, id_: str, table_name: str, *, region: str | None = None,
                        account: str | None = None, index_names: Sequence[str] = (), stream_arn: str | None = None,
                        kms_key_arns: Sequence[str] = (), provisioned: bool = False, aws_managed_key: bool = False,
                        provider: TerraformProvider | None = None) -> ExistingTable:
        """A table another stack owns, by name, for grants, resource policies, alarms and
        dashboards; it creates nothing by itself.

        Args:
            table_name: The table's name (a literal, DynamoDB's rules).
            region: The table's Region, for its ARN. Default: the provider's (a literal region).
            account: The owner's 12-digit account ID. Default: this stack's account, read at plan time.
            index_names: Its global index names: grants then cover ``/index/*``, alarms and dashboards
                each index. Default: none.
            stream_arn: Its stream's ARN, for stream grants and consumers. Default: no stream.
            kms_key_arns: Its customer-managed key ARNs: grants add the KMS actions. Default: none.
            provisioned: It bills provisioned capacity (alarms and dashboards add capacity).
            aws_managed_key: It is encrypted with the AWS managed key (cross-account grants are refused).
            provider: The AWS provider its grants and alarms use. Default: the stack's.

        Returns:
            The ``ExistingTable``.
        """
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
        """A table another stack owns, by ARN (name and Region are read from it); it creates
        nothing by itself.

        Args:
            table_arn: The table's ARN as a literal (for a reference from another stack, use
                ``from_table_name`` with that stack's output).
            index_names: Its global index names, as for ``from_table_name``. Default: none.
            stream_arn: Its stream's ARN, as for ``from_table_name``. Default: no stream.
            kms_key_arns: Its customer-managed key ARNs, as for ``from_table_name``. Default: none.
            provisioned: Whether it bills provisioned capacity, as for ``from_table_name``.
            aws_managed_key: Whether the AWS managed key encrypts it, as for ``from_table_name``.
            provider: The AWS provider its grants and alarms use. Default: the stack's.

        Returns:
            The ``ExistingTable``.
        """
        with located(lambda: f"{scope.node.path}/{id_}"):
            check_table_arn("table_arn", table_arn)
            check(is_literal(table_arn), "table_arn", table_arn, "expected the table's ARN as a literal "
                  "(a reference from another stack: use from_table_name with that stack's output)")
        region, name = table_arn_parts(table_arn)
        return ExistingTable(scope, id_, table_name=name, table_arn=table_arn,
                             region=region, index_names=index_names, stream_arn=stream_arn,
                             kms_key_arns=kms_key_arns, provisioned=provisioned, aws_managed_key=aws_managed_key,
                             provider=provider)

    # ----- metrics (alarms and dashboards take these) ------------------------------------

    def _index(self, index: str | None) -> str | None:
        if index is not None:
            with located(lambda: self.node.path):
                check(not self._index_names or index in self._index_names, "index", index,
                      f"expected one of the table's global indexes: {', '.join(self._index_names) or 'none'}")
        return index

    def metric(self, metric_name: str, *, statistic: str = "Sum", period: int = 300,
               dimensions: Mapping[str, str] | None = None) -> Metric:
        """Any AWS/DynamoDB metric of this table (the ``TableName`` dimension plus ``dimensions``).

        Args:
            metric_name: The metric's name, e.g. ``"TransactionConflict"``.
            statistic: ``Sum``, ``Average``, ``Minimum``, ``Maximum``, ``SampleCount`` or a percentile (``"p99"``).
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
            dimensions: More dimensions, name -> value. Default: none.
        """
        with located(lambda: self.node.path):
            return Metric(metric_name, (("TableName", self._name), *(dimensions or {}).items()), statistic, period)

    def metric_consumed_read_capacity_units(self, *, index: str | None = None, period: int = 300) -> Metric:
        """ConsumedReadCapacityUnits (Sum per period: divide by the period for units per second).

        Args:
            index: One of the table's global indexes. Default: the table.
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        """
        return metrics.consumed_capacity(self._name, "Read", index=self._index(index), period=period)

    def metric_consumed_write_capacity_units(self, *, index: str | None = None, period: int = 300) -> Metric:
        """ConsumedWriteCapacityUnits (Sum per period: divide by the period for units per second).

        Args:
            index: One of the table's global indexes. Default: the table.
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        """
        return metrics.consumed_capacity(self._name, "Write", index=self._index(index), period=period)

    def metric_provisioned_capacity_units(self, operation: str, *, index: str | None = None,
                                          period: int = 300) -> Metric:
        """Provisioned{Read,Write}CapacityUnits (Average): what a provisioned table or index has.

        Args:
            operation: ``"Read"`` or ``"Write"``.
            index: One of the table's global indexes. Default: the table.
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        """
        with located(lambda: self.node.path):
            return metrics.provisioned_capacity(self._name, operation, index=self._index(index), period=period)

    def metric_read_throttle_events(self, *, index: str | None = None, period: int = 300) -> Metric:
        """ReadThrottleEvents (Sum) of the table or one of its global indexes.

        Args:
            index: One of the table's global indexes. Default: the table.
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        """
        return metrics.throttle_events(self._name, "Read", index=self._index(index), period=period)

    def metric_write_throttle_events(self, *, index: str | None = None, period: int = 300) -> Metric:
        """WriteThrottleEvents (Sum) of the table or one of its global indexes.

        Args:
            index: One of the table's global indexes. Default: the table.
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        """
        return metrics.throttle_events(self._name, "Write", index=self._index(index), period=period)

    def metric_throttled_requests(self, operation: str, *, period: int = 300) -> Metric:
        """ThrottledRequests (Sum) of one operation (a request with any throttled part counts once).

        Args:
            operation: A DynamoDB operation, e.g. ``"Query"``, ``"PutItem"``, ``"ExecuteStatement"``.
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        """
        with located(lambda: self.node.path):
            return metrics.throttled_requests(self._name, operation, period=period)

    def metric_system_errors(self, operation: str, *, period: int = 300) -> Metric:
        """SystemErrors (HTTP 500, Sum) of one operation.

        Args:
            operation: A DynamoDB operation, e.g. ``"GetItem"``.
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        """
        with located(lambda: self.node.path):
            return metrics.system_errors(self._name, operation, period=period)

    def metric_user_errors(self, *, period: int = 300) -> Metric:
        """UserErrors (HTTP 400, Sum): account- and Region-wide (DynamoDB publishes no per-table series).

        Args:
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        """
        return metrics.user_errors(period=period)

    def metric_successful_request_latency(self, operation: str, *, statistic: str = "Average",
                                          period: int = 300) -> Metric:
        """SuccessfulRequestLatency (milliseconds) of one operation.

        Args:
            operation: A DynamoDB operation, e.g. ``"Query"``.
            statistic: ``Average`` (the default), ``Maximum``, a percentile (``"p99"``), ...
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        """
        with located(lambda: self.node.path):
            return metrics.latency(self._name, operation, statistic=statistic, period=period)

    def metric_conditional_check_failed_requests(self, *, period: int = 300) -> Metric:
        """ConditionalCheckFailedRequests (Sum): writes whose condition was false (optimistic locking losing).

        Args:
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        """
        return metrics.conditional_check_failed(self._name, period=period)

    def metric_replication_latency(self, receiving_region: str, *, period: int = 300) -> Metric:
        """ReplicationLatency (milliseconds, Average) from this table to one replica.

        Args:
            receiving_region: One of the table's replica Regions.
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        """
        with located(lambda: self.node.path):
            check(not self._replica_arns or receiving_region in self._replica_arns, "receiving_region",
                  receiving_region, f"expected a replica Region: {', '.join(self._replica_arns) or 'none'}")
        return metrics.replication_latency(self._name, receiving_region, period=period)

    def metric_online_index_percentage_progress(self, index: str, *, period: int = 300) -> Metric:
        """OnlineIndexPercentageProgress (Maximum) of an index being built (present only during the build).

        Args:
            index: One of the table's global indexes.
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        """
        return metrics.online_index_progress(self._name, self._index(index) or index, period=period)

    def metric_online_index_throttle_events(self, index: str, *, period: int = 300) -> Metric:
        """OnlineIndexThrottleEvents (Sum): a new index's backfill writes throttled (only during the build).

        Args:
            index: One of the table's global indexes.
            period: Seconds per data point: 10, 30, 60 or a multiple of 60 up to 86,400.
        """
        return metrics.online_index_throttles(self._name, self._index(index) or index, period=period)


@checked_arguments
class ExistingTable(TableBase):
    """A table another stack (or no stack) owns, for grants, resource policies, alarms and dashboards.

    Made by :meth:`Table.from_table_name` or :meth:`Table.from_table_arn`; it creates nothing by
    itself. What it cannot look up at synth is given: its global index names (grants then cover
    ``/index/*``; alarms and dashboards cover each index), stream ARN, customer-managed key ARNs
    (grants add the KMS actions) and whether it is provisioned.

    Args:
        table_name: The table's name.
        table_arn: The table's ARN.
        region: The table's Region, when known.
        index_names: Its global index names.
        stream_arn: Its stream's ARN, or None.
        kms_key_arns: Its customer-managed key ARNs.
        provisioned: Whether it bills provisioned capacity.
        aws_managed_key: Whether it is encrypted with the AWS managed key.
        provider: The AWS provider its grants and alarms use (None: the stack's).
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


