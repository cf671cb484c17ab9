"""Unknown, missing and surplus arguments on every public construct, value object and function:
a TableConfigError with the construct path (or the value object's name), the argument, and the
closest valid name, from one mechanism (``validation.checked_arguments``) applied everywhere."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Any

import dynamo_constructs as dc
from dynamo_constructs import (
    AlarmSettings,
    Attribute,
    Billing,
    Capacity,
    GlobalSecondaryIndex,
    Principal,
    Table,
    TableConfigError,
    TableEncryption,
    TableSource,
)
from dynamo_constructs.validation import MISSING, checked_arguments, is_checked

import pytest

from tests.support.helpers import new_stack

PK = Attribute.string("pk")
TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms"


def public_members(obj: Any, name: str) -> Iterator[tuple[str, Any]]:
    """Every callable a user reaches through a public name: a function, or a class's ``__init__`` and
    public (static/class) methods, its own and those it inherits from the package's classes."""
    if not isinstance(obj, type):
        yield name, obj
        return
    for klass in obj.__mro__:
        if not klass.__module__.startswith("dynamo_constructs"):
            continue
        for member, value in vars(klass).items():
            if member != "__init__" and member.startswith("_"):
                continue
            if isinstance(value, (staticmethod, classmethod)) or inspect.isfunction(value):
                yield f"{name}.{member}" if klass is obj else f"{name}.{member} (from {klass.__name__})", value


def unchecked(names: list[str], namespace: Any) -> list[str]:
    found = []
    for name in names:
        obj = getattr(namespace, name)
        if isinstance(obj, type) and issubclass(obj, (Enum, BaseException)):
            continue  # enums are called with a value; the error type is ours
        if not callable(obj):
            continue  # the profile constants (DEV, PROD, PROFILES, ...) are values
        found += [label for label, member in public_members(obj, name) if not is_checked(member)]
    return found


def test_every_public_construct_value_object_and_function_is_checked() -> None:
    assert len(dc.__all__) >= 60
    assert unchecked(list(dc.__all__), dc) == []


def test_the_scan_finds_what_is_not_checked() -> None:
    class Namespace:
        class Plain:
            def __init__(self, *, size: int) -> None:
                self.size = size

            def grow(self, *, by: int) -> None:
                self.size += by

        @checked_arguments
        class Checked(Plain):
            def shrink(self, *, by: int) -> None:
                self.size -= by

    Namespace.Plain.__module__ = Namespace.Checked.__module__ = "dynamo_constructs.sample"
    assert unchecked(["Plain", "Checked"], Namespace) == [
        "Plain.__init__", "Plain.grow", "Checked.__init__ (from Plain)", "Checked.grow (from Plain)"]


def stack_table(stack: Any) -> Table:
    return Table(stack, "orders", partition_key=PK, stream="NEW_AND_OLD_IMAGES")


