"""The pull-request comment: the verdict first, a table of what happens, unchanged resources collapsed."""

from __future__ import annotations

import json
from pathlib import Path

from dynamo_constructs.review import Action, Change, Loss, LossKind, Report, plain_summary, render, review_documents

CORPUS = Path(__file__).parent / "corpus"


def corpus_report(name: str) -> Report:
    folder = CORPUS / name
    return review_documents(json.loads((folder / "before.tf.json").read_text()),
                            json.loads((folder / "after.tf.json").read_text()))


def test_data_loss_kinds_lead_the_comment() -> None:
    lines = render(corpus_report("sse_block_omitted")).splitlines()
    assert lines[2] == "**KMS key in use deleted (1) — DATA LOSS**  "
    assert lines[4].startswith("Changes: 2 destroy (1 unchanged)")


def test_kept_values_are_called_out_and_their_no_op_is_shown() -> None:
    markdown = render(corpus_report("ttl_block_omitted"))
    assert "1 omitted argument keeps the live value (Optional+Computed)" in markdown
    assert "| `aws_dynamodb_table.orders_table_46E4A621` | no-op | no | ttl: omitted; Optional+Computed" in markdown
    assert "<details>" not in markdown


def test_quiet_no_ops_are_collapsed_and_cells_are_escaped() -> None:
    report = Report([Change("aws_x.a", "aws_x", Action.UPDATE, ["value: \"a|b\" -> \"c\""]),
                     Change("aws_x.b", "aws_x", Action.NO_OP)], [None])
    markdown = render(report)
    assert '| `aws_x.a` | update | no | value: "a\\|b" -> "c" |' in markdown
    assert "<details><summary>1 resource unchanged</summary>" in markdown and "- `aws_x.b`" in markdown
    assert "**No data loss.**" in markdown


def test_plain_summary_lists_changes_worst_first() -> None:
    report = Report([Change("aws_x.a", "aws_x", Action.UPDATE, ["size: 1 -> 2"]),
                     Change("aws_dynamodb_table.t", "aws_dynamodb_table", Action.REPLACE, ["name forces replacement"],
                            [Loss(LossKind.TABLE_REPLACED, "table replaced")])], [None])
    lines = plain_summary(report).splitlines()
    assert lines[0] == "1 table replaced/destroyed — DATA LOSS"
    assert lines[2].startswith("  replace aws_dynamodb_table.t [DATA LOSS]: name forces replacement")
    assert lines[3] == "  update aws_x.a: size: 1 -> 2"


def test_imports_are_counted_as_such() -> None:
    """A migration's plan imports everything and changes nothing: the verdict says so in words."""
    report = Report([Change("aws_dynamodb_table.a", "aws_dynamodb_table", Action.NO_OP, ["imported (id 'a')"]),
                     Change("aws_dynamodb_table.b", "aws_dynamodb_table", Action.NO_OP, ["imported (id 'b')"]),
                     Change("aws_x.c", "aws_x", Action.NO_OP)], [None])
    lines = render(report).splitlines()
    assert lines[2:5] == ["**No data loss.**  ",
                          "2 resources imported: Terraform adopts them as they are in AWS, and an import creates nothing.  ",
                          "No changes (3 unchanged).  "]
