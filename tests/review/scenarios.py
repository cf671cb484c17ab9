"""The review corpus: single-edit scenarios written with the library's public API.

Each scenario is a pair of stack builders (BEFORE, AFTER) that differ by one edit, the data-loss
verdict the review must reach, and the rule behind that verdict. ``devtools/review_corpus.py``
synthesizes both, applies BEFORE to the emulator with the real terraform, plans AFTER against
that state and stores Terraform's actions in ``tests/review/corpus/<name>/``; the review lane
(``tests/review/test_corpus.py``) then checks the review against them without terraform.

Only the corpus generator imports this module (it loads the engine); the tests read the
stored JSON. Every table is named after its scenario, so one emulator serves all of them.
Tables set ``deletion_protection=False`` and ``prevent_destroy=False`` unless the edit is
about them, so a replacement can be planned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import dynamo_constructs as dc
from dynamo_constructs import (
    AlarmSettings,
    AlarmTopic,
    Attribute,
    BackupSettings,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    LocalSecondaryIndex,
    Projection,
    Replica,
    StreamViewType,
    Table,
    TableAlarms,
    TableBackups,
    TableClass,
    TableEncryption,
    aws_provider,
    local_state,
    replica_provider,
)
from dynamo_constructs._core import TerraformStack

REGION = "us-east-1"
REPLICA_REGION = "us-west-2"
STACK = "review"


@dataclass
class Ctx:
    """What a builder gets: the stack (its default provider in us-east-1) and the scenario's prefix."""

    stack: TerraformStack
    prefix: str
    provider_tags: dict[str, str] = field(default_factory=dict)

    def name(self, suffix: str = "orders") -> str:
        return f"rv-{self.prefix}-{suffix}"

    def replica_provider(self) -> Any:
        return replica_provider(self.stack, REPLICA_REGION)


Builder = Callable[[Ctx], Any]


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    before: Builder
    after: Builder
    data_loss: bool
    rule: str
    provider_tags_before: dict[str, str] = field(default_factory=dict)
    provider_tags_after: dict[str, str] = field(default_factory=dict)
    # "delete-table": BEFORE's tables are deleted with boto3 between apply and plan;
    # "create-table": AFTER's tables are created with boto3 before BEFORE is applied (to import them).
    drift: str | None = None
    # The default provider's region in AFTER (BEFORE's is REGION): the stack moves to another region.
    region_after: str | None = None


def table(ctx: Ctx, id_: str = "orders", **overrides: Any) -> Table:
    """The scenarios' base table: string partition key, on-demand, PITR on, unprotected."""
    args: dict[str, Any] = {
        "partition_key": Attribute.string("pk"),
        "table_name": ctx.name(),
        "deletion_protection": False,
        "prevent_destroy": False,
    }
    args.update(overrides)
    return Table(ctx.stack, id_, **args)


def with_(**overrides: Any) -> Builder:
    return lambda ctx: table(ctx, **overrides)


BASE = with_()
GSI_STATUS = GlobalSecondaryIndex(name="ByStatus", partition_key=Attribute.string("status"))
GSI_STATUS_KEYS_ONLY = GlobalSecondaryIndex(name="ByStatus", partition_key=Attribute.string("status"),
                                            projection=Projection.keys_only())
GSI_STATE = GlobalSecondaryIndex(name="ByStatus", partition_key=Attribute.string("state"))
GSI_USER = GlobalSecondaryIndex(name="ByUser", partition_key=Attribute.string("user"),
                                sort_key=Attribute.number("created"))
LSI_CREATED = LocalSecondaryIndex(name="ByCreated", sort_key=Attribute.number("created"))
AUTOSCALED = Billing.provisioned(read_capacity=Capacity.autoscaled(minimum=5, maximum=50),
                                 write_capacity=Capacity.autoscaled(minimum=5, maximum=50))


