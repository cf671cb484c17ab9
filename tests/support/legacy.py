"""Legacy DynamoDB configurations the migration takes over, driven against the emulator.

The test data lives in ``tests/migrate/legacy/`` (see its README): five root modules written from
the seeds and three examples of the terraform-aws-modules ``dynamodb-table`` module (a copy of its
v4.4.0). ``LegacyModule`` copies one into a work folder, applies it with the real terraform and
provider, writes items into its tables, reads its state, and finally plays the old configuration
after the migration: only the files that stay (``KEPT_FILES``) plus the generated ``removed.tf``.

``create_api_tables`` makes the third kind of legacy: tables made directly through the AWS API,
many settings at once; ``describe_tables`` reads back what a from-AWS migration reads.
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devtools import terraform_cli
from devtools.emulator.process import boto3_client
from tests.support.deploy import WorkFolder, with_flags
from tests.support.paths import ROOT

Json = dict[str, Any]

LEGACY = ROOT / "tests" / "migrate" / "legacy"
# fixture name -> its root module, relative to LEGACY. The whole top folder is copied (the module
# examples call the module two folders up).
FIXTURES: dict[str, str] = {
    "seed-000-aperture": "seed-000-aperture",
    "seed-001-streaming-logs": "seed-001-streaming-logs",
    "seed-002-cloud-tools": "seed-002-cloud-tools",
    "seed-003-stackkit": "seed-003-stackkit",
    "seed-004-quikapp": "seed-004-quikapp",
    "tfmod-basic": "terraform-aws-dynamodb-table/examples/basic",
    "tfmod-autoscaling": "terraform-aws-dynamodb-table/examples/autoscaling",
    "tfmod-global-tables": "terraform-aws-dynamodb-table/examples/global-tables",
}
# What stays in the old root module after the migration: its terraform/provider blocks, and what it
# keeps owning that is not about the moved tables (a fixture's kept.tf, e.g. a Kinesis stream).
KEPT_FILES = ("providers.tf", "kept.tf")
REMOVED_FILE = "removed.tf"
COPY_IGNORED = shutil.ignore_patterns(".terraform", ".terraform.lock.hcl", "terraform.tfstate*", "*.tfplan")
PROVIDER_BLOCK = re.compile(r'^\s*provider\s+"aws"\s*\{', re.MULTILINE)

COMMAND_TIMEOUT = 600.0  # seconds for one terraform command
WAIT_TIMEOUT = 120.0  # seconds for a table to become ACTIVE or a batch write to go through
BATCH = 25  # BatchWriteItem's limit


@dataclass(frozen=True)
class Timing:
    """One terraform step: wall-clock seconds and the CPU seconds of the processes it ran
    (terraform and the provider; the emulator, another process, is not counted)."""

    wall: float
    cpu: float


@dataclass(frozen=True)
class TableRef:
    name: str
    region: str


@contextmanager
def measured(times: dict[str, Timing], step: str) -> Iterator[None]:
    """Record ``step``'s Timing. CPU is this process's finished children's, so it is exact when one
    step runs at a time in the process (a pytest-xdist worker); threads running steps side by side
    share it."""
    started, before = time.monotonic(), resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        yield
    finally:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        times[step] = Timing(time.monotonic() - started, cpu)


# --- items ------------------------------------------------------------------------------------------

def _value(attribute_type: str, name: str, i: int) -> Json:
    if attribute_type == "N":
        return {"N": str(i)}
    if attribute_type == "B":
        return {"B": f"{name}-{i:06d}".encode()}
    return {"S": f"{name}-{i:06d}"}


def item_keys(description: Json) -> dict[str, str]:
    """name -> type of every key attribute of the table and of its indexes (DescribeTable)."""
    types = {a["AttributeName"]: a["AttributeType"] for a in description["AttributeDefinitions"]}
    schemas = [description["KeySchema"], *(i["KeySchema"] for i in description.get("GlobalSecondaryIndexes", [])),
               *(i["KeySchema"] for i in description.get("LocalSecondaryIndexes", []))]
    return {k["AttributeName"]: types[k["AttributeName"]] for schema in schemas for k in schema}


def wait_active(client: Any, table: str, timeout: float = WAIT_TIMEOUT) -> Json:
    """DescribeTable until the table is ACTIVE (at once on the emulator); bounded."""
    deadline = time.monotonic() + timeout
    while True:
        description: Json = client.describe_table(TableName=table)["Table"]
        if description["TableStatus"] == "ACTIVE":
            return description
        if time.monotonic() > deadline:
            raise TimeoutError(f"table {table} is {description['TableStatus']} after {timeout}s")
        time.sleep(0.5)


def write_items(endpoint: str, table: str, region: str, n: int) -> int:
    """Write ``n`` distinct items (each with every key and index key attribute, and a payload)."""
    client = boto3_client("dynamodb", endpoint, region)
    keys = item_keys(wait_active(client, table))
    written = 0
    for start in range(0, n, BATCH):
        requests = [{"PutRequest": {"Item": {**{k: _value(t, k, i) for k, t in keys.items()}, "payload": {"S": f"item {i}"}}}}
                    for i in range(start, min(start + BATCH, n))]
        deadline = time.monotonic() + WAIT_TIMEOUT
        pending = {table: requests}
        while pending:
            pending = client.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
            if pending and time.monotonic() > deadline:
                raise TimeoutError(f"{table}: items still unprocessed after {WAIT_TIMEOUT}s")
            if pending:
                time.sleep(0.2)
        written += len(requests)
    return written


def count_items(endpoint: str, table: str, region: str) -> int:
    """The table's item count from a full, paginated ``Scan`` with ``Select=COUNT`` (not the
    table's ItemCount, which DynamoDB updates only every six hours)."""
    client = boto3_client("dynamodb", endpoint, region)
    total, start = 0, None
    while True:
        page = client.scan(TableName=table, Select="COUNT", **({"ExclusiveStartKey": start} if start else {}))
        total += int(page["Count"])
        start = page.get("LastEvaluatedKey")
        if not start:
            return total


