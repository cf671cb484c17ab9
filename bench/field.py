"""The field table of README ("compared with AWS CDK and terraform-aws-modules"), from the sources.

Each side's names are read, not remembered: AWS CDK's ``TableV2`` props, its replica and index
props and its methods from an installed aws-cdk-lib (``.venv-bench-cdk``, ``make bench``'s
baseline); terraform-aws-modules/dynamodb-table's variables and resource arguments at its latest
tag (a clone of the repository); this library's parameters, value fields and public names from
the package. ``FEATURES`` says which names are the evidence of each feature; a side has a feature
when one of its names is there.

Usage: .venv/bin/python bench/field.py MODULE_REPO [CDK_PYTHON]
  MODULE_REPO  a git clone of terraform-aws-modules/terraform-aws-dynamodb-table (its tags included)
  CDK_PYTHON   a Python with aws-cdk-lib installed (default .venv-bench-cdk/bin/python)
Prints the Markdown table and the sources' versions.
"""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CDK_PROBE = """
import inspect, json
import aws_cdk, aws_cdk.aws_dynamodb as d
names = set()
for cls in ("TableV2", "ReplicaTableProps", "GlobalSecondaryIndexPropsV2", "ReplicaGlobalSecondaryIndexOptions"):
    names |= {f"{cls}.{n}" for n, p in inspect.signature(getattr(d, cls).__init__).parameters.items()
              if p.kind is p.KEYWORD_ONLY}
names |= {f"TableV2.{n}" for n in dir(d.TableV2) if not n.startswith("_")}
print(json.dumps({"version": aws_cdk.__version__ if hasattr(aws_cdk, "__version__") else "?", "names": sorted(names)}))
"""

