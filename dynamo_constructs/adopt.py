"""``dynamo-constructs adopt STACK_DIR``: adopt what a stack created but its state lost.

A ``terraform apply`` killed mid-way (or a lost state file) leaves tables, keys, aliases,
vaults and roles alive in AWS but unknown to Terraform; the next apply fails with "already
exists". This command reads the synthesized stack, looks each resource up in AWS by the name
the stack gives it (boto3, the usual credential chain; ``AWS_ENDPOINT_URL`` is honoured) and
writes Terraform ``import`` blocks (``adopt.tf.json`` beside ``cdk.tf.json``) for the ones that
exist. ``terraform apply`` then imports them and converges; import blocks for resources already
in state are no-ops, so running it on a healthy stack is harmless. Resources that cannot be found
by name (a key whose alias was never created) are listed, not guessed.

Needs ``pip install 'dynamo-constructs[adopt]'`` (boto3).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .validation import full_match

IMPORTS_FILE = "adopt.tf.json"
REFERENCE = re.compile(r"\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}")
DATA_REFERENCE = re.compile(r"\$\{data\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}")


class AdoptError(RuntimeError):
    """The stack folder or the AWS look-ups could not be read; the message says which."""


@dataclass
class Found:
    address: str
    import_id: str


@dataclass
class Report:
    found: list[Found] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # looked up, not in AWS (Terraform will create them)
    unsupported: list[str] = field(default_factory=list)  # no look-up by name (idempotent or not importable)


class Stack:
    """One synthesized stack: its resources, providers (regions) and literal values."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self.resources: dict[str, dict[str, Any]] = {
            f"{kind}.{name}": config
            for kind, by_name in document.get("resource", {}).items() for name, config in by_name.items()
        }
        providers = document.get("provider", {}).get("aws", [])
        providers = providers if isinstance(providers, list) else [providers]
        self.regions = {("aws." + p["alias"]) if p.get("alias") else "aws": p.get("region") for p in providers}

    def region_of(self, address: str) -> str | None:
        return self.regions.get(self.resources[address].get("provider", "aws")) or self.regions.get("aws")


class Resolver:
    """Turns the stack's ``${...}`` references into values: literals of other resources' configs,
    IDs found so far, the account and the partition."""

    def __init__(self, stack: Stack, account: str, partition: str) -> None:
        self.stack = stack
        self.account = account
        self.partition = partition
        self.ids: dict[str, str] = {}

    def value(self, text: Any) -> str | None:
        """``text`` with every reference resolved, or None when one cannot be resolved offline."""
        if not isinstance(text, str):
            return None
        failed = False

        def data(match: re.Match[str]) -> str:
            nonlocal failed
            kind, _, attribute = match.groups()
            if kind == "aws_partition" and attribute == "partition":
                return self.partition
            if kind == "aws_caller_identity" and attribute == "account_id":
                return self.account
            failed = True
            return ""

        def resource(match: re.Match[str]) -> str:
            nonlocal failed
            kind, name, attribute = match.groups()
            address = f"{kind}.{name}"
            literal = self.stack.resources.get(address, {}).get(attribute)
            if isinstance(literal, str) and "${" not in literal:
                return literal
            if attribute in ("id", "arn", "key_id") and address in self.ids:
                return self.ids[address]
            failed = True
            return ""

        resolved = REFERENCE.sub(resource, DATA_REFERENCE.sub(data, text))
        return None if failed else resolved


Lookup = Callable[[Any, Resolver, str, dict[str, Any]], str | None]


def _client(session: Any, service: str, region: str | None) -> Any:
    return session.client(service, region_name=region)


def _not_found(error: Exception) -> bool:
    code = getattr(error, "response", {}).get("Error", {}).get("Code", "")
    return code in ("ResourceNotFoundException", "NoSuchEntity", "NotFoundException", "NotFound", "AccessDeniedException")


def _table(session: Any, resolve: Resolver, region: str, config: dict[str, Any]) -> str | None:
    name = resolve.value(config.get("name"))
    if name is None:
        return None
    try:
        _client(session, "dynamodb", region).describe_table(TableName=name)
    except Exception as error:
        if _not_found(error):
            return None
        raise
    return name


def _replica(session: Any, resolve: Resolver, region: str, config: dict[str, Any]) -> str | None:
    match = full_match(REFERENCE, str(config.get("global_table_arn", "")))
    if match is None:
        return None
    table_address = f"{match.group(1)}.{match.group(2)}"
    table = resolve.stack.resources.get(table_address, {})
    name = resolve.value(table.get("name"))
    main_region = resolve.stack.region_of(table_address)
    if name is None or main_region is None:
        return None
    try:
        replicas = _client(session, "dynamodb", main_region).describe_table(TableName=name)["Table"].get("Replicas", [])
    except Exception as error:
        if _not_found(error):
            return None
        raise
    return f"{name}:{main_region}" if any(r.get("RegionName") == region for r in replicas) else None


