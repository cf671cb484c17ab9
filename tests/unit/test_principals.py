"""``Principal``: who a grant or a policy statement is for, asked about itself (no caller tests for
a variant's type)."""

from __future__ import annotations

from dynamo_constructs import Principal, TableConfigError
from dynamo_constructs.principals import check_principal, principal_of

import pytest

ROLE_ARN = "arn:aws:iam::111122223333:role/team/reader"


@pytest.mark.parametrize(("principal", "identity", "account", "attachment", "slug"), [
    (Principal.role("reader"), True, False, ("role", "reader"), "identity"),
    (Principal.role(ROLE_ARN), True, False, ("role", ROLE_ARN), "identity"),
    (Principal.user("ops"), True, False, ("user", "ops"), "identity"),
    (Principal.account("111122223333"), False, True, None, "account_111122223333"),
    (Principal.service("events.amazonaws.com"), False, False, None, "events"),
])
def test_each_principal_answers_for_itself(principal: Principal, identity: bool, account: bool,
                                           attachment: tuple[str, str] | None, slug: str) -> None:
    assert (principal.is_identity, principal.is_account, principal.attachment, principal.slug) == (
        identity, account, attachment, slug)


def test_principals_print_as_the_call_that_made_them() -> None:
    assert repr(Principal.account("111122223333")) == "Principal.account(account_id='111122223333')"


def test_a_user_name_is_refused_as_a_resource_policy_principal() -> None:
    with pytest.raises(TableConfigError) as caught:
        Principal.user("ops")._render("aws")
    assert caught.value.field == "principal" and "by its ARN" in caught.value.accepted
    assert Principal.user("arn:aws:iam::111122223333:user/ops")._render("aws-cn") == {
        "AWS": "arn:aws:iam::111122223333:user/ops"}
    assert Principal.account("111122223333")._render("aws-cn") == {"AWS": "arn:aws-cn:iam::111122223333:root"}


def test_a_grantee_string_is_a_role_but_never_an_account_id() -> None:
    assert principal_of("grant role", "reader").attachment == ("role", "reader")
    with pytest.raises(TableConfigError) as caught:
        principal_of("grant role", "111122223333")
    assert caught.value.field == "grant role" and "ambiguous" in caught.value.accepted


@pytest.mark.parametrize("value", [3, None, ["reader"], {"AWS": "*"}])
def test_anything_else_is_not_a_principal(value: object) -> None:
    with pytest.raises(TableConfigError) as caught:
        check_principal("principals", value, "PolicyStatement")
    assert (caught.value.path, caught.value.field, caught.value.value) == ("PolicyStatement", "principals", value)
    assert "Principal.role(name_or_arn)" in caught.value.accepted
