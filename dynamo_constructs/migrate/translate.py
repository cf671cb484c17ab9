"""From a live table to the library's arguments: each setting as the value object a person would
write, checked by the same rules the library applies at synth (its value objects are built here,
without the engine), or a reason why the library cannot express it — then the table is left out.

The code is faithful first: every argument keeps the live value, also where it differs from the
library's defaults (those are listed, so hardening can follow as ordinary reviewed changes).
"""

from __future__ import annotations

import json
import keyword
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..billing import Billing, Capacity
from ..encryption import TableEncryption
from ..errors import TableConfigError
from ..names import check_tags
from ..recovery import DEFAULT_RECOVERY_PERIOD_DAYS, PointInTimeRecovery
from ..schema import Attribute, GlobalSecondaryIndex, LocalSecondaryIndex, Projection, TableSchema
from ..ttl import TimeToLive
from ..validation import full_match, matches
from ..warm import MIN_READ_UNITS, MIN_WRITE_UNITS, WarmThroughput
from .model import Index, Key, LiveTable, Scaling, stream_region

METRICS = {"read": "DynamoDBReadCapacityUtilization", "write": "DynamoDBWriteCapacityUtilization"}
ATTRIBUTE = {"S": "string", "N": "number", "B": "binary"}


class Unexpressible(Exception):
    """A live setting the library cannot reproduce (the table is left out, with this reason)."""


@dataclass(frozen=True)
class Code:
    """Python source of one expression, the names it needs from dynamo_constructs, and its shape
    (a call's function and arguments, or a list's items) so it can be laid out over several lines."""

    text: str
    names: frozenset[str] = frozenset()
    function: str | None = None
    arguments: tuple[tuple[str | None, Code], ...] = ()  # (keyword or None, value)
    items: tuple[Code, ...] | None = None

    def __str__(self) -> str:
        return self.text

    def layout(self, indent: int, column: int | None = None, width: int = 110) -> str:
        """The source starting at ``column`` on a line indented by ``indent``: one line when it fits,
        else one argument or item a line, each indented one level more."""
        start = indent if column is None else column
        if start + len(self.text) <= width or (self.function is None and self.items is None):
            return self.text
        inner = indent + 4
        if self.items is not None:
            lines = [f"{' ' * inner}{item.layout(inner)}," for item in self.items]
            return "[\n" + "\n".join(lines) + "\n" + " " * indent + "]"
        lines = []
        for name, value in self.arguments:
            prefix = f"{name}=" if name else ""
            lines.append(f"{' ' * inner}{prefix}{value.layout(inner, inner + len(prefix))},")
        return f"{self.function}(\n" + "\n".join(lines) + "\n" + " " * indent + ")"


def _string(value: str) -> str:
    """A string literal in double quotes, as the project writes them (repr when that would need escapes)."""
    return f'"{value}"' if value.isprintable() and '"' not in value and "\\" not in value else repr(value)


def _source(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, float) and value.is_integer():
        return repr(int(value))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_source(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_source(k)}: {_source(v)}" for k, v in value.items()) + "}"
    return repr(value)


def literal(value: Any) -> Code:
    """A plain Python literal (strings, numbers, booleans, None, lists and dicts of them)."""
    return Code(_source(value))


def call(function: str, *args: Code | Any, method: bool = False, **kwargs: Code | Any) -> Code:
    """``function(arg, key=value)``; ``function`` is a library name (``Name`` or ``Name.constructor``),
    or with ``method`` a method of a variable of the app (``orders.add_to_resource_policy``)."""
    arguments = tuple((None, _code(a)) for a in args) + tuple((k, _code(v)) for k, v in kwargs.items())
    text = ", ".join(f"{k}={v.text}" if k else v.text for k, v in arguments)
    own: frozenset[str] = frozenset() if method else frozenset({function.split(".", maxsplit=1)[0]})
    names = own.union(*(v.names for _, v in arguments))
    return Code(f"{function}({text})", names, function, arguments)


def listing(items: Sequence[Code]) -> Code:
    return Code("[" + ", ".join(i.text for i in items) + "]", frozenset().union(*(i.names for i in items)),
                items=tuple(items))


def _code(value: Code | Any) -> Code:
    return value if isinstance(value, Code) else literal(value)