def _alias(session: Any, resolve: Resolver, region: str, config: dict[str, Any]) -> str | None:
    name = resolve.value(config.get("name"))
    kms = _client(session, "kms", region)
    for page in kms.get_paginator("list_aliases").paginate():
        for alias in page["Aliases"]:
            if alias["AliasName"] == name and alias.get("TargetKeyId"):
                return str(name)
    return None


def _key(session: Any, resolve: Resolver, region: str, config: dict[str, Any], *, address: str) -> str | None:
    """A key is found through the alias that points at it in the stack (a key has no name)."""
    kms = _client(session, "kms", region)
    for alias_address, alias in resolve.stack.resources.items():
        if not alias_address.startswith("aws_kms_alias.") or f"{address}.key_id" not in str(alias.get("target_key_id")):
            continue
        name = resolve.value(alias.get("name"))
        for page in kms.get_paginator("list_aliases").paginate():
            for found in page["Aliases"]:
                if found["AliasName"] == name and found.get("TargetKeyId"):
                    key = kms.describe_key(KeyId=found["TargetKeyId"])["KeyMetadata"]
                    if key.get("KeyState") in ("Enabled", "Disabled"):
                        return str(key["KeyId"])
    return None


def _vault(session: Any, resolve: Resolver, region: str, config: dict[str, Any]) -> str | None:
    name = resolve.value(config.get("name"))
    try:
        _client(session, "backup", region).describe_backup_vault(BackupVaultName=name)
    except Exception as error:
        if _not_found(error):
            return None
        raise
    return name


def _plan(session: Any, resolve: Resolver, region: str, config: dict[str, Any]) -> str | None:
    name = resolve.value(config.get("name"))
    backup = _client(session, "backup", region)
    for page in backup.get_paginator("list_backup_plans").paginate():
        for plan in page["BackupPlansList"]:
            if plan["BackupPlanName"] == name:
                return str(plan["BackupPlanId"])
    return None


def _selection(session: Any, resolve: Resolver, region: str, config: dict[str, Any]) -> str | None:
    plan_id = resolve.value(config.get("plan_id"))
    if plan_id is None:
        return None
    backup = _client(session, "backup", region)
    for selection in backup.list_backup_selections(BackupPlanId=plan_id)["BackupSelectionsList"]:
        if selection["SelectionName"] == resolve.value(config.get("name")):
            return f"{plan_id}|{selection['SelectionId']}"
    return None


def _role(session: Any, resolve: Resolver, region: str, config: dict[str, Any]) -> str | None:
    name = resolve.value(config.get("name"))
    try:
        _client(session, "iam", region).get_role(RoleName=name)
    except Exception as error:
        if _not_found(error):
            return None
        raise
    return name


def _policy(session: Any, resolve: Resolver, region: str, config: dict[str, Any]) -> str | None:
    name = resolve.value(config.get("name"))
    path = config.get("path", "/")
    arn = f"arn:{resolve.partition}:iam::{resolve.account}:policy{path}{name}"
    try:
        _client(session, "iam", region).get_policy(PolicyArn=arn)
    except Exception as error:
        if _not_found(error):
            return None
        raise
    return arn


def _attachment(session: Any, resolve: Resolver, region: str, config: dict[str, Any]) -> str | None:
    role, policy_arn = resolve.value(config.get("role")), resolve.value(config.get("policy_arn"))
    if role is None or policy_arn is None:
        return None
    try:
        attached = _client(session, "iam", region).list_attached_role_policies(RoleName=role)["AttachedPolicies"]
    except Exception as error:
        if _not_found(error):
            return None
        raise
    return f"{role}/{policy_arn}" if any(p["PolicyArn"] == policy_arn for p in attached) else None


def _topic(session: Any, resolve: Resolver, region: str, config: dict[str, Any]) -> str | None:
    arn = f"arn:{resolve.partition}:sns:{region}:{resolve.account}:{resolve.value(config.get('name'))}"
    try:
        _client(session, "sns", region).get_topic_attributes(TopicArn=arn)
    except Exception as error:
        if _not_found(error):
            return None
        raise
    return arn


def _alarm(session: Any, resolve: Resolver, region: str, config: dict[str, Any]) -> str | None:
    name = resolve.value(config.get("alarm_name"))
    alarms = _client(session, "cloudwatch", region).describe_alarms(AlarmNames=[name])["MetricAlarms"]
    return name if alarms else None


def _scalable_target(session: Any, resolve: Resolver, region: str, config: dict[str, Any]) -> str | None:
    namespace, resource_id = config.get("service_namespace"), resolve.value(config.get("resource_id"))
    dimension = config.get("scalable_dimension")
    if resource_id is None:
        return None
    targets = _client(session, "application-autoscaling", region).describe_scalable_targets(
        ServiceNamespace=namespace, ResourceIds=[resource_id], ScalableDimension=dimension)["ScalableTargets"]
    return f"{namespace}/{resource_id}/{dimension}" if targets else None


