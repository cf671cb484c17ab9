"""AWS's naming rules, in one place: regions per partition (from botocore's data), ARNs, tags,
S3 buckets, SNS topics, vaults, and names the library derives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dynamo_constructs import TableConfigError, _regions
from dynamo_constructs.names import (
    check_backup_vault_name,
    check_bucket_name,
    check_region,
    check_sns_topic_name,
    check_tag_count,
    fit,
    parse_arn,
    partition_of,
)

import pytest

from devtools.regions import dynamodb_regions, render


def error_of(check: Any, value: Any) -> TableConfigError:
    with pytest.raises(TableConfigError) as caught:
        check("field", value, "where")
    assert caught.value.path == "where" and caught.value.field == "field" and caught.value.value == value
    return caught.value


def test_the_region_table_is_botocores() -> None:
    """Generated from botocore's endpoint data; regenerate with ``make regions`` when botocore moves."""
    version, regions = dynamodb_regions()
    if version == _regions.SOURCE_BOTOCORE_VERSION:
        assert render(version, regions) == Path(_regions.__file__).read_text()
    else:  # a newer botocore may know more regions, never fewer
        for partition, names in _regions.DYNAMODB_REGIONS.items():
            assert set(names) <= set(regions[partition]), partition


@pytest.mark.parametrize(("region", "partition"), [("us-east-1", "aws"), ("eu-west-1", "aws"), ("cn-north-1", "aws-cn"),
                                                   ("us-gov-west-1", "aws-us-gov"), ("us-iso-east-1", "aws-iso")])
def test_known_regions_and_their_partition(region: str, partition: str) -> None:
    assert check_region("field", region) == region and partition_of(region) == partition


@pytest.mark.parametrize("region", ["eu-mars-1", "us-east-9", "Europe", "us_east_1", "", 5])
def test_unknown_regions_are_refused(region: Any) -> None:
    assert "eu-west-1" in error_of(check_region, region).accepted


BUCKET_OK = ["my-state", "a.b-c", "123", "x" * 63]
BUCKET_BAD = ["ab", "x" * 64, "My-State", "a..b", "a.-b", "a-.b", "-ab", "ab-", "192.168.1.1", "xn--ab", "sthree-x",
              "amzn-s3-demo-x", "abc-s3alias", "abc--ol-s3", "abc.mrap", "abc--x-s3", "abc--table-s3", "a_b"]


@pytest.mark.parametrize("name", BUCKET_OK)
def test_bucket_names_accepted(name: str) -> None:
    check_bucket_name("field", name)


@pytest.mark.parametrize("name", BUCKET_BAD)
def test_bucket_names_refused(name: str) -> None:
    assert "3-63 characters" in error_of(check_bucket_name, name).accepted


@pytest.mark.parametrize(("check", "value"), [(check_sns_topic_name, "alarms topic"), (check_sns_topic_name, "a" * 257),
                                              (check_sns_topic_name, "a.b"), (check_backup_vault_name, "prod.backup"),
                                              (check_backup_vault_name, "x"), (check_backup_vault_name, "v" * 51)])
def test_service_names_refused(check: Any, value: str) -> None:
    error_of(check, value)


def test_service_names_accepted() -> None:
    check_sns_topic_name("field", "orders_alarms-1")
    check_sns_topic_name("field", "orders.fifo")
    check_backup_vault_name("field", "prod-backup_1")


def test_default_tags_count_toward_the_limit() -> None:
    check_tag_count("tags", {f"k{i}": "v" for i in range(47)}, {"A": "1", "B": "2", "k0": "shared"})  # 49 merged
    with pytest.raises(TableConfigError) as caught:
        check_tag_count("tags", {f"k{i}": "v" for i in range(48)}, {"A": "1", "B": "2", "C": "3"})
    assert "51 tags" in caught.value.value and "default 3" in caught.value.accepted


def test_fit_keeps_short_names_and_shortens_long_ones_stably() -> None:
    assert fit("orders-read-throttles", 255) == "orders-read-throttles"
    long = "t" * 250 + "-read-throttles"
    first, second = fit(long, 255), fit(long, 255)
    assert first == second and len(first) == 255 and first.startswith("t" * 200)
    assert fit(long, 255) != fit(long.replace("read", "write"), 255)
    assert fit("${aws_x.y.name}-long" + "x" * 300, 10).startswith("${")  # tokens resolve later; left alone


def test_arns_are_parsed() -> None:
    arn = parse_arn("arn:aws-cn:kms:cn-north-1:123456789012:key/abc")
    assert arn is not None and (arn.partition, arn.service, arn.region, arn.account, arn.resource) == (
        "aws-cn", "kms", "cn-north-1", "123456789012", "key/abc")
    assert parse_arn("not-an-arn") is None
    assert json.dumps(arn.__dict__)
