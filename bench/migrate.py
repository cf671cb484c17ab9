"""``make bench-migrate`` (also part of ``make bench``): how long ``dynamo-constructs migrate`` takes
for 100 tables, each a whole ``dynamo-constructs migrate`` process timed from outside.

* ``--from-state``: a ``terraform show -json`` document of 100 tables, each with two indexes, TTL,
  PITR, a stream, tags, autoscaled reads (target and policy), contributor insights and an item;
* ``--from-aws``: 100 such tables made in the local emulator through the AWS API, read back by
  the command (paginated ListTables, ~10 reads per table, side by side).

Targets (issue 21): from a state <= 2 s, from AWS <= 30 s. Written to bench/migrate-results.md.
``BENCH_RUNS`` (default 3) repetitions; the median is reported.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from devtools.emulator.process import Emulator, aws_env, boto3_client  # noqa: E402

TABLES = 100
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
TARGETS = {"from-state": 2.0, "from-aws": 30.0}
ACCOUNT = "123456789012"


def state_document(count: int) -> dict[str, Any]:
    """A ``terraform show -json`` document of ``count`` tables and what serves them."""
    resources: list[dict[str, Any]] = []
    for i in range(count):
        name = f"bench-{i:03d}"
        arn = f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/{name}"
        gsis = [{"name": f"By{k.upper()}", "hash_key": k, "range_key": "", "projection_type": "ALL", "non_key_attributes": [],
                 "read_capacity": 5, "write_capacity": 5, "on_demand_throughput": []} for k in ("a", "b")]
        table = {"name": name, "arn": arn, "hash_key": "pk", "range_key": "sk", "billing_mode": "PROVISIONED",
                 "read_capacity": 5, "write_capacity": 5, "global_secondary_index": gsis, "local_secondary_index": [],
                 "attribute": [{"name": n, "type": "S"} for n in ("pk", "sk", "a", "b")], "on_demand_throughput": [],
                 "ttl": [{"attribute_name": "expires", "enabled": True}], "stream_enabled": True,
                 "stream_view_type": "NEW_IMAGE", "point_in_time_recovery": [{"enabled": True, "recovery_period_in_days": 35}],
                 "server_side_encryption": [], "table_class": "STANDARD", "deletion_protection_enabled": True,
                 "replica": [], "tags": {"Name": name}, "tags_all": {"Name": name}}
        resources.append({"address": f'aws_dynamodb_table.t["{name}"]', "mode": "managed", "type": "aws_dynamodb_table",
                          "name": "t", "values": table})
        target = {"service_namespace": "dynamodb", "resource_id": f"table/{name}", "min_capacity": 5, "max_capacity": 50,
                  "scalable_dimension": "dynamodb:table:ReadCapacityUnits", "tags_all": {},
                  "arn": f"arn:aws:application-autoscaling:us-east-1:{ACCOUNT}:scalable-target/{i}"}
        policy = {"name": f"{name}-read", "policy_type": "TargetTrackingScaling", "service_namespace": "dynamodb",
                  "resource_id": f"table/{name}", "scalable_dimension": "dynamodb:table:ReadCapacityUnits",
                  "target_tracking_scaling_policy_configuration": [{
                      "target_value": 70, "scale_in_cooldown": 60, "scale_out_cooldown": 60, "disable_scale_in": False,
                      "customized_metric_specification": [],
                      "predefined_metric_specification": [{"predefined_metric_type": "DynamoDBReadCapacityUtilization"}]}]}
        for kind, values in (("aws_appautoscaling_target", target), ("aws_appautoscaling_policy", policy),
                             ("aws_dynamodb_contributor_insights", {"table_name": name, "index_name": ""}),
                             ("aws_dynamodb_table_item", {"table_name": name, "hash_key": "pk", "item": "{}"})):
            resources.append({"address": f'{kind}.t["{name}"]', "mode": "managed", "type": kind, "name": "t", "values": values})
    return {"format_version": "1.0", "values": {"root_module": {"resources": resources}}}


def make_live_tables(endpoint: str, count: int) -> None:
    ddb = boto3_client("dynamodb", endpoint)
    scaling = boto3_client("application-autoscaling", endpoint)
    for i in range(count):
        name = f"bench-{i:03d}"
        ddb.create_table(
            TableName=name, BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "a")],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[{"IndexName": "ByA", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
                                     "Projection": {"ProjectionType": "ALL"},
                                     "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}, Tags=[{"Key": "Name", "Value": name}])
        ddb.update_time_to_live(TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
        ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
        scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId=f"table/{name}",
                                         ScalableDimension="dynamodb:table:ReadCapacityUnits", MinCapacity=5, MaxCapacity=50)
        scaling.put_scaling_policy(PolicyName=f"{name}-read", ServiceNamespace="dynamodb", ResourceId=f"table/{name}",
                                   ScalableDimension="dynamodb:table:ReadCapacityUnits", PolicyType="TargetTrackingScaling",
                                   TargetTrackingScalingPolicyConfiguration={"TargetValue": 70.0, "PredefinedMetricSpecification": {
                                       "PredefinedMetricType": "DynamoDBReadCapacityUtilization"}})


def timed(args: list[str], env: dict[str, str], out: Path) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "dynamo_constructs.cli", "migrate", *args, "--out", str(out), "--force"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"migrate {' '.join(args)} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return wall, (out / "main.py").read_text().count("\n    adopt_existing=True,\n")


def main() -> None:
    results: dict[str, list[float]] = {"from-state": [], "from-aws": []}
    migrated: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="dynamo-bench-migrate-") as tmp:
        folder = Path(tmp)
        state = folder / "state.json"
        state.write_text(json.dumps(state_document(TABLES)))
        emulator = Emulator(folder / "emulator.log")
        try:
            endpoint = emulator.endpoint()
            make_live_tables(endpoint, TABLES)
            env = {**os.environ, **aws_env(endpoint)}
            for run in range(RUNS + 1):  # the first of each is a warm-up (byte-code, the emulator's imports)
                for name, args in (("from-state", ["--from-state", str(state)]),
                                   ("from-aws", ["--from-aws", "--region", "us-east-1"])):
                    wall, count = timed(args, env, folder / f"out-{name}")
                    migrated[name] = count
                    if run:
                        results[name].append(wall)
                print(f"run {run}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in results.items() if v), flush=True)
        finally:
            emulator.stop()
    lines = ["# `dynamo-constructs migrate` for 100 tables", "",
             f"Measured by `make bench-migrate` (bench/migrate.py): each sample is one whole `dynamo-constructs migrate` "
             f"process, {RUNS} samples after a warm-up, the median reported. Against the local emulator for `--from-aws`.", "",
             "| source | tables migrated | median | samples | target | met |", "| --- | --- | --- | --- | --- | --- |"]
    for name, samples in results.items():
        median = statistics.median(samples)
        lines.append(f"| `--{name}` | {migrated[name]} | {median:.2f} s | {', '.join(f'{s:.2f}' for s in samples)} | "
                     f"<= {TARGETS[name]:.0f} s | {'yes' if median <= TARGETS[name] and migrated[name] == TABLES else 'NO'} |")
    text = "\n".join(lines) + "\n"
    (BENCH / "migrate-results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
