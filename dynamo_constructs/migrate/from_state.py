"""Tables from another Terraform configuration's state: the output of ``terraform show -json``
(or the raw state file, read into the same layout).

Every ``aws_dynamodb_table`` in the root module and its child modules becomes a ``LiveTable``,
with what serves it elsewhere in the state: separate replicas, Application Auto Scaling targets
and policies, contributor insights, resource policies, Kinesis destinations, items, and the KMS
keys and aliases only it uses. Their addresses are what ``removed.tf`` makes the old configuration
forget. No AWS call: the state holds what Terraform last read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..names import parse_arn
from ..validation import full_match
from .model import Index, Key, LiveTable, MigrateError, Replica, Scaling, Throughput, stream_region

SCALED_RESOURCE = re.compile(r"table/(?P<table>[^/]+)(?:/index/(?P<index>[^/]+))?")
DIMENSION = re.compile(r"dynamodb:(?:table|index):(?P<side>Read|Write)CapacityUnits")
INSTANCE_KEY = re.compile(r"\[[^\]]*\]")
RAW_STATE_VERSION = 4


@dataclass(frozen=True)
class StateResource:
    """One managed resource instance of the state."""

    address: str  # with instance keys, e.g. module.db.aws_dynamodb_table.this[0]
    config_address: str  # without them: what a removed block names
    module: str  # the module call path without keys ("" for the root module)
    type: str
    values: Mapping[str, Any]


@dataclass
class StateTables:
    """The tables of a state, and every resource of it (to find what else refers to them)."""

    tables: list[LiveTable]
    resources: list[StateResource]


def load(path: Path) -> dict[str, Any]:
    """The state at ``path`` as ``terraform show -json`` lays it out, or a MigrateError saying why
    not. A raw state file (``terraform.tfstate``, ``terraform state pull``) is read too: it needs no
    initialized configuration, which a team retiring its module may no longer have."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MigrateError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise MigrateError(f"{path} is not JSON ({error}); give the output of `terraform show -json`") from None
    if isinstance(document, dict) and "format_version" not in document and "resources" in document:
        return from_raw_state(document, path)
    if not isinstance(document, dict) or "format_version" not in document:
        raise MigrateError(f"{path} is neither `terraform show -json` output (no format_version) nor a Terraform state file")
    if "planned_values" in document or "resource_changes" in document:
        raise MigrateError(f"{path} is a plan; give the state: `terraform show -json` without a plan file")
    if not isinstance(document.get("values"), dict):
        raise MigrateError(f"{path} holds no state (`terraform show -json` of an empty or uninitialized configuration)")
    return document


def from_raw_state(state: Mapping[str, Any], path: Path) -> dict[str, Any]:
    """A raw state (format version 4, Terraform 0.12 and later) in ``terraform show -json``'s
    layout: each managed instance under its module with its full address and its attributes as
    ``values``. Data sources, and deposed instances (left by a failed create-before-destroy: not
    the live object), are skipped."""
    if state.get("version") != RAW_STATE_VERSION:
        raise MigrateError(f"{path} is a Terraform state of format version {state.get('version')!r}; only version "
                           f"{RAW_STATE_VERSION} (Terraform 0.12 and later) is read: run `terraform show -json` with "
                           "the Terraform that wrote it and give that output instead")
    modules: dict[str, list[dict[str, Any]]] = {"": []}
    for number, resource in enumerate(state.get("resources") or []):
        where = f"{path}: resources[{number}]"
        if not isinstance(resource, dict) or not all(isinstance(resource.get(k), str) for k in ("mode", "type", "name")):
            raise MigrateError(f"{where} has no mode, type and name: not a Terraform state resource")
        module = resource.get("module", "")
        if not isinstance(module, str):
            raise MigrateError(f"{where}: module must be a string (got {module!r})")
        if resource["mode"] != "managed":
            continue  # data sources: nothing to migrate (``resources`` reads managed ones only)
        base = ".".join(filter(None, (module, resource["type"], resource["name"])))
        for instance in resource.get("instances") or []:
            if not isinstance(instance, dict) or not isinstance(instance.get("attributes"), dict):
                raise MigrateError(f"{where} ({base}): an instance without `attributes` (an old or damaged state)")
            if instance.get("deposed"):
                continue
            key = f"[{json.dumps(instance['index_key'])}]" if "index_key" in instance else ""
            modules.setdefault(module, []).append({
                "address": base + key, "mode": "managed", "type": resource["type"], "name": resource["name"],
                "values": instance["attributes"]})
    root = {"resources": modules.pop(""), "child_modules": [{"address": m, "resources": r} for m, r in modules.items()]}
    return {"format_version": "1.0", "terraform_version": state.get("terraform_version"), "values": {"root_module": root}}