def provider_blocks(tree: Path, root: Path) -> int:
    """``provider "aws"`` blocks of the root module and of the modules beside it in ``tree``; other
    root modules (folders with their own providers.tf, e.g. the other examples) are not counted."""
    roots = {p.parent for p in tree.rglob("providers.tf")} - {root}
    files = [p for p in tree.rglob("*.tf") if not any(r == p.parent or r in p.parents for r in roots)]
    return sum(len(PROVIDER_BLOCK.findall(p.read_text())) for p in files)


class LegacyModule(WorkFolder):
    """One legacy root module (a key of ``FIXTURES``) in its own work folder under ``workdir``.

    Its names are fixed: apply each fixture once per emulator (the fixtures' names differ from each
    other's and from every other test's). ``times`` holds each step's ``Timing`` (init, apply, plan,
    show; a later step of the same name replaces the earlier)."""

    def __init__(self, fixture: str, workdir: Path, endpoint: str) -> None:
        if fixture not in FIXTURES:
            raise KeyError(f"unknown legacy fixture {fixture!r}; known: {sorted(FIXTURES)}")
        relative = Path(FIXTURES[fixture])
        top = workdir / fixture
        shutil.copytree(LEGACY / relative.parts[0], top / relative.parts[0], ignore=COPY_IGNORED)
        super().__init__(top / relative, endpoint)
        self.fixture = fixture
        self.endpoint = endpoint
        self.times: dict[str, Timing] = {}
        # One provider process per command (terraform_cli.served_provider) is safe only when the
        # configuration has one hashicorp/aws configuration: one default provider block, no alias.
        self.single_provider = provider_blocks(top / relative.parts[0], self.dir) == 1

    def init(self) -> None:
        if not self._initialized:
            with measured(self.times, "init"):
                super().init()

    def terraform(self, command: str, *args: str, timeout: float = COMMAND_TIMEOUT, check: bool = True) -> terraform_cli.Result:
        self.init()
        if not self.single_provider:
            return terraform_cli.run_served(with_flags(command, *args), self.dir, env=self.env, timeout=timeout, check=check)
        with terraform_cli.served_provider(self.dir, self.env) as reattach:
            return terraform_cli.run(with_flags(command, *args), self.dir, env={**self.env, **reattach}, timeout=timeout,
                                     check=check)

    def apply(self, step: str = "apply") -> Timing:
        """``terraform apply`` of the folder's configuration as it is (the legacy module, or after
        ``keep_only_providers_and`` the forgetting); returns its Timing, kept as ``times[step]``."""
        self.init()
        with measured(self.times, step):
            self.terraform("apply", "-auto-approve")
        return self.times[step]

    def state(self) -> Json:
        """``terraform show -json`` of the folder's state."""
        with measured(self.times, "show"):
            result = self.terraform("show", "-json")
        return json.loads(result.stdout)  # type: ignore[no-any-return]

    def tables(self) -> list[TableRef]:
        """Every ``aws_dynamodb_table`` in the state, child modules included, with its region (from
        its ARN; replicas are not listed: their items are the main table's)."""
        found = [TableRef(r["values"]["name"], r["values"]["arn"].split(":")[3])
                 for r in managed_resources(self.state()) if r["type"] == "aws_dynamodb_table"]
        return sorted(found, key=lambda t: (t.region, t.name))

    def seed_items(self, n: int) -> dict[str, int]:
        """Write ``n`` items into every table of the state (keys and every index key of the table's
        attribute types); returns {table name: items written}."""
        return {table.name: write_items(self.endpoint, table.name, table.region, n) for table in self.tables()}

    count_items = staticmethod(count_items)

    def keep_only_providers_and(self, removed_tf: str) -> dict[str, str]:
        """The old configuration after the migration: every ``.tf`` file of the root module but
        ``KEPT_FILES`` dropped, ``removed_tf`` written as ``removed.tf``; returns the planned action
        per address (``plan -json``'s words: create, update, delete, replace, remove, ...; no-ops
        left out). A delete here would destroy what moved."""
        for path in self.dir.glob("*.tf"):
            if path.name not in KEPT_FILES:
                path.unlink()
        (self.dir / REMOVED_FILE).write_text(removed_tf)
        with measured(self.times, "plan"):
            result = self.terraform("plan", "-json", "-refresh=false")  # what is forgotten is read from the state alone
        return planned_actions(result.stdout)


