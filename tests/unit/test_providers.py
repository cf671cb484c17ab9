"""Provider set-up and the stack's hashicorp/aws range, derived from the features it uses."""

from __future__ import annotations

from dynamo_constructs import TableConfigError, aws_provider, replica_provider, require_provider_version
from dynamo_constructs._core import TerraformStack
from dynamo_constructs.providers import required_features

import pytest

from tests.support.helpers import new_app, new_stack, synth


def test_the_range_admits_5_100_until_a_feature_needs_more() -> None:
    stack = new_stack()
    assert synth(stack)["terraform"]["required_providers"]["aws"] == {"source": "hashicorp/aws",
                                                                      "version": ">= 5.100.0, < 7.0.0"}
    require_provider_version(stack, "6.13.0", "warm_throughput")
    require_provider_version(stack, "6.3.0", "replica.consistency_mode")
    assert synth(stack)["terraform"]["required_providers"]["aws"]["version"] == ">= 6.13.0, < 7.0.0"
    assert required_features(stack) == {"warm_throughput": "6.13.0", "replica.consistency_mode": "6.3.0"}


def test_providers_carry_region_alias_and_default_tags() -> None:
    stack = TerraformStack(new_app(), "p")
    aws_provider(stack, "eu-west-1", tags={"Team": "data"})
    replica_provider(stack, "eu-central-1")
    providers = synth(stack)["provider"]["aws"]
    assert [(p["region"], p.get("alias"), p.get("default_tags")) for p in providers] == [
        ("eu-west-1", None, [{"tags": {"Team": "data"}}]), ("eu-central-1", "eu_central_1", None)]


@pytest.mark.parametrize(("region", "tags", "field"), [
    ("eu-west-9", None, "provider region"), ("us-east-1", {"aws:team": "x"}, "provider default tags key")])
def test_provider_rules(region: str, tags: dict[str, str] | None, field: str) -> None:
    with pytest.raises(TableConfigError) as caught:
        aws_provider(TerraformStack(new_app(), "p"), region, tags=tags)
    assert (caught.value.path, caught.value.field) == ("p", field)
