"""How a table's global indexes reach Terraform: the table's own blocks, or one resource each.

``IndexForm.inline()`` (the default) renders ``global_secondary_index`` blocks in the
``aws_dynamodb_table``: every hashicorp/aws since 5.x reads them, and an autoscaled index makes the
table ignore all of its index blocks (see ``index_maintenance``). ``IndexForm.resources()``
renders one ``aws_dynamodb_global_secondary_index`` per index (hashicorp/aws >= 6.28, an
experimental resource type: Terraform must run with ``TF_AWS_EXPERIMENT_dynamodb_global_secondary_index``
set): each index ignores only its own autoscaled capacity, and adding or changing an index
touches no table block. The table then ignores ``global_secondary_index`` (the provider's rule:
one form per table) and defines only its own and its local indexes' key attributes.

Moving a table that exists from one form to the other never rebuilds an index, in one apply:
``IndexForm.resources(from_inline=True)`` imports each index into its resource (``import``
blocks, id ``<table>,<index>``) while the table lets go of its blocks;
``IndexForm.inline(from_resources=True)`` forgets each index resource (``removed`` blocks with
``destroy = false``, Terraform >= 1.7) while the table's blocks take the indexes over. Drop the
flag after that apply (a new table must not start with an import of an index it does not have).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from ._values import ClosedValue
from .validation import check_bool, checked_arguments, fail

INDEX_FORM_CONSTRUCTORS = "IndexForm.inline() or IndexForm.resources()"
# hashicorp/aws CHANGELOG 6.28.0: "New Resource: aws_dynamodb_global_secondary_index" (#44999), experimental.
INDEX_RESOURCE_VERSION = "6.28.0"
INDEX_RESOURCE_TYPE = "aws_dynamodb_global_secondary_index"
EXPERIMENT_ENVIRONMENT = "TF_AWS_EXPERIMENT_dynamodb_global_secondary_index"


@checked_arguments
class IndexForm(ClosedValue, ABC):
    """How a table's global indexes reach Terraform: inline ``global_secondary_index`` blocks
    (``IndexForm.inline()``, the default), or one ``aws_dynamodb_global_secondary_index`` each
    (``IndexForm.resources()``: hashicorp/aws >= 6.28, experimental, Terraform run with
    ``TF_AWS_EXPERIMENT_dynamodb_global_secondary_index`` set).

    As resources, each index ignores only its own autoscaled capacity, and adding or changing an
    index touches no table block; the table then defines only its own and its local indexes' key
    attributes. Moving a table from one form to the other never rebuilds an index, in one apply
    (``from_inline=True`` / ``from_resources=True``); drop the flag after that apply.
    ``IndexForm(...)`` cannot be called directly.
    """

    _constructors = INDEX_FORM_CONSTRUCTORS

    @staticmethod
    def inline(*, from_resources: bool = False) -> IndexForm:
        """The table's own index blocks (the default).

        Args:
            from_resources: True for the one apply that takes existing index resources back into the
                table: each is forgotten (a ``removed`` block with ``destroy = false``, Terraform >= 1.7),
                not deleted, while the table's blocks take the indexes over.
        """
        check_bool("from_resources", from_resources, "IndexForm.inline")
        return _Form(separate=False, moving=from_resources)

    @staticmethod
    def resources(*, from_inline: bool = False) -> IndexForm:
        """One ``aws_dynamodb_global_secondary_index`` per index (hashicorp/aws >= 6.28, experimental).

        Not with ``index_maintenance`` nor with a restored table (``source=``).

        Args:
            from_inline: True for the one apply that imports a table's existing indexes into their
                resources (``import`` blocks, id ``<table>,<index>``) while the table lets go of its blocks.
        """
        check_bool("from_inline", from_inline, "IndexForm.resources")
        return _Form(separate=True, moving=from_inline)

    @property
    @abstractmethod
    def is_resources(self) -> bool:
        """Whether each index is its own resource."""

    @property
    @abstractmethod
    def migrating(self) -> bool:
        """Whether this apply moves existing indexes from the other form."""

    @property
    def needs_index_resources(self) -> bool:
        """Whether the configuration names index resources (made, imported or forgotten): the
        provider must know the resource type."""
        return self.is_resources or self.migrating


@dataclass(frozen=True, repr=False)
class _Form(IndexForm):
    separate: bool
    moving: bool

    def __repr__(self) -> str:
        if self.separate:
            return "IndexForm.resources(from_inline=True)" if self.moving else "IndexForm.resources()"
        return "IndexForm.inline(from_resources=True)" if self.moving else "IndexForm.inline()"

    @property
    def is_resources(self) -> bool:
        return self.separate

    @property
    def migrating(self) -> bool:
        return self.moving


def check_index_form(field: str, value: Any) -> IndexForm:
    if value is None:
        return IndexForm.inline()
    if isinstance(value, IndexForm):
        return value
    fail(field, value, f"expected {INDEX_FORM_CONSTRUCTORS} or None")
