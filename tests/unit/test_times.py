"""Export and restore times against the PITR window AWS enforces, relative to an injectable "now"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from dynamo_constructs import Attribute, Table, TableConfigError, TableExport, TableSource
from dynamo_constructs.times import now, parse_utc, reference_time, stamp

import pytest

from tests.support.helpers import new_stack, only, synth

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
PK = Attribute.string("pk")


def ago(**delta: float) -> str:
    return stamp(NOW - timedelta(**delta))


def later(**delta: float) -> str:
    return stamp(NOW + timedelta(**delta))


def export_error(table_kwargs: dict[str, Any] | None = None, **kwargs: Any) -> TableConfigError:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=PK, **(table_kwargs or {}))
    with reference_time(NOW), pytest.raises(TableConfigError) as caught:
        TableExport(stack, "export", table=table, bucket="analytics-bucket", **kwargs)
    assert caught.value.path == "test/export"
    return caught.value


WINDOW_CASES: list[tuple[str, dict[str, Any], dict[str, Any], str, str, str]] = [
    # id, table kwargs, export kwargs, field, value, fragment of "accepted"
    ("full export in the future", {}, {"export_time": later(minutes=5)}, "export_time", later(minutes=5),
     "time in the future"),
    ("full export before 35 days", {}, {"export_time": ago(days=35, seconds=1)}, "export_time",
     ago(days=35, seconds=1), "before the earliest restorable time"),
    ("full export before a 7-day window", {"recovery_period_days": 7}, {"export_time": ago(days=8)}, "export_time",
     ago(days=8), "7-day recovery period"),
    ("incremental from before the window", {"recovery_period_days": 3},
     {"incremental_from": ago(days=3, hours=1), "incremental_to": ago(days=3, minutes=30)}, "incremental_from",
     ago(days=3, hours=1), "before the earliest restorable time"),
    ("incremental to in the future", {}, {"incremental_from": ago(hours=1), "incremental_to": later(hours=1)},
     "incremental_to", later(hours=1), "time in the future"),
]


@pytest.mark.parametrize(("table_kwargs", "kwargs", "field", "value", "accepted"), [c[1:] for c in WINDOW_CASES],
                         ids=[c[0] for c in WINDOW_CASES])
def test_export_times_lie_in_the_pitr_window(table_kwargs: dict[str, Any], kwargs: dict[str, Any], field: str,
                                             value: str, accepted: str) -> None:
    error = export_error(table_kwargs, **kwargs)
    assert (error.field, error.value) == (field, value)
    assert accepted in error.accepted
    assert f"to now ({stamp(NOW)}, the reference time of this synth)" in error.accepted


def test_the_window_is_named_with_its_bounds() -> None:
    error = export_error({"recovery_period_days": 7}, export_time=ago(days=8))
    assert f"from {stamp(NOW - timedelta(days=7))} (now minus the 7-day recovery period of the table)" in error.accepted


def test_times_inside_the_window_render_as_given() -> None:
    stack = new_stack()
    table = Table(stack, "orders", partition_key=PK, recovery_period_days=7)
    with reference_time(NOW):
        TableExport(stack, "export", table=table, bucket="analytics-bucket", export_time=ago(days=6, hours=23))
    assert only(synth(stack), "aws_dynamodb_table_export")["export_time"] == ago(days=6, hours=23)


def test_the_incremental_window_is_still_15_minutes_to_24_hours() -> None:
    error = export_error(incremental_from=ago(hours=2), incremental_to=ago(hours=1, minutes=50))
    assert (error.field, error.value) == ("incremental_to", ago(hours=1, minutes=50))
    assert "15 minutes to 24 hours" in error.accepted


def restore_error(make: Callable[[], object]) -> TableConfigError:
    with reference_time(NOW), pytest.raises(TableConfigError) as caught:
        make()
    return caught.value


@pytest.mark.parametrize(("when", "accepted"), [
    (later(seconds=1), "time in the future"),
    (ago(days=35, minutes=1), "before the earliest restorable time"),
])
def test_a_restore_time_lies_in_the_pitr_window(when: str, accepted: str) -> None:
    error = restore_error(lambda: TableSource.point_in_time("legacy", restore_date_time=when))
    assert (error.path, error.field, error.value) == ("TableSource.point_in_time", "restore_date_time", when)
    assert accepted in error.accepted and "35-day recovery period" in error.accepted


def test_a_restore_from_a_table_in_the_stack_uses_its_recovery_period() -> None:
    stack = new_stack()
    source = Table(stack, "orders", partition_key=PK, recovery_period_days=7)
    with reference_time(NOW):
        Table(stack, "fine", partition_key=PK, source=TableSource.point_in_time(source, restore_date_time=ago(days=6)))
        point = TableSource.point_in_time(source, restore_date_time=ago(days=10))  # within 35 days: made
    error = restore_error(lambda: Table(stack, "copy", partition_key=PK, source=point))
    assert (error.path, error.field, error.value) == ("test/copy", "restore_date_time", ago(days=10))
    assert "7-day recovery period of the source table 'orders'" in error.accepted


def test_reference_time_pins_now_and_restores_it() -> None:
    outer = datetime(2026, 1, 1, tzinfo=UTC)
    with reference_time(outer):
        assert now() == outer
        with reference_time(datetime(2026, 6, 1, 8, 30)) as inner:  # naive: taken as UTC
            assert now() == inner == datetime(2026, 6, 1, 8, 30, tzinfo=UTC)
        assert now() == outer
    assert now().tzinfo is UTC and now() != outer


def test_reference_time_takes_a_datetime() -> None:
    with pytest.raises(TableConfigError) as caught, reference_time("2026-11-01"):  # type: ignore[arg-type]
        pass
    assert (caught.value.path, caught.value.field, caught.value.value) == ("reference_time", "when", "2026-11-01")


def test_parse_and_stamp_round_trip() -> None:
    assert parse_utc("2026-11-01T03:00:00.250Z") == datetime(2026, 11, 1, 3, 0, 0, 250000, tzinfo=UTC)
    assert stamp(parse_utc("2026-11-01T03:00:00Z")) == "2026-11-01T03:00:00Z"