@dataclass
class Argument:
    """One keyword argument of the generated ``Table``: its code and, when it keeps a live value that
    differs from the library's default, why that is worth a look later."""

    name: str
    code: Code
    differs: str | None = None


@dataclass
class TableCode:
    """What the generated app says about one table."""

    table: LiveTable
    variable: str
    construct: str = "Table"  # or a domain construct
    arguments: list[Argument] = field(default_factory=list)
    statements: list[Code] = field(default_factory=list)  # after the table: policies, destinations
    needs_providers: set[str] = field(default_factory=set)  # Regions of replica providers


def _checked(what: str, make: Callable[[], Any]) -> Any:
    """Build a library value (so its rules run); a rule the live value breaks makes the table unexpressible."""
    try:
        return make()
    except TableConfigError as error:
        raise Unexpressible(f"{what}: {error}") from None


def key(attribute: Key) -> tuple[Attribute, Code]:
    kind = ATTRIBUTE.get(attribute.type)
    if kind is None:
        raise Unexpressible(f"attribute {attribute.name!r} has type {attribute.type!r}")
    value = _checked(f"attribute {attribute.name!r}", lambda: getattr(Attribute, kind)(attribute.name))
    return value, call(f"Attribute.{kind}", attribute.name)


def projection(index: Index) -> tuple[Projection, Code | None]:
    if index.projection == "ALL":
        return Projection.all(), None  # the default
    if index.projection == "KEYS_ONLY":
        return Projection.keys_only(), call("Projection.keys_only")
    names = list(index.non_key_attributes)
    return (_checked(f"index {index.name!r} projection", lambda: Projection.include(names)),
            call("Projection.include", names))


def capacity(what: str, units: int | None, scaling: Scaling | None, side: str,
             default_tags: Mapping[str, str]) -> tuple[Capacity, Code]:
    """A provisioned capacity: fixed at the live units, or autoscaled as the live target and policy say
    (a target's tags beyond the provider's default tags are the capacity's own)."""
    if scaling is None:
        fixed = units or 0
        return _checked(what, lambda: Capacity.fixed(fixed)), call("Capacity.fixed", fixed)
    problems = list(scaling.other)
    if scaling.policy_name is None:
        problems.append("a scaling target without a target-tracking policy (the library makes both)")
    elif scaling.policy_type not in (None, "TargetTrackingScaling"):
        problems.append(f"a {scaling.policy_type} scaling policy (the library makes target-tracking policies)")
    elif scaling.metric != METRICS[side]:
        problems.append(f"a scaling policy tracking {scaling.metric} (the library tracks {METRICS[side]})")
    if problems:
        raise Unexpressible(f"{what}: " + "; ".join(problems))
    values: dict[str, Any] = {"minimum": scaling.minimum, "maximum": scaling.maximum}
    if scaling.target_value is not None:
        values["target_utilization"] = float(scaling.target_value)
    values["scale_in_cooldown"] = scaling.scale_in_cooldown or 0
    values["scale_out_cooldown"] = scaling.scale_out_cooldown or 0
    if scaling.disable_scale_in:
        values["disable_scale_in"] = True
    values["policy_name"] = scaling.policy_name
    target_tags = own(scaling.tags or {}, default_tags)
    if target_tags:
        values["tags"] = dict(sorted(target_tags.items()))
    arguments: dict[str, Any] = {k: literal(v) for k, v in values.items()}
    return _checked(what, lambda: Capacity.autoscaled(**values)), call("Capacity.autoscaled", **arguments)


def billing(table: LiveTable, default_tags: Mapping[str, str]) -> tuple[Billing, Code | None, tuple[Capacity, Capacity] | None]:
    """The table's billing (code None: the default, on demand without caps)."""
    t = table.throughput
    if table.billing_mode == "PROVISIONED":
        read, read_code = capacity("table read capacity", t.read, t.read_scaling, "read", default_tags)
        write, write_code = capacity("table write capacity", t.write, t.write_scaling, "write", default_tags)
        made = _checked("billing", lambda: Billing.provisioned(read_capacity=read, write_capacity=write))
        return made, call("Billing.provisioned", read_capacity=read_code, write_capacity=write_code), (read, write)
    if t.read_scaling or t.write_scaling:
        raise Unexpressible("scaling targets on an on-demand table (the library scales provisioned capacity only)")
    caps: dict[str, Any] = {k: v for k, v in (("max_read_request_units", t.max_read), ("max_write_request_units", t.max_write)) if v}
    made = _checked("billing", lambda: Billing.on_demand(**caps))
    return made, (call("Billing.on_demand", **caps) if caps else None), None


