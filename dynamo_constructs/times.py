"""Times checked against what AWS accepts relative to now, with an injectable "now".

Point-in-time recovery keeps a table's history for its recovery period (1-35 days, 35 by
default): a restore or an export reads a time within it, and AWS refuses a time in the future
or before the earliest restorable time (``EarliestRestorableDateTime``: at most the recovery
period ago, later when PITR was turned on more recently). Synth runs before apply, so the rules
use the reference time of the synth and every message names it.

The reference time is the wall clock unless :func:`reference_time` pins it, so tests (and a
build that must synthesize the same bytes tomorrow) are deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta

from .validation import check, checked_arguments, fail

MAX_RECOVERY_PERIOD_DAYS = 35  # PITR's longest (and default) recovery period
_PINNED: ContextVar[datetime | None] = ContextVar("dynamo_constructs_reference_time", default=None)


def now() -> datetime:
    """The reference time of time rules (UTC): the pinned one, else the wall clock."""
    pinned = _PINNED.get()
    return pinned if pinned is not None else datetime.now(UTC)


@checked_arguments
@contextmanager
def reference_time(when: datetime) -> Iterator[datetime]:
    """Within the ``with`` block, time rules take ``when`` (an aware datetime, or naive UTC) as now."""
    if not isinstance(when, datetime):
        fail("when", when, "expected a datetime, e.g. datetime(2026, 11, 1, tzinfo=UTC)", "reference_time")
    pinned = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    token = _PINNED.set(pinned.astimezone(UTC))
    try:
        yield pinned
    finally:
        _PINNED.reset(token)


def stamp(moment: datetime) -> str:
    """``moment`` as the RFC 3339 UTC text the provider takes ("2026-11-01T03:00:00Z")."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> datetime:
    """An RFC 3339 UTC timestamp already checked by ``names.check_utc_timestamp``, as an aware datetime."""
    whole, _, fraction = text.removesuffix("Z").partition(".")
    parsed = datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
    return parsed + timedelta(seconds=float(f"0.{fraction}")) if fraction else parsed


def check_recovery_time(field: str, value: str, *, recovery_days: int | None = None, whose: str,
                        where: str | None = None) -> datetime:
    """``value`` within the point-in-time-recovery window ending now: not in the future, not
    before now minus the recovery period (``recovery_days``, default 35). ``whose`` names the
    table the window is of ("the table", "the source table 'orders'")."""
    days = MAX_RECOVERY_PERIOD_DAYS if recovery_days is None else recovery_days
    reference = now()
    moment = parse_utc(value)
    earliest = reference - timedelta(days=days)
    window = (f"from {stamp(earliest)} (now minus the {days}-day recovery period of {whose}) to now "
              f"({stamp(reference)}, the reference time of this synth)")
    check(moment <= reference, field, value, f"AWS refuses a time in the future; expected a time {window}", where)
    check(moment >= earliest, field, value, f"AWS refuses a time before the earliest restorable time; expected a "
          f"time {window}", where)
    return moment