def _scaling_policy(session: Any, resolve: Resolver, region: str, config: dict[str, Any]) -> str | None:
    values = [resolve.value(config.get(k)) for k in ("service_namespace", "resource_id", "scalable_dimension", "name")]
    namespace, resource_id, dimension, name = values
    if None in values:
        return None
    policies = _client(session, "application-autoscaling", region).describe_scaling_policies(
        ServiceNamespace=namespace, ResourceId=resource_id, ScalableDimension=dimension, PolicyNames=[name])["ScalingPolicies"]
    return f"{namespace}/{resource_id}/{dimension}/{name}" if policies else None


LOOKUPS: dict[str, Lookup] = {
    "aws_dynamodb_table": _table,
    "aws_dynamodb_table_replica": _replica,
    "aws_kms_alias": _alias,
    "aws_backup_vault": _vault,
    "aws_backup_plan": _plan,
    "aws_backup_selection": _selection,
    "aws_iam_role": _role,
    "aws_iam_policy": _policy,
    "aws_iam_role_policy_attachment": _attachment,
    "aws_sns_topic": _topic,
    "aws_cloudwatch_metric_alarm": _alarm,
    "aws_appautoscaling_target": _scalable_target,
    "aws_appautoscaling_policy": _scaling_policy,
}
# Found before the resources whose IDs refer to them (policy ARNs in attachments, plan IDs in selections).
ORDER = ("aws_kms_key", "aws_iam_policy", "aws_backup_plan")


def find(stack: Stack, session: Any) -> Report:
    """Look every resource of ``stack`` up by name; IDs of the ones that exist."""
    identity = session.client("sts").get_caller_identity()
    partition = identity["Arn"].split(":")[1]
    resolve = Resolver(stack, identity["Account"], partition)
    report = Report()
    addresses = sorted(stack.resources, key=lambda a: (a.split(".")[0] not in ORDER, a))
    for address in addresses:
        kind = address.split(".")[0]
        region = stack.region_of(address) or session.region_name
        if kind == "aws_kms_key":
            import_id = _key(session, resolve, region, stack.resources[address], address=address)
        elif kind in LOOKUPS:
            import_id = LOOKUPS[kind](session, resolve, region, stack.resources[address])
        else:
            report.unsupported.append(address)
            continue
        if import_id is None:
            report.missing.append(address)
            continue
        resolve.ids[address] = import_id
        report.found.append(Found(address, import_id))
    return report


def write_imports(stack_dir: Path, report: Report, stack: Stack) -> Path:
    """``adopt.tf.json``: one import block per resource found (with its provider)."""
    blocks = []
    for found in report.found:
        block: dict[str, Any] = {"to": found.address, "id": found.import_id}
        provider = stack.resources[found.address].get("provider")
        if provider:
            block["provider"] = provider.replace("${", "").replace("}", "")
        blocks.append(block)
    target = stack_dir / IMPORTS_FILE
    target.write_text(json.dumps({"import": blocks}, indent=2) + "\n")
    return target


def load(stack_dir: Path) -> Stack:
    path = stack_dir / "cdk.tf.json"
    try:
        return Stack(json.loads(path.read_text()))
    except (OSError, ValueError) as error:
        raise AdoptError(f"cannot read {path}: {error}") from None


def adopt(stack_dir: Path, session: Any | None = None) -> tuple[Report, Path]:
    """Find what exists and write the import blocks; returns the report and the file written."""
    stack = load(stack_dir)
    if session is None:
        try:
            import boto3  # type: ignore[import-untyped]
        except ImportError:
            raise AdoptError("adopt needs boto3: pip install 'dynamo-constructs[adopt]'") from None
        session = boto3.session.Session(region_name=stack.regions.get("aws"))
    report = find(stack, session)
    return report, write_imports(stack_dir, report, stack)


# ----- the ``adopt`` subcommand ------------------------------------------------------------

BAD_INPUT: tuple[type[Exception], ...] = (AdoptError,)


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``adopt`` to the CLI (see ``dynamo_constructs.cli``)."""
    command = subcommands.add_parser(
        "adopt", help="write import blocks for what a stack created but its state lost",
        description="Look up every resource of a synthesized stack in AWS by the name the stack gives it "
                    f"and write Terraform import blocks ({IMPORTS_FILE}) for the ones that exist; then run "
                    "terraform apply. Uses the usual AWS credentials (and AWS_ENDPOINT_URL).")
    command.add_argument("stack_dir", type=Path, help="the stack's folder (holding cdk.tf.json)")
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    report, written = adopt(args.stack_dir)
    for found in report.found:
        print(f"import  {found.address}  <- {found.import_id}")
    for address in report.missing:
        print(f"create  {address}  (not found in AWS)")
    for address in report.unsupported:
        print(f"skip    {address}  (no look-up by name; its create is idempotent or it cannot be imported)")
    print(f"wrote {written} ({len(report.found)} import blocks); now run terraform apply")
    return 0