def global_index(index: Index, table_capacities: tuple[Capacity, Capacity] | None,
                 default_tags: Mapping[str, str]) -> tuple[GlobalSecondaryIndex, Code]:
    arguments: dict[str, Any] = {"name": index.name}
    values: dict[str, Any] = {"name": index.name}
    for part, first, more in (("partition_key", index.partition_key, index.more_partition),
                              ("sort_key", index.sort_key, index.more_sort)):
        if first is None:
            continue
        if more:  # a multi-attribute key (hashicorp/aws >= 6.37: the stack's range follows)
            attributes = [key(k) for k in (first, *more)]
            values[f"{part}s"], arguments[f"{part}s"] = [m for m, _ in attributes], listing([c for _, c in attributes])
        else:
            values[part], arguments[part] = key(first)
    values["projection"], projected = projection(index)
    if projected is not None:
        arguments["projection"] = projected
    t = index.throughput
    if table_capacities is not None:
        for side, units, scaling, inherited in (("read", t.read, t.read_scaling, table_capacities[0]),
                                                ("write", t.write, t.write_scaling, table_capacities[1])):
            made, made_code = capacity(f"index {index.name!r} {side} capacity", units, scaling, side, default_tags)
            if made != inherited:  # an index without capacity inherits the table's
                values[f"{side}_capacity"], arguments[f"{side}_capacity"] = made, made_code
    else:
        for side, cap in (("read", t.max_read), ("write", t.max_write)):
            if cap:
                values[f"max_{side}_request_units"] = arguments[f"max_{side}_request_units"] = cap
        if t.read_scaling or t.write_scaling:
            raise Unexpressible(f"index {index.name!r}: scaling targets on an on-demand table")
    if index.insights is not None:
        values["contributor_insights"] = arguments["contributor_insights"] = _insights_mode(index.insights)
    warm = warm_arguments(index.warm)
    if warm:
        values["warm_throughput"] = _checked(f"index {index.name!r} warm throughput", lambda: WarmThroughput(**warm))
        arguments["warm_throughput"] = call("WarmThroughput", **warm)
    made = _checked(f"index {index.name!r}", lambda: GlobalSecondaryIndex(**values))
    return made, call("GlobalSecondaryIndex", **arguments)


def warm_arguments(warm: tuple[int, int] | None) -> dict[str, Any]:
    """The sides of a live warm throughput above AWS's defaults (every table starts there, and a
    warm throughput at them is left out; the provider then keeps whatever AWS has)."""
    if warm is None:
        return {}
    read, write = warm
    return {k: v for k, v in (("read_units_per_second", read if read > MIN_READ_UNITS else None),
                              ("write_units_per_second", write if write > MIN_WRITE_UNITS else None)) if v}


def local_index(index: Index) -> tuple[LocalSecondaryIndex, Code]:
    assert index.sort_key is not None
    sort, sort_code = key(index.sort_key)
    made_projection, projected = projection(index)
    arguments: dict[str, Any] = {"name": index.name, "sort_key": sort_code}
    if projected is not None:
        arguments["projection"] = projected
    made = _checked(f"local index {index.name!r}", lambda: LocalSecondaryIndex(
        name=index.name, sort_key=sort, projection=made_projection))
    return made, call("LocalSecondaryIndex", **arguments)


def encryption(table: LiveTable) -> Code | None:
    if table.encryption == "AWS_OWNED":
        return None  # the default
    if table.encryption == "AWS_MANAGED":
        return call("TableEncryption.aws_managed")
    arn = table.kms_key_arn
    _checked("encryption", lambda: TableEncryption.customer_managed_key(arn))
    return call("TableEncryption.customer_managed_key", arn)


def variable_name(name: str, taken: set[str]) -> str:
    """A readable Python identifier for a table name, unique among ``taken``."""
    base = re.sub(r"[^0-9a-zA-Z_]+", "_", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)).strip("_").lower() or "table"
    if base[0].isdigit():
        base = f"table_{base}"
    if keyword.iskeyword(base) or base in ("app", "stack", "dynamo_constructs"):
        base = f"{base}_table"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    taken.add(candidate)
    return candidate


