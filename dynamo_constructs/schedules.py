"""AWS Backup schedule expressions, checked as AWS checks them.

``cron(Minutes Hours Day-of-month Month Day-of-week Year)`` (UTC, the EventBridge syntax AWS
Backup uses): value ranges per field, names for months and weekdays, ``, - * /`` everywhere,
``? L W`` in day-of-month, ``? L #`` in day-of-week, and exactly one of day-of-month and
day-of-week must be ``?``. ``rate(<n> <unit>)`` with minute(s), hour(s) or day(s), the unit
singular only for 1. AWS Backup runs a rule at most once an hour: a cron minute field must be a
single minute, and a rate at least 60 minutes.
"""

from __future__ import annotations

import re

from .validation import check, fail, full_match, matches

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
FIELDS = (  # name, low, high, names, extra single tokens allowed
    ("minutes", 0, 59, (), ()),
    ("hours", 0, 23, (), ()),
    ("day-of-month", 1, 31, (), ("?", "L", "LW")),
    ("month", 1, 12, MONTHS, ()),
    ("day-of-week", 1, 7, DAYS, ("?", "L")),
    ("year", 1970, 2199, (), ()),
)
RATE = re.compile(r"rate\((\d+) (minute|minutes|hour|hours|day|days)\)", re.ASCII)
CRON = re.compile(r"cron\((.+)\)")
LAST_WEEKDAY = re.compile(r"\d{1,2}W", re.ASCII)
NTH_DAY = re.compile(r"(\w+)#([1-5])", re.ASCII)
LAST_DAY = re.compile(r"(\w+)L", re.ASCII)
MIN_MINUTES_BETWEEN_JOBS = 60
FIELD = "backup schedule"


def _value(token: str, low: int, high: int, names: tuple[str, ...]) -> int | None:
    if token.upper() in names:
        return names.index(token.upper()) + low
    if token.isdigit() and low <= int(token) <= high:
        return int(token)
    return None


def _check_field(expression: str, part: str, spec: tuple[str, int, int, tuple[str, ...], tuple[str, ...]],
                 field: str = FIELD) -> None:
    name, low, high, names, extra = spec
    accepted = f"the {name} field takes {low}-{high}" + (f", {names[0]}-{names[-1]}" if names else "") + \
        ", '*', lists (,), ranges (-) and steps (/)" + (f", or {' '.join(extra)}" if extra else "")
    if part in ("*", *extra):
        return
    for item in part.split(","):
        base, _, step = item.partition("/")
        if step and not (step.isdigit() and int(step) >= 1):
            fail(field, expression, f"{accepted}; a step is a positive number ({item!r})")
        if name == "day-of-month" and matches(LAST_WEEKDAY, base) and 1 <= int(base[:-1]) <= 31:
            continue
        if name == "day-of-week":
            nth = full_match(NTH_DAY, base)
            last = full_match(LAST_DAY, base)
            if (nth and _value(nth.group(1), low, high, names) is not None) or \
                    (last and _value(last.group(1), low, high, names) is not None):
                continue
        if base == "*" and step:
            continue
        ends = base.split("-")
        values = [_value(end, low, high, names) for end in ends]
        if len(ends) > 2 or None in values:
            fail(field, expression, f"{accepted}; {item!r} is not one of them")


def check_schedule(expression: object, *, field: str = FIELD, runs: str = "AWS Backup runs a rule") -> None:
    """A schedule AWS Backup accepts (raises TableConfigError without a path otherwise). Scheduled
    table exports use the same syntax and the same once-an-hour floor (``field``/``runs`` name them)."""
    check(isinstance(expression, str), field, expression, "expected 'cron(...)' or 'rate(...)'")
    assert isinstance(expression, str)
    rate = full_match(RATE, expression)
    if rate:
        value, unit = int(rate.group(1)), rate.group(2)
        check(value >= 1 and (value == 1) == (not unit.endswith("s")), field, expression,
              "rate(<n> <unit>): n >= 1, the unit singular for 1 and plural otherwise (rate(1 day), rate(12 hours))")
        minutes = value * {"minute": 1, "hour": 60, "day": 1440}[unit.rstrip("s")]
        check(minutes >= MIN_MINUTES_BETWEEN_JOBS, field, expression,
              f"{runs} at most once an hour (at least {MIN_MINUTES_BETWEEN_JOBS} minutes apart)")
        return
    cron = full_match(CRON, expression)
    check(cron is not None, field, expression, "expected 'cron(minutes hours day-of-month month day-of-week year)' "
          "or 'rate(<n> <unit>)', e.g. 'cron(0 3 * * ? *)'")
    assert cron is not None
    parts = cron.group(1).split()
    check(len(parts) == len(FIELDS), field, expression,
          f"AWS's cron has 6 fields (minutes hours day-of-month month day-of-week year), not {len(parts)}")
    for part, spec in zip(parts, FIELDS, strict=True):
        _check_field(expression, part, spec, field)
    check((parts[2] == "?") != (parts[4] == "?"), field, expression,
          "exactly one of day-of-month and day-of-week must be '?' (e.g. 'cron(0 3 * * ? *)')")
    check(parts[0].isdigit(), field, expression,
          f"{runs} at most once an hour: the minutes field must be one minute (e.g. 0)")
