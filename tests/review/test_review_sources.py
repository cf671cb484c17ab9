"""The review on the arguments that act only at creation (restore, import) and on the resources the
newer features add: what replaces the table, what is an update that changes nothing, what is ignored.

Expectations come from ``terraform plan`` with hashicorp/aws 5.100 against the emulator: changing
``restore_*`` replaces the table; adding or removing ``import_table`` replaces it, while editing the
bucket, prefix, format or options inside it is an in-place update that calls no AWS API."""

from __future__ import annotations

from typing import Any

from dynamo_constructs.review import LossKind, Report, review_documents

from tests.review.docs import edit, stack, table, with_table

T = "aws_dynamodb_table.t"
IMPORT = {"input_format": "DYNAMODB_JSON", "input_compression_type": "GZIP",
          "s3_bucket_source": {"bucket": "seed", "key_prefix": "json/"}}
RESTORE = {"restore_source_name": "orders-old", "restore_to_latest_time": True}


def review(before: dict[str, Any], after: dict[str, Any]) -> Report:
    return review_documents(before, after)


def change(report: Report, address: str = T) -> Any:
    return report.by_address()[address]


def test_changing_the_restore_point_replaces_the_table() -> None:
    before = with_table(**RESTORE)
    report = review(before, with_table(restore_source_name="orders-old", restore_date_time="2026-11-01T03:00:00Z"))
    assert change(report).action.value == "replace"
    assert 'restore_date_time: added "2026-11-01T03:00:00Z" forces replacement' in change(report).reasons
    assert {loss.kind for loss in change(report).losses} == {LossKind.TABLE_REPLACED}


def test_removing_restore_to_latest_time_replaces_the_table() -> None:
    report = review(with_table(**RESTORE), with_table())
    assert change(report).action.value == "replace"
    assert any(r.startswith("restore_to_latest_time:") and r.endswith("forces replacement") for r in change(report).reasons)


def test_another_restore_source_replaces_the_table_but_clearing_the_name_does_not() -> None:
    moved = review(with_table(**RESTORE), with_table(**{**RESTORE, "restore_source_name": "orders-older"}))
    assert change(moved).action.value == "replace"
    cleared = review(with_table(restore_source_name="orders-old"), with_table())
    assert change(cleared).action.value == "update" and not cleared.data_loss


def test_adding_or_removing_an_import_replaces_the_table() -> None:
    added = review(with_table(), with_table(import_table=IMPORT))
    assert change(added).action.value == "replace" and added.data_loss
    removed = review(with_table(import_table=IMPORT), with_table())
    assert change(removed).action.value == "replace"
    assert "import_table: removed forces replacement" in change(removed).reasons


def test_editing_an_import_is_an_update_that_changes_nothing() -> None:
    before = with_table(import_table=IMPORT)
    for path, value in (("import_table.s3_bucket_source.key_prefix", "other/"), ("import_table.input_format", "ION")):
        after = with_table(import_table=_set(IMPORT, path.split(".")[1:], value))
        report = review(before, after)
        assert change(report).action.value == "update" and not report.data_loss, path
        assert any("read only when the resource is created" in n for n in change(report).reasons), path


def test_the_library_ignores_its_source_arguments_after_creation() -> None:
    lifecycle = {"ignore_changes": ["import_table"]}
    report = review(with_table(import_table=IMPORT, lifecycle=lifecycle), with_table(lifecycle=lifecycle))
    assert change(report).action.value == "no-op"
    assert "import_table: change ignored (lifecycle.ignore_changes): it does not reach AWS" in change(report).reasons


def test_lowering_a_table_warm_throughput_replaces_it_raising_does_not() -> None:
    before = with_table(warm_throughput={"read_units_per_second": 20000})
    assert change(review(before, with_table(warm_throughput={"read_units_per_second": 30000}))).action.value == "update"
    lowered = review(before, with_table(warm_throughput={"read_units_per_second": 15000}))
    assert change(lowered).action.value == "replace" and lowered.data_loss
    assert change(review(before, with_table())).action.value == "no-op", "omitted: Optional+Computed, kept"


def test_an_export_is_replaced_by_any_change_and_destroys_no_data() -> None:
    export = {"table_arn": "${aws_dynamodb_table.t.arn}", "s3_bucket": "analytics", "s3_prefix": "a/"}
    before = stack(aws_dynamodb_table={"t": table()}, aws_dynamodb_table_export={"e": export})
    after = edit(before, "aws_dynamodb_table_export.e.s3_prefix", "b/")
    report = review(before, after)
    assert change(report, "aws_dynamodb_table_export.e").action.value == "replace"
    assert not report.data_loss


def test_kinesis_stream_and_schedule_rules() -> None:
    before = stack(aws_kinesis_stream={"k": {"name": "changes", "retention_period": 24}},
                   aws_scheduler_schedule={"s": {"name": "nightly", "schedule_expression": "cron(0 2 * * ? *)",
                                                 "flexible_time_window": {"mode": "OFF"},
                                                 "target": {"arn": "a", "role_arn": "r"}}})
    longer = review(before, edit(before, "aws_kinesis_stream.k.retention_period", 48))
    assert change(longer, "aws_kinesis_stream.k").action.value == "update"
    renamed = review(before, edit(before, "aws_kinesis_stream.k.name", "changes2"))
    assert change(renamed, "aws_kinesis_stream.k").action.value == "replace"
    later = review(before, edit(before, "aws_scheduler_schedule.s.schedule_expression", "cron(0 3 * * ? *)"))
    assert change(later, "aws_scheduler_schedule.s").action.value == "update"


def _set(doc: dict[str, Any], path: list[str], value: Any) -> dict[str, Any]:
    import copy

    result = copy.deepcopy(doc)
    target = result
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return result