def managed_resources(state: Json) -> Iterator[Json]:
    """Every managed resource of ``terraform show -json`` output, child modules included."""
    def walk(module: Json) -> Iterator[Json]:
        yield from (r for r in module.get("resources", []) if r.get("mode") == "managed")
        for child in module.get("child_modules", []):
            yield from walk(child)

    yield from walk(state.get("values", {}).get("root_module", {}))


def import_id(resource: Json) -> str | None:
    """The ID an ``import`` block takes for a resource of ``terraform show -json`` (hashicorp/aws
    5.100's documented formats, each confirmed on the emulator: tests/migrate/legacy/FACTS.md);
    None for a resource that cannot be imported (``aws_dynamodb_table_item``) or is not listed."""
    v = resource["values"]
    ids = {
        "aws_dynamodb_table": lambda: v["name"],
        "aws_dynamodb_table_replica": lambda: f'{v["global_table_arn"].split("/", 1)[1]}:{v["global_table_arn"].split(":")[3]}',
        "aws_appautoscaling_target": lambda: f'{v["service_namespace"]}/{v["resource_id"]}/{v["scalable_dimension"]}',
        "aws_appautoscaling_policy": lambda: f'{v["service_namespace"]}/{v["resource_id"]}/{v["scalable_dimension"]}/{v["name"]}',
        "aws_dynamodb_contributor_insights":
            lambda: f'name:{v["table_name"]}/index:{v.get("index_name") or ""}/{resource_account(resource)}',
        "aws_dynamodb_resource_policy": lambda: v["resource_arn"],
        "aws_dynamodb_kinesis_streaming_destination": lambda: f'{v["table_name"]},{v["stream_arn"]}',
        "aws_kms_key": lambda: v["key_id"],
        "aws_kms_alias": lambda: v["name"],
        "aws_kinesis_stream": lambda: v["name"],
    }
    make = ids.get(resource["type"])
    return make() if make else None


def resource_account(resource: Json) -> str:
    """The account of a contributor-insights resource: the last part of its ID."""
    return str(resource["values"]["id"]).rsplit("/", 1)[1]


def planned_actions(plan_json_lines: str) -> dict[str, str]:
    """address -> action of every change in ``terraform plan -json`` output (no-ops left out)."""
    actions: dict[str, str] = {}
    for line in plan_json_lines.splitlines():
        if not line.startswith("{"):
            continue
        message = json.loads(line)
        if message.get("type") == "planned_change" and message["change"]["action"] != "noop":
            actions[message["change"]["resource"]["addr"]] = message["change"]["action"]
    return actions


# --- tables made through the AWS API ---------------------------------------------------------------------