# id, call (given a fresh us-east-1 stack), where, the unknown name, the suggestion (None: no close name)
TYPOS: list[tuple[str, Callable[[Any], object], str, str, str | None]] = [
    ("Table", lambda s: Table(s, "orders", partition_key=PK, point_in_time_recovry=True), "test/orders",
     "point_in_time_recovry", "point_in_time_recovery"),
    ("Table nested in a construct", lambda s: Table(dc.ManagedKey(s, "group", description="d", alias="alias/g"), "t",
                                                    partition_key=PK, bilings=None), "test/group/t", "bilings", "billing"),
    ("AuditTrail", lambda s: dc.AuditTrail(s, "audit", retention_day=7), "test/audit", "retention_day", "retention_days"),
    ("AuditTrail a Table argument", lambda s: dc.AuditTrail(s, "audit", deletion_protecton=False), "test/audit",
     "deletion_protecton", "deletion_protection"),
    ("JobsTable", lambda s: dc.JobsTable(s, "jobs", system_status_items=False), "test/jobs", "system_status_items",
     "system_status_item"),
    ("GlobalTable", lambda s: dc.GlobalTable(s, "global", partition_key=PK, replica=[]), "test/global", "replica",
     "replicas"),
    ("BudgetTracking", lambda s: dc.BudgetTracking(s, "budget", billng=None), "test/budget", "billng", "billing"),
    ("Table.from_table_name", lambda s: Table.from_table_name(s, "ledger", "ledger", regin="us-east-1"), "test/ledger",
     "regin", "region"),
    ("Table.from_table_arn", lambda s: Table.from_table_arn(
        s, "ledger", "arn:aws:dynamodb:us-east-1:123456789012:table/ledger", index_name=["x"]), "test/ledger",
     "index_name", "index_names"),
    ("grant", lambda s: stack_table(s).grant_read_data(rol="app"), "test/orders", "rol", "role"),
    ("add_item", lambda s: stack_table(s).add_item("first", itme={"pk": "a"}), "test/orders", "itme", "item"),
    ("metric method", lambda s: stack_table(s).metric_user_errors(periods=60), "test/orders", "periods", "period"),
    ("GlobalSecondaryIndex", lambda s: GlobalSecondaryIndex(name="ByX", partition_key=PK, projections=None),
     "GlobalSecondaryIndex", "projections", "projection"),
    ("LocalSecondaryIndex", lambda s: dc.LocalSecondaryIndex(name="ByX", sortkey=PK), "LocalSecondaryIndex", "sortkey",
     "sort_key"),
    ("Attribute", lambda s: Attribute(name="pk", typ="S"), "Attribute", "typ", "type"),
    ("Attribute.number", lambda s: Attribute.number(nam="n"), "Attribute.number", "nam", "name"),
    ("Projection.include", lambda s: dc.Projection.include(non_key_attribute=["a"]), "Projection.include",
     "non_key_attribute", "non_key_attributes"),
    ("Billing.on_demand", lambda s: Billing.on_demand(max_read_units=5), "Billing.on_demand", "max_read_units",
     "max_read_request_units"),
    ("Billing.provisioned", lambda s: Billing.provisioned(read_capcity=Capacity.fixed(1)), "Billing.provisioned",
     "read_capcity", "read_capacity"),
    ("Capacity.fixed", lambda s: Capacity.fixed(unit=5), "Capacity.fixed", "unit", "units"),
    ("Capacity.autoscaled", lambda s: Capacity.autoscaled(minimum=1, maxium=5), "Capacity.autoscaled", "maxium",
     "maximum"),
    ("TableEncryption.customer_managed_key", lambda s: TableEncryption.customer_managed_key(deletion_window=7),
     "TableEncryption.customer_managed_key", "deletion_window", "deletion_window_in_days"),
    ("Replica", lambda s: dc.Replica(regin="us-west-2", provider=dc.replica_provider(s, "us-west-2")), "Replica",
     "regin", "region"),
    ("TableSource.point_in_time", lambda s: TableSource.point_in_time("legacy", restore_time="2026-11-01T00:00:00Z"),
     "TableSource.point_in_time", "restore_time", "restore_date_time"),
    ("TableSource.s3_import", lambda s: TableSource.s3_import("seed-bucket", key_prefx="x/"), "TableSource.s3_import",
     "key_prefx", "key_prefix"),
    ("Timeouts", lambda s: dc.Timeouts(creat="1h"), "Timeouts", "creat", "create"),
    ("WarmThroughput", lambda s: dc.WarmThroughput(read_units_per_sec=20000), "WarmThroughput", "read_units_per_sec",
     "read_units_per_second"),
    ("Principal.role", lambda s: Principal.role(name="app"), "Principal.role", "name", "name_or_arn"),
    ("PolicyStatement", lambda s: dc.PolicyStatement(principal=[Principal.account("123456789012")],
                                                     actions=["dynamodb:GetItem"]), "PolicyStatement", "principal",
     "principals"),
    ("Metric", lambda s: dc.Metric("UserErrors", statistics="Sum"), "Metric", "statistics", "statistic"),
    ("Metric.with_", lambda s: dc.Metric("UserErrors").with_(labels="x"), "Metric.with_", "labels", "label"),
    ("AlarmSettings", lambda s: AlarmSettings(period=60), "AlarmSettings", "period", "period_seconds"),
    ("BackupSettings", lambda s: dc.BackupSettings(delete_after=7), "BackupSettings", "delete_after",
     "delete_after_days"),
    ("ServiceKeyUse", lambda s: dc.ServiceKeyUse(services="sns.amazonaws.com"), "ServiceKeyUse", "services", "service"),
    ("EnvironmentProfile via replace", lambda s: dc.EnvironmentProfile(**{**vars(dc.DEV), "dashbord": False}),
     "EnvironmentProfile", "dashbord", "dashboard"),
    ("TableAlarms", lambda s: dc.TableAlarms(s, "alarms", table=stack_table(s), setings=AlarmSettings(), topic_arn=TOPIC),
     "test/alarms", "setings", "settings"),
    ("AlarmTopic", lambda s: dc.AlarmTopic(s, "topic", name="alarms", email=["a@b.co"]), "test/topic", "email", "emails"),
    ("TableBackups", lambda s: dc.TableBackups(s, "backups", name="nightly", table=[], settings=dc.BackupSettings()),
     "test/backups", "table", "tables"),
    ("TableDashboard", lambda s: dc.TableDashboard(s, "dashboard", name="tables", table=[]), "test/dashboard", "table",
     "tables"),
    ("StreamConsumer", lambda s: dc.StreamConsumer(s, "consumer", table=stack_table(s), functon="fn"), "test/consumer",
     "functon", "function"),
    ("KinesisStreamingDestination", lambda s: dc.KinesisStreamingDestination(s, "kinesis", table=stack_table(s),
                                                                            shards=2), "test/kinesis", "shards",
     "shard_count"),
    ("TableExport", lambda s: dc.TableExport(s, "export", table=stack_table(s), buckt="b"), "test/export", "buckt",
     "bucket"),
    ("ManagedKey", lambda s: dc.ManagedKey(s, "key", description="d", aliass="alias/x"), "test/key", "aliass", "alias"),
    ("aws_provider", lambda s: dc.aws_provider(s, "us-west-2", tag={}), "test", "tag", "tags"),
    ("replica_provider", lambda s: dc.replica_provider(s, "us-west-2", tag={}), "test", "tag", "tags"),
    ("table_outputs", lambda s: dc.table_outputs(s, prefx="orders", table=stack_table(s)), "test", "prefx", "prefix"),
    ("user_errors_alarm", lambda s: dc.user_errors_alarm(s, "ue", name="x", settngs=AlarmSettings(), topic_arn=TOPIC),
     "test/ue", "settngs", "settings"),
    ("account_limit_alarms", lambda s: dc.account_limit_alarms(s, "limits", name_prefx="x", settings=AlarmSettings(),
                                                               topic_arn=TOPIC), "test/limits", "name_prefx",
     "name_prefix"),
    ("keep_on_move", lambda s: dc.keep_on_move(stack_table(s), moved="old"), "test/orders", "moved", "moved_from"),
    ("require_provider_version", lambda s: dc.require_provider_version(s, minimun="6.0.0", feature="x"), "test",
     "minimun", "minimum"),
    ("exit_on_config_error", lambda s: dc.exit_on_config_error(verbose=True), "exit_on_config_error", "verbose", None),
]