def resources(document: Mapping[str, Any]) -> list[StateResource]:
    """Every managed resource instance, in the root module and its child modules."""

    def walk(module: Mapping[str, Any]) -> Iterator[StateResource]:
        path = INSTANCE_KEY.sub("", str(module.get("address", "")))
        for resource in module.get("resources", []):
            if resource.get("mode") != "managed":
                continue
            config = f"{path}.{resource['type']}.{resource['name']}" if path else f"{resource['type']}.{resource['name']}"
            yield StateResource(resource["address"], config, path, resource["type"], resource.get("values") or {})
        for child in module.get("child_modules", []):
            yield from walk(child)

    return list(walk(document["values"].get("root_module", {})))


def _first(values: Mapping[str, Any], block: str) -> Mapping[str, Any]:
    found = values.get(block) or []
    return found[0] if isinstance(found, list) and found and isinstance(found[0], Mapping) else {}


def _cap(value: Any) -> int | None:
    """An on-demand cap: a positive number of request units, else none (0 and -1 mean none)."""
    return int(value) if isinstance(value, (int, float)) and value > 0 else None


def _throughput(values: Mapping[str, Any], provisioned: bool) -> Throughput:
    caps = _first(values, "on_demand_throughput")
    if provisioned:
        return Throughput(read=int(values.get("read_capacity") or 0), write=int(values.get("write_capacity") or 0))
    return Throughput(max_read=_cap(caps.get("max_read_request_units")), max_write=_cap(caps.get("max_write_request_units")))


def _key(name: Any, types: Mapping[str, str]) -> Key | None:
    return Key(str(name), types.get(str(name), "S")) if name else None


