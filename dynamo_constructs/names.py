"""AWS's rules for the names, ARNs, regions and tags the library passes through.

One rule, one place: the library's constructs and the app's configuration both check with
these functions. Each limit is the service's documented one (the API reference's length and
pattern constraints), so nothing that passes here is refused at plan or apply. Every pattern
is matched over the whole value (``validation.full_match``). Every ARN is checked for its place
too: a known partition that is its Region's, and, where AWS requires it, the Region (and
partition) of the resource it serves (``check_same_region``/``check_same_partition``).
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ._regions import DYNAMODB_REGIONS
from .validation import check, check_mapping, check_type, fail, full_match, is_literal, matches

# DynamoDB: TableName / IndexName 3-255 of [a-zA-Z0-9_.-]; AttributeName 1-255 bytes.
RESOURCE_NAME = re.compile(r"[A-Za-z0-9_.-]{3,255}")
ATTRIBUTE_NAME_MAX_BYTES = 255
# Tags (DynamoDB TagResource): 50 per resource (default tags count), keys 1-128, values 0-256, of
# Unicode letters, digits, separators (\p{Z}: spaces, not tabs or newlines) and _ . : / = + - @.
MAX_TAGS = 50
TAG_KEY_MAX = 128
TAG_VALUE_MAX = 256
TAG_CHARS = re.compile(r"(?:[^\W_]|[_ .:/=+\-@\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000])*")
# IAM: role, user and policy names, role and user ARNs (paths allowed); ASCII only.
ROLE_NAME = re.compile(r"[\w+=,.@-]{1,64}", re.ASCII)
POLICY_NAME_MAX = 128
POLICY_NAME = re.compile(r"[\w+=,.@-]{1,128}", re.ASCII)
ROLE_ARN = re.compile(r"arn:(?P<partition>aws[a-z-]*):iam::\d{12}:role/(?:[\w+=,.@-]+/)*(?P<name>[\w+=,.@-]{1,64})",
                      re.ASCII)
ACCOUNT_ID = re.compile(r"\d{12}", re.ASCII)
USER_NAME = re.compile(r"[\w+=,.@-]{1,64}", re.ASCII)
USER_ARN = re.compile(r"arn:(?P<partition>aws[a-z-]*):iam::\d{12}:user/(?:[\w+=,.@-]+/)*(?P<name>[\w+=,.@-]{1,64})",
                      re.ASCII)
# Service principals: <name>.amazonaws.com (China: .amazonaws.com.cn), lower case.
SERVICE_PRINCIPAL = re.compile(r"[a-z0-9][a-z0-9.-]{0,120}\.amazonaws\.com(?:\.cn)?")
# Kinesis Data Streams: stream names 1-128 of [a-zA-Z0-9_.-]; ARNs arn:<p>:kinesis:<region>:<account>:stream/<name>.
KINESIS_STREAM_NAME = re.compile(r"[A-Za-z0-9_.-]{1,128}")
KINESIS_STREAM_ARN = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):kinesis:(?P<region>[a-z0-9-]+):\d{12}:stream/(?P<name>[A-Za-z0-9_.-]{1,128})",
    re.ASCII)
# Lambda: function names 1-64 of [a-zA-Z0-9-_]; ARNs (optionally with a version or alias qualifier).
LAMBDA_FUNCTION_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
LAMBDA_FUNCTION_ARN = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):lambda:(?P<region>[a-z0-9-]+):\d{12}:function:[A-Za-z0-9_-]{1,64}"
    r"(?::[A-Za-z0-9$_-]+)?", re.ASCII)
# DynamoDB table ARNs (a table another stack owns) and stream ARNs (label: the stream's creation time).
TABLE_ARN = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):dynamodb:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):table/"
    r"(?P<name>[A-Za-z0-9_.-]{3,255})", re.ASCII)
STREAM_ARN = re.compile(r"arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table/[A-Za-z0-9_.-]{3,255}/stream/[A-Za-z0-9:._-]+",
                        re.ASCII)
# SNS topic ARNs (alarm actions): arn:<p>:sns:<region>:<account>:<topic name>.
SNS_TOPIC_ARN = re.compile(r"arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?", re.ASCII)
# AWS Backup vault ARNs (a copy's destination).
BACKUP_VAULT_ARN = re.compile(r"arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[A-Za-z0-9_.-]{2,50}", re.ASCII)
# S3 object key prefixes (S3Prefix of ImportTable/ExportTableToPointInTime): at most 1024 bytes.
S3_PREFIX_MAX_BYTES = 1024
S3_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
# Terraform resource timeouts: Go durations such as "30m", "1h30m", "90s".
DURATION = re.compile(r"(?:\d+(?:\.\d+)?(?:h|m|s|ms))+", re.ASCII)
DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)", re.ASCII)
DURATION_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
# RFC 3339 timestamps in UTC (restore and export times).
UTC_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z", re.ASCII)
# KMS: alias/<name>, 1-256 characters in all, not under alias/aws/; key ARNs name a key ID or an alias.
KMS_ALIAS = re.compile(r"alias/[A-Za-z0-9/_-]{1,250}")
KMS_KEY_ARN = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):kms:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):(?P<kind>key|alias)/"
    r"[A-Za-z0-9/_-]{1,250}", re.ASCII)
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# SNS: 1-256 of letters, digits, '-' and '_' (a FIFO topic ends in '.fifo').
SNS_TOPIC = re.compile(r"[A-Za-z0-9_-]{1,256}")
# AWS Backup: vault names 2-50 of [a-zA-Z0-9-_]; plan, rule and selection names 1-50 of [a-zA-Z0-9-_.].
BACKUP_VAULT = re.compile(r"[A-Za-z0-9_-]{2,50}")
BACKUP_PLAN = re.compile(r"[A-Za-z0-9_.-]{1,50}")
# CloudWatch: alarm names 1-255; dashboard names 1-255 of [A-Za-z0-9_-].
ALARM_NAME_MAX = 255
DASHBOARD = re.compile(r"[A-Za-z0-9_-]{1,255}")
# Application Auto Scaling: policy names 1-256 printable characters.
SCALING_POLICY_NAME_MAX = 256
KMS_ALIAS_MAX = 256


def check_resource_name(field: str, name: Any, where: str | None = None) -> None:
    """Table and index names: 3-255 characters of ``[A-Za-z0-9_.-]``."""
    if not is_literal(name):
        return
    check(matches(RESOURCE_NAME, name), field, name, "expected 3-255 characters of letters, digits, '_', '-' or '.'",
          where)


def check_attribute_name(field: str, name: Any, where: str | None = None) -> None:
    """Attribute names: 1-255 bytes of UTF-8."""
    check(isinstance(name, str) and 0 < len(name.encode()) <= ATTRIBUTE_NAME_MAX_BYTES, field, name,
          f"expected a non-empty attribute name (a string) of at most {ATTRIBUTE_NAME_MAX_BYTES} bytes", where)


TAG_ACCEPTS = "letters, digits, spaces and _ . : / = + - @ (no tabs or line breaks)"


def check_tags(field: str, tags: Any, where: str | None = None) -> dict[str, str]:
    """AWS tag rules: at most 50, keys 1-128 and values 0-256 characters, no ``aws:`` keys."""
    check_mapping(field, tags, "of tag keys to values", where)
    check(len(tags) <= MAX_TAGS, field, f"{len(tags)} tags", f"expected at most {MAX_TAGS} tags", where)
    for key, value in tags.items():
        check(isinstance(key, str) and 1 <= len(key) <= TAG_KEY_MAX and matches(TAG_CHARS, key), f"{field} key", key,
              f"expected 1-{TAG_KEY_MAX} characters of {TAG_ACCEPTS}", where)
        check(not key.lower().startswith("aws:"), f"{field} key", key, "the 'aws:' prefix is reserved for AWS", where)
        if is_literal(value):
            check(isinstance(value, str) and len(value) <= TAG_VALUE_MAX and matches(TAG_CHARS, value),
                  f"{field}[{key!r}]", value, f"expected a string of 0-{TAG_VALUE_MAX} characters of {TAG_ACCEPTS}",
                  where)
    return dict(tags)


def check_tag_count(field: str, own: Mapping[str, str], default: Mapping[str, str], where: str | None = None) -> None:
    """The provider merges its default tags into every resource's tags (``tags_all``); AWS counts both."""
    merged = {**default, **own}
    check(len(merged) <= MAX_TAGS, field, f"{len(merged)} tags with the provider's default tags",
          f"expected at most {MAX_TAGS} tags in all (own {len(own)}, default {len(default)}, "
          f"merged {len(merged)})", where)