API_REGION = "us-east-1"
API_REPLICA_REGION = "us-west-2"
API_ACCOUNT_PRINCIPAL = "arn:aws:iam::123456789012:role/legacy-api-reader"


@dataclass(frozen=True)
class ApiTables:
    """What ``create_api_tables`` made: the table names (main region ``API_REGION``), the customer
    key, the Kinesis stream."""

    tables: tuple[str, ...]
    key_arn: str
    kinesis_stream_arn: str


def _attrs(**types: str) -> list[Json]:
    return [{"AttributeName": name, "AttributeType": t} for name, t in types.items()]


def _key(hash_key: str, range_key: str | None = None) -> list[Json]:
    return [{"AttributeName": hash_key, "KeyType": "HASH"}, *([{"AttributeName": range_key, "KeyType": "RANGE"}] if range_key else [])]


def _tags(**tags: str) -> list[Json]:
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def _throughput(read: int, write: int) -> Json:
    return {"ReadCapacityUnits": read, "WriteCapacityUnits": write}


def _scale(scaling: Any, resource_id: str, dimension: str, low: int, high: int, metric: str, target: float) -> None:
    scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId=resource_id, ScalableDimension=dimension,
                                     MinCapacity=low, MaxCapacity=high)
    scaling.put_scaling_policy(
        PolicyName=f"{metric}:{resource_id}", ServiceNamespace="dynamodb", ResourceId=resource_id,
        ScalableDimension=dimension, PolicyType="TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration={"TargetValue": target, "ScaleInCooldown": 60, "ScaleOutCooldown": 30,
                                                  "PredefinedMetricSpecification": {"PredefinedMetricType": metric}})