def _table(resource: StateResource) -> LiveTable:
    values = resource.values
    types = {a["name"]: a["type"] for a in values.get("attribute", [])}
    found = _table_arn(values.get("arn"))
    provisioned = values.get("billing_mode") == "PROVISIONED"
    key = _key(values.get("hash_key"), types)
    if key is None or found is None:
        raise MigrateError(f"{resource.address} has no hash_key or ARN in the state; refresh it (terraform apply -refresh-only)")
    table = LiveTable(name=str(values["name"]), region=found[1], partition_key=key,
                      sort_key=_key(values.get("range_key"), types), billing_mode=str(values.get("billing_mode")),
                      throughput=_throughput(values, provisioned), arn=str(values["arn"]),
                      stream_arn=values.get("stream_arn") or None)
    for gsi in values.get("global_secondary_index", []):
        # hashicorp/aws >= 6.29 may give an index's key as key_schema blocks (up to four attributes a part)
        schema = gsi.get("key_schema") or []
        hashes = [str(k["attribute_name"]) for k in schema if k.get("key_type") == "HASH"] or [gsi["hash_key"]]
        ranges = [str(k["attribute_name"]) for k in schema if k.get("key_type") == "RANGE"] or (
            [gsi["range_key"]] if gsi.get("range_key") else [])
        table.global_indexes.append(Index(
            name=gsi["name"], partition_key=Key(hashes[0], types.get(hashes[0], "S")),
            sort_key=Key(ranges[0], types.get(ranges[0], "S")) if ranges else None,
            more_partition=tuple(Key(n, types.get(n, "S")) for n in hashes[1:]),
            more_sort=tuple(Key(n, types.get(n, "S")) for n in ranges[1:]), projection=gsi.get("projection_type", "ALL"),
            non_key_attributes=tuple(sorted(gsi.get("non_key_attributes") or ())), throughput=_throughput(gsi, provisioned)))
    for lsi in values.get("local_secondary_index", []):
        table.local_indexes.append(Index(
            name=lsi["name"], partition_key=key, sort_key=_key(lsi.get("range_key"), types),
            projection=lsi.get("projection_type", "ALL"), non_key_attributes=tuple(sorted(lsi.get("non_key_attributes") or ()))))
    ttl = _first(values, "ttl")
    table.ttl_attribute = ttl.get("attribute_name") or None
    table.ttl_enabled = bool(ttl.get("enabled")) and table.ttl_attribute is not None
    table.stream_view = (values.get("stream_view_type") or None) if values.get("stream_enabled") else None
    pitr = _first(values, "point_in_time_recovery")
    table.pitr = bool(pitr.get("enabled"))
    table.pitr_days = int(pitr["recovery_period_in_days"]) if table.pitr and pitr.get("recovery_period_in_days") else None
    table.table_class = values.get("table_class") or "STANDARD"
    table.deletion_protection = bool(values.get("deletion_protection_enabled"))
    sse = _first(values, "server_side_encryption")
    if sse.get("enabled"):
        table.kms_key_arn = sse.get("kms_key_arn") or None
        table.encryption = "CUSTOMER_MANAGED" if table.kms_key_arn else "AWS_MANAGED"
    table.tags = dict(values.get("tags_all") or values.get("tags") or {})
    own = dict(values.get("tags") or {})
    table.default_tags = {k: v for k, v in table.tags.items() if k not in own}
    for block in values.get("replica", []):
        # Inline replica blocks (hashicorp/aws < 6.9 cannot set their deletion protection: it is off).
        table.replicas.append(Replica(
            region=block["region_name"], kms_key_arn=block.get("kms_key_arn") or None,
            point_in_time_recovery=bool(block.get("point_in_time_recovery")),
            deletion_protection=bool(block.get("deletion_protection_enabled", False)),
            tags=dict(table.tags) if block.get("propagate_tags") else {}))
        if block.get("consistency_mode") == "STRONG":
            table.strong_consistency = True
    witness = _first(values, "global_table_witness")
    table.witness_region = witness.get("region_name") or None
    warm = _first(values, "warm_throughput")
    if warm:
        table.warm = (int(warm.get("read_units_per_second") or 0), int(warm.get("write_units_per_second") or 0))
    if values.get("restore_source_name") or values.get("restore_source_table_arn") or values.get("import_table"):
        table.notes.append("created by a restore or an S3 import: the data is the table's now; the generated code "
                           "has no source (a source acts only when a table is created)")
    table.old_addresses.append(resource.config_address)
    table.source = {"address": resource.address}
    return table


def _table_arn(value: Any) -> tuple[str, str] | None:
    """(name, Region) of a table's ARN, or None for any other value (names are as the state has them)."""
    arn = parse_arn(value)
    if arn is None or arn.service != "dynamodb" or not arn.region or arn.resource.count("/") != 1 \
            or not arn.resource.startswith("table/"):
        return None
    return arn.resource.removeprefix("table/"), arn.region


def _region(values: Mapping[str, Any], default: str) -> str:
    arn = parse_arn(values.get("arn"))
    return arn.region if arn is not None and arn.region else default


INSIGHTS_REGION_NOTE = ("contributor insights in the state are taken as the table's own: a state does not record "
                        "the Region of an aws_dynamodb_contributor_insights, so a replica's insights stay on, outside "
                        "the library; add Replica(contributor_insights=...) once checked")


