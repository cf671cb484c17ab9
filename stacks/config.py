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
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dynamo_constructs import TableConfigError
from dynamo_constructs.profiles import PROFILES, EnvironmentProfile

CONTEXT = "cdktf.json context"
ENVIRONMENTS = ("dev", "staging", "prod")
PROJECT_PATTERN = re.compile(r"^[a-z][a-z0-9-]{1,20}$")
REGION_PATTERN = re.compile(r"^[a-z]{2}(-gov)?-[a-z]+-\d$")
BUCKET_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
SHARED_KEYS = {"project", "region", "replica_regions", "alarm_emails", "state_bucket", "application_role"}
PROFILE_SCALARS = {
    f.name for f in dataclasses.fields(EnvironmentProfile) if f.type in ("bool", "int", "int | None")
}


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


def _fail(key: str, value: Any, accepted: str) -> None:
    raise TableConfigError(CONTEXT, key, value, accepted)


def _string(key: str, value: Any, pattern: re.Pattern[str], accepted: str) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        _fail(key, value, accepted)
    return value


def _strings(key: str, value: Any, pattern: re.Pattern[str] | None, accepted: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        _fail(key, value, f"expected a list; {accepted}")
    for item in value:
        if not isinstance(item, str) or (pattern is not None and not pattern.match(item)):
            _fail(key, item, accepted)
    return tuple(value)


def _shared(settings: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for key, value in settings.items():
        name = f"{prefix}{key}"
        if key == "project":
            parsed[key] = _string(name, value, PROJECT_PATTERN, "expected 2-21 characters of a-z, 0-9 and '-', starting with a letter")
        elif key == "region":
            parsed[key] = _string(name, value, REGION_PATTERN, "expected an AWS region such as 'us-east-1'")
        elif key == "replica_regions":
            parsed[key] = _strings(name, value, REGION_PATTERN, "expected AWS region names such as 'eu-west-1'")
        elif key == "alarm_emails":
            parsed[key] = _strings(name, value, re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$"), "expected e-mail addresses")
        elif key == "state_bucket":
            parsed[key] = _string(name, value, BUCKET_PATTERN, "expected an S3 bucket name")
        elif key == "application_role":
            parsed[key] = _string(name, value, re.compile(r"^(arn:aws[a-z-]*:iam::\d{12}:role/\S+|[\w+=,.@-]{1,64})$"),
                                  "expected an IAM role name or role ARN")
    return parsed


def _profile(base: EnvironmentProfile, overrides: Mapping[str, Any], prefix: str) -> EnvironmentProfile:
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        if key not in PROFILE_SCALARS:
            _fail(f"{prefix}{key}", value, f"expected one of {', '.join(sorted(SHARED_KEYS | PROFILE_SCALARS))}")
        current = getattr(base, key)
        wanted_bool = isinstance(current, bool)
        ok = isinstance(value, bool) if wanted_bool else (value is None or (isinstance(value, int) and not isinstance(value, bool)))
        if not ok:
            _fail(f"{prefix}{key}", value, "expected true or false" if wanted_bool else "expected an integer")
        changes[key] = value
    return dataclasses.replace(base, **changes)


def load_environments(context: Mapping[str, Any]) -> list[EnvironmentConfig]:
    """One EnvironmentConfig per environment (dev, staging, prod) from the app context."""
    known = SHARED_KEYS | {"environments"}
    for key in context:
        if key not in known and not key.startswith(("cdktf", "excludeStackIdFromLogicalIds", "allowSepCharsInLogicalIds")):
            _fail(key, context[key], f"expected one of {', '.join(sorted(known))}")
    shared = _shared({k: v for k, v in context.items() if k in SHARED_KEYS}, "")
    per_env = context.get("environments", {})
    if not isinstance(per_env, Mapping):
        _fail("environments", per_env, "expected an object keyed by dev, staging, prod")
    for name in per_env:
        if name not in ENVIRONMENTS:
            _fail(f"environments.{name}", per_env[name], f"expected one of {', '.join(ENVIRONMENTS)}")
    configs = []
    for name in ENVIRONMENTS:
        overrides = per_env.get(name, {})
        if not isinstance(overrides, Mapping):
            _fail(f"environments.{name}", overrides, "expected an object")
        prefix = f"environments.{name}."
        env_shared = _shared({k: v for k, v in overrides.items() if k in SHARED_KEYS}, prefix)
        profile = _profile(PROFILES[name], {k: v for k, v in overrides.items() if k not in SHARED_KEYS}, prefix)
        configs.append(EnvironmentConfig(profile=profile, **{**shared, **env_shared}))
    return configs
