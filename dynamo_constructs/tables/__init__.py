"""Domain constructs: each a ``Table`` with the keys, indexes and defaults of one seed table."""

from __future__ import annotations

from .audit import AuditTrail
from .budget import BudgetTracking
from .global_table import GlobalTable
from .jobs import JobsTable

__all__ = ["AuditTrail", "BudgetTracking", "GlobalTable", "JobsTable"]