def _attach(tables: dict[tuple[str, str], LiveTable], resource: StateResource, by_name: dict[str, list[LiveTable]]) -> None:
    """Link a resource that serves a table to it (the table's ``old_addresses`` grow)."""
    values = resource.values

    def named(name: Any, region: str | None = None) -> LiveTable | None:
        found = by_name.get(str(name), [])
        if region is not None:
            found = [t for t in found if t.region == region] or found
        return found[0] if len(found) == 1 or (found and region is not None) else None

    table: LiveTable | None = None
    kind = resource.type
    if kind == "aws_dynamodb_table_replica":
        global_table = _table_arn(values.get("global_table_arn"))
        table = tables.get(global_table) if global_table else None
        if table is not None:
            region = _region(values, "")
            table.replicas = [r for r in table.replicas if r.region != region]
            table.replicas.append(Replica(
                region=region, kms_key_arn=values.get("kms_key_arn") or None,
                point_in_time_recovery=bool(values.get("point_in_time_recovery")),
                deletion_protection=bool(values.get("deletion_protection_enabled")),
                table_class=values.get("table_class_override") or None,
                tags=dict(values.get("tags_all") or values.get("tags") or {})))
    elif kind in ("aws_appautoscaling_target", "aws_appautoscaling_policy") and values.get("service_namespace") == "dynamodb":
        match = full_match(SCALED_RESOURCE, str(values.get("resource_id", "")))
        side = full_match(DIMENSION, str(values.get("scalable_dimension", "")))
        table = named(match.group("table")) if match else None
        if table is not None and match is not None and side is not None:
            _scaling(table, match.group("index"), side.group("side"), resource, _region(values, table.region))
    elif kind == "aws_dynamodb_contributor_insights":
        table = named(values.get("table_name"))
        if table is not None:
            mode = values.get("mode") or "ACCESSED_AND_THROTTLED_KEYS"
            index = next((i for i in table.global_indexes if i.name == values.get("index_name")), None)
            if values.get("index_name"):
                if index is not None:
                    index.insights = mode
            else:
                table.insights = mode
            if table.replicas and INSIGHTS_REGION_NOTE not in table.notes:
                table.notes.append(INSIGHTS_REGION_NOTE)
    elif kind == "aws_dynamodb_resource_policy":
        arn, policy = str(values.get("resource_arn", "")), str(values.get("policy") or "")
        for candidate in tables.values():
            replicas = {candidate.replica_arn(r.region): r for r in candidate.replicas}
            if arn == candidate.arn:
                table, candidate.resource_policy = candidate, policy
            elif candidate.stream_arn and arn == candidate.stream_arn:
                table, candidate.stream_policy = candidate, True
            elif arn in replicas:
                table, replicas[arn].resource_policy = candidate, policy
    elif kind == "aws_dynamodb_kinesis_streaming_destination":
        table = named(values.get("table_name"), stream_region(str(values.get("stream_arn"))))
        if table is not None:  # the stream's Region says whether the table's or a replica's (translate)
            table.kinesis.append((str(values.get("stream_arn")), values.get("approximate_creation_date_time_precision") or None))
    elif kind == "aws_dynamodb_table_item":
        table = named(values.get("table_name"))
        if table is not None:
            table.item_count += 1
    if table is not None:
        table.old_addresses.append(resource.config_address)