@pytest.mark.parametrize(("call", "where", "name", "suggestion"), [t[1:] for t in TYPOS], ids=[t[0] for t in TYPOS])
def test_an_unknown_argument_names_the_closest_one(call: Callable[[Any], object], where: str, name: str,
                                                   suggestion: str | None) -> None:
    stack = new_stack()
    with pytest.raises(TableConfigError) as caught:
        call(stack)
    error = caught.value
    assert (error.path, error.field) == (where, name)
    assert f"has no argument {name!r}" in error.accepted
    if suggestion is not None:
        assert error.accepted.endswith(f"did you mean {suggestion!r}?")
    else:
        assert error.accepted.endswith("it takes none")


# id, call, where, the missing name, its annotation
MISSING_CASES: list[tuple[str, Callable[[Any], object], str, str, str]] = [
    ("Table without a partition key", lambda s: Table(s, "orders"), "test/orders", "partition_key", "Attribute"),
    ("GlobalSecondaryIndex without a name", lambda s: GlobalSecondaryIndex(partition_key=PK), "GlobalSecondaryIndex",
     "name", "str"),
    ("Replica without a provider", lambda s: dc.Replica(region="us-west-2"), "Replica", "provider", "TerraformProvider"),
    ("Capacity.fixed without units", lambda s: Capacity.fixed(), "Capacity.fixed", "units", "int"),
    ("TableAlarms without a topic", lambda s: dc.TableAlarms(s, "alarms", table=stack_table(s),
                                                              settings=AlarmSettings()), "test/alarms", "topic_arn", "str"),
    ("StreamConsumer without a function", lambda s: dc.StreamConsumer(s, "consumer", table=stack_table(s)),
     "test/consumer", "function", "str"),
    ("a domain table's Table argument", lambda s: dc.GlobalTable(s, "global"), "test/global", "partition_key",
     "Attribute"),
]