def policy_statements(document: str, table: LiveTable) -> list[Code]:
    """The live resource policy as ``PolicyStatement``s, or Unexpressible when it says more than
    they can (the library writes each statement's Resource: the table, and its indexes when it has any)."""
    try:
        parsed = json.loads(document)
    except ValueError:
        raise Unexpressible("its resource policy is not JSON") from None
    statements = parsed.get("Statement", [])
    statements = statements if isinstance(statements, list) else [statements]
    indexed = bool(table.global_indexes or table.local_indexes)
    expected = {table.arn, f"{table.arn}/index/*"} if indexed else {table.arn}
    result = []
    for statement in statements:
        unknown = set(statement) - {"Sid", "Effect", "Principal", "Action", "Resource", "Condition"}
        resources = statement.get("Resource")
        resources = set(resources if isinstance(resources, list) else [resources])
        table_only = indexed and resources == {table.arn}
        if unknown or (resources != expected and not table_only):
            raise Unexpressible(f"its resource policy has a statement the library writes differently ({sorted(unknown)} "
                                f"or Resource {sorted(map(str, resources))} instead of {sorted(map(str, expected))})")
        actions = statement.get("Action")
        arguments: dict[str, Any] = {"principals": listing(_principals(statement.get("Principal"))),
                                     "actions": sorted(actions) if isinstance(actions, list) else [actions]}
        if statement.get("Effect", "Allow") != "Allow":
            arguments["effect"] = statement["Effect"]
        if statement.get("Sid"):
            arguments["sid"] = statement["Sid"]
        if statement.get("Condition"):
            arguments["conditions"] = statement["Condition"]
        if table_only:
            arguments["include_indexes"] = False
        result.append(call("PolicyStatement", **arguments))
    return result


ROLE_OR_USER = re.compile(r"arn:[a-z-]+:iam::\d{12}:(?P<kind>role|user)/.+")
ACCOUNT = re.compile(r"\d{12}")
ROOT = re.compile(r"arn:[a-z-]+:iam::(?P<account>\d{12}):root")


def _principals(principal: Any) -> list[Code]:
    if not isinstance(principal, Mapping):
        raise Unexpressible(f"a resource-policy principal {principal!r} (the library names accounts, roles, users or services)")
    found: list[Code] = []
    for kind, values in principal.items():
        for value in values if isinstance(values, list) else [values]:
            if kind == "Service":
                found.append(call("Principal.service", value))
            elif kind == "AWS" and (root := full_match(ROOT, str(value))) is not None:
                found.append(call("Principal.account", root.group("account")))
            elif kind == "AWS" and matches(ACCOUNT, str(value)):
                found.append(call("Principal.account", str(value)))
            elif kind == "AWS" and (identity := full_match(ROLE_OR_USER, str(value))) is not None:
                found.append(call(f"Principal.{identity.group('kind')}", value))
            else:
                raise Unexpressible(f"a resource-policy principal {kind}: {value!r} (the library names accounts, roles, "
                                    "users or services; never '*')")
    return found


def same_policy(one: str | None, other: str | None) -> bool:
    """Two policy documents alike as JSON, Regions in ARNs aside (a replica's policy names its own ARN)."""
    def normal(text: str | None) -> Any:
        if text is None:
            return None
        try:
            return json.loads(re.sub(r"(arn:[a-z-]+:dynamodb:)[a-z0-9-]+(:)", r"\1\2", text))
        except ValueError:
            return text
    return bool(normal(one) == normal(other))