# ----- regions, partitions, ARNs -------------------------------------------------------

PARTITIONS = tuple(DYNAMODB_REGIONS)


def partition_of(region: str) -> str | None:
    """The partition a known region belongs to, else None."""
    for partition, regions in DYNAMODB_REGIONS.items():
        if region in regions:
            return partition
    return None


def check_region(field: str, region: Any, where: str | None = None) -> str:
    """A region where DynamoDB exists (botocore's endpoint data; see ``_regions.py``)."""
    if isinstance(region, str) and not is_literal(region):
        return region
    check_type(field, region, str, "expected an AWS region name such as 'eu-west-1'", where)
    if partition_of(region) is None:
        known = ", ".join(r for regions in DYNAMODB_REGIONS.values() for r in regions)
        fail(field, region, f"expected a region where DynamoDB is available: {known}", where)
    return str(region)


@dataclass(frozen=True)
class Arn:
    partition: str
    service: str
    region: str
    account: str
    resource: str


ARN = re.compile(r"arn:(?P<partition>aws[a-z-]*):(?P<service>[a-z0-9-]+):(?P<region>[a-z0-9-]*):"
                 r"(?P<account>\d{12}|aws|):(?P<resource>.+)", re.ASCII)


def parse_arn(value: Any) -> Arn | None:
    """The parts of an ARN (None for anything else, a token included)."""
    match = full_match(ARN, value)
    return Arn(**match.groupdict()) if match else None