def replicated(replica_args: dict[str, Any] | None = None, **overrides: Any) -> Builder:
    def build(ctx: Ctx) -> Table:
        provider = ctx.replica_provider()
        return table(ctx, replicas=[Replica(region=REPLICA_REGION, provider=provider, **(replica_args or {}))],
                     **overrides)

    return build


def unreplicated(**overrides: Any) -> Builder:
    def build(ctx: Ctx) -> Table:
        ctx.replica_provider()  # the provider stays; only the replica goes
        return table(ctx, **overrides)

    return build


def autoscaled(*indexes: GlobalSecondaryIndex, **overrides: Any) -> Builder:
    """The base table on autoscaled provisioned capacity (its indexes autoscaled with it)."""
    return with_(billing=AUTOSCALED, global_indexes=list(indexes), **overrides)


def with_operations(**overrides: Any) -> Builder:
    """A table with what usually surrounds it: autoscaling, contributor insights, an item, a grant,
    alarms to a topic, and AWS Backup."""

    def build(ctx: Ctx) -> Table:
        orders = table(ctx, billing=AUTOSCALED, contributor_insights=True, **overrides)
        orders.add_item("marker", {"pk": "marker"})
        orders.grant_read_write_data()
        topic = AlarmTopic(ctx.stack, "alarms", name=ctx.name("alarms"))
        TableAlarms(ctx.stack, "orders_alarms", table=orders, settings=AlarmSettings(full=False), topic_arn=topic.arn)
        TableBackups(ctx.stack, "backups", name=ctx.name("bk"), tables=[orders], settings=BackupSettings())
        return orders

    return build


def with_backups(backups: bool) -> Builder:
    def build(ctx: Ctx) -> Table:
        orders = table(ctx)
        if backups:
            TableBackups(ctx.stack, "backups", name=ctx.name("bk"), tables=[orders], settings=BackupSettings())
        return orders

    return build


def shared_key(created_key: bool) -> Builder:
    """A key the stack makes for several users; the table is given its ARN (BEFORE) or creates
    its own (AFTER)."""

    def build(ctx: Ctx) -> Table:
        key = dc.ManagedKey(ctx.stack, "shared_key", description="shared", alias=f"alias/{ctx.name('shared')}")
        encryption = TableEncryption.customer_managed_key() if created_key else \
            TableEncryption.customer_managed_key(key_arn=key.arn)
        return table(ctx, encryption=encryption)

    return build


def renamed(moved: bool) -> Builder:
    def build(ctx: Ctx) -> Table:
        extra: dict[str, Any] = {"moved_from": "orders"} if moved else {}
        return table(ctx, "orders_v2", **extra)

    return build


def moved_twice(ctx: Ctx) -> Table:
    """Renamed orders -> orders_v2 earlier and now -> orders_v3: Terraform follows the chain."""
    return table(ctx, "orders_v3", moved_from=["orders", "orders_v2"])


def removed_destroyed(ctx: Ctx) -> None:
    """A ``removed`` block that destroys (lifecycle destroy = true): the explicit way to delete."""
    ctx.stack.add_override("removed", [{"from": "aws_dynamodb_table.orders_table_46E4A621",
                                        "lifecycle": {"destroy": True}}])


def forgotten(ctx: Ctx) -> None:
    from dynamo_constructs.refactor import forget

    forget(table(ctx))


def omitting(block: str, **overrides: Any) -> Builder:
    """The table with one block left out of the JSON entirely (``reset_<block>()`` on the raw resource):
    how a module that renders a switch-off as an omission behaves. Terraform keeps the live value of
    an Optional+Computed block; these scenarios prove it with the real provider."""

    def build(ctx: Ctx) -> Table:
        orders = table(ctx, **overrides)
        getattr(orders.node.find_child("table"), f"reset_{block}")()
        return orders

    return build


def nothing(ctx: Ctx) -> None:
    return None


def imported(ctx: Ctx) -> Table:
    """The table, adopted with an ``import`` block (its state was lost; the table lives on)."""
    orders = table(ctx)
    resource = orders.node.find_child("table")
    address = f"aws_dynamodb_table.{resource.friendly_unique_id}"  # type: ignore[attr-defined]
    ctx.stack.add_override("import", [{"to": address, "id": ctx.name()}])
    return orders


