"""Keys, attributes and secondary indexes: what users declare and what is derived from it.

Users name key attributes (with their types) on the table and on each index; the attribute
definitions Terraform needs are derived here, so "attribute defined but not indexed" or
"index key not defined" cannot be written. Rules that need one value object are checked when
it is made; rules across the table (duplicate names, one attribute with two types, LSIs
without a table sort key, key attributes listed as projected) when the schema is built.

A global index's partition and sort key may each be made of up to four attributes (DynamoDB's
multi-attribute keys, November 2025; AWS CDK's ``partitionKeys``/``sortKeys``). Such an index is
rendered with the provider's ``key_schema`` blocks (hashicorp/aws >= 6.29, safe from
``KEY_SCHEMA_VERSION`` on: see its comment); an index with one attribute per part keeps the
``hash_key``/``range_key`` form every provider since 5.x reads.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ._values import ClosedValue
from .billing import Billing, Capacity, check_capacity, check_request_units, on_demand_caps
from .insights import ContributorInsightsMode, check_insights
from .names import check_attribute_name, check_resource_name
from .validation import check, check_sequence, checked_arguments, coerce_enum, fail
from .warm import WarmThroughput, check_warm_throughput

MAX_GSIS = 20
MAX_LSIS = 5
MAX_NON_KEY_ATTRIBUTES_PER_INDEX = 20
MAX_PROJECTED_NON_KEY_ATTRIBUTES = 100
MAX_KEY_ATTRIBUTES = 4  # per part (partition or sort) of a global index's multi-attribute key
# hashicorp/aws: key_schema in global_secondary_index since 6.29.0 (#45357); 6.32.1 fixed a diff on
# every plan for an index with a RANGE key_schema (#46442); the fix for "removing one index deletes
# and re-creates every index" (#46601, #46602) shipped in 6.36/6.37 (sources differ): the floor is
# the later, so removing an index never rebuilds the others.
KEY_SCHEMA_VERSION = "6.37.0"
PROJECTION_CONSTRUCTORS = "Projection.all(), Projection.keys_only() or Projection.include([...])"


class AttributeType(StrEnum):
    """DynamoDB key attribute types (``Attribute(type=...)``; ``Attribute.string/number/binary`` read best)."""

    STRING = "S"
    """String (``S``)."""
    NUMBER = "N"
    """Number (``N``); a TTL attribute must not be a key of another type."""
    BINARY = "B"
    """Binary (``B``)."""


@checked_arguments
@dataclass(frozen=True, kw_only=True)
class Attribute:
    """A key attribute: its name and scalar type. ``Attribute.string("pk")`` and friends read best.

    The table derives its attribute definitions from the keys of the table and its indexes; one
    attribute name must have one type throughout.

    Args:
        name: The attribute's name: 1-255 bytes of UTF-8.
        type: ``AttributeType.STRING``, ``NUMBER`` or ``BINARY`` (or ``"S"``, ``"N"``, ``"B"``).
    """

    name: str
    type: AttributeType = AttributeType.STRING

    def __post_init__(self) -> None:
        where = f"Attribute {self.name!r}"
        check_attribute_name("name", self.name, where)
        object.__setattr__(self, "type", coerce_enum("type", AttributeType, self.type, where))

    @staticmethod
    def string(name: str) -> Attribute:
        """A String key attribute.

        Args:
            name: The attribute's name (1-255 bytes).
        """
        return Attribute(name=name, type=AttributeType.STRING)

    @staticmethod
    def number(name: str) -> Attribute:
        """A Number key attribute.

        Args:
            name: The attribute's name (1-255 bytes).
        """
        return Attribute(name=name, type=AttributeType.NUMBER)

    @staticmethod
    def binary(name: str) -> Attribute:
        """A Binary key attribute.

        Args:
            name: The attribute's name (1-255 bytes).
        """
        return Attribute(name=name, type=AttributeType.BINARY)


@checked_arguments
class Projection(ClosedValue, ABC):
    """Which attributes an index copies: ``all()``, ``keys_only()`` or ``include([...])``.
    ``Projection(...)`` cannot be called directly. The table's and the index's keys are always projected.
    """

    _constructors = PROJECTION_CONSTRUCTORS

    @staticmethod
    def all() -> Projection:
        """Every attribute (the default of an index)."""
        return _All()

    @staticmethod
    def keys_only() -> Projection:
        """The table's and the index's key attributes only."""
        return _KeysOnly()

    @staticmethod
    def include(non_key_attributes: Sequence[str]) -> Projection:
        """The keys plus named non-key attributes (at most 100 over all of a table's indexes, an
        attribute in two indexes counted twice).

        Args:
            non_key_attributes: 1-20 attribute names, each once. The index's own key attributes are
                refused (always projected); the table's key attributes are accepted (DynamoDB takes them,
                and existing tables have them).
        """
        where = "Projection.include"
        names = check_sequence("non_key_attributes", non_key_attributes, "of attribute names", where)
        check(bool(names), "non_key_attributes", list(names), "INCLUDE needs at least one non-key attribute", where)
        check(len(names) <= MAX_NON_KEY_ATTRIBUTES_PER_INDEX, "non_key_attributes", f"{len(names)} attributes",
              f"expected at most {MAX_NON_KEY_ATTRIBUTES_PER_INDEX} non-key attributes per index", where)
        for position, name in enumerate(names):
            check_attribute_name(f"non_key_attributes[{position}]", name, where)
        check(len(set(names)) == len(names), "non_key_attributes", list(names),
              "each non-key attribute may be listed once", where)
        return _Include(names=tuple(names))

    @property
    @abstractmethod
    def type(self) -> str:
        """``ALL``, ``KEYS_ONLY`` or ``INCLUDE``."""

    @property
    def non_key_attributes(self) -> tuple[str, ...]:
        """The named attributes of an ``include`` projection (empty otherwise)."""
        return ()

    def _render(self) -> dict[str, Any]:
        return {"projection_type": self.type,
                **({"non_key_attributes": list(self.non_key_attributes)} if self.non_key_attributes else {})}


@dataclass(frozen=True, repr=False)
class _All(Projection):
    _spelling = "Projection.all"

    @property
    def type(self) -> str:
        return "ALL"


@dataclass(frozen=True, repr=False)
class _KeysOnly(Projection):
    _spelling = "Projection.keys_only"

    @property
    def type(self) -> str:
        return "KEYS_ONLY"


@dataclass(frozen=True, repr=False)
class _Include(Projection):
    names: tuple[str, ...]

    def __repr__(self) -> str:
        return f"Projection.include({list(self.names)!r})"

    @property
    def type(self) -> str:
        return "INCLUDE"

    @property
    def non_key_attributes(self) -> tuple[str, ...]:
        return self.names


def _check_key(field_: str, key: Any, where: str | None, optional: bool = False) -> None:
    if optional and key is None:
        return
    check(isinstance(key, Attribute), field_, key, "expected Attribute.string/number/binary(name)", where)


def _check_projection(projection: Any, where: str) -> None:
    check(isinstance(projection, Projection), "projection", projection, f"expected {PROJECTION_CONSTRUCTORS}", where)


def _key_part(field_: str, single: Any, many: Any, where: str, required: bool) -> tuple[Attribute, ...]:
    """One part of an index key: ``single`` (an Attribute) or ``many`` (1-4 Attributes), not both."""
    plural = f"{field_}s"
    if isinstance(single, (list, tuple)):
        fail(field_, [getattr(a, "name", a) for a in single],
             f"a key of several attributes is given as {plural}=[...] (1-{MAX_KEY_ATTRIBUTES} Attributes)", where)
    if many is None:
        if required or single is not None:
            _check_key(field_, single, where)
        return () if single is None else (single,)
    check(single is None, plural, many, f"give {field_}= or {plural}=, not both", where)
    attributes = check_sequence(plural, many, f"of 1-{MAX_KEY_ATTRIBUTES} Attribute.string/number/binary(name)", where)
    check(0 < len(attributes) <= MAX_KEY_ATTRIBUTES, plural, f"{len(attributes)} attributes",
          f"expected 1-{MAX_KEY_ATTRIBUTES} attributes (DynamoDB's multi-attribute key limit)", where)
    for attribute in attributes:
        _check_key(plural, attribute, where)
    return attributes



@checked_arguments
@dataclass(frozen=True, kw_only=True)
class GlobalSecondaryIndex:
    """A global secondary index: ``Table(global_indexes=[...])``. Its key: ``partition_key`` (one
    attribute) or ``partition_keys`` (1-4 attributes, hashed together), and optionally ``sort_key``
    or ``sort_keys`` (1-4 attributes, queried left to right); each attribute once in the key.
    Capacity applies in provisioned mode, the request-unit caps in on-demand mode. The stack's
    provider range follows what the index uses.

    Args:
        name: The index's name: 3-255 characters of letters, digits, ``_``, ``-`` or ``.``; unique in the table.
        partition_key: The partition key (required unless ``partition_keys`` is given).
        sort_key: The sort key, if any (it must differ from the partition key).
        projection: ``Projection.all()``, ``.keys_only()`` or ``.include([...])``.
        read_capacity: The index's read capacity in provisioned mode. Default: the table's.
        write_capacity: The index's write capacity in provisioned mode. Default: the table's.
        max_read_request_units: The index's on-demand read cap (>= 1, or ``Billing.UNLIMITED``).
            Default: none.
        max_write_request_units: The index's on-demand write cap (>= 1, or ``Billing.UNLIMITED``).
            Default: none.
        contributor_insights: True, False or a ``ContributorInsightsMode`` (>= 6.11.0).
        warm_throughput: ``WarmThroughput(...)`` of the index (hashicorp/aws >= 6.13.0). Default: AWS's.
        partition_keys: 1-4 attributes instead of ``partition_key`` (a multi-attribute key,
            hashicorp/aws >= 6.37.0). Default: none.
        sort_keys: 1-4 attributes instead of ``sort_key``. Default: none.

    Example:
        ```python
        from dynamo_constructs import Attribute, GlobalSecondaryIndex, Projection

        by_customer = GlobalSecondaryIndex(name="ByCustomer", partition_key=Attribute.string("customerId"),
                                           sort_key=Attribute.number("createdAt"), projection=Projection.keys_only())
        by_region = GlobalSecondaryIndex(name="ByTournamentRegion",
                                         partition_keys=[Attribute.string("tournamentId"), Attribute.string("region")])
        ```
    """

    name: str
    partition_key: Attribute | None = None
    sort_key: Attribute | None = None
    projection: Projection = field(default_factory=Projection.all)
    read_capacity: Capacity | None = None
    write_capacity: Capacity | None = None
    max_read_request_units: int | None = None
    max_write_request_units: int | None = None
    contributor_insights: bool | ContributorInsightsMode | str = False
    warm_throughput: WarmThroughput | None = None
    partition_keys: Sequence[Attribute] | None = None
    sort_keys: Sequence[Attribute] | None = None
    _key: tuple[tuple[Attribute, ...], tuple[Attribute, ...]] = field(init=False, repr=False, compare=False, default=((), ()))

    def __post_init__(self) -> None:
        where = f"GlobalSecondaryIndex {self.name!r}"
        check_resource_name("name", self.name, where)
        partition = _key_part("partition_key", self.partition_key, self.partition_keys, where, required=True)
        sort = _key_part("sort_key", self.sort_key, self.sort_keys, where, required=False)
        names = [a.name for a in (*partition, *sort)]
        repeated = sorted({n for n in names if names.count(n) > 1})
        check(not repeated, "sort_key" if self.sort_keys is None else "sort_keys",
              repeated[0] if len(repeated) == 1 else repeated,
              "each attribute appears once in an index's key (an index's sort key must differ from its partition key)",
              where)
        object.__setattr__(self, "_key", (partition, sort))
        if self.partition_keys is not None:
            object.__setattr__(self, "partition_keys", partition)
        if self.sort_keys is not None:
            object.__setattr__(self, "sort_keys", sort)
        _check_projection(self.projection, where)
        for name in ("read_capacity", "write_capacity"):
            check_capacity(f"{where} {name}", getattr(self, name))
        for name in ("max_read_request_units", "max_write_request_units"):
            check_request_units(name, getattr(self, name), where)
        check_insights("contributor_insights", self.contributor_insights, where)
        check_warm_throughput("warm_throughput", self.warm_throughput, where)

    @property
    def insights(self) -> tuple[bool, ContributorInsightsMode | None]:
        """(contributor insights on, explicit mode or None)."""
        return check_insights("contributor_insights", self.contributor_insights)

    @property
    def partition_attributes(self) -> tuple[Attribute, ...]:
        """The partition key's attributes (one, or up to four)."""
        return self._key[0]

    @property
    def sort_attributes(self) -> tuple[Attribute, ...]:
        """The sort key's attributes (none, one, or up to four), in query order."""
        return self._key[1]

    @property
    def keys(self) -> tuple[Attribute, ...]:
        """Every attribute of the index's key: the partition key's, then the sort key's."""
        return self.partition_attributes + self.sort_attributes

    @property
    def multi_attribute(self) -> bool:
        """A key part of more than one attribute: rendered as ``key_schema`` (hashicorp/aws >= 6.37)."""
        return len(self.partition_attributes) > 1 or len(self.sort_attributes) > 1

    def _render_key_schema(self, *, with_types: bool) -> list[dict[str, str]]:
        """HASH attributes first, then RANGE ones, in declaration order (AWS's rule); the index
        resource's blocks carry each attribute's type, the table's index blocks do not."""
        parts = [("HASH", a) for a in self.partition_attributes] + [("RANGE", a) for a in self.sort_attributes]
        return [{"attribute_name": a.name, **({"attribute_type": a.type.value} if with_types else {}), "key_type": kind}
                for kind, a in parts]


