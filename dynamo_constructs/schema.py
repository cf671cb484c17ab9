"""Keys, attributes and secondary indexes: what users declare and what is derived from it.

Users name key attributes (with their types) on the table and on each index; the attribute
definitions Terraform needs are derived here, so "attribute defined but not indexed" or
"index key not defined" cannot be written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from .billing import Capacity
from .validation import check, check_attribute_name, check_int_range, check_resource_name

MAX_GSIS = 20
MAX_LSIS = 5
MAX_PROJECTED_NON_KEY_ATTRIBUTES = 100


class AttributeType(str, Enum):
    """DynamoDB key attribute types."""

    STRING = "S"
    NUMBER = "N"
    BINARY = "B"


@dataclass(frozen=True, kw_only=True)
class Attribute:
    """A key attribute: its name and scalar type."""

    name: str
    type: AttributeType = AttributeType.STRING

    @staticmethod
    def string(name: str) -> Attribute:
        return Attribute(name=name, type=AttributeType.STRING)

    @staticmethod
    def number(name: str) -> Attribute:
        return Attribute(name=name, type=AttributeType.NUMBER)

    @staticmethod
    def binary(name: str) -> Attribute:
        return Attribute(name=name, type=AttributeType.BINARY)


class ProjectionType(str, Enum):
    ALL = "ALL"
    KEYS_ONLY = "KEYS_ONLY"
    INCLUDE = "INCLUDE"


@dataclass(frozen=True, kw_only=True)
class Projection:
    """Which attributes an index copies. Use the named constructors."""

    type: ProjectionType = ProjectionType.ALL
    non_key_attributes: tuple[str, ...] = ()

    @staticmethod
    def all() -> Projection:
        return Projection(type=ProjectionType.ALL)

    @staticmethod
    def keys_only() -> Projection:
        return Projection(type=ProjectionType.KEYS_ONLY)

    @staticmethod
    def include(non_key_attributes: Sequence[str]) -> Projection:
        return Projection(type=ProjectionType.INCLUDE, non_key_attributes=tuple(non_key_attributes))


@dataclass(frozen=True, kw_only=True)
class GlobalSecondaryIndex:
    """A GSI. Capacity applies in provisioned mode (defaults to the table's); the request-unit
    caps apply in on-demand mode."""

    name: str
    partition_key: Attribute
    sort_key: Attribute | None = None
    projection: Projection = field(default_factory=Projection.all)
    read_capacity: Capacity | None = None
    write_capacity: Capacity | None = None
    max_read_request_units: int | None = None
    max_write_request_units: int | None = None
    contributor_insights: bool = False


@dataclass(frozen=True, kw_only=True)
class LocalSecondaryIndex:
    """An LSI: same partition key as the table, another sort key."""

    name: str
    sort_key: Attribute
    projection: Projection = field(default_factory=Projection.all)


SecondaryIndex = GlobalSecondaryIndex | LocalSecondaryIndex


def _all_indexes(global_indexes: Sequence[GlobalSecondaryIndex],
                 local_indexes: Sequence[LocalSecondaryIndex]) -> list[SecondaryIndex]:
    return [*global_indexes, *local_indexes]


def _index_keys(index: SecondaryIndex, partition_key: Attribute) -> list[Attribute]:
    if isinstance(index, GlobalSecondaryIndex):
        return [index.partition_key] + ([index.sort_key] if index.sort_key else [])
    return [partition_key, index.sort_key]


def derive_attributes(
    path: str,
    partition_key: Attribute,
    sort_key: Attribute | None,
    global_indexes: Sequence[GlobalSecondaryIndex],
    local_indexes: Sequence[LocalSecondaryIndex],
) -> list[Attribute]:
    """Every key attribute of the table and its indexes, each once, in declaration order.

    Raises when one attribute name is declared with two types.
    """
    seen: dict[str, Attribute] = {}
    where: dict[str, str] = {}
    declared: list[tuple[str, Attribute]] = [("partition_key", partition_key)]
    if sort_key is not None:
        declared.append(("sort_key", sort_key))
    for index in _all_indexes(global_indexes, local_indexes):
        for attr in _index_keys(index, partition_key):
            declared.append((f"index {index.name!r}", attr))
    for origin, attr in declared:
        check_attribute_name(path, f"{origin} attribute name", attr.name)
        check(
            isinstance(attr.type, AttributeType),
            path,
            f"{origin} attribute {attr.name!r} type",
            attr.type,
            "expected AttributeType.STRING ('S'), NUMBER ('N') or BINARY ('B')",
        )
        previous = seen.get(attr.name)
        if previous is None:
            seen[attr.name] = attr
            where[attr.name] = origin
        else:
            check(
                previous.type == attr.type,
                path,
                f"{origin} attribute {attr.name!r} type",
                attr.type.value,
                f"{attr.name!r} is already declared as {previous.type.value} by {where[attr.name]}; "
                "one attribute has one type",
            )
    return list(seen.values())


def validate_schema(
    path: str,
    partition_key: Attribute,
    sort_key: Attribute | None,
    global_indexes: Sequence[GlobalSecondaryIndex],
    local_indexes: Sequence[LocalSecondaryIndex],
) -> None:
    """Key, index-count, index-name and projection rules of DynamoDB's CreateTable."""
    check(
        sort_key is None or sort_key.name != partition_key.name,
        path,
        "sort_key",
        sort_key.name if sort_key else None,
        "the sort key must differ from the partition key",
    )
    check(len(global_indexes) <= MAX_GSIS, path, "global_indexes", f"{len(global_indexes)} indexes",
          f"expected at most {MAX_GSIS} global secondary indexes")
    check(len(local_indexes) <= MAX_LSIS, path, "local_indexes", f"{len(local_indexes)} indexes",
          f"expected at most {MAX_LSIS} local secondary indexes")
    check(
        not local_indexes or sort_key is not None,
        path,
        "local_indexes",
        [i.name for i in local_indexes],
        "local secondary indexes need a table sort key; add sort_key or use a global index",
    )
    names: set[str] = set()
    for index in _all_indexes(global_indexes, local_indexes):
        field_prefix = f"index {index.name!r}"
        check_resource_name(path, "index name", index.name)
        check(index.name not in names, path, "index name", index.name, "index names must be unique")
        names.add(index.name)
        if isinstance(index, GlobalSecondaryIndex):
            check(
                index.sort_key is None or index.sort_key.name != index.partition_key.name,
                path,
                f"{field_prefix} sort_key",
                index.sort_key.name if index.sort_key else None,
                "an index's sort key must differ from its partition key",
            )
            for unit_field in ("max_read_request_units", "max_write_request_units"):
                units = getattr(index, unit_field)
                if units is not None:
                    check_int_range(path, f"{field_prefix} {unit_field}", units, 1)
        else:
            check(
                index.sort_key.name != partition_key.name,
                path,
                f"{field_prefix} sort_key",
                index.sort_key.name,
                "an LSI's sort key must differ from the table's partition key",
            )
        projection = index.projection
        check(isinstance(projection, Projection), path, f"{field_prefix} projection", projection,
              "expected Projection.all(), Projection.keys_only() or Projection.include([...])")
        if projection.type is ProjectionType.INCLUDE:
            check(bool(projection.non_key_attributes), path, f"{field_prefix} non_key_attributes",
                  list(projection.non_key_attributes), "INCLUDE projection needs at least one non-key attribute")
        else:
            check(not projection.non_key_attributes, path, f"{field_prefix} non_key_attributes",
                  list(projection.non_key_attributes),
                  f"non-key attributes are only allowed with INCLUDE projection, not {projection.type.value}")
        key_names = {a.name for a in _index_keys(index, partition_key)} | {partition_key.name}
        if sort_key is not None:
            key_names.add(sort_key.name)
        for attr in projection.non_key_attributes:
            check_attribute_name(path, f"{field_prefix} non_key_attributes", attr)
            check(attr not in key_names, path, f"{field_prefix} non_key_attributes", attr,
                  "key attributes are always projected; list only non-key attributes")
        check(len(set(projection.non_key_attributes)) == len(projection.non_key_attributes), path,
              f"{field_prefix} non_key_attributes", list(projection.non_key_attributes),
              "each non-key attribute may be listed once")
    # AWS sums the non-key attributes of every index (one attribute in two indexes counts twice).
    total = sum(len(set(i.projection.non_key_attributes)) for i in _all_indexes(global_indexes, local_indexes))
    check(total <= MAX_PROJECTED_NON_KEY_ATTRIBUTES, path, "non_key_attributes", f"{total} in all indexes",
          f"expected at most {MAX_PROJECTED_NON_KEY_ATTRIBUTES} projected non-key attributes over all indexes")