def grant_stream(view: StreamViewType | None) -> Builder:
    def build(ctx: Ctx) -> Table:
        orders = table(ctx, stream=view)
        if view is not None:
            orders.grant_stream_read()
        return orders

    return build


LOSS_TABLE = "the table is replaced or destroyed: its items are gone"
LOSS_REGION = ("the provider's region changes: terraform creates an EMPTY table in the new region and drops the old "
               "one, with the items, from state (unmanaged)")
NO_LOSS = "no table, replica or key in use is deleted; PITR, protections and backups are kept"

SCENARIOS: list[Scenario] = [
    Scenario("partition_key_changed", "partition key renamed pk -> id", BASE,
             with_(partition_key=Attribute.string("id")), True, LOSS_TABLE),
    Scenario("sort_key_added", "a sort key is added", BASE, with_(sort_key=Attribute.number("version")), True,
             LOSS_TABLE),
    Scenario("key_attribute_type_changed", "partition key type S -> N", BASE,
             with_(partition_key=Attribute.number("pk")), False,
             "the provider plans no replacement for an attribute type change; the table stays"),
    Scenario("gsi_added", "a GSI is added", BASE, with_(global_indexes=[GSI_STATUS]), False, NO_LOSS),
    Scenario("gsi_removed", "the only GSI is removed", with_(global_indexes=[GSI_STATUS]), BASE, False, NO_LOSS),
    Scenario("gsi_removed_one_of_two", "one of two GSIs is removed", with_(global_indexes=[GSI_STATUS, GSI_USER]),
             with_(global_indexes=[GSI_USER]), False, NO_LOSS),
    Scenario("gsi_projection_changed", "GSI projection ALL -> KEYS_ONLY", with_(global_indexes=[GSI_STATUS]),
             with_(global_indexes=[GSI_STATUS_KEYS_ONLY]), False, NO_LOSS),
    Scenario("gsi_key_changed", "GSI partition key status -> state", with_(global_indexes=[GSI_STATUS]),
             with_(global_indexes=[GSI_STATE]), False, NO_LOSS),
    Scenario("autoscaled_gsi_added", "a GSI is added to an autoscaled table", autoscaled(),
             autoscaled(GSI_STATUS), False, NO_LOSS),
    Scenario("autoscaled_gsi_removed", "the only GSI of an autoscaled table is removed", autoscaled(GSI_STATUS),
             autoscaled(), False, NO_LOSS),
    Scenario("autoscaled_gsi_removed_one_of_two", "one of two GSIs of an autoscaled table is removed",
             autoscaled(GSI_STATUS, GSI_USER), autoscaled(GSI_USER), False, NO_LOSS),
    Scenario("autoscaled_gsi_projection_changed", "GSI projection ALL -> KEYS_ONLY on an autoscaled table",
             autoscaled(GSI_STATUS), autoscaled(GSI_STATUS_KEYS_ONLY), False, NO_LOSS),
    Scenario("autoscaled_gsi_key_changed", "GSI partition key status -> state on an autoscaled table",
             autoscaled(GSI_STATUS), autoscaled(GSI_STATE), False, NO_LOSS),
    # index_maintenance=False: the table ignores its index set, so Terraform checks the new attribute
    # definitions against the indexes in state and refuses the plan.
    Scenario("opted_out_gsi_added", "a GSI is added to an autoscaled table with index_maintenance=False",
             autoscaled(index_maintenance=False), autoscaled(GSI_STATUS, index_maintenance=False), False, NO_LOSS),
    Scenario("opted_out_gsi_removed_one_of_two", "one of two GSIs is removed, index_maintenance=False",
             autoscaled(GSI_STATUS, GSI_USER, index_maintenance=False), autoscaled(GSI_USER, index_maintenance=False),
             False, NO_LOSS),
    Scenario("opted_out_gsi_key_changed", "GSI partition key status -> state, index_maintenance=False",
             autoscaled(GSI_STATUS, index_maintenance=False), autoscaled(GSI_STATE, index_maintenance=False), False,
             NO_LOSS),
    Scenario("lsi_added", "an LSI is added (only possible at creation)", with_(sort_key=Attribute.string("sk")),
             with_(sort_key=Attribute.string("sk"), local_indexes=[LSI_CREATED]), True, LOSS_TABLE),
    Scenario("table_name_changed", "table_name changes", BASE, with_(table_name=None), True, LOSS_TABLE),
    Scenario("construct_renamed", "construct id orders -> orders_v2 without a moved block (logical id changes)",
             BASE, renamed(moved=False), True, LOSS_TABLE),
    Scenario("construct_renamed_moved", "construct id orders -> orders_v2 with Table(moved_from='orders')",
             BASE, renamed(moved=True), False, "moved blocks keep the table's state: nothing is destroyed"),
    Scenario("construct_moved_twice", "construct id orders -> orders_v3 with moved_from=['orders', 'orders_v2'] "
             "(a chain of moved blocks)", BASE, moved_twice, False, "the chain keeps the table's state"),
    Scenario("table_removed", "the table leaves the configuration", BASE, nothing, True, LOSS_TABLE),
    Scenario("table_removed_block_destroy", "the table leaves the configuration with a removed block "
             "(destroy = true)", BASE, removed_destroyed, True, LOSS_TABLE),
    Scenario("table_removed_forgotten", "the table is forgotten (removed block, destroy = false)", BASE, forgotten,
             False, "forget leaves the live table alone"),
    Scenario("stream_on", "a stream is turned on", BASE, grant_stream(StreamViewType.NEW_IMAGE), False, NO_LOSS),
    Scenario("stream_off", "the stream is turned off", with_(stream=StreamViewType.NEW_IMAGE), BASE, False, NO_LOSS),
    Scenario("stream_view_type_changed", "stream view NEW_IMAGE -> NEW_AND_OLD_IMAGES (with a stream grant)",
             grant_stream(StreamViewType.NEW_IMAGE), grant_stream(StreamViewType.NEW_AND_OLD_IMAGES), False, NO_LOSS),
    Scenario("ttl_on", "TTL turned on", BASE, with_(time_to_live_attribute="expires"), False, NO_LOSS),
    Scenario("ttl_off", "TTL turned off (time_to_live_attribute removed)", with_(time_to_live_attribute="expires"),
             BASE, False, NO_LOSS),
    Scenario("ttl_attribute_changed", "TTL attribute expires -> expiry", with_(time_to_live_attribute="expires"),
             with_(time_to_live_attribute="expiry"), False, NO_LOSS),
    Scenario("ttl_block_omitted", "TTL on -> the ttl block left out of the JSON (Optional+Computed: TTL stays on)",
             with_(time_to_live_attribute="expires"), omitting("ttl"), False, "the live TTL setting is kept"),
    Scenario("table_class_changed", "table class STANDARD -> STANDARD_INFREQUENT_ACCESS", BASE,
             with_(table_class=TableClass.STANDARD_INFREQUENT_ACCESS), False, NO_LOSS),
    Scenario("table_class_back_to_standard", "table class STANDARD_INFREQUENT_ACCESS -> STANDARD",
             with_(table_class=TableClass.STANDARD_INFREQUENT_ACCESS), BASE, False, NO_LOSS),
    Scenario("on_demand_to_provisioned", "billing on-demand -> provisioned (fixed 5/5), with a GSI",
             with_(global_indexes=[GSI_STATUS]),
             with_(global_indexes=[GSI_STATUS], billing=Billing.provisioned(read_capacity=Capacity.fixed(5),
                                                                            write_capacity=Capacity.fixed(5))),
             False, NO_LOSS),
    Scenario("provisioned_to_on_demand", "billing provisioned (fixed 5/5) -> on-demand, with a GSI",
             with_(global_indexes=[GSI_STATUS], billing=Billing.provisioned(read_capacity=Capacity.fixed(5),
                                                                            write_capacity=Capacity.fixed(5))),
             with_(global_indexes=[GSI_STATUS]), False, NO_LOSS),
    Scenario("fixed_capacity_changed", "fixed capacity 5/5 -> 10/5",
             with_(billing=Billing.provisioned(read_capacity=Capacity.fixed(5), write_capacity=Capacity.fixed(5))),
             with_(billing=Billing.provisioned(read_capacity=Capacity.fixed(10), write_capacity=Capacity.fixed(5))),
             False, NO_LOSS),
    Scenario("on_demand_caps_removed", "on-demand request caps removed",
             with_(billing=Billing.on_demand(max_read_request_units=100, max_write_request_units=50)), BASE,
             False, NO_LOSS),
    Scenario("autoscaling_added", "fixed capacity 5/5 -> autoscaled 5-50",
             with_(billing=Billing.provisioned(read_capacity=Capacity.fixed(5), write_capacity=Capacity.fixed(5))),
             with_(billing=AUTOSCALED), False, NO_LOSS),
    Scenario("autoscaling_limits_changed", "autoscaling 5-50 -> 10-100", with_(billing=AUTOSCALED),
             with_(billing=Billing.provisioned(read_capacity=Capacity.autoscaled(minimum=10, maximum=100),
                                               write_capacity=Capacity.autoscaled(minimum=5, maximum=50))),
             False, NO_LOSS),
    Scenario("aws_owned_to_aws_managed", "encryption AWS-owned -> AWS-managed", BASE,
             with_(encryption=TableEncryption.aws_managed()), False, NO_LOSS),
    Scenario("aws_owned_to_created_cmk", "encryption AWS-owned -> a created customer-managed key", BASE,
             with_(encryption=TableEncryption.customer_managed_key()), False, NO_LOSS),
    Scenario("created_cmk_to_aws_owned", "encryption created CMK -> AWS-owned",
             with_(encryption=TableEncryption.customer_managed_key()), BASE, True,
             "the key the table used is deleted (the table may even stay on it)"),
    Scenario("sse_block_omitted", "created CMK -> AWS-owned written as an omitted server_side_encryption block",
             with_(encryption=TableEncryption.customer_managed_key()), omitting("server_side_encryption"), True,
             "the table stays on its key while the same apply deletes the key"),
    Scenario("cmk_to_aws_managed", "encryption created CMK -> AWS-managed",
             with_(encryption=TableEncryption.customer_managed_key()), with_(encryption=TableEncryption.aws_managed()),
             True, "the key the table used is deleted: PITR restores and backups made under it need it"),
    Scenario("given_key_to_created_key", "encryption: a given key ARN -> a created key (the given key stays)",
             shared_key(created_key=False), shared_key(created_key=True), False,
             "the previous key is not deleted"),
    Scenario("key_deletion_window_changed", "created key deletion window 30 -> 7 days",
             with_(encryption=TableEncryption.customer_managed_key()),
             with_(encryption=TableEncryption.customer_managed_key(deletion_window_in_days=7)), False, NO_LOSS),
    Scenario("pitr_off", "point-in-time recovery turned off", BASE, with_(point_in_time_recovery=False), True,
             "PITR off deletes the restore points"),
    Scenario("pitr_window_shortened", "PITR window 35 -> 7 days", with_(recovery_period_days=35),
             with_(recovery_period_days=7), True, "restore points older than 7 days vanish"),
    Scenario("pitr_window_lengthened", "PITR window 7 -> 35 days", with_(recovery_period_days=7),
             with_(recovery_period_days=35), False, NO_LOSS),
    Scenario("pitr_window_cleared", "PITR window 14 days -> unset (the library's default window)",
             with_(recovery_period_days=14), BASE, False,
             "the window does not shrink (unset means 35 days, or the live value where the block omits it)"),
    Scenario("pitr_block_omitted", "PITR on -> the point_in_time_recovery block left out of the JSON",
             BASE, omitting("point_in_time_recovery"), False, "PITR stays on (Optional+Computed): nothing is lost"),
    Scenario("deletion_protection_off", "deletion protection turned off", with_(deletion_protection=True), BASE,
             True, "deletion protection removed"),
    Scenario("prevent_destroy_off", "prevent_destroy turned off", with_(prevent_destroy=True), BASE, True,
             "prevent_destroy removed: Terraform would no longer refuse a destroy"),
    Scenario("prevent_destroy_refuses_replace", "sort key added while prevent_destroy is on (plan refused)",
             with_(prevent_destroy=True), with_(prevent_destroy=True, sort_key=Attribute.number("version")), True,
             LOSS_TABLE + " (terraform refuses the plan, the review says why)"),
    Scenario("replica_added", "a us-west-2 replica is added", unreplicated(), replicated(), False, NO_LOSS),
    Scenario("replica_removed", "the us-west-2 replica is removed", replicated(), unreplicated(), True,
             "the replica table is deleted"),
    Scenario("replica_removed_stream_kept", "the us-west-2 replica is removed; the table keeps its stream",
             replicated(stream=StreamViewType.NEW_AND_OLD_IMAGES),
             unreplicated(stream=StreamViewType.NEW_AND_OLD_IMAGES), True,
             "the replica table is deleted (and the table's replica set is updated)"),
    Scenario("replica_pitr_changed", "replica PITR on -> off", replicated(),
             replicated(replica_args={"point_in_time_recovery": False}), True, "PITR off on the replica"),
    Scenario("region_changed", "the stack's provider region us-east-1 -> us-west-2 (the table unchanged)", BASE, BASE,
             True, LOSS_REGION, region_after=REPLICA_REGION),
    Scenario("region_changed_with_operations", "the provider region changes under a table with autoscaling, "
             "insights, an item, a grant, alarms and backups", with_operations(), with_operations(), True, LOSS_REGION,
             region_after=REPLICA_REGION),
    Scenario("tags_added", "a tag is added", BASE, with_(tags={"team": "data"}), False, NO_LOSS),
    Scenario("tags_changed", "a tag value changes", with_(tags={"team": "data"}), with_(tags={"team": "platform"}),
             False, NO_LOSS),
    Scenario("default_tags_changed", "the provider's default tags change", BASE, BASE, False, NO_LOSS,
             provider_tags_before={"Env": "test"}, provider_tags_after={"Env": "prod"}),
    Scenario("contributor_insights_on", "contributor insights turned on", BASE, with_(contributor_insights=True),
             False, NO_LOSS),
    Scenario("table_renamed_with_operations", "table_name changes on a table with autoscaling, insights, an item, "
             "a grant, alarms and backups", with_operations(), with_operations(table_name=None), True, LOSS_TABLE),
    Scenario("backups_removed", "AWS Backup for the table is removed", with_backups(True), with_backups(False), True,
             "the table is no longer backed up and the vault with its recovery points is deleted"),
    Scenario("table_imported", "an existing table (state lost) is adopted with an import block", nothing, imported,
             False, "an import adopts the live table; nothing is deleted", drift="create-table"),
    Scenario("table_deleted_outside", "the table is deleted with boto3 after apply; the configuration is unchanged",
             BASE, BASE, True, "the plan's create makes an empty table where the data was", drift="delete-table"),
]


def build_stack(app: Any, scenario: Scenario, side: str) -> TerraformStack:
    """The scenario's BEFORE or AFTER stack in ``app``."""
    stack = TerraformStack(app, STACK)
    tags = scenario.provider_tags_before if side == "before" else scenario.provider_tags_after
    region = scenario.region_after if side == "after" and scenario.region_after else REGION
    aws_provider(stack, region, tags=tags or None)
    local_state(stack)
    builder = scenario.before if side == "before" else scenario.after
    builder(Ctx(stack, scenario.name.replace("_", "-")[:24], tags))
    return stack