@checked_arguments
@dataclass(frozen=True, kw_only=True)
class LocalSecondaryIndex:
    """A local secondary index: the table's partition key with another sort key. Only at table
    creation (a change replaces the table); the table needs a sort key; at most 5.

    Args:
        name: The index's name: 3-255 characters of letters, digits, ``_``, ``-`` or ``.``; unique in the table.
        sort_key: The index's sort key (it must differ from the table's partition key).
        projection: ``Projection.all()``, ``.keys_only()`` or ``.include([...])``.
    """

    name: str
    sort_key: Attribute
    projection: Projection = field(default_factory=Projection.all)

    def __post_init__(self) -> None:
        where = f"LocalSecondaryIndex {self.name!r}"
        check_resource_name("name", self.name, where)
        _check_key("sort_key", self.sort_key, where)
        _check_projection(self.projection, where)


@dataclass(frozen=True)
class IndexCapacity:
    """A GSI's effective provisioned capacity: its own, else the table's."""

    index_name: str
    read: Capacity
    write: Capacity


@dataclass(frozen=True)
class TableSchema:
    """Keys and indexes of one table, validated together; attribute definitions derived."""

    partition_key: Attribute
    sort_key: Attribute | None
    global_indexes: tuple[GlobalSecondaryIndex, ...]
    local_indexes: tuple[LocalSecondaryIndex, ...]
    attributes: tuple[Attribute, ...]

    @staticmethod
    def build(partition_key: Any, sort_key: Any, global_indexes: Any, local_indexes: Any) -> TableSchema:
        """Raises TableConfigError (without a path; the Table adds it) for any CreateTable rule."""
        _check_key("partition_key", partition_key, None)
        _check_key("sort_key", sort_key, None, optional=True)
        gsis = check_sequence("global_indexes", global_indexes, "of GlobalSecondaryIndex(...)")
        lsis = check_sequence("local_indexes", local_indexes, "of LocalSecondaryIndex(...)")
        for position, index in enumerate(gsis):
            check(isinstance(index, GlobalSecondaryIndex), f"global_indexes[{position}]", index,
                  "expected GlobalSecondaryIndex(...)")
        for position, index in enumerate(lsis):
            check(isinstance(index, LocalSecondaryIndex), f"local_indexes[{position}]", index,
                  "expected LocalSecondaryIndex(...)")
        check(sort_key is None or sort_key.name != partition_key.name, "sort_key", sort_key.name if sort_key else None,
              "the sort key must differ from the partition key")
        check(len(gsis) <= MAX_GSIS, "global_indexes", f"{len(gsis)} indexes",
              f"expected at most {MAX_GSIS} global secondary indexes")
        check(len(lsis) <= MAX_LSIS, "local_indexes", f"{len(lsis)} indexes",
              f"expected at most {MAX_LSIS} local secondary indexes")
        check(not lsis or sort_key is not None, "local_indexes", [i.name for i in lsis],
              "local secondary indexes need a table sort key; add sort_key or use a global index")
        schema = TableSchema(partition_key, sort_key, gsis, lsis, ())
        object.__setattr__(schema, "attributes", schema._derive_attributes())
        schema._check_indexes()
        return schema

    def index_keys(self, index: GlobalSecondaryIndex | LocalSecondaryIndex) -> tuple[Attribute, ...]:
        if isinstance(index, GlobalSecondaryIndex):
            return index.keys
        return (self.partition_key, index.sort_key)

    @property
    def indexes(self) -> tuple[GlobalSecondaryIndex | LocalSecondaryIndex, ...]:
        return (*self.global_indexes, *self.local_indexes)

    @property
    def key_attributes(self) -> dict[str, Attribute]:
        """The table's own key attributes by name."""
        keys = {self.partition_key.name: self.partition_key}
        if self.sort_key is not None:
            keys[self.sort_key.name] = self.sort_key
        return keys

    def _derive_attributes(self) -> tuple[Attribute, ...]:
        """Every key attribute of the table and its indexes, each once, in declaration order."""
        seen: dict[str, tuple[Attribute, str]] = {}
        declared: list[tuple[str, Attribute]] = [(origin, key) for origin, key in
                                                 (("partition_key", self.partition_key), ("sort_key", self.sort_key))
                                                 if key is not None]
        declared += [(f"index {i.name!r}", key) for i in self.indexes for key in self.index_keys(i)]
        for origin, attr in declared:
            previous = seen.get(attr.name)
            if previous is None:
                seen[attr.name] = (attr, origin)
            elif previous[0].type != attr.type:
                fail(f"{origin} attribute {attr.name!r} type", attr.type.value,
                     f"{attr.name!r} is already declared as {previous[0].type.value} by {previous[1]}; "
                     "one attribute has one type")
        return tuple(attr for attr, _ in seen.values())

    def _check_indexes(self) -> None:
        names: set[str] = set()
        for index in self.indexes:
            prefix = f"index {index.name!r}"
            check(index.name not in names, "index name", index.name, "index names must be unique")
            names.add(index.name)
            if isinstance(index, LocalSecondaryIndex):
                check(index.sort_key.name != self.partition_key.name, f"{prefix} sort_key", index.sort_key.name,
                      "an LSI's sort key must differ from the table's partition key")
            # The index's own keys are refused; the table's keys (always projected too) DynamoDB
            # accepts in the list, and existing tables have them (terraform-aws-modules' examples do).
            for attr in index.projection.non_key_attributes:
                check(attr not in {a.name for a in self.index_keys(index)}, f"{prefix} non_key_attributes", attr,
                      "the index's own key attributes are always projected; list only other attributes")
        # AWS sums the non-key attributes of every index (one attribute in two indexes counts twice).
        total = sum(len(i.projection.non_key_attributes) for i in self.indexes)
        check(total <= MAX_PROJECTED_NON_KEY_ATTRIBUTES, "non_key_attributes", f"{total} in all indexes",
              f"expected at most {MAX_PROJECTED_NON_KEY_ATTRIBUTES} projected non-key attributes over all indexes")

    def index_capacities(self, billing: Billing) -> tuple[IndexCapacity, ...]:
        """Each GSI's effective capacity in provisioned mode (none in on-demand mode)."""
        result: list[IndexCapacity] = []
        table_capacities = billing.capacities
        for index in self.global_indexes:
            prefix = f"index {index.name!r}"
            if table_capacities is not None:
                for name in ("max_read_request_units", "max_write_request_units"):
                    check(getattr(index, name) is None, f"{prefix} {name}", getattr(index, name),
                          "request-unit caps apply only to on-demand tables")
                read, write = table_capacities
                result.append(IndexCapacity(index.name, index.read_capacity or read, index.write_capacity or write))
            else:
                for name in ("read_capacity", "write_capacity"):
                    check(getattr(index, name) is None, f"{prefix} {name}", getattr(index, name),
                          "index capacity (and so autoscaling) cannot be set on an on-demand table; "
                          "use Billing.provisioned(...) or max_*_request_units")
        return tuple(result)

    # ----- rendering ------------------------------------------------------------------

    def _render_attributes(self, *, global_indexes: bool = True) -> list[dict[str, str]]:
        """The attribute definitions; without ``global_indexes`` only the table's and the local
        indexes' keys (index resources carry their own attribute types)."""
        if global_indexes:
            used = {a.name for a in self.attributes}
        else:
            used = {a.name for a in (*self.key_attributes.values(), *(i.sort_key for i in self.local_indexes))}
        return [{"name": a.name, "type": a.type.value} for a in self.attributes if a.name in used]

    @property
    def multi_attribute_keys(self) -> bool:
        """Whether any global index has a key part of more than one attribute."""
        return any(i.multi_attribute for i in self.global_indexes)

    def _render_global_indexes(self, capacities: Sequence[IndexCapacity]) -> list[dict[str, Any]]:
        """The table's ``global_secondary_index`` blocks (with their effective capacities)."""
        by_name = {c.index_name: c for c in capacities}
        rendered = []
        for index in self.global_indexes:
            block: dict[str, Any] = {"name": index.name}
            if index.multi_attribute:
                block["key_schema"] = index._render_key_schema(with_types=False)
            else:
                block["hash_key"] = index.partition_attributes[0].name
                if index.sort_attributes:
                    block["range_key"] = index.sort_attributes[0].name
            block.update(index.projection._render())
            capacity = by_name.get(index.name)
            if capacity is not None:
                block["read_capacity"] = capacity.read.initial_units
                block["write_capacity"] = capacity.write.initial_units
            block.update(_render_throughput_caps(index))
            rendered.append(block)
        return rendered

    def _render_index_resources(self, capacities: Sequence[IndexCapacity]) -> dict[str, dict[str, Any]]:
        """index name -> the ``aws_dynamodb_global_secondary_index`` arguments but ``table_name``
        (the resource's blocks are lists, its ``warm_throughput`` an object)."""
        by_name = {c.index_name: c for c in capacities}
        rendered: dict[str, dict[str, Any]] = {}
        for index in self.global_indexes:
            capacity = by_name.get(index.name)
            arguments: dict[str, Any] = {
                "index_name": index.name,
                "key_schema": index._render_key_schema(with_types=True),
                "projection": [index.projection._render()],
            }
            if capacity is not None:
                arguments["provisioned_throughput"] = [{"read_capacity_units": capacity.read.initial_units,
                                                        "write_capacity_units": capacity.write.initial_units}]
            caps = _render_throughput_caps(index)
            if "on_demand_throughput" in caps:
                arguments["on_demand_throughput"] = [caps["on_demand_throughput"]]
            if "warm_throughput" in caps:
                arguments["warm_throughput"] = caps["warm_throughput"]
            rendered[index.name] = arguments
        return rendered

    def _render_local_indexes(self) -> list[dict[str, Any]]:
        return [{"name": i.name, "range_key": i.sort_key.name, **i.projection._render()} for i in self.local_indexes]


def _render_throughput_caps(index: GlobalSecondaryIndex) -> dict[str, Any]:
    """An index's on-demand caps and warm throughput, when it has them."""
    rendered: dict[str, Any] = {}
    caps = on_demand_caps(index.max_read_request_units, index.max_write_request_units)
    if caps:
        rendered["on_demand_throughput"] = caps
    if index.warm_throughput is not None:
        rendered["warm_throughput"] = index.warm_throughput._render()
    return rendered