def _scaling(table: LiveTable, index_name: str | None, side: str, resource: StateResource, region: str) -> None:
    values = resource.values
    if region != table.region:
        for replica in table.replicas:
            if replica.region == region:
                replica.scaled_regions = True
        return
    if index_name is None:
        throughput = table.throughput
    else:
        index = next((i for i in table.global_indexes if i.name == index_name), None)
        if index is None:
            return
        throughput = index.throughput
    attribute = f"{side.lower()}_scaling"
    known: Scaling | None = getattr(throughput, attribute)
    current = known or Scaling(minimum=0, maximum=0)
    if resource.type == "aws_appautoscaling_target":
        other = [*current.other]
        suspended = _first(values, "suspended_state")
        if any(suspended.values()):
            other.append(f"a suspended scaling target ({dict(suspended)})")
        scaling = Scaling(int(values.get("min_capacity") or 0), int(values.get("max_capacity") or 0), current.policy_name,
                          current.target_value, current.scale_in_cooldown, current.scale_out_cooldown,
                          current.disable_scale_in, current.metric, current.policy_type, tuple(other),
                          dict(values.get("tags_all") or values.get("tags") or {}))
    else:
        config = _first(values, "target_tracking_scaling_policy_configuration")
        metric = _first(config, "predefined_metric_specification")
        other = [*current.other]
        if config.get("customized_metric_specification"):
            other.append("a customized metric in the scaling policy")
        if metric.get("resource_label"):
            other.append("a resource label in the scaling policy's metric")
        scaling = Scaling(current.minimum, current.maximum, str(values.get("name")), config.get("target_value"),
                          _int(config.get("scale_in_cooldown")), _int(config.get("scale_out_cooldown")),
                          bool(config.get("disable_scale_in")), metric.get("predefined_metric_type"),
                          values.get("policy_type"), tuple(other), current.tags)
    setattr(throughput, attribute, scaling)


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, (int, float)) else None


def _keys(state: list[StateResource], tables: list[LiveTable]) -> None:
    """KMS keys (and their aliases) that only moved tables use: forgotten with them."""
    used_by: dict[str, set[int]] = {}
    for position, table in enumerate(tables):
        for arn in (table.kms_key_arn, *(r.kms_key_arn for r in table.replicas)):
            if arn:
                used_by.setdefault(arn, set()).add(position)
    for key in (r for r in state if r.type == "aws_kms_key"):
        arn, key_id = str(key.values.get("arn", "")), str(key.values.get("key_id", ""))
        owners = used_by.get(arn)
        if not owners:
            continue
        elsewhere = [r.address for r in state if r.type not in ("aws_kms_key", "aws_kms_alias", "aws_dynamodb_table",
                                                                  "aws_dynamodb_table_replica")
                     and key_id and key_id in json.dumps(r.values)]
        if elsewhere:
            for position in owners:
                tables[position].notes.append(f"its key {key.address} is also used by {', '.join(elsewhere)}: it stays "
                                              "in the old configuration, and the table refers to it by ARN")
            continue
        aliases = [a for a in state if a.type == "aws_kms_alias" and key_id
                   and key_id in (a.values.get("target_key_id"), str(a.values.get("target_key_arn", "")).split("/")[-1])]
        for position in owners:
            tables[position].key_addresses += [key.config_address, *(a.config_address for a in aliases)]


def read(document: Mapping[str, Any]) -> StateTables:
    """The tables of a ``terraform show -json`` document, with what serves them."""
    state = resources(document)
    found: dict[tuple[str, str], LiveTable] = {}
    for resource in state:
        if resource.type == "aws_dynamodb_table":
            table = _table(resource)
            found[(table.name, table.region)] = table
    if not found:
        raise MigrateError("the state holds no aws_dynamodb_table (nothing to migrate)")
    by_name: dict[str, list[LiveTable]] = {}
    for table in found.values():
        by_name.setdefault(table.name, []).append(table)
    # replicas first (policies and scaling name their Regions), a target's bounds before its policy
    order = {"aws_dynamodb_table_replica": 0, "aws_appautoscaling_target": 1, "aws_appautoscaling_policy": 2}
    for resource in sorted(state, key=lambda r: order.get(r.type, 3)):
        if resource.type != "aws_dynamodb_table":
            _attach(found, resource, by_name)
    tables = list(found.values())
    _keys(state, tables)
    return StateTables(tables, state)