def check_arn_partition(field: str, arn: str, where: str | None = None) -> None:
    """An ARN's partition is a known one, and the partition of its Region (IAM and S3 ARNs have none)."""
    parts = parse_arn(arn)
    if parts is None:
        return
    check(parts.partition in PARTITIONS, field, arn,
          f"the ARN's partition {parts.partition!r} is not one of {', '.join(PARTITIONS)}", where)
    if parts.region:
        region_partition = partition_of(parts.region)
        check(region_partition is not None, field, arn, f"the ARN's region {parts.region!r} is not a known region",
              where)
        check(region_partition == parts.partition, field, arn,
              f"the ARN's Region {parts.region} is in partition {region_partition}, not {parts.partition}", where)


def check_same_region(field: str, arn: Any, region: str | None, rule: str, where: str | None = None) -> None:
    """Where AWS requires the resource at ``arn`` in ``region`` (``rule`` says whose Region and
    why): its Region, and so its partition, is that one. Nothing to check while the ARN or the
    Region is only known at apply."""
    parts = parse_arn(arn) if is_literal(arn) else None
    if parts is None or region is None or not is_literal(region):
        return
    check(parts.region == region, field, arn, f"{rule}: expected an ARN in {region}, not in "
          f"{parts.region or 'no Region'}", where)


def check_same_partition(field: str, arn: Any, region: str | None, rule: str, where: str | None = None) -> None:
    """The resource at ``arn`` is in the partition of ``region`` (any Region of it: ``rule`` says
    why another Region is fine and another partition is not)."""
    parts = parse_arn(arn) if is_literal(arn) else None
    wanted = partition_of(region) if region is not None and is_literal(region) else None
    if parts is None or wanted is None:
        return
    check(parts.partition == wanted, field, arn, f"{rule}: expected an ARN in partition {wanted} (of {region}), "
          f"not {parts.partition}", where)


def check_arn(field: str, value: Any, accepted: str, where: str | None, *patterns: re.Pattern[str]) -> None:
    """A value one of ``patterns`` matches whole (a name or an ARN), with an ARN's partition its
    Region's; a Terraform expression (known at apply) passes."""
    if isinstance(value, str) and not is_literal(value):
        return
    check(any(matches(pattern, value) for pattern in patterns), field, value, accepted, where)
    check_arn_partition(field, value, where)


def check_kms_key_arn(field: str, key_arn: Any, where: str | None = None) -> None:
    """A KMS key ARN (or alias ARN) — a key ID alone is not enough for DynamoDB replicas."""
    check_arn(field, key_arn, "expected a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)", where, KMS_KEY_ARN)