# feature -> (AWS CDK names, terraform-aws-modules names ("var.x" variables, "arg.x" resource arguments,
# "res.x" resource types, "txt.x" text in its .tf files), dynamo-constructs names). A side has the
# feature when any of its names exists.
FEATURES: list[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = [
    ("partition and sort key", ("TableV2.partition_key",), ("var.hash_key",), ("Table.partition_key",)),
    ("global secondary indexes", ("TableV2.global_secondary_indexes",), ("var.global_secondary_indexes",),
     ("Table.global_indexes",)),
    ("local secondary indexes", ("TableV2.local_secondary_indexes",), ("var.local_secondary_indexes",), ("Table.local_indexes",)),
    ("multi-attribute index keys", ("GlobalSecondaryIndexPropsV2.partition_keys",), ("arg.key_schema",),
     ("GlobalSecondaryIndex.partition_keys",)),
    ("one resource per index (aws_dynamodb_global_secondary_index)", (), ("res.aws_dynamodb_global_secondary_index",),
     ("Table.index_form",)),
    ("on-demand billing and request caps", ("TableV2.billing",), ("var.on_demand_throughput",), ("Table.billing",)),
    ("provisioned capacity", ("TableV2.billing",), ("var.read_capacity",), ("Table.billing",)),
    ("autoscaling (table and indexes)", ("TableV2.billing",), ("var.autoscaling_indexes",), ("Table.billing",)),
    ("index capacity of its own", ("GlobalSecondaryIndexPropsV2.read_capacity",), ("var.global_secondary_indexes",),
     ("GlobalSecondaryIndex.read_capacity",)),
    ("warm throughput (table, index)", ("TableV2.warm_throughput",), ("var.warm_throughput",), ("Table.warm_throughput",)),
    ("TTL", ("TableV2.time_to_live_attribute",), ("var.ttl_attribute_name",), ("Table.time_to_live_attribute",)),
    ("streams", ("TableV2.dynamo_stream",), ("var.stream_view_type",), ("Table.stream",)),
    ("point-in-time recovery and its window", ("TableV2.point_in_time_recovery_specification",),
     ("var.point_in_time_recovery_period_in_days",), ("Table.recovery_period_days",)),
    ("table class", ("TableV2.table_class",), ("var.table_class",), ("Table.table_class",)),
    ("deletion protection", ("TableV2.deletion_protection",), ("var.deletion_protection_enabled",),
     ("Table.deletion_protection",)),
    ("contributor insights", ("TableV2.contributor_insights",), (), ("Table.contributor_insights",)),
    ("contributor insights mode", ("TableV2.contributor_insights_specification",), (), ("Table.contributor_insights",)),
    ("encryption: AWS-owned / AWS-managed / customer key", ("TableV2.encryption",), ("var.server_side_encryption_kms_key_arn",),
     ("Table.encryption",)),
    ("a created KMS key per table", ("TableV2.encryption",), (), ("ManagedKey",)),
    ("tags", ("TableV2.tags",), ("var.tags",), ("Table.tags",)),
    ("replicas (global table)", ("TableV2.replicas",), ("var.replica_regions",), ("Table.replicas",)),
    ("a key per replica", ("TableV2.encryption",), ('txt.replica.value, "kms_key_arn"',), ("Replica.kms_key_arn",)),
    ("PITR and deletion protection per replica", ("ReplicaTableProps.point_in_time_recovery_specification",),
     ('txt.replica.value, "point_in_time_recovery"',), ("Replica.point_in_time_recovery",)),
    ("table class per replica", ("ReplicaTableProps.table_class",), (), ("Replica.table_class",)),
    ("multi-Region strong consistency", ("TableV2.multi_region_consistency",), ("txt.replica.value.consistency_mode",),
     ("Table.consistency",)),
    ("witness Region", ("TableV2.witness_region",), ("var.global_table_witness",), ("Table.witness_region",)),
    ("contributor insights per replica", ("ReplicaTableProps.contributor_insights",), (), ("Replica.contributor_insights",)),
    ("contributor insights per replica index", ("ReplicaGlobalSecondaryIndexOptions.contributor_insights",), (),
     ("Replica.index_contributor_insights",)),
    ("Kinesis destination per replica", ("ReplicaTableProps.kinesis_stream",), (), ("Replica.kinesis_stream_arn",)),
    ("read capacity per replica", ("ReplicaTableProps.read_capacity",), (), ()),
    ("Kinesis streaming destination", ("TableV2.kinesis_stream",), (), ("KinesisStreamingDestination",)),
    ("resource policy (table)", ("TableV2.resource_policy",), ("var.resource_policy",), ("Table.add_to_resource_policy",)),
    ("resource policy (stream)", ("TableV2.stream_resource_policy",), (), ("Table.add_to_stream_resource_policy",)),
    ("restore to a point in time", (), ("var.restore_source_name",), ("TableSource.point_in_time",)),
    ("restore from an on-demand backup", (), ("arg.restore_backup_arn",), ("TableSource.backup",)),
    ("import from S3", (), ("var.import_table",), ("TableSource.s3_import",)),
    ("export to S3 (once, incremental, scheduled)", (), (), ("TableExport",)),
    ("timeouts", (), ("var.timeouts",), ("Table.timeouts",)),
    ("grants (IAM)", ("TableV2.grant_read_data",), (), ("Table.grant_read_data",)),
    ("metrics", ("TableV2.metric_consumed_read_capacity_units",), (), ("Table.metric_consumed_read_capacity_units",)),
    ("alarms and a dashboard", (), (), ("TableAlarms",)),
    ("AWS Backup plans", (), (), ("TableBackups",)),
    ("Lambda stream consumers", (), (), ("StreamConsumer",)),
    ("items in the table", (), (), ("Table.add_item",)),
    ("tables another stack owns", ("TableV2.from_table_name",), (), ("Table.from_table_name",)),
    ("keep a table through a rename (moved)", (), (), ("Table.moved_from",)),
    ("forget a table without deleting it", ("TableV2.apply_removal_policy",), (), ("forget",)),
    ("offline change review", (), (), ("review",)),
]


def cdk_names(python: str) -> tuple[str, set[str]]:
    done = subprocess.run([python, "-c", CDK_PROBE], capture_output=True, text=True, timeout=300, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    version = subprocess.run([python, "-m", "pip", "show", "aws-cdk-lib"], capture_output=True, text=True, check=False,
                             timeout=60).stdout
    match = re.search(r"^Version: (.+)$", version, re.M)
    return (match.group(1) if match else found["version"]), set(found["names"])


def module_names(repo: Path) -> tuple[str, set[str]]:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=60,
                              check=True).stdout

    tag = git("tag", "--sort=-v:refname").split()[0]
    names: set[str] = set()
    texts: list[str] = []
    for path in git("ls-tree", "--name-only", tag).split():
        if not path.endswith(".tf"):
            continue
        text = git("show", f"{tag}:{path}")
        texts.append(text)
        names |= {f"var.{v}" for v in re.findall(r'^variable "([a-z0-9_]+)"', text, re.M)}
        names |= {f"res.{r}" for r in re.findall(r'^resource "([a-z0-9_]+)"', text, re.M)}
        names |= {f"arg.{a}" for a in re.findall(r"^\s*([a-z0-9_]+)\s*=", text, re.M)}
        names |= {f"arg.{b}" for b in re.findall(r'^\s*dynamic "([a-z0-9_]+)"', text, re.M)}
    whole = "\n".join(texts)
    names |= {name for _, _, evidence, _ in FEATURES for name in evidence if name.startswith("txt.") and name[4:] in whole}
    return tag, names


def our_names() -> set[str]:
    import dynamo_constructs
    from dynamo_constructs import GlobalSecondaryIndex, Replica, Table, TableSource

    names = set(dynamo_constructs.__all__) | {"review"}
    for cls in (Table, GlobalSecondaryIndex, Replica):
        names |= {f"{cls.__name__}.{n}" for n in inspect.signature(cls.__init__).parameters}
        names |= {f"{cls.__name__}.{n}" for n in dir(cls) if not n.startswith("_")}
    names |= {f"TableSource.{n}" for n in dir(TableSource) if not n.startswith("_")}
    return names


def table(cdk: set[str], modules: set[str], ours: set[str]) -> list[str]:
    rows = ["| feature | AWS CDK `TableV2` | terraform-aws-modules | dynamo-constructs |", "| --- | :---: | :---: | :---: |"]
    totals = [0, 0, 0]
    for feature, *evidence in FEATURES:
        marks = []
        for position, (names, have) in enumerate(zip(evidence, (cdk, modules, ours), strict=True)):
            present = any(n in have for n in names)
            totals[position] += present
            marks.append("yes" if present else "–")
        rows.append(f"| {feature} | {' | '.join(marks)} |")
    rows.append(f"| **of {len(FEATURES)}** | **{totals[0]}** | **{totals[1]}** | **{totals[2]}** |")
    return rows


def main(argv: list[str]) -> None:
    if not 1 <= len(argv) <= 2:
        raise SystemExit(__doc__)
    cdk_python = argv[1] if len(argv) > 1 else str(ROOT / ".venv-bench-cdk" / "bin" / "python")
    cdk_version, cdk = cdk_names(cdk_python)
    tag, modules = module_names(Path(argv[0]))
    print(f"Sources: aws-cdk-lib {cdk_version}; terraform-aws-modules/dynamodb-table {tag}; this checkout.\n")
    print("\n".join(table(cdk, modules, our_names())))


if __name__ == "__main__":
    main(sys.argv[1:])