def create_api_tables(endpoint: str) -> ApiTables:
    """Tables made directly through the AWS API (boto3), many settings at once, the way a team
    clicking through the console or scripting the SDK leaves them:

    * ``legacy-api-orders``: provisioned, GSIs with ALL / KEYS_ONLY / INCLUDE projections and an LSI,
      Application Auto Scaling (target tracking) on the table and on a GSI, a customer managed key
      (with an alias), TTL, a NEW_AND_OLD_IMAGES stream, PITR with a 10-day recovery period,
      deletion protection, contributor insights on the table and a GSI, tags, a resource policy and
      a Kinesis streaming destination;
    * ``legacy-api-events``: on-demand with maximum read/write request units (table and GSI), the
      AWS managed key, STANDARD_INFREQUENT_ACCESS, a KEYS_ONLY stream, LSIs with INCLUDE and ALL;
    * ``legacy-api-profiles``: on-demand global table with a ``us-west-2`` replica (UpdateTable
      ReplicaUpdates) that has its own contributor insights and Kinesis streaming destination (a
      stream in its Region), binary sort key, NEW_AND_OLD_IMAGES stream, PITR at the default period;
    * ``legacy-api-plain``: a hash key only and every default.

    Once per emulator (fixed names; a second call fails on the existing key alias)."""
    ddb = boto3_client("dynamodb", endpoint, API_REGION)
    kms = boto3_client("kms", endpoint, API_REGION)
    scaling = boto3_client("application-autoscaling", endpoint, API_REGION)
    kinesis = boto3_client("kinesis", endpoint, API_REGION)

    key = kms.create_key(Description="legacy-api orders table key", Tags=[{"TagKey": "Team", "TagValue": "orders"}])
    key_arn = key["KeyMetadata"]["Arn"]
    kms.create_alias(AliasName="alias/legacy-api-orders", TargetKeyId=key_arn)

    orders = "legacy-api-orders"
    ddb.create_table(
        TableName=orders, BillingMode="PROVISIONED", ProvisionedThroughput=_throughput(10, 5),
        AttributeDefinitions=_attrs(customer_id="S", order_id="S", status="S", placed_at="N", total="N"),
        KeySchema=_key("customer_id", "order_id"),
        GlobalSecondaryIndexes=[
            {"IndexName": "by-status", "KeySchema": _key("status", "placed_at"), "Projection": {"ProjectionType": "ALL"},
             "ProvisionedThroughput": _throughput(5, 5)},
            {"IndexName": "by-order", "KeySchema": _key("order_id"), "Projection": {"ProjectionType": "KEYS_ONLY"},
             "ProvisionedThroughput": _throughput(3, 2)},
            {"IndexName": "by-total", "KeySchema": _key("status", "total"),
             "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["order_id", "currency"]},
             "ProvisionedThroughput": _throughput(2, 1)},
        ],
        LocalSecondaryIndexes=[{"IndexName": "by-placed-at", "KeySchema": _key("customer_id", "placed_at"),
                                "Projection": {"ProjectionType": "KEYS_ONLY"}}],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key_arn},
        DeletionProtectionEnabled=True,
        Tags=_tags(Team="orders", Environment="production", CostCenter="cc-1234"),
    )
    table_arn = wait_active(ddb, orders)["TableArn"]
    ddb.update_time_to_live(TableName=orders, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"})
    ddb.update_continuous_backups(TableName=orders, PointInTimeRecoverySpecification={
        "PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": 10})
    for index in (None, "by-status"):
        ddb.update_contributor_insights(TableName=orders, ContributorInsightsAction="ENABLE", **({"IndexName": index} if index else {}))
    for resource_id, kind, low, high in ((f"table/{orders}", "table", 10, 100), (f"table/{orders}/index/by-status", "index", 5, 50)):
        _scale(scaling, resource_id, f"dynamodb:{kind}:ReadCapacityUnits", low, high, "DynamoDBReadCapacityUtilization", 70.0)
        _scale(scaling, resource_id, f"dynamodb:{kind}:WriteCapacityUnits", low // 2, high // 2,
               "DynamoDBWriteCapacityUtilization", 65.0)
    ddb.put_resource_policy(ResourceArn=table_arn, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "ReadOrders", "Effect": "Allow", "Principal": {"AWS": API_ACCOUNT_PRINCIPAL},
         "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": [table_arn, f"{table_arn}/index/*"]}]}))
    kinesis.create_stream(StreamName="legacy-api-order-changes", StreamModeDetails={"StreamMode": "ON_DEMAND"})
    stream_arn = kinesis.describe_stream_summary(StreamName="legacy-api-order-changes")["StreamDescriptionSummary"]["StreamARN"]
    ddb.enable_kinesis_streaming_destination(TableName=orders, StreamArn=stream_arn,
                                             EnableKinesisStreamingConfiguration={"ApproximateCreationDateTimePrecision": "MICROSECOND"})

    events = "legacy-api-events"
    ddb.create_table(
        TableName=events, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=_attrs(source="S", event_id="S", kind="S", received_at="N"),
        KeySchema=_key("source", "event_id"),
        GlobalSecondaryIndexes=[{"IndexName": "by-kind", "KeySchema": _key("kind", "received_at"),
                                 "Projection": {"ProjectionType": "ALL"},
                                 "OnDemandThroughput": {"MaxReadRequestUnits": 300, "MaxWriteRequestUnits": 100}}],
        LocalSecondaryIndexes=[
            {"IndexName": "by-received-at", "KeySchema": _key("source", "received_at"),
             "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["kind", "payload"]}},
            {"IndexName": "by-kind-local", "KeySchema": _key("source", "kind"), "Projection": {"ProjectionType": "ALL"}},
        ],
        OnDemandThroughput={"MaxReadRequestUnits": 1000, "MaxWriteRequestUnits": 400},
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
        SSESpecification={"Enabled": True, "SSEType": "KMS"},  # the AWS managed key
        TableClass="STANDARD_INFREQUENT_ACCESS",
        Tags=_tags(Team="platform", DataClass="events"),
    )

    profiles = "legacy-api-profiles"
    ddb.create_table(
        TableName=profiles, BillingMode="PAY_PER_REQUEST", AttributeDefinitions=_attrs(tenant="S", fingerprint="B"),
        KeySchema=_key("tenant", "fingerprint"),
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        Tags=_tags(Team="identity"),
    )
    wait_active(ddb, profiles)
    ddb.update_continuous_backups(TableName=profiles, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    ddb.update_table(TableName=profiles, ReplicaUpdates=[{"Create": {"RegionName": API_REPLICA_REGION}}])
    # The replica's own settings in its Region: contributor insights and a Kinesis destination there.
    replica_ddb = boto3_client("dynamodb", endpoint, API_REPLICA_REGION)
    wait_active(replica_ddb, profiles)
    replica_ddb.update_contributor_insights(TableName=profiles, ContributorInsightsAction="ENABLE")
    replica_kinesis = boto3_client("kinesis", endpoint, API_REPLICA_REGION)
    replica_kinesis.create_stream(StreamName="legacy-api-profile-changes", StreamModeDetails={"StreamMode": "ON_DEMAND"})
    replica_stream = replica_kinesis.describe_stream_summary(
        StreamName="legacy-api-profile-changes")["StreamDescriptionSummary"]["StreamARN"]
    replica_ddb.enable_kinesis_streaming_destination(
        TableName=profiles, StreamArn=replica_stream,
        EnableKinesisStreamingConfiguration={"ApproximateCreationDateTimePrecision": "MILLISECOND"})

    plain = "legacy-api-plain"
    ddb.create_table(TableName=plain, BillingMode="PAY_PER_REQUEST", AttributeDefinitions=_attrs(id="S"), KeySchema=_key("id"))

    names = (orders, events, profiles, plain)
    for name in names:
        wait_active(ddb, name)
    return ApiTables(names, key_arn, stream_arn)


def _plain(response: Json) -> Json:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def _regional_reads(ddb: Any, table: Json) -> Json:
    """A table's (or a replica's, in its Region) contributor insights, of it and each GSI, and its
    Kinesis streaming destinations."""
    name = table["TableName"]
    indexes = [None, *(g["IndexName"] for g in table.get("GlobalSecondaryIndexes", []))]
    return {
        "DescribeContributorInsights": {
            index or "": _plain(ddb.describe_contributor_insights(TableName=name, **({"IndexName": index} if index else {})))
            for index in indexes},
        "DescribeKinesisStreamingDestination": _plain(ddb.describe_kinesis_streaming_destination(TableName=name)),
    }


def describe_tables(endpoint: str, names: Sequence[str], region: str = API_REGION) -> Json:
    """What a from-AWS migration reads of each table, as the API returns it (ResponseMetadata
    dropped): DescribeTable, DescribeTimeToLive, DescribeContinuousBackups, DescribeContributorInsights
    (table and each GSI), ListTagsOfResource, GetResourcePolicy (absent: none), DescribeKinesis-
    StreamingDestination, each replica's DescribeTable, contributor insights and destinations in its
    region, the table's KMS key
    (DescribeKey and its aliases), and Application Auto Scaling's targets and policies for the table
    and its indexes."""
    from botocore.exceptions import ClientError

    ddb = boto3_client("dynamodb", endpoint, region)
    kms = boto3_client("kms", endpoint, region)
    scaling = boto3_client("application-autoscaling", endpoint, region)
    described: Json = {}
    for name in names:
        table = wait_active(ddb, name)
        entry: Json = {
            "DescribeTable": {"Table": table},
            "DescribeTimeToLive": _plain(ddb.describe_time_to_live(TableName=name)),
            "DescribeContinuousBackups": _plain(ddb.describe_continuous_backups(TableName=name)),
            **_regional_reads(ddb, table),
            "ListTagsOfResource": _plain(ddb.list_tags_of_resource(ResourceArn=table["TableArn"])),
        }
        try:
            entry["GetResourcePolicy"] = _plain(ddb.get_resource_policy(ResourceArn=table["TableArn"]))
        except ClientError as error:
            if error.response["Error"]["Code"] != "PolicyNotFoundException":
                raise
        key_arn = table.get("SSEDescription", {}).get("KMSMasterKeyArn")
        if key_arn:
            entry["DescribeKey"] = _plain(kms.describe_key(KeyId=key_arn))
            entry["ListAliases"] = _plain(kms.list_aliases(KeyId=key_arn))
        replica_clients = {r["RegionName"]: boto3_client("dynamodb", endpoint, r["RegionName"]) for r in table.get("Replicas", [])}
        entry["Replicas"] = {region: {"DescribeTable": {"Table": wait_active(client, name)}, **_regional_reads(client, table)}
                             for region, client in replica_clients.items()}
        resource_ids = [f"table/{name}", *(f"table/{name}/index/{g['IndexName']}" for g in table.get("GlobalSecondaryIndexes", []))]
        entry["DescribeScalableTargets"] = _plain(scaling.describe_scalable_targets(ServiceNamespace="dynamodb", ResourceIds=resource_ids))
        entry["DescribeScalingPolicies"] = {
            resource_id: _plain(scaling.describe_scaling_policies(ServiceNamespace="dynamodb", ResourceId=resource_id))
            for resource_id in resource_ids}
        described[name] = entry
    return described