def check_kms_alias(field: str, alias: Any, where: str | None = None) -> None:
    check(matches(KMS_ALIAS, alias) and not alias.startswith("alias/aws/"),
          field, alias, "expected 'alias/<name>' of letters, digits, '/', '_' or '-' (at most 256 characters), "
          "not under 'alias/aws/'", where)


def check_role(field: str, role: Any, where: str | None = None) -> None:
    """An IAM role name or role ARN (IAM is global: a role ARN has no Region)."""
    check_arn(field, role, "expected an IAM role name (1-64 of letters, digits, +=,.@_-) or a role ARN", where,
              ROLE_NAME, ROLE_ARN)


def role_name(role: str) -> str:
    """The name of a role given by name or ARN (already checked)."""
    match = full_match(ROLE_ARN, role)
    return match.group("name") if match else role


def user_name(user: str) -> str:
    """The name of a user given by name or ARN (already checked)."""
    match = full_match(USER_ARN, user)
    return match.group("name") if match else user


def check_account_id(field: str, account: Any, where: str | None = None) -> None:
    check(matches(ACCOUNT_ID, account), field, account, "expected a 12-digit AWS account ID", where)


def check_user(field: str, user: Any, where: str | None = None) -> None:
    """An IAM user name or user ARN."""
    check_arn(field, user, "expected an IAM user name (1-64 of letters, digits, +=,.@_-) or a user ARN", where,
              USER_NAME, USER_ARN)


def check_service_principal(field: str, service: Any, where: str | None = None) -> None:
    """An AWS service principal such as ``lambda.amazonaws.com``."""
    check(matches(SERVICE_PRINCIPAL, service), field, service,
          "expected an AWS service principal such as 'lambda.amazonaws.com'", where)


def check_kinesis_stream_arn(field: str, arn: Any, where: str | None = None) -> None:
    check_arn(field, arn, "expected a Kinesis data stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)",
              where, KINESIS_STREAM_ARN)


def check_kinesis_stream_name(field: str, name: Any, where: str | None = None) -> None:
    check(matches(KINESIS_STREAM_NAME, name), field, name,
          "expected 1-128 characters of letters, digits, '_', '-' or '.'", where)


def check_lambda_function(field: str, function: Any, where: str | None = None) -> None:
    """A Lambda function name or ARN (a qualified ARN names a version or an alias)."""
    check_arn(field, function, "expected a Lambda function name (1-64 of letters, digits, '-', '_') or a function ARN",
              where, LAMBDA_FUNCTION_NAME, LAMBDA_FUNCTION_ARN)


TABLE_ARN_ACCEPTS = "a DynamoDB table ARN (arn:aws:dynamodb:<region>:<account>:table/<name>)"


def check_table_arn(field: str, arn: Any, where: str | None = None) -> None:
    check_arn(field, arn, f"expected {TABLE_ARN_ACCEPTS}", where, TABLE_ARN)


def table_arn_parts(arn: str) -> tuple[str, str]:
    """(Region, table name) of a table ARN already checked by ``check_table_arn``."""
    match = full_match(TABLE_ARN, arn)
    assert match is not None
    return match.group("region"), match.group("name")


def check_stream_arn(field: str, arn: Any, where: str | None = None) -> None:
    check_arn(field, arn, "expected a DynamoDB stream ARN "
              "(arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>)", where, STREAM_ARN)


def check_sns_topic_arn(field: str, arn: Any, where: str | None = None) -> None:
    check_arn(field, arn, "expected an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)", where, SNS_TOPIC_ARN)


def check_backup_vault_arn(field: str, arn: Any, where: str | None = None) -> None:
    check_arn(field, arn, "expected a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>)", where,
              BACKUP_VAULT_ARN)


def check_s3_prefix(field: str, prefix: Any, where: str | None = None) -> None:
    """An S3 key prefix: at most 1024 bytes, no leading '/' (S3 keys do not start with one)."""
    if isinstance(prefix, str) and not is_literal(prefix):
        return
    ok = isinstance(prefix, str) and 0 < len(prefix.encode()) <= S3_PREFIX_MAX_BYTES and not prefix.startswith("/")
    check(ok, field, prefix, f"expected a non-empty S3 key prefix of at most {S3_PREFIX_MAX_BYTES} bytes, "
          "not starting with '/'", where)


