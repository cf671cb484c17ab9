"""``Table``: arguments in, :class:`TableSettings`, then one call per concern, then the attributes
consumers use (AWS CDK's ``table-v2.ts`` is the model).

Every rule lives in ``TableSettings`` and the value objects (plain Python, testable without a
stack); each concern renders its own part — keys (``kms``), replicas (``replication``), contributor
insights (``insights``), index maintenance, autoscaling, and the table block, whose parts the
values render themselves (billing, schema, TTL, PITR, stream, encryption, ...). What consumers
need — grants, resource policies, metrics — lives on :class:`TableBase`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from constructs import Construct

from ._aws import DynamodbTable, DynamodbTableItem
from ._core import TerraformProvider
from .access import KMS_READ_ACTIONS, KMS_WRITE_ACTIONS
from .adoption import check_adoptable, set_imports, table_imports
from .autoscaling import TableAutoscaling
from .aws_context import (
    caller_identity,
    claim_name,
    partition_name,
    place,
    provider_default_tags,
    provider_region,
    region_key,
)
from .billing import Billing
from .encryption import TableEncryption
from .global_indexes import TableIndexes
from .ids import address, ref
from .index_form import IndexForm
from .index_maintenance import live_index_capacities
from .insights import ContributorInsightsMode, add_contributor_insights
from .items import claim_item, encode_item, index_key_limits
from .kms import ManagedKey, TableKeys
from .names import check_resource_name
from .overrides import bind
from .principals import Principal
from .providers import require_provider_version
from .refactor import keep_on_move, previous_paths
from .replicas import MultiRegionConsistency, Replica
from .replication import TableReplicas
from .restore import TableSource
from .schema import Attribute, GlobalSecondaryIndex, LocalSecondaryIndex, TableSchema
from .settings import TableClass, TableSettings
from .streams import StreamViewType
from .table_base import TableBase
from .table_block import table_arguments
from .timeouts import Timeouts
from .validation import check, check_bool, checked_arguments, located
from .warm import WarmThroughput

__all__ = ["Table", "default_table_name"]


def default_table_name(path_below_stack: Sequence[str]) -> str:
    """A readable name from construct ids (below the stack), joined by '-'."""
    name = re.sub(r"[^A-Za-z0-9_.-]", "-", "-".join(path_below_stack))
    return name if len(name) >= 3 else f"{name}-table"


@checked_arguments
class Table(TableBase):
    """A DynamoDB table with everything a table can have, validated at synth.

    Users name the keys and indexes; attribute definitions, the streams replicas need, the
    ``ignore_changes`` autoscaling needs, KMS keys and index ARNs are derived. Every argument is
    checked (types included) and a bad one raises ``TableConfigError`` naming the construct path.

    Args:
        partition_key: The partition key, ``Attribute.string/number/binary(name)``; the attribute
            definitions are derived from the keys of the table and its indexes, never listed by hand.
        sort_key: The sort key. Default: none.
        table_name: 3-255 characters of ``[A-Za-z0-9_.-]``, unique per Region in the stack. Default:
            the construct ids below the stack joined by ``-`` (the original ids when ``moved_from`` is given).
        billing: ``Billing.on_demand(max_read_request_units=, max_write_request_units=)`` or
            ``Billing.provisioned(read_capacity=, write_capacity=)``, each capacity ``Capacity.fixed(n)`` or
            ``Capacity.autoscaled(minimum=, maximum=, target_utilization=70, seed=, ...)``;
            ``Billing.UNLIMITED`` removes an on-demand cap. Default: ``Billing.on_demand()``.
        global_indexes: Up to 20 ``GlobalSecondaryIndex(name=, partition_key=, sort_key=, projection=, ...)``
            (``partition_keys=[...]``/``sort_keys=[...]``, 1-4 attributes each, for a multi-attribute key);
            in provisioned mode an index without capacity inherits the table's. Projections:
            ``Projection.all()`` (the default), ``.keys_only()``, ``.include([...])`` (1-20 non-key
            attributes per index, at most 100 over all indexes). Default: none.
        index_form: ``IndexForm.inline()``: the indexes as the table's blocks; or ``IndexForm.resources()``:
            one ``aws_dynamodb_global_secondary_index`` each (hashicorp/aws >= 6.28, experimental; see
            *Newer than hashicorp/aws 6.25*). Default: ``IndexForm.inline()``.
        local_indexes: Up to 5 ``LocalSecondaryIndex(name=, sort_key=, projection=)``; they need a table
            sort key and exist only from creation. Default: none.
        time_to_live_attribute: The attribute (epoch seconds) that expires items; a key attribute must be a
            Number. Default: no TTL.
        time_to_live_enabled: False turns TTL off while keeping its attribute (AWS needs the name to
            disable TTL).
        stream: A ``StreamViewType`` or its string: ``KEYS_ONLY``, ``NEW_IMAGE``, ``OLD_IMAGE``,
            ``NEW_AND_OLD_IMAGES`` (forced to the latter by replicas). Default: no stream.
        point_in_time_recovery: Point-in-time recovery (PITR).
        recovery_period_days: The PITR window, 1-35 days; only with PITR. Default: 35.
        table_class: ``TableClass.STANDARD`` or ``STANDARD_INFREQUENT_ACCESS`` (or their strings).
        deletion_protection: AWS refuses ``DeleteTable`` while on.
        prevent_destroy: Terraform refuses any plan that would destroy or replace the table.
        contributor_insights: True, False or a ``ContributorInsightsMode`` (hashicorp/aws >= 6.11.0),
            table-level; per index: ``GlobalSecondaryIndex(contributor_insights=True)``.
        encryption: ``TableEncryption.aws_owned()``, ``.aws_managed()`` or
            ``.customer_managed_key(key_arn=None, deletion_window_in_days=30, alias=None)``; without
            ``key_arn`` a KMS key is created: rotation on, explicit key policy, ``alias/dynamodb/<table>``.
            Default: ``TableEncryption.aws_owned()``.
        retain_previous_key: Keep the key this table created after switching to another encryption
            (restores of older recovery points and backups need it).
        replicas: ``Replica(region=, provider=, ...)`` per global-table replica Region
            (``aws_dynamodb_table_replica`` through the Region's provider); a key is created per replica
            Region for a created key; per replica: its key, PITR, deletion protection, table class, tags,
            timeouts, contributor insights (table, indexes) and a Kinesis destination in its Region.
            Default: none.
        tags: Up to 50 tags including the provider's default tags; keys 1-128 characters, values up to
            256, no ``aws:`` prefix. Default: none.
        provider: The AWS provider for the table. Default: the stack's.
        moved_from: The construct path(s) this table had before, oldest first: ``moved`` blocks keep the
            table through a rename or move. Default: none.
        index_maintenance: An autoscaled index's capacity is read from the live table at plan time, so
            indexes change like any other setting; False ignores the index set instead (no plan-time
            read; an index change then fails at plan; see *Changing tables safely*).
        source: ``TableSource.point_in_time(...)``, ``.backup(...)`` or ``.s3_import(...)``: the data the
            table starts with, at creation only. Default: an empty table.
        timeouts: Terraform's create/update/delete limits, ``Timeouts(create="2h")``. Default: the
            provider's.
        warm_throughput: ``WarmThroughput(read_units_per_second=, write_units_per_second=)``
            (hashicorp/aws >= 6.13.0). Default: AWS's.
        consistency: ``"EVENTUAL"`` or ``"STRONG"`` multi-Region consistency (a
            ``MultiRegionConsistency``; strong: hashicorp/aws >= 6.3.0, three Regions of one Region set).
        witness_region: The witness Region of a strongly consistent table with one replica
            (hashicorp/aws >= 6.22.0). Default: none.
        adopt_existing: The table and everything these arguments describe already exist in AWS: the next
            plan imports them (Terraform ``import`` blocks) instead of creating them.
            ``dynamo-constructs migrate`` writes such tables; remove the flag after the first apply.

    Attributes:
        encryption_key: The KMS key this table created (a ``ManagedKey``), or None.

    Example:
        ```python
        from cdktf import App, TerraformStack

        from dynamo_constructs import Attribute, GlobalSecondaryIndex, Table, aws_provider

        stack = TerraformStack(App(), "shop")
        aws_provider(stack, "us-east-1")
        orders = Table(stack, "orders", partition_key=Attribute.string("orderId"),
                       global_indexes=[GlobalSecondaryIndex(name="ByCustomer",
                                                            partition_key=Attribute.string("customerId"))])
        orders.grant_read_data(role="reporting")
        ```
    """

    def __init__(
        self, scope: Construct, id_: str, *, partition_key: Attribute, sort_key: Attribute | None = None,
        table_name: str | None = None, billing: Billing | None = None, global_indexes: Sequence[GlobalSecondaryIndex] = (),
        local_indexes: Sequence[LocalSecondaryIndex] = (), time_to_live_attribute: str | None = None,
        time_to_live_enabled: bool = True, stream: StreamViewType | str | None = None, point_in_time_recovery: bool = True,
        recovery_period_days: int | None = None, table_class: TableClass | str = TableClass.STANDARD,
        deletion_protection: bool = True, prevent_destroy: bool = True, adopt_existing: bool = False, index_form: IndexForm | None = None,
        contributor_insights: bool | ContributorInsightsMode | str = False, encryption: TableEncryption | None = None,
        retain_previous_key: bool = False, replicas: Sequence[Replica] = (), tags: Mapping[str, str] | None = None,
        provider: TerraformProvider | None = None, moved_from: str | Sequence[str] = (), index_maintenance: bool = True,
        source: TableSource | None = None, timeouts: Timeouts | None = None, warm_throughput: WarmThroughput | None = None,
        consistency: MultiRegionConsistency | str = MultiRegionConsistency.EVENTUAL, witness_region: str | None = None,
    ) -> None:
        super().__init__(scope, id_)
        self._ids = place(self, scope, id_)
        self._provider, self._region = provider, provider_region(self, provider)
        with located(lambda: self.node.path):
            self._moved_from = previous_paths("moved_from", moved_from) if moved_from != () else ()
            name = default_table_name(self._moved_from[0] if self._moved_from else self._ids) if table_name is None \
                else table_name
            check_resource_name("table_name", name)
            check_bool("retain_previous_key", retain_previous_key)
            replica_list = list(replicas) if isinstance(replicas, (list, tuple)) else replicas
            settings = TableSettings.build(
                name=name, partition_key=partition_key, sort_key=sort_key,
                billing=Billing.on_demand() if billing is None else billing, global_indexes=global_indexes,
                local_indexes=local_indexes, time_to_live_attribute=time_to_live_attribute,
                time_to_live_enabled=time_to_live_enabled, stream=stream, point_in_time_recovery=point_in_time_recovery,
                recovery_period_days=recovery_period_days, table_class=table_class,
                deletion_protection=deletion_protection, prevent_destroy=prevent_destroy,
                contributor_insights=contributor_insights,
                encryption=TableEncryption.aws_owned() if encryption is None else encryption, replicas=replica_list,
                tags={} if tags is None else tags, index_maintenance=index_maintenance, warm_throughput=warm_throughput,
                source=source, timeouts=timeouts, consistency=consistency, witness_region=witness_region,
                index_form=index_form, primary_region=self._region, provider_regions=_replica_provider_regions(self, replica_list),
                default_tags=provider_default_tags(self, provider))
        self._adopt_settings(settings, adopt_existing=adopt_existing, retain_previous_key=retain_previous_key)
        keys = TableKeys.create(self, settings, retain_previous_key=retain_previous_key, provider=provider)
        self.encryption_key: ManagedKey | None = keys.current
        replicas_ = TableReplicas(self, settings, table_arn=self._arn)
        self._resource = self._render_table(keys, replicas_)
        add_contributor_insights(self, self._name_token, table_insights=(settings.contributor_insights,
                                 settings.contributor_insights_mode), index_insights=[(i.name, i.insights) for i in
                                 settings.schema.global_indexes], provider=provider, index_dependencies=self._indexes.resources)
        if settings.scaled:
            TableAutoscaling(self, "autoscaling", table_name=settings.name, table_ref=self._name_token,
                             dimensions=settings.scaled, provider=provider, depends_on=self._indexes.all)
        replicas_.add(self._resource, self._table_ids, self._region, self._name_token, self._indexes.all)
        self._adopt_replicas(keys, replicas_)
        self._after_change()

    def _adopt_settings(self, settings: TableSettings, *, adopt_existing: bool, retain_previous_key: bool) -> None:
        """The facts consumers read, the names this table claims in the stack, the provider floor;
        for a table that exists already, that it can be imported."""
        with located(lambda: self.node.path):
            check_bool("adopt_existing", adopt_existing)
            if adopt_existing:
                check_adoptable(settings, region=self._region, retain_previous_key=retain_previous_key)
        self._adopt_existing = adopt_existing
        self._settings = settings
        self._name = settings.name
        self._table_ids = (*self._ids, "table")
        # References within the stack, written by the library itself (no engine round trip); the
        # public attributes hand out the engine's tokens, which also work across stacks.
        self._arn = ref("aws_dynamodb_table", self._table_ids, "arn")
        self._name_token = ref("aws_dynamodb_table", self._table_ids, "name")
        self._stream_arn = ref("aws_dynamodb_table", self._table_ids, "stream_arn") if settings.stream else None
        self._index_names = tuple(i.name for i in settings.schema.global_indexes)
        self._has_indexes = bool(settings.schema.indexes)
        self._provisioned = settings.billing.is_provisioned
        self._aws_managed_key = settings.encryption.is_aws_managed
        owner = lambda: self.node.path  # noqa: E731 - asked only when a name collides
        claim_name(self, "DynamoDB table", region_key(self, self._provider), settings.name, owner=owner, field="table_name")
        for replica in settings.replicas:
            claim_name(self, "DynamoDB table", replica.region, settings.name, owner=owner, field="table_name")
        for feature, version in settings.provider_features().items():
            require_provider_version(self, version, feature)

    def _adopt_replicas(self, keys: TableKeys, replicas: TableReplicas) -> None:
        """The replicas' ARNs and providers, and the keys grants must name or share."""
        self._replica_arns, self._replica_providers = replicas.arns, replicas.providers
        self._created_keys = [*([keys.current] if keys.current else []), *replicas.created_keys]
        customer_key = [keys.arn] if keys.arn and self._settings.encryption.is_customer_managed else []
        self._kms_key_arns = (*customer_key, *replicas.key_arns)

    def _render_table(self, keys: TableKeys, replicas: TableReplicas) -> DynamodbTable:
        """The ``aws_dynamodb_table``; with index maintenance its index blocks carry live capacities."""
        settings = self._settings
        live = live_index_capacities(self, self._ids, settings, self._provider) \
            if settings.index_maintenance and settings.autoscaled_index_names else None
        args = table_arguments(settings, keys.arn, replicas.blocks, index_blocks=live)
        resource = bind(DynamodbTable, self, "table", args, provider=self._provider)
        self._indexes = TableIndexes(self, settings, table_name_ref=self._name_token, provider=self._provider)
        table_address = address("aws_dynamodb_table", self._table_ids)
        keys.outlive(table_address)
        for key in replicas.block_keys:
            key.outlive(table_address)
        return resource

    def _refresh_moves(self) -> None:
        """Keep every resource under this table (including later grants and items) on a move."""
        if self._moved_from:
            keep_on_move(self, ["/".join(p) for p in self._moved_from])

    def _refresh_imports(self) -> None:
        """An adopted table's import blocks, for everything it renders so far."""
        if not self._adopt_existing:
            return
        with located(lambda: self.node.path):
            check(self._stream_policy is None, "adopt_existing", True, "a stream's resource policy cannot be imported "
                  "by its ARN before the table is in state; add it after the first apply")
        assert self._region is not None  # checked when adopting
        blocks = table_imports(self._ids, self._settings, region=self._region,
                               account=caller_identity(self).account_id, replica_providers=self._replica_providers,
                               policy_regions=self._table_policies)
        set_imports(self, "/".join(self._ids), blocks)

    def _after_change(self) -> None:
        self._refresh_moves()
        self._refresh_imports()

    @property
    def point_in_time_recovery(self) -> bool | None:
        """Whether PITR is on."""
        return self._settings.point_in_time_recovery

    @property
    def recovery_period_days(self) -> int | None:
        """The PITR window given (None: the default, 35 days)."""
        return self._settings.recovery_period_days

    @property
    def schema(self) -> TableSchema:
        """The keys and indexes, validated, with the derived attribute definitions."""
        return self._settings.schema

    @property
    def name_reference(self) -> str:
        """The name as a reference within the stack (no engine call): its users wait for the table."""
        return self._name_token

    def _replica_policy_targets(self) -> list[tuple[str, str, TerraformProvider | None]]:
        return [(region, arn, self._replica_providers[region]) for region, arn in self._replica_arns.items()]

    def _share_keys(self, principal: Principal, *, writes: bool) -> None:
        if not self._created_keys:
            return
        element = principal._render(partition_name(self, self._region))
        actions = KMS_WRITE_ACTIONS if writes else KMS_READ_ACTIONS
        sid = "Grant" + "".join(part.capitalize() for part in principal.slug.split("_"))
        for key in self._created_keys:
            key.allow(sid, element, sorted(set(actions)))

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
        """The table's Terraform id (a token; the table's name once created)."""
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
        """Index name -> ARN (references), for the global and local indexes."""
        return {i.name: f"{self._arn}/index/{i.name}" for i in self._settings.schema.indexes}

    @property
    def key_attributes(self) -> dict[str, Attribute]:
        """The table's own key attributes by name (partition key, then sort key)."""
        return self._settings.schema.key_attributes

    @property
    def stream_view_type(self) -> StreamViewType | None:
        """The stream's view type, or None when the table has no stream."""
        return self._settings.stream

    @property
    def settings(self) -> TableSettings:
        """The validated settings (read-only), e.g. for monitoring or tests."""
        return self._settings

    # ----- items ----------------------------------------------------------------------

    def add_item(self, id_: str, item: Mapping[str, Any]) -> None:
        """Write one item (plain Python values) into the table, as ``aws_dynamodb_table_item``.

        The item is checked as DynamoDB would: key attributes present, typed and not empty (index
        keys too), key sizes, numbers, sets, nesting (32 levels), 400 KB, a TTL value not in the
        past, one item per primary key in the table. Refused on a table with ``adopt_existing``.

        Args:
            id_: The item's construct id, unique under the table.
            item: Attribute name -> plain Python value (``str``, ``int``, ``float``, ``Decimal``, ``bool``,
                ``None``, ``bytes``, lists, dicts and sets).
        """
        schema = self._settings.schema
        with located(lambda: f"{self.node.path}/{id_}"):
            check(not self._adopt_existing, "item", id_, "items cannot be imported (hashicorp/aws 5.x): on a table that "
                  "exists, its items are data to leave alone; add items after the first apply, or not at all")
            encoded = encode_item(item, schema.key_attributes, index_key_limits(schema),
                                  self._settings.ttl_attribute if self._settings.ttl_enabled else None)
            claim_item(self, id_, item, schema.key_attributes)
        DynamodbTableItem(
            self, id_, table_name=self._name_token, hash_key=ref("aws_dynamodb_table", self._table_ids, "hash_key"),
            range_key=ref("aws_dynamodb_table", self._table_ids, "range_key") if schema.sort_key else None,
            item=encoded, provider=self._provider,
        )
        self._refresh_moves()


def _replica_provider_regions(scope: Construct, replicas: Any) -> dict[int, str | None]:
    if not isinstance(replicas, list):
        return {}
    return {id(r.provider): provider_region(scope, r.provider) for r in replicas if isinstance(r, Replica)}