def table_arguments(table: LiveTable, code: TableCode, provider_tags: Mapping[str, Mapping[str, str]]) -> None:
    """Fill ``code.arguments`` from the live table; raises Unexpressible. ``provider_tags``: the
    generated stack's default tags per Region."""
    default_tags = provider_tags.get(table.region, {})
    args = code.arguments
    partition, partition_code = key(table.partition_key)
    sort = key(table.sort_key) if table.sort_key else None
    args += [Argument("table_name", literal(table.name)), Argument("partition_key", partition_code)]
    if sort is not None:
        args.append(Argument("sort_key", sort[1]))
    made_billing, billing_code, capacities = billing(table, default_tags)
    if billing_code is not None:
        args.append(Argument("billing", billing_code))
    gsis = [global_index(i, capacities, default_tags) for i in table.global_indexes]
    lsis = [local_index(i) for i in table.local_indexes]
    schema = _checked("keys and indexes", lambda: TableSchema.build(partition, sort[0] if sort else None,
                                                                   [g for g, _ in gsis], [lsi for lsi, _ in lsis]))
    _checked("indexes", lambda: schema.index_capacities(made_billing))
    if gsis:
        args.append(Argument("global_indexes", listing([c for _, c in gsis])))
    if lsis:
        args.append(Argument("local_indexes", listing([c for _, c in lsis])))
    if table.ttl_attribute is not None:
        _checked("TTL", lambda: TimeToLive.build(table.ttl_attribute, table.ttl_enabled,
                                                 {a.name: a for a in schema.attributes}))
        args.append(Argument("time_to_live_attribute", literal(table.ttl_attribute)))
        if not table.ttl_enabled:
            args.append(Argument("time_to_live_enabled", literal(False)))
    if table.stream_view is not None and not table.replicas:
        args.append(Argument("stream", literal(table.stream_view)))
    _checked("point-in-time recovery", lambda: PointInTimeRecovery.build(table.pitr, table.pitr_days))
    if not table.pitr:
        args.append(Argument("point_in_time_recovery", literal(False),
                             "point-in-time recovery is off (the library's default is on, with a 35-day window)"))
    elif table.pitr_days not in (None, DEFAULT_RECOVERY_PERIOD_DAYS):
        args.append(Argument("recovery_period_days", literal(table.pitr_days),
                             f"the PITR window is {table.pitr_days} days (the library's default is 35)"))
    if table.table_class != "STANDARD":
        args.append(Argument("table_class", literal(table.table_class)))
    if not table.deletion_protection:
        args.append(Argument("deletion_protection", literal(False),
                             "deletion protection is off (the library's default is on)"))
    if table.insights is not None:
        args.append(Argument("contributor_insights", literal(_insights_mode(table.insights))))
    sse = encryption(table)
    if sse is not None:
        args.append(Argument("encryption", sse))
    own_tags = own(table.tags, default_tags)
    if own_tags:
        _checked("tags", lambda: check_tags("tags", own_tags, None))
        args.append(Argument("tags", literal(dict(sorted(own_tags.items())))))
    warm = warm_arguments(table.warm)
    if warm:
        _checked("warm throughput", lambda: WarmThroughput(**warm))
        args.append(Argument("warm_throughput", call("WarmThroughput", **warm),
                             "warm throughput is above AWS's defaults: the stack needs hashicorp/aws >= 6.13"))
    _replicas(table, code, own_tags, provider_tags)


def own(tags: Mapping[str, str], default_tags: Mapping[str, str]) -> dict[str, str]:
    """The tags a resource sets itself: all it has but the provider's default tags (same key and value)."""
    return {k: v for k, v in tags.items() if default_tags.get(k) != v}


def default_tags_by_region(tables: Sequence[LiveTable]) -> dict[str, dict[str, str]]:
    """The generated providers' default tags, per Region: the old providers' default tags every table
    there has (from a state), or else the tags every scaling target there carries, when every table
    has them too (read from AWS, where default tags are not told apart)."""
    result: dict[str, dict[str, str]] = {}
    for region in sorted({t.region for t in tables}):
        here = [t for t in tables if t.region == region]
        known = [t.default_tags for t in here if t.default_tags is not None]
        if not known:
            known = [s.tags for t in here for s in t.scalings if s.tags]
        common = dict(set.intersection(*(set(k.items()) for k in known))) if known else {}
        result[region] = {k: v for k, v in sorted(common.items()) if all(t.tags.get(k) == v for t in here)}
    return result