@pytest.mark.parametrize(("call", "where", "name", "annotation"), [m[1:] for m in MISSING_CASES],
                         ids=[m[0] for m in MISSING_CASES])
def test_a_missing_argument_is_named(call: Callable[[Any], object], where: str, name: str, annotation: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        call(new_stack())
    assert (caught.value.path, caught.value.field, caught.value.value) == (where, name, MISSING)
    assert caught.value.accepted.endswith(f"needs {name}= ({annotation})")
    assert f"invalid {name}=<missing>" in str(caught.value)


def test_surplus_positional_arguments_are_named() -> None:
    with pytest.raises(TableConfigError) as caught:
        Table(new_stack(), "orders", PK)  # type: ignore[misc]
    assert (caught.value.path, caught.value.field, caught.value.value) == ("test/orders", "argument 3", PK)
    assert caught.value.accepted.startswith("Table(...) takes 2 positional arguments (scope, id_); give the others by "
                                            "keyword: partition_key=, sort_key=,")
    with pytest.raises(TableConfigError) as caught:
        GlobalSecondaryIndex("ByX", PK)  # type: ignore[misc]
    assert (caught.value.path, caught.value.field, caught.value.value) == ("GlobalSecondaryIndex", "argument 1", "ByX")
    assert caught.value.accepted.startswith("GlobalSecondaryIndex(...) takes its arguments by keyword: name=, "
                                            "partition_key=")
    with pytest.raises(TableConfigError) as caught:
        Attribute.string("pk", "S")  # type: ignore[call-arg]
    assert caught.value.accepted == "Attribute.string(...) takes 1 positional argument (name)"


def test_valid_calls_pass_through_unchanged() -> None:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=PK, point_in_time_recovery=False)
    assert table.point_in_time_recovery is False
    assert Capacity.fixed(5).initial_units == 5
    assert Attribute.string("pk") == Attribute(name="pk")


def test_the_wrapper_keeps_the_signature_and_docstring() -> None:
    assert "partition_key" in inspect.signature(Table.__init__).parameters
    assert Billing.provisioned.__doc__ and "Provisioned capacity" in Billing.provisioned.__doc__


