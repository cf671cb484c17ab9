"""The app's configuration: ``cdktf.json`` context, validated, with working defaults.

Context keys (all optional)::

    project            name prefix of every resource              "dynamo"
    region             primary AWS region                          "us-east-1"
    replica_regions    GlobalTable replica regions (prod profile)  ["us-west-2"]
    alarm_emails       e-mail subscribers of the alarm topic       []
    state_bucket       S3 bucket for state (local backend if unset)
    application_role   IAM role (name or ARN) the table policies attach to
    environments       {"dev": {...}, "staging": {...}, "prod": {...}}: per-environment
                       overrides of the keys above and of the profile's scalar fields

Every value is checked with the library's own rules and a bad one (a wrong type, ``null``
where a value is needed, an unknown key) is a ``TableConfigError`` naming its key, e.g.
``environments.prod.kms_deletion_window_days``. ``null`` means "not set" only where a key is
optional (``state_bucket``, ``application_role``, ``recovery_period_days``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from dynamo_constructs import TableConfigError
from dynamo_constructs.names import check_bucket_name, check_email, check_region, check_role, partition_of
from dynamo_constructs.profiles import PROFILES, EnvironmentProfile
from dynamo_constructs.validation import check_sequence, check_type, closest, is_int, matches

CONTEXT = "cdktf.json context"
ENVIRONMENTS = ("dev", "staging", "prod")
PROJECT_PATTERN = re.compile(r"[a-z][a-z0-9-]{1,20}")
SHARED_KEYS = {"project", "region", "replica_regions", "alarm_emails", "state_bucket", "application_role"}
PROFILE_SCALARS = {
    f.name: f.type for f in dataclasses.fields(EnvironmentProfile) if f.type in ("bool", "int", "int | None")
}
OPTIONAL_SHARED = {"state_bucket", "application_role"}


@dataclass(frozen=True, kw_only=True)
class EnvironmentConfig:
    """Everything one EnvironmentStack needs."""

    project: str = "dynamo"
    profile: EnvironmentProfile
    region: str = "us-east-1"
    replica_regions: tuple[str, ...] = ("us-west-2",)
    alarm_emails: tuple[str, ...] = ()
    state_bucket: str | None = None
    application_role: str | None = None

    @property
    def environment(self) -> str:
        return self.profile.name

    @property
    def prefix(self) -> str:
        return f"{self.project}-{self.environment}"


def _fail(key: str, value: Any, accepted: str) -> NoReturn:
    raise TableConfigError(CONTEXT, key, value, accepted)


def _unknown(key: str, name: str, value: Any, known: Collection[str]) -> NoReturn:
    close = closest(name, known)
    hint = f"did you mean {close!r}? " if close else ""
    _fail(key, value, f"{hint}expected one of {', '.join(sorted(known))}")


def _string(key: str, value: Any, pattern: re.Pattern[str], accepted: str) -> str:
    if not matches(pattern, value):
        _fail(key, value, accepted)
    return str(value)


def _strings(key: str, value: Any, what: str, check_one: Callable[[str, Any, str | None], object]) -> tuple[str, ...]:
    items = check_sequence(key, value, what, CONTEXT, each=lambda field, item: check_one(field, item, CONTEXT))
    if len(set(items)) != len(items):
        _fail(key, value, "each entry once")
    return items


def _shared(settings: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for key, value in settings.items():
        name = f"{prefix}{key}"
        if key == "project":
            parsed[key] = _string(name, value, PROJECT_PATTERN, "expected 2-21 characters of a-z, 0-9 and '-', starting with a letter")
        elif key == "region":
            parsed[key] = check_region(name, value, CONTEXT)
        elif key == "replica_regions":
            parsed[key] = _strings(name, value, "of region names", check_region)
        elif key == "alarm_emails":
            parsed[key] = _strings(name, value, "of e-mail addresses", check_email)
        elif key in OPTIONAL_SHARED and value is None:
            parsed[key] = None
        elif key == "state_bucket":
            check_bucket_name(name, value, CONTEXT)
            parsed[key] = value
        elif key == "application_role":
            check_type(name, value, str, "expected an IAM role name or ARN (a string)", CONTEXT)
            check_role(name, value, CONTEXT)
            parsed[key] = value
    return parsed


def _check_regions(config: EnvironmentConfig, prefix: str) -> None:
    """Replicas must lie in other regions of the primary region's partition."""
    primary = partition_of(config.region)
    for region in config.replica_regions:
        if region == config.region:
            _fail(f"{prefix}replica_regions", region, f"a replica region must differ from region ({config.region})")
        if partition_of(region) != primary:
            _fail(f"{prefix}replica_regions", region,
                  f"replicas must be in the primary region's partition ({primary}), not {partition_of(region)}")


def _profile(base: EnvironmentProfile, overrides: Mapping[str, Any], prefix: str) -> EnvironmentProfile:
    """``base`` with ``overrides`` (JSON types checked here, the profile's own rules by the profile):
    every error names the override's key."""
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        kind = PROFILE_SCALARS.get(key)
        if kind is None:
            _unknown(f"{prefix}{key}", key, value, SHARED_KEYS | set(PROFILE_SCALARS))
        if kind == "bool":
            ok, accepted = isinstance(value, bool), "expected true or false"
        else:
            optional = kind == "int | None"
            ok = is_int(value) or (optional and value is None)
            accepted = "expected an integer" + (" or null (not set)" if optional else " (null is not allowed here)")
        if not ok:
            _fail(f"{prefix}{key}", value, accepted)
        changes[key] = value
    try:
        return dataclasses.replace(base, **changes)
    except TableConfigError as error:  # a rule of the profile (a range, two fields together): name its key
        _fail(f"{prefix}{error.field}", error.value, error.accepted)


def load_environments(context: Mapping[str, Any]) -> list[EnvironmentConfig]:
    """One EnvironmentConfig per environment (dev, staging, prod) from the app context."""
    known = SHARED_KEYS | {"environments"}
    check_type("context", context, Mapping, "expected an object", CONTEXT)
    for key in context:
        if key not in known and not str(key).startswith(("cdktf", "excludeStackIdFromLogicalIds",
                                                          "allowSepCharsInLogicalIds")):
            _unknown(str(key), str(key), context[key], known)
    shared = _shared({k: v for k, v in context.items() if k in SHARED_KEYS}, "")
    per_env = context.get("environments", {})
    if not isinstance(per_env, Mapping):
        _fail("environments", per_env, "expected an object keyed by dev, staging, prod")
    for name in per_env:
        if name not in ENVIRONMENTS:
            _unknown(f"environments.{name}", str(name), per_env[name], ENVIRONMENTS)
    configs = []
    for name in ENVIRONMENTS:
        overrides = per_env.get(name, {})
        if not isinstance(overrides, Mapping):
            _fail(f"environments.{name}", overrides, "expected an object")
        prefix = f"environments.{name}."
        env_shared = _shared({k: v for k, v in overrides.items() if k in SHARED_KEYS}, prefix)
        profile = _profile(PROFILES[name], {k: v for k, v in overrides.items() if k not in SHARED_KEYS}, prefix)
        config = EnvironmentConfig(profile=profile, **{**shared, **env_shared})
        if profile.replicas:
            _check_regions(config, prefix if "replica_regions" in overrides or "region" in overrides else "")
        configs.append(config)
    return configs