def _replicas(table: LiveTable, code: TableCode, own_tags: Mapping[str, str],
              provider_tags: Mapping[str, Mapping[str, str]]) -> None:
    if not table.replicas:
        if table.witness_region:
            raise Unexpressible("a witness without replicas")
        return
    replicas = []
    for replica in table.replicas:
        arguments: dict[str, Any] = {"region": replica.region, "provider": Code(provider_variable(replica.region))}
        if replica.kms_key_arn and table.encryption == "CUSTOMER_MANAGED":
            arguments["kms_key_arn"] = replica.kms_key_arn
        if replica.point_in_time_recovery is not None and replica.point_in_time_recovery != table.pitr:
            arguments["point_in_time_recovery"] = replica.point_in_time_recovery
        if replica.deletion_protection is not None and replica.deletion_protection != table.deletion_protection:
            arguments["deletion_protection"] = replica.deletion_protection
        if replica.table_class:
            arguments["table_class"] = replica.table_class
        if replica.tags is not None:
            replica_defaults = dict(provider_tags.get(replica.region, provider_tags.get(table.region, {})))
            mine = own(replica.tags, replica_defaults)
            propagated = all(mine.get(k) == v for k, v in own_tags.items())
            extra = {k: v for k, v in mine.items() if not (propagated and own_tags.get(k) == v)}
            if not propagated and own_tags:
                arguments["propagate_tags"] = False
            if extra:
                arguments["tags"] = dict(sorted(extra.items()))
        if table.billing_mode == "PROVISIONED" and (table.throughput.read_scaling or table.throughput.write_scaling) \
                and replica.scaled_regions is False:
            raise Unexpressible(f"the table is autoscaled but its {replica.region} replica has no scaling targets; the "
                                "library autoscales every replica Region")
        if not same_policy(table.resource_policy, replica.resource_policy):
            raise Unexpressible(f"the {replica.region} replica's resource policy differs from the table's; the library "
                                "gives every replica the table's statements")
        if replica.insights is not None:
            arguments["contributor_insights"] = _insights_mode(replica.insights)
        if replica.index_insights:
            arguments["index_contributor_insights"] = {name: _insights_mode(mode)
                                                       for name, mode in sorted(replica.index_insights.items())}
        streams = [(arn, precision) for arn, precision in table.kinesis if stream_region(arn) == replica.region]
        if len(streams) > 1:
            raise Unexpressible(f"the {replica.region} replica streams to {len(streams)} Kinesis streams; the library "
                                "streams a replica to one")
        for stream_arn, precision in streams:
            arguments["kinesis_stream_arn"] = stream_arn
            if precision:
                arguments["kinesis_precision"] = precision
        code.needs_providers.add(replica.region)
        replicas.append(call("Replica", **arguments))
    code.arguments.append(Argument("replicas", listing(replicas)))
    if table.strong_consistency:
        code.arguments.append(Argument("consistency", literal("STRONG"),
                                       "multi-Region strong consistency: the stack needs hashicorp/aws >= 6.9"))
        if table.witness_region:
            code.arguments.append(Argument("witness_region", literal(table.witness_region)))


def _insights_mode(mode: str) -> Any:
    """``True`` for AWS's default mode, else the mode's name."""
    return True if mode == "ACCESSED_AND_THROTTLED_KEYS" else mode


def provider_variable(region: str) -> str:
    """The generated app's variable for a Region's provider."""
    return region.replace("-", "_")


def translate(table: LiveTable, taken: set[str], provider_tags: Mapping[str, Mapping[str, str]]) -> TableCode:
    """The generated code of one table; ``table.problems`` says why when it cannot be expressed."""
    code = TableCode(table, variable_name(table.name, taken))
    try:
        if table.problems:
            raise Unexpressible("; ".join(table.problems))
        if table.stream_policy:
            raise Unexpressible("its stream has a resource policy, which cannot be imported before the table is in state")
        table_arguments(table, code, provider_tags)
        if table.resource_policy:
            code.statements += [call(f"{code.variable}.add_to_resource_policy", s, method=True)
                                for s in policy_statements(table.resource_policy, table)]
        replica_regions = {r.region for r in table.replicas}
        regions = {stream_region(arn) or table.region for arn, _ in table.kinesis}
        elsewhere = sorted(regions - {table.region, *replica_regions})
        if elsewhere:
            raise Unexpressible(f"a Kinesis destination in {', '.join(elsewhere)}, neither the table's Region nor a "
                                "replica's")
        own = [(arn, precision) for arn, precision in table.kinesis if stream_region(arn) in (None, table.region)]
        for position, (stream_arn, precision) in enumerate(own):
            suffix = "" if position == 0 else f"_{position + 1}"
            arguments: dict[str, Any] = {"table": Code(code.variable), "stream_arn": stream_arn}
            if precision:
                arguments["precision"] = precision
            arguments["adopt_existing"] = True
            destination = call("KinesisStreamingDestination", Code("stack"), f"{code.variable}_to_kinesis{suffix}",
                               **arguments)
            code.statements.append(destination)
    except Unexpressible as reason:
        table.problems = [str(reason)]
    return code