# Lists given as one string, and elements of the wrong type, named with their position.
LISTS: list[tuple[str, Callable[[Any], object], str, str, Any, str]] = [
    ("e-mails as a string", lambda s: dc.AlarmTopic(s, "topic", name="alarms", emails="oncall@example.com"),
     "test/topic", "emails", "oncall@example.com", "not a single string: write ['oncall@example.com']"),
    ("an e-mail of another type", lambda s: dc.AlarmTopic(s, "topic", name="alarms", emails=["a@b.co", 3]),
     "test/topic", "emails[1]", 3, "e-mail address"),
    ("indexes as one index", lambda s: Table(s, "orders", partition_key=PK, global_indexes=GlobalSecondaryIndex(
        name="ByX", partition_key=Attribute.string("x"))), "test/orders", "global_indexes", None, "expected a list"),
    ("an index of another type", lambda s: Table(s, "orders", partition_key=PK, global_indexes=[
        GlobalSecondaryIndex(name="ByX", partition_key=Attribute.string("x")), "ByY"]), "test/orders",
     "global_indexes[1]", "ByY", "GlobalSecondaryIndex(...)"),
    ("backup tables as one ARN", lambda s: dc.TableBackups(
        s, "backups", name="nightly", settings=dc.BackupSettings(),
        tables="arn:aws:dynamodb:us-east-1:123456789012:table/orders"), "test/backups", "backup tables",
     "arn:aws:dynamodb:us-east-1:123456789012:table/orders", "not a single string"),
    ("dashboard tables of another type", lambda s: dc.TableDashboard(s, "dashboard", name="tables",
                                                                     tables=[stack_table(s), "orders"]),
     "test/dashboard", "tables[1]", "orders", "expected a Table"),
    ("latency operations as a string", lambda s: AlarmSettings(latency_operations="GetItem").validate(), "",
     "alarms latency_operations", "GetItem", "not a single string"),
    ("policy actions as a string", lambda s: dc.PolicyStatement(principals=[Principal.account("123456789012")],
                                                                actions="dynamodb:GetItem"), "PolicyStatement",
     "actions", "dynamodb:GetItem", "not a single string: write ['dynamodb:GetItem']"),
    ("a principal of another type", lambda s: dc.PolicyStatement(principals=[Principal.account("123456789012"), "app"],
                                                                 actions=["dynamodb:GetItem"]), "PolicyStatement",
     "principals[1]", "app", "Principal.role"),
    ("projected attributes as a string", lambda s: dc.Projection.include("total"), "Projection.include",
     "non_key_attributes", "total", "write ['total']"),
    ("a projected attribute of another type", lambda s: dc.Projection.include(["total", 5]), "Projection.include",
     "non_key_attributes[1]", 5, "non-empty attribute name"),
    ("CSV header as a string", lambda s: TableSource.s3_import("seed-bucket", input_format="CSV", csv_header="pk,total"),
     "TableSource.s3_import", "csv_header", "pk,total", "write ['pk,total']"),
    ("service uses of another type", lambda s: dc.ManagedKey(s, "key", description="d", alias="alias/k",
                                                             service_uses=["sns.amazonaws.com"]), "test/key",
     "service_uses[0]", "sns.amazonaws.com", "ServiceKeyUse(service=...)"),
    ("a grant action of another type", lambda s: stack_table(s).grant_actions(["dynamodb:GetItem", None], id_="x"),
     "test/orders", "grant actions[1]", None, "dynamodb:GetItem"),
    ("break-glass principals as a string", lambda s: dc.AuditTrail(s, "audit", admin_principals="arn:aws:iam::123456789012:role/admin"),
     "test/audit", "admin_principals", "arn:aws:iam::123456789012:role/admin", "not a single string"),
    ("a break-glass principal that is no ARN", lambda s: dc.AuditTrail(
        s, "audit", admin_principals=["arn:aws:iam::123456789012:role/admin", "admin"]), "test/audit",
     "admin_principals[1]", "admin", "by its IAM ARN"),
    ("metric dimensions as a mapping", lambda s: dc.Metric("UserErrors", dimensions={"TableName": "orders"}),
     "Metric 'UserErrors'", "dimensions", {"TableName": "orders"}, "not a mapping"),
]


@pytest.mark.parametrize(("call", "where", "field", "value", "accepted"), [c[1:] for c in LISTS], ids=[c[0] for c in LISTS])
def test_list_arguments_name_the_bad_element(call: Callable[[Any], object], where: str, field: str, value: Any,
                                             accepted: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        call(new_stack())
    error = caught.value
    assert (error.path or "", error.field) == (where, field)
    if value is not None:
        assert error.value == value
    assert accepted in error.accepted


def test_an_index_without_a_partition_key_says_which_two_arguments_give_one() -> None:
    """``partition_key`` or ``partition_keys``: neither is required alone, so the index's own rule names both."""
    with pytest.raises(TableConfigError) as caught:
        GlobalSecondaryIndex(name="ByX")
    assert (caught.value.path, caught.value.field, caught.value.value) == ("GlobalSecondaryIndex 'ByX'", "partition_key", None)
    assert "Attribute.string/number/binary(name)" in caught.value.accepted