def duration_seconds(text: str) -> float:
    """Seconds of a Go duration ("1h30m") already matched by ``DURATION``."""
    return sum(float(n) * DURATION_UNITS[u] for n, u in DURATION_PART.findall(text))


def check_duration(field: str, value: Any, where: str | None = None) -> None:
    """A Terraform timeout: a Go duration of hours, minutes, seconds ("30m", "1h30m"), above zero."""
    ok = matches(DURATION, value) and duration_seconds(value) > 0
    check(ok, field, value, "expected a duration such as '30m', '2h' or '1h30m'", where)


def check_utc_timestamp(field: str, value: Any, where: str | None = None) -> None:
    """An RFC 3339 timestamp in UTC ("2026-11-01T03:00:00Z"), as the provider requires."""
    if isinstance(value, str) and not is_literal(value):
        return
    ok = matches(UTC_TIMESTAMP, value)
    if ok:
        try:
            datetime.strptime(value[:19], "%Y-%m-%dT%H:%M:%S")
        except ValueError:
            ok = False
    check(ok, field, value, "expected an RFC 3339 UTC timestamp such as '2026-11-01T03:00:00Z'", where)


def check_email(field: str, email: Any, where: str | None = None) -> None:
    check(matches(EMAIL, email), field, email, "expected an e-mail address (a string such as 'oncall@example.com')",
          where)


def check_length(field: str, name: str, limit: int, what: str, where: str | None = None) -> None:
    """A name the library derives must still fit its service's limit."""
    if is_literal(name):
        check(len(name) <= limit, field, name, f"{what} is {len(name)} characters; AWS allows at most {limit} "
              "(use a shorter table or resource name)", where)


def check_sns_topic_name(field: str, name: Any, where: str | None = None) -> None:
    ok = isinstance(name, str) and matches(SNS_TOPIC, name.removesuffix(".fifo")) and len(name) <= 256
    check(ok, field, name, "expected 1-256 characters of letters, digits, '-' or '_' (FIFO topics end in .fifo)",
          where)


def check_backup_vault_name(field: str, name: Any, where: str | None = None) -> None:
    check(matches(BACKUP_VAULT, name), field, name, "expected 2-50 characters of letters, digits, '-' or '_'", where)


def check_dashboard_name(field: str, name: Any, where: str | None = None) -> None:
    check(matches(DASHBOARD, name), field, name, "expected 1-255 characters of letters, digits, '-' or '_'", where)


def check_bucket_name(field: str, name: Any, where: str | None = None) -> None:
    """S3 general purpose bucket naming rules (S3 User Guide, "Bucket naming rules")."""
    accepted = ("expected 3-63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit, "
                "no '..', '.-' or '-.', not an IP address, not starting with 'xn--', 'sthree-' or "
                "'amzn-s3-demo-', not ending with '-s3alias', '--ol-s3', '.mrap', '--x-s3' or '--table-s3'")
    ok = matches(S3_BUCKET, name)
    if ok:
        assert isinstance(name, str)
        ok = not any(part in name for part in ("..", ".-", "-."))
        ok = ok and not name.startswith(("xn--", "sthree-", "amzn-s3-demo-"))
        ok = ok and not name.endswith(("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"))
        ok = ok and not _is_ip_address(name)
    check(ok, field, name, accepted, where)


def _is_ip_address(name: str) -> bool:
    try:
        ipaddress.IPv4Address(name)
    except ValueError:
        return False
    return True


def fit(name: str, limit: int) -> str:
    """``name`` if it fits ``limit`` characters, else its start and a hash of the whole (stable, unique).

    For names the library derives from a table's name (alarms, policies, aliases), so a long
    table name never yields a name the service refuses.
    """
    if len(name) <= limit or not is_literal(name):
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[:limit - 9]}-{digest}"


def check_scaling_policy_name(field: str, name: Any, where: str | None = None) -> None:
    """An Application Auto Scaling policy name: 1-256 printable characters (PutScalingPolicy's PolicyName)."""
    check(isinstance(name, str) and 1 <= len(name) <= SCALING_POLICY_NAME_MAX and name.isprintable(), field, name,
          f"expected 1-{SCALING_POLICY_NAME_MAX} printable characters", where)
