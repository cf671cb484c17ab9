"""Anchored patterns: every pattern rule matches the whole value through ``validation.full_match``.

``re.match`` with a pattern ending in ``$`` accepts a final newline ("orders\\n"); so no rule may
match any other way (a source scan), and a trailing newline or a valid prefix is refused by every
rule that checks a pattern, in the package and in the app's configuration.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dynamo_constructs import (
    Attribute,
    BackupSettings,
    GlobalSecondaryIndex,
    Metric,
    PolicyStatement,
    Principal,
    Table,
    TableConfigError,
    TableEncryption,
    TableSource,
    Timeouts,
    names,
)
from dynamo_constructs.schedules import check_schedule
from dynamo_constructs.validation import full_match, matches

import pytest

from stacks.config import load_environments
from tests.support.helpers import new_stack
from tests.support.paths import ROOT

MATCHING = {"match", "search", "fullmatch"}
# Parsers of text no user writes as configuration: the review's HCL/expression tokenizer (it
# matches at a position) and the provider package's generated files read by the import accelerator.
PARSERS = ("dynamo_constructs/review/", "dynamo_constructs/fast_import.py")


def sources() -> list[Path]:
    files = [*sorted((ROOT / "dynamo_constructs").rglob("*.py")), *sorted((ROOT / "stacks").rglob("*.py")),
             ROOT / "main.py"]
    return [f for f in files if not str(f.relative_to(ROOT)).startswith(PARSERS)]


def bypasses(path: Path) -> list[str]:
    """Each call matching a pattern other than inside validation.full_match (file:line code)."""
    tree = ast.parse(path.read_text(), str(path))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "full_match" and path.name == "validation.py":
            allowed |= {id(n) for n in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in allowed:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in MATCHING:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
    return found


def test_the_scan_finds_a_bypass(tmp_path: Path) -> None:
    sample = ROOT / "dynamo_constructs" / "_scan_sample.py"
    sample.write_text("import re\nNAME = re.compile('a')\nok = NAME.match(value)\nalso = re.search('b', value)\n")
    try:
        assert bypasses(sample) == ["dynamo_constructs/_scan_sample.py:3 NAME.match(value)",
                                    "dynamo_constructs/_scan_sample.py:4 re.search('b', value)"]
    finally:
        sample.unlink()


def test_no_pattern_check_bypasses_full_match() -> None:
    checked = sources()
    assert len(checked) > 40 and ROOT / "stacks" / "config.py" in checked and ROOT / "main.py" in checked
    found = [hit for path in checked for hit in bypasses(path)]
    assert found == [], "match through dynamo_constructs.validation.full_match/matches:\n" + "\n".join(found)


def test_full_match_is_anchored_at_both_ends() -> None:
    assert matches(names.RESOURCE_NAME, "orders")
    assert not matches(names.RESOURCE_NAME, "orders\n")
    assert not matches(r"a+$", "aaa\n")
    assert not matches(names.EMAIL, "a@b.c d")
    assert not matches(names.RESOURCE_NAME, None)
    assert full_match(names.TABLE_ARN, "arn:aws:dynamodb:us-east-1:123456789012:table/orders") is not None


KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ROLE = "arn:aws:iam::123456789012:role/app"
TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
STREAM = f"{TABLE}/stream/2026-11-01T00:00:00.000"
VAULT = "arn:aws:backup:us-west-2:123456789012:backup-vault:copies"

# (rule, a valid value): the valid value passes; with a trailing newline it is refused.
NAME_RULES: list[tuple[Callable[..., Any], str]] = [
    (names.check_resource_name, "orders"),
    (names.check_kms_alias, "alias/orders"),
    (names.check_kms_key_arn, KEY),
    (names.check_role, "app-role"),
    (names.check_role, ROLE),
    (names.check_user, "deployer"),
    (names.check_account_id, "123456789012"),
    (names.check_service_principal, "lambda.amazonaws.com"),
    (names.check_kinesis_stream_arn, "arn:aws:kinesis:us-east-1:123456789012:stream/changes"),
    (names.check_kinesis_stream_name, "changes"),
    (names.check_lambda_function, "consumer"),
    (names.check_lambda_function, "arn:aws:lambda:us-east-1:123456789012:function:consumer"),
    (names.check_table_arn, TABLE),
    (names.check_stream_arn, STREAM),
    (names.check_backup_vault_arn, VAULT),
    (names.check_duration, "30m"),
    (names.check_utc_timestamp, "2026-11-01T03:00:00Z"),
    (names.check_email, "oncall@example.com"),
    (names.check_sns_topic_name, "alarms"),
    (names.check_backup_vault_name, "vault"),
    (names.check_dashboard_name, "tables"),
    (names.check_bucket_name, "analytics-bucket"),
    (names.check_region, "us-east-1"),
    (check_schedule, "cron(0 3 * * ? *)"),
]


@pytest.mark.parametrize(("rule", "valid"), NAME_RULES, ids=[f"{r.__name__}:{v}" for r, v in NAME_RULES])
@pytest.mark.parametrize("suffix", ["\n", "\r\n", " x"])
def test_every_name_rule_refuses_a_valid_value_with_a_tail(rule: Callable[..., Any], valid: str, suffix: str) -> None:
    if rule is check_schedule:
        rule(valid)
        with pytest.raises(TableConfigError) as caught:
            rule(valid + suffix)
    else:
        rule("field", valid, "here")
        with pytest.raises(TableConfigError) as caught:
            rule("field", valid + suffix, "here")
    assert caught.value.value == valid + suffix


def test_tags_refuse_line_breaks_and_tabs_but_take_spaces() -> None:
    assert names.check_tags("tags", {"Team": "data platform", "Owner": "a@b.c"}) == {"Team": "data platform",
                                                                                   "Owner": "a@b.c"}
    for bad in ("ops\n", "ops\tteam"):
        with pytest.raises(TableConfigError) as caught:
            names.check_tags("tags", {"Team": bad}, "here")
        assert (caught.value.field, caught.value.value) == ("tags['Team']", bad)
        assert "no tabs or line breaks" in caught.value.accepted


def table_error(**kwargs: Any) -> TableConfigError:
    with pytest.raises(TableConfigError) as caught:
        Table(new_stack(), "orders", **{"partition_key": Attribute.string("pk"), **kwargs})
    return caught.value


# Through the constructs and value objects: the same tail refused where users write it.
CONSTRUCT_CASES: list[tuple[str, Callable[[], object], str, str]] = [
    ("table name", lambda: table_error(table_name="orders\n"), "test/orders", "table_name"),
    ("index name", lambda: GlobalSecondaryIndex(name="ByUser\n", partition_key=Attribute.string("u")),
     "GlobalSecondaryIndex 'ByUser\\n'", "name"),
    ("key alias", lambda: TableEncryption.customer_managed_key(alias="alias/orders\n"),
     "TableEncryption.customer_managed_key", "alias"),
    ("key ARN", lambda: TableEncryption.customer_managed_key(KEY + "\n"), "TableEncryption.customer_managed_key",
     "key_arn"),
    ("role ARN", lambda: Principal.role(ROLE + "\n"), "Principal.role", "role"),
    ("restore source ARN", lambda: TableSource.point_in_time(TABLE + "\n"), "TableSource.point_in_time", "source"),
    ("import bucket", lambda: TableSource.s3_import("analytics-bucket\n"), "TableSource.s3_import", "bucket"),
    ("timeout", lambda: Timeouts(create="30m\n"), "Timeouts", "create"),
    ("percentile", lambda: Metric("ThrottledRequests", statistic="p99\n"), "Metric 'ThrottledRequests'", "statistic"),
    ("statement sid", lambda: PolicyStatement(principals=[Principal.account("123456789012")],
                                              actions=["dynamodb:GetItem"], sid="ReadOnly\n"), "PolicyStatement", "sid"),
]


def _raised(make: Callable[[], object]) -> TableConfigError:
    try:
        made = make()
    except TableConfigError as error:
        return error
    assert isinstance(made, TableConfigError), f"accepted: {made!r}"
    return made


@pytest.mark.parametrize(("make", "where", "field"), [c[1:] for c in CONSTRUCT_CASES], ids=[c[0] for c in CONSTRUCT_CASES])
def test_constructs_refuse_a_trailing_newline(make: Callable[[], object], where: str, field: str) -> None:
    error = _raised(make)
    assert (error.path, error.field) == (where, field)
    assert str(error.value).endswith("\n")


def test_backup_copy_vault_arn_with_a_newline() -> None:
    with pytest.raises(TableConfigError) as caught:
        BackupSettings(copy_to_vault_arn=VAULT + "\n").validate()
    assert (caught.value.field, caught.value.value) == ("backup copy_to_vault_arn", VAULT + "\n")


@pytest.mark.parametrize(("key", "valid"), [
    ("project", "shop"), ("region", "us-east-1"), ("application_role", "app-role"), ("application_role", ROLE),
    ("state_bucket", "state-bucket"),
])
def test_the_app_configuration_refuses_a_trailing_newline(key: str, valid: str) -> None:
    assert load_environments({key: valid})
    with pytest.raises(TableConfigError) as caught:
        load_environments({key: valid + "\n"})
    assert (caught.value.path, caught.value.field, caught.value.value) == ("cdktf.json context", key, valid + "\n")


def test_the_app_configuration_refuses_an_email_with_a_newline() -> None:
    with pytest.raises(TableConfigError) as caught:
        load_environments({"alarm_emails": ["oncall@example.com", "ops@example.com\n"]})
    assert (caught.value.field, caught.value.value) == ("alarm_emails[1]", "ops@example.com\n")
