"""``Replica`` (checked when made) and ``check_replicas``, the rules across a table and its
replicas, called directly: no table is built."""

from __future__ import annotations

from typing import Any

from dynamo_constructs import Billing, Capacity, Replica, TableConfigError, TableEncryption, Timeouts, replica_provider
from dynamo_constructs.replicas import MultiRegionConsistency, check_replicas

import pytest

from tests.support.helpers import new_stack

STACK = new_stack()
WEST = replica_provider(STACK, "us-west-2")
EAST2 = replica_provider(STACK, "us-east-2")
ON_DEMAND = Billing.on_demand()


def rules(replicas: list[Any], **overrides: Any) -> tuple[Replica, ...]:
    arguments: dict[str, Any] = {"primary_region": "us-east-1", "provider_regions": {id(WEST): "us-west-2", id(EAST2): "us-east-2"},
                                     "stream": None, "billing": ON_DEMAND, "index_capacities": (),
                                     "encryption": TableEncryption.aws_owned()}
    arguments.update(overrides)
    return check_replicas(replicas, **arguments)


def rule_error(replicas: list[Any], **overrides: Any) -> TableConfigError:
    with pytest.raises(TableConfigError) as caught:
        rules(replicas, **overrides)
    return caught.value


def test_a_replica_is_checked_when_made() -> None:
    replica = Replica(region="us-west-2", provider=WEST, point_in_time_recovery=False, table_class="STANDARD_INFREQUENT_ACCESS",
                      timeouts=Timeouts(create="90m"))
    assert (replica.region, replica.id_suffix, replica.point_in_time_recovery) == ("us-west-2", "us_west_2", False)


@pytest.mark.parametrize(("kwargs", "field", "accepted"), [
    ({"region": "mars-1"}, "region", "region"),
    ({"provider": "us-west-2"}, "provider", "replica_provider"),
    ({"kms_key_arn": "arn:aws:kms:us-east-1:123456789012:key/abc"}, "kms_key_arn", "replica's region (us-west-2)"),
    ({"deletion_protection": "no"}, "deletion_protection", "True or False"),
    ({"table_class": "GLACIER"}, "table_class", "STANDARD_INFREQUENT_ACCESS"),
    ({"propagate_tags": None}, "propagate_tags", "True or False"),
])
def test_replica_rules(kwargs: dict[str, Any], field: str, accepted: str) -> None:
    arguments = {"region": "us-west-2", "provider": WEST, **kwargs}
    with pytest.raises(TableConfigError) as caught:
        Replica(**arguments)
    assert caught.value.field == field and accepted in caught.value.accepted
    assert caught.value.path == f"Replica {arguments['region']!r}"


def test_replicas_that_follow_the_rules_come_back_in_order() -> None:
    west, east2 = Replica(region="us-west-2", provider=WEST), Replica(region="us-east-2", provider=EAST2)
    assert rules([west, east2], stream="NEW_AND_OLD_IMAGES") == (west, east2)
    assert rules([]) == ()


@pytest.mark.parametrize(("replicas", "overrides", "field", "accepted"), [
    (["us-west-2"], {}, "replicas[0]", "Replica(region=..., provider=...)"),
    ([Replica(region="us-west-2", provider=WEST)] * 2, {}, "replica region", "once"),
    ([Replica(region="us-east-1", provider=WEST)], {}, "replica region", "another region than the table"),
    ([Replica(region="cn-north-1", provider=WEST)], {"provider_regions": {}}, "replica region", "partition (aws)"),
    ([Replica(region="us-east-2", provider=WEST)], {}, "replica us-east-2 provider region", "configured for us-east-2"),
    ([Replica(region="us-west-2", provider=WEST, kms_key_arn="arn:aws:kms:us-west-2:123456789012:key/k")], {},
     "replica us-west-2 kms_key_arn", "customer_managed_key"),
    ([Replica(region="us-west-2", provider=WEST)],
     {"encryption": TableEncryption.customer_managed_key("arn:aws:kms:us-east-1:123456789012:key/k")},
     "replica us-west-2 kms_key_arn", "its key in its own region"),
    ([Replica(region="us-west-2", provider=WEST)], {"stream": "KEYS_ONLY"}, "stream", "NEW_AND_OLD_IMAGES"),
    ([Replica(region="us-west-2", provider=WEST)],
     {"billing": Billing.provisioned(read_capacity=Capacity.fixed(1), write_capacity=Capacity.fixed(1))},
     "billing write_capacity", "autoscaled write capacity"),
    ([], {"witness_region": "us-west-2"}, "witness_region", "strong consistency only"),
])
def test_rules_across_the_table_and_its_replicas(replicas: list[Any], overrides: dict[str, Any], field: str,
                                                 accepted: str) -> None:
    raised = rule_error(replicas, **overrides)
    assert raised.field == field and accepted in raised.accepted
    assert raised.path is None  # the Table adds its path


@pytest.mark.parametrize(("replicas", "overrides", "field", "accepted"), [
    ([Replica(region="us-east-2", provider=EAST2)], {}, "replicas", "exactly three Regions"),
    ([Replica(region="us-east-2", provider=EAST2)], {"witness_region": "eu-west-1"}, "witness_region", "Region set (US"),
    ([Replica(region="us-east-2", provider=EAST2), Replica(region="us-west-2", provider=WEST)], {"has_source": True},
     "source", "empty table"),
    ([Replica(region="us-east-2", provider=EAST2, table_class="STANDARD"), Replica(region="us-west-2", provider=WEST)], {},
     "replica us-east-2 table_class", "no table class"),
    ([Replica(region="us-east-2", provider=EAST2)], {"primary_region": "sa-east-1", "witness_region": "us-west-2"},
     "consistency", "in no Region set"),
])
def test_strong_consistency_rules(replicas: list[Any], overrides: dict[str, Any], field: str, accepted: str) -> None:
    raised = rule_error(replicas, consistency=MultiRegionConsistency.STRONG, **overrides)
    assert raised.field == field and accepted in raised.accepted
