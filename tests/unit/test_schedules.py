"""AWS Backup schedule expressions: six-field cron, value ranges, the '?' rule, rate(), and at most
one job an hour."""

from __future__ import annotations

from dynamo_constructs import TableConfigError
from dynamo_constructs.schedules import check_schedule

import pytest

GOOD = ["cron(0 3 * * ? *)", "cron(15 */4 ? * MON-FRI *)", "cron(0 5 1 * ? *)", "cron(0 0 ? * 6#3 *)", "cron(0 0 L * ? *)",
        "cron(0 0 15W * ? *)", "cron(0 12 ? JAN,JUL SUN 2026-2030)", "cron(59 23 ? * 7L *)", "rate(1 hour)", "rate(12 hours)",
        "rate(1 day)", "rate(60 minutes)", "cron(0 0,12 ? * * *)"]
BAD = [
    ("daily", "expected 'cron("),
    ("cron(0 3 * * *)", "6 fields"),
    ("cron(0 3 * * * *)", "exactly one of day-of-month and day-of-week"),
    ("cron(0 3 ? * ? *)", "exactly one of day-of-month and day-of-week"),
    ("cron(60 3 * * ? *)", "minutes field takes 0-59"),
    ("cron(0 24 * * ? *)", "hours field takes 0-23"),
    ("cron(0 3 32 * ? *)", "day-of-month field takes 1-31"),
    ("cron(0 3 * 13 ? *)", "month field takes 1-12"),
    ("cron(0 3 ? * 8 *)", "day-of-week field takes 1-7"),
    ("cron(0 3 * * ? 1969)", "year field takes 1970-2199"),
    ("cron(0 3 * FOO ? *)", "month field takes"),
    ("cron(*/15 * * * ? *)", "at most once an hour"),
    ("cron(0,30 * * * ? *)", "at most once an hour"),
    ("cron(0 3 * * ? */0)", "a step is a positive number"),
    ("rate(30 minutes)", "at most once an hour"),
    ("rate(1 hours)", "singular for 1"),
    ("rate(2 day)", "singular for 1"),
    ("rate(0 days)", "n >= 1"),
    (5, "expected 'cron(...)'"),
]


@pytest.mark.parametrize("expression", GOOD)
def test_accepted(expression: str) -> None:
    check_schedule(expression)


@pytest.mark.parametrize(("expression", "accepted"), BAD)
def test_refused(expression: object, accepted: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        check_schedule(expression)
    assert caught.value.field == "backup schedule" and caught.value.value == expression
    assert accepted in caught.value.accepted
