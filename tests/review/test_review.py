"""The review's pieces on hand-written documents: actions, moves, removed/import blocks, references,
sets, Optional+Computed arguments, lifecycle rules and every data-loss rule."""

from __future__ import annotations

from typing import Any

from dynamo_constructs.review import Action, FailureKind, LossKind, Report, review_documents

import pytest

from tests.review.docs import edit, key, stack, table, with_table

T = "aws_dynamodb_table.t"


def review(before: dict[str, Any] | None, after: dict[str, Any] | None) -> Report:
    return review_documents(before, after)


def action(report: Report, address: str = T) -> str:
    return report.by_address()[address].action.value


def reasons(report: Report, address: str = T) -> list[str]:
    return report.by_address()[address].reasons


def kinds(report: Report, address: str = T) -> set[LossKind]:
    return {loss.kind for loss in report.by_address()[address].losses}


# ----- plain actions ---------------------------------------------------------------------


def test_identical_configurations_change_nothing() -> None:
    report = review(with_table(), with_table())
    assert [c.action for c in report.changes] == [Action.NO_OP]
    assert not report.data_loss


def test_table_name_change_replaces_the_table_and_loses_data() -> None:
    report = review(with_table(), with_table(name="renamed"))
    assert action(report) == "replace"
    assert 'name: "orders" -> "renamed" forces replacement' in reasons(report)
    assert kinds(report) == {LossKind.TABLE_REPLACED}
    assert report.data_loss


def test_new_and_removed_resources() -> None:
    report = review(with_table(), stack(aws_dynamodb_table={"u": table("other")}))
    assert action(report) == "destroy" and kinds(report) == {LossKind.TABLE_DESTROYED}
    assert action(report, "aws_dynamodb_table.u") == "create"
    assert not report.by_address()["aws_dynamodb_table.u"].data_loss


def test_a_stack_on_one_side_only_is_all_create_or_all_destroy() -> None:
    assert {c.action for c in review(None, with_table()).changes} == {Action.CREATE}
    gone = review(with_table(), None)
    assert {c.action for c in gone.changes} == {Action.DESTROY} and gone.data_loss


def test_single_blocks_as_object_or_one_element_list_are_the_same() -> None:
    report = review(with_table(point_in_time_recovery={"enabled": True}),
                    with_table(point_in_time_recovery=[{"enabled": True}]))
    assert action(report) == "no-op"


def test_values_compare_as_terraform_converts_them() -> None:
    before = with_table(billing_mode="PROVISIONED", read_capacity=5, write_capacity=5, stream_enabled=True,
                        stream_view_type="NEW_IMAGE")
    after = with_table(billing_mode="PROVISIONED", read_capacity="5", write_capacity=5.0, stream_enabled="true",
                       stream_view_type="new_image")
    assert action(review(before, after)) == "no-op"


def test_null_and_zero_are_the_same_for_sdk_resources() -> None:
    assert action(review(with_table(deletion_protection_enabled=False), with_table(deletion_protection_enabled=None))) \
        == "no-op"


# ----- sets, ForceNew, Optional+Computed ---------------------------------------------------


GSI_A = {"name": "ByA", "hash_key": "a", "projection_type": "ALL"}
GSI_B = {"name": "ByB", "hash_key": "b", "projection_type": "ALL"}
ATTRS = [{"name": "pk", "type": "S"}, {"name": "a", "type": "S"}, {"name": "b", "type": "S"}]


def test_gsis_are_a_set_matched_by_name() -> None:
    before = with_table(attribute=ATTRS, global_secondary_index=[GSI_A, GSI_B])
    assert action(review(before, with_table(attribute=list(reversed(ATTRS)),
                                            global_secondary_index=[GSI_B, GSI_A]))) == "no-op"
    changed = with_table(attribute=ATTRS, global_secondary_index=[GSI_A, {**GSI_B, "projection_type": "KEYS_ONLY"}])
    report = review(before, changed)
    assert action(report) == "update"
    assert 'global_secondary_index["ByB"].projection_type: "ALL" -> "KEYS_ONLY"' in reasons(report)


def test_gsi_added_and_removed_are_updates() -> None:
    before = with_table(attribute=ATTRS, global_secondary_index=[GSI_A])
    report = review(before, with_table(attribute=ATTRS, global_secondary_index=[GSI_A, GSI_B]))
    assert action(report) == "update" and 'global_secondary_index["ByB"]: added' in reasons(report)
    report = review(before, with_table(attribute=ATTRS[:1]))
    assert action(report) == "update" and 'global_secondary_index["ByA"]: removed' in reasons(report)


def test_local_secondary_index_forces_replacement() -> None:
    lsi = {"name": "ByB", "range_key": "b", "projection_type": "ALL"}
    report = review(with_table(range_key="sk"), with_table(range_key="sk", local_secondary_index=[lsi]))
    assert action(report) == "replace"
    assert 'local_secondary_index["ByB"]: added forces replacement' in reasons(report)


def test_attribute_type_change_alone_is_not_planned() -> None:
    report = review(with_table(), with_table(attribute=[{"name": "pk", "type": "N"}]))
    assert action(report) == "no-op"
    assert any("is not planned: the provider changes attribute only together with global_secondary_index" in r
               for r in reasons(report))


def test_omitted_optional_computed_block_keeps_the_live_value() -> None:
    before = with_table(server_side_encryption={"enabled": True, "kms_key_arn": "arn:aws:kms:us-east-1:1:key/k"})
    report = review(before, with_table())
    assert action(report) == "no-op"
    assert reasons(report) == ["server_side_encryption: omitted; Optional+Computed so the live value is kept; back to "
                               "the AWS-owned key: TableEncryption.aws_owned(), rendered as enabled = false"]


def test_omitted_optional_computed_argument_in_a_block_keeps_the_live_value() -> None:
    before = with_table(server_side_encryption={"enabled": True, "kms_key_arn": "arn:aws:kms:us-east-1:1:key/k"})
    report = review(before, with_table(server_side_encryption={"enabled": True}))
    assert action(report) == "no-op"
    assert reasons(report) == ["server_side_encryption.kms_key_arn: omitted; Optional+Computed so the live value is "
                               "kept; back to the AWS-owned key: TableEncryption.aws_owned()"]


def test_disabled_encryption_both_ways_is_no_change_and_disabling_a_key_is_an_update() -> None:
    assert action(review(with_table(), with_table(server_side_encryption={"enabled": False}))) == "no-op"
    # CustomizeDiff clears any diff between two disabled blocks, even one naming a key
    disabled_with_key = with_table(server_side_encryption={"enabled": False, "kms_key_arn": "arn:aws:kms:r:1:key/k"})
    assert action(review(with_table(server_side_encryption={"enabled": False}), disabled_with_key)) == "no-op"
    before = with_table(server_side_encryption={"enabled": True})
    assert action(review(before, with_table(server_side_encryption={"enabled": False}))) == "update"


def test_omitted_plain_argument_returns_to_its_default() -> None:
    report = review(with_table(table_class="STANDARD_INFREQUENT_ACCESS"), with_table())
    assert action(report) == "update"
    assert 'table_class: "STANDARD_INFREQUENT_ACCESS" -> "STANDARD"' in reasons(report)


def test_ttl_removal_is_kept_and_ttl_name_suppressed_while_disabled() -> None:
    ttl_on = with_table(ttl={"attribute_name": "expires", "enabled": True})
    assert action(review(ttl_on, with_table())) == "no-op"
    report = review(with_table(ttl={"attribute_name": "", "enabled": False}),
                    with_table(ttl={"attribute_name": "other", "enabled": False}))
    assert action(report) == "no-op"


def test_unknown_resource_types_are_diffed_generically() -> None:
    before = stack(aws_made_up={"x": {"size": 1}})
    report = review(before, stack(aws_made_up={"x": {"size": 2}}))
    assert action(report, "aws_made_up.x") == "update"
    assert any("replacement rules unknown" in r for r in reasons(report, "aws_made_up.x"))
    assert any("replacement rules unknown" in r for r in reasons(review(None, before), "aws_made_up.x"))


def test_json_documents_compare_by_meaning() -> None:
    policy = '{"Version": "2012-10-17", "Statement": []}'
    same = '{"Statement":[],"Version":"2012-10-17"}'
    report = review(stack(aws_iam_policy={"p": {"name": "p", "policy": policy}}),
                    stack(aws_iam_policy={"p": {"name": "p", "policy": same}}))
    assert action(report, "aws_iam_policy.p") == "no-op"


def test_provider_default_tags_update_every_taggable_resource() -> None:
    before = stack(aws_dynamodb_table={"t": table()}, aws_dynamodb_contributor_insights={"i": {"table_name": "orders"}})
    after = edit(before, "aws_dynamodb_table.t.deletion_protection_enabled", False)
    after["provider"]["aws"][0]["default_tags"] = [{"tags": {"Env": "prod"}}]
    report = review(before, after)
    assert action(report) == "update" and any(r.startswith("tags_all:") for r in reasons(report))
    assert action(report, "aws_dynamodb_contributor_insights.i") == "no-op"


# ----- lifecycle ---------------------------------------------------------------------------


def test_ignore_changes_hides_a_change() -> None:
    before = with_table(billing_mode="PROVISIONED", read_capacity=5, write_capacity=5)
    after = with_table(billing_mode="PROVISIONED", read_capacity=50, write_capacity=5,
                       lifecycle={"ignore_changes": ["read_capacity"]})
    report = review(before, after)
    assert action(report) == "no-op"
    assert "read_capacity: change ignored (lifecycle.ignore_changes): it does not reach AWS" in reasons(report)
    everything = with_table(name="renamed", lifecycle={"ignore_changes": "all"})
    assert action(review(with_table(), everything)) == "no-op"


def test_prevent_destroy_keeps_the_action_and_says_terraform_refuses() -> None:
    after = with_table(name="renamed", lifecycle={"prevent_destroy": True})
    report = review(with_table(lifecycle={"prevent_destroy": True}), after)
    assert action(report) == "replace" and report.fails
    (failure,) = report.by_address()[T].failures
    assert failure.kind is FailureKind.PLAN and failure.text.startswith("Instance cannot be destroyed")
    assert failure.fix.startswith('keep the live name with table_name="orders"')


def test_prevent_destroy_does_not_protect_a_removed_resource() -> None:
    report = review(with_table(lifecycle={"prevent_destroy": True}), stack())
    assert action(report) == "destroy"
    assert any(r.startswith("prevent_destroy does not stop this") for r in reasons(report))


def test_removing_prevent_destroy_or_deletion_protection_is_data_loss() -> None:
    report = review(with_table(lifecycle={"prevent_destroy": True}), with_table())
    assert action(report) == "no-op" and kinds(report) == {LossKind.PREVENT_DESTROY_OFF}
    report = review(with_table(deletion_protection_enabled=True), with_table(deletion_protection_enabled=None))
    assert action(report) == "update" and kinds(report) == {LossKind.DELETION_PROTECTION_OFF}


def test_replace_triggered_by() -> None:
    before = stack(aws_dynamodb_table={"t": table()},
                   aws_cloudwatch_dashboard={"d": {"dashboard_name": "d", "dashboard_body": "{}",
                                                   "lifecycle": {"replace_triggered_by": ["aws_dynamodb_table.t"]}}})
    after = edit(before, "aws_dynamodb_table.t.billing_mode", "PROVISIONED")
    report = review(before, after)
    assert action(report, "aws_cloudwatch_dashboard.d") == "replace"
    assert "replace_triggered_by aws_dynamodb_table.t" in reasons(report, "aws_cloudwatch_dashboard.d")


# ----- moved / removed / import --------------------------------------------------------------


def moved(doc: dict[str, Any], *pairs: tuple[str, str]) -> dict[str, Any]:
    return {**doc, "moved": [{"from": a, "to": b} for a, b in pairs]}


def test_a_pure_move_is_move() -> None:
    after = moved(stack(aws_dynamodb_table={"u": table()}), ("aws_dynamodb_table.t", "aws_dynamodb_table.u"))
    report = review(with_table(), after)
    assert [(c.address, c.action.value) for c in report.changes] == [("aws_dynamodb_table.u", "move")]
    assert reasons(report, "aws_dynamodb_table.u") == ["moved from aws_dynamodb_table.t"]
    assert not report.data_loss


def test_moves_follow_chains() -> None:
    after = moved(stack(aws_dynamodb_table={"c": table()}), ("aws_dynamodb_table.t", "aws_dynamodb_table.b"),
                  ("aws_dynamodb_table.b", "aws_dynamodb_table.c"))
    report = review(with_table(), after)
    assert action(report, "aws_dynamodb_table.c") == "move"
    assert "moved from aws_dynamodb_table.t" in reasons(report, "aws_dynamodb_table.c")


def test_a_move_with_changes_is_an_update_or_a_replace() -> None:
    updated = moved(stack(aws_dynamodb_table={"u": table(billing_mode="PROVISIONED")}),
                    ("aws_dynamodb_table.t", "aws_dynamodb_table.u"))
    report = review(with_table(), updated)
    assert action(report, "aws_dynamodb_table.u") == "update"
    assert reasons(report, "aws_dynamodb_table.u")[0] == "moved from aws_dynamodb_table.t"
    replaced = moved(stack(aws_dynamodb_table={"u": table("renamed")}), ("aws_dynamodb_table.t", "aws_dynamodb_table.u"))
    assert action(review(with_table(), replaced), "aws_dynamodb_table.u") == "replace"


def test_a_move_onto_an_existing_address_is_not_applied() -> None:
    before = stack(aws_dynamodb_table={"t": table(), "u": table("other")})
    after = moved(stack(aws_dynamodb_table={"u": table("other")}), ("aws_dynamodb_table.t", "aws_dynamodb_table.u"))
    report = review(before, after)
    assert action(report) == "destroy" and action(report, "aws_dynamodb_table.u") == "no-op"


def test_references_are_normalized_through_moves() -> None:
    before = stack(aws_dynamodb_table={"t": table()},
                   aws_backup_selection={"s": {"name": "s", "plan_id": "p", "iam_role_arn": "r",
                                               "resources": ["${aws_dynamodb_table.t.arn}"]}},
                   aws_dynamodb_contributor_insights={"i": {"table_name": "${aws_dynamodb_table.t.name}"}})
    after = moved(stack(aws_dynamodb_table={"u": table()},
                        aws_backup_selection={"s": {"name": "s", "plan_id": "p", "iam_role_arn": "r",
                                                    "resources": ["${aws_dynamodb_table.u.arn}"]}},
                        aws_dynamodb_contributor_insights={"i": {"table_name": "${aws_dynamodb_table.u.name}"}}),
                  ("aws_dynamodb_table.t", "aws_dynamodb_table.u"))
    report = review(before, after)
    assert action(report, "aws_backup_selection.s") == "no-op"
    assert action(report, "aws_dynamodb_contributor_insights.i") == "no-op"
    assert not report.data_loss


def test_removed_block_forgets_or_destroys() -> None:
    forget = {**stack(), "removed": [{"from": T, "lifecycle": {"destroy": False}}]}
    report = review(with_table(), forget)
    assert action(report) == "forget" and not report.data_loss
    destroy = {**stack(), "removed": [{"from": T, "lifecycle": [{"destroy": True}]}]}
    report = review(with_table(), destroy)
    assert action(report) == "destroy" and report.data_loss


def test_imported_resources_are_adopted_not_created() -> None:
    after = {**with_table(), "import": [{"to": T, "id": "orders"}]}
    report = review(stack(), after)
    assert action(report) == "no-op" and not report.data_loss
    assert reasons(report)[0].startswith("imported (id 'orders')")


# ----- references and unknown values ----------------------------------------------------------


def test_replacing_a_table_makes_its_arn_unknown_and_replaces_the_backup_selection() -> None:
    before = stack(aws_dynamodb_table={"t": table()},
                   aws_backup_selection={"s": {"name": "s", "plan_id": "p", "iam_role_arn": "r",
                                               "resources": ["${aws_dynamodb_table.t.arn}"]}},
                   aws_dynamodb_contributor_insights={"i": {"table_name": "${aws_dynamodb_table.t.name}"}})
    after = edit(before, "aws_dynamodb_table.t.range_key", "sk")
    report = review(before, after)
    assert action(report) == "replace"
    assert action(report, "aws_backup_selection.s") == "replace"
    assert reasons(report, "aws_backup_selection.s")[0] == (
        "resources: - the arn of aws_dynamodb_table.t; + (known after apply) (aws_dynamodb_table.t is replaced) "
        "forces replacement")
    # the name is set literally, so it stays known: contributor insights are untouched
    assert action(report, "aws_dynamodb_contributor_insights.i") == "no-op"


def test_literal_attributes_flow_through_references() -> None:
    before = stack(aws_dynamodb_table={"t": table()},
                   aws_appautoscaling_target={"r": {"service_namespace": "dynamodb", "min_capacity": 1,
                                                    "max_capacity": 2, "scalable_dimension": "x",
                                                    "resource_id": "table/${aws_dynamodb_table.t.name}"}})
    report = review(before, edit(before, "aws_dynamodb_table.t.name", "renamed"))
    assert action(report, "aws_appautoscaling_target.r") == "replace"
    assert 'resource_id: "table/orders" -> "table/renamed" forces replacement' in \
        reasons(report, "aws_appautoscaling_target.r")


def test_a_stream_change_makes_the_stream_arn_unknown() -> None:
    policy = '${jsonencode({"Resource" = aws_dynamodb_table.t.stream_arn})}'
    before = stack(aws_dynamodb_table={"t": table(stream_enabled=True, stream_view_type="NEW_IMAGE")},
                   aws_iam_policy={"p": {"name": "p", "policy": policy}})
    report = review(before, edit(before, "aws_dynamodb_table.t.stream_view_type", "NEW_AND_OLD_IMAGES"))
    assert action(report) == "update" and action(report, "aws_iam_policy.p") == "update"
    assert "stream_arn: known after apply (the update changes it)" in reasons(report)
    unchanged = review(before, edit(before, "aws_dynamodb_table.t.billing_mode", "PROVISIONED"))
    assert action(unchanged, "aws_iam_policy.p") == "no-op"


# ----- keys, PITR, replicas, backups -----------------------------------------------------------


def keyed(key_ref: str = "${aws_kms_key.k.arn}", **keys: dict[str, Any]) -> dict[str, Any]:
    return stack(aws_kms_key=keys or {"k": key()},
                 aws_dynamodb_table={"t": table(server_side_encryption={"enabled": True, "kms_key_arn": key_ref})})


def test_deleting_the_key_a_table_used_is_data_loss() -> None:
    before = keyed()
    after = stack(aws_kms_key={"k2": key()}, aws_dynamodb_table={
        "t": table(server_side_encryption={"enabled": True, "kms_key_arn": "${aws_kms_key.k2.arn}"})})
    report = review(before, after)
    assert action(report, "aws_kms_key.k") == "destroy"
    assert kinds(report, "aws_kms_key.k") == {LossKind.KEY_DELETED}
    assert action(report) == "update" and not report.by_address()[T].data_loss
    assert action(report, "aws_kms_key.k2") == "create"


def test_key_behind_an_alias_counts() -> None:
    before = stack(aws_kms_key={"k": key()},
                   aws_kms_alias={"a": {"name": "alias/t", "target_key_id": "${aws_kms_key.k.key_id}"}},
                   aws_dynamodb_table={"t": table(server_side_encryption={"enabled": True,
                                                                          "kms_key_arn": "${aws_kms_alias.a.arn}"})})
    after = edit(before, "aws_kms_key.k.customer_master_key_spec", "RSA_2048")
    report = review(before, after)
    assert action(report, "aws_kms_key.k") == "replace"
    assert kinds(report, "aws_kms_key.k") == {LossKind.KEY_DELETED}


def test_switching_to_aws_owned_by_omission_leaves_the_table_on_the_deleted_key() -> None:
    report = review(keyed(), with_table())
    assert action(report) == "no-op"
    assert "stays encrypted with aws_kms_key.k, which this change deletes" in reasons(report)
    assert kinds(report, "aws_kms_key.k") == {LossKind.KEY_DELETED}


def test_disabling_a_key_in_use_is_data_loss() -> None:
    report = review(keyed(), edit(keyed(), "aws_kms_key.k.is_enabled", False))
    assert action(report, "aws_kms_key.k") == "update"
    assert kinds(report, "aws_kms_key.k") == {LossKind.KEY_DISABLED}


def test_an_unused_key_can_go() -> None:
    before = stack(aws_kms_key={"k": key()}, aws_dynamodb_table={"t": table()})
    assert not review(before, with_table()).data_loss


@pytest.mark.parametrize(("before", "after", "loss"), [
    ({"enabled": True}, {"enabled": False}, LossKind.PITR_OFF),
    ({"enabled": True}, {"enabled": True, "recovery_period_in_days": 7}, LossKind.PITR_SHORTENED),
    ({"enabled": True, "recovery_period_in_days": 14}, {"enabled": True, "recovery_period_in_days": 7},
     LossKind.PITR_SHORTENED),
    ({"enabled": True, "recovery_period_in_days": 7}, {"enabled": True, "recovery_period_in_days": 14}, None),
    ({"enabled": True, "recovery_period_in_days": 14}, {"enabled": True}, None),
    ({"enabled": False}, {"enabled": True, "recovery_period_in_days": 1}, None),
])
def test_pitr_rules(before: dict[str, Any], after: dict[str, Any], loss: LossKind | None) -> None:
    report = review(with_table(point_in_time_recovery=before), with_table(point_in_time_recovery=after))
    assert kinds(report) == ({loss} if loss else set())


def test_replicas() -> None:
    replica = {"global_table_arn": "${aws_dynamodb_table.t.arn}", "point_in_time_recovery": True,
               "kms_key_arn": "arn:aws:kms:us-west-2:1:key/a", "provider": "aws.us_west_2"}
    before = stack(aws_dynamodb_table={"t": table()}, aws_dynamodb_table_replica={"r": replica})
    address = "aws_dynamodb_table_replica.r"
    report = review(before, edit(before, "aws_dynamodb_table_replica.r.kms_key_arn", "arn:aws:kms:us-west-2:1:key/b"))
    assert action(report, address) == "replace" and kinds(report, address) == {LossKind.TABLE_REPLACED}
    report = review(before, edit(before, "aws_dynamodb_table_replica.r.point_in_time_recovery", None))
    assert action(report, address) == "update" and kinds(report, address) == {LossKind.PITR_OFF}
    report = review(before, edit(before, "aws_dynamodb_table_replica.r", None))
    assert action(report, address) == "destroy" and kinds(report, address) == {LossKind.TABLE_DESTROYED}


def backed_up(resources: list[str]) -> dict[str, Any]:
    return stack(
        aws_dynamodb_table={"t": table()},
        aws_backup_vault={"v": {"name": "vault"}},
        aws_backup_plan={"p": {"name": "plan", "rule": [{"rule_name": "daily",
                                                         "target_vault_name": "${aws_backup_vault.v.name}"}]}},
        aws_backup_selection={"s": {"name": "s", "plan_id": "${aws_backup_plan.p.id}", "iam_role_arn": "r",
                                    "resources": resources}})


@pytest.mark.parametrize("resources", [["${aws_dynamodb_table.t.arn}"], ["*"],
                                       ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"]])
def test_removing_the_backup_selection_is_data_loss(resources: list[str]) -> None:
    before = backed_up(resources)
    report = review(before, edit(before, "aws_backup_selection.s", None))
    assert action(report, "aws_backup_selection.s") == "destroy"
    assert kinds(report, "aws_backup_selection.s") == {LossKind.BACKUP_REMOVED}
    assert not review(before, before).data_loss


def test_a_selection_that_no_longer_names_the_table_is_data_loss() -> None:
    before = backed_up(["${aws_dynamodb_table.t.arn}"])
    report = review(before, edit(before, "aws_backup_selection.s.resources", ["arn:aws:dynamodb:*:*:table/other"]))
    assert action(report, "aws_backup_selection.s") == "replace"
    assert kinds(report, "aws_backup_selection.s") == {LossKind.BACKUP_REMOVED}


def test_deleting_the_vault_with_the_recovery_points_is_data_loss() -> None:
    before = backed_up(["${aws_dynamodb_table.t.arn}"])
    report = review(before, edit(before, "aws_backup_vault.v.name", "vault2"))
    assert action(report, "aws_backup_vault.v") == "replace"
    assert kinds(report, "aws_backup_vault.v") == {LossKind.BACKUP_REMOVED}


# ----- expressions -------------------------------------------------------------------------


def test_jsonencode_and_a_json_string_are_the_same_policy() -> None:
    as_hcl = ('${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", '
              '"Resource" = aws_dynamodb_table.t.arn, "Principal" = {"AWS" = "arn:${data.aws_partition.p.partition}:x"}}]})}')
    as_text = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "${aws_dynamodb_table.t.arn}", '
               '"Principal": {"AWS": "arn:${data.aws_partition.p.partition}:x"}}]}')
    before = stack(aws_dynamodb_table={"t": table()}, aws_iam_policy={"p": {"name": "p", "policy": as_hcl}})
    after = edit(before, "aws_iam_policy.p.policy", as_text)
    assert action(review(before, after), "aws_iam_policy.p") == "no-op"
    changed = edit(before, "aws_iam_policy.p.policy", as_text.replace("Allow", "Deny"))
    assert action(review(before, changed), "aws_iam_policy.p") == "update"
    replaced = edit(before, "aws_dynamodb_table.t.name", "renamed")
    assert "(known after apply)" in reasons(review(before, replaced), "aws_iam_policy.p")[0]


def test_expressions_outside_the_evaluated_subset_compare_as_text() -> None:
    role = '${element(reverse(split("/", aws_iam_role.r.arn)), 0)}'
    before = stack(aws_iam_role={"r": {"name": "r", "assume_role_policy": "{}"}},
                   aws_iam_role_policy_attachment={"a": {"role": role, "policy_arn": "arn:p"}})
    assert action(review(before, before), "aws_iam_role_policy_attachment.a") == "no-op"
    renamed = edit(before, "aws_iam_role.r.name", "r2")
    assert action(review(before, renamed), "aws_iam_role_policy_attachment.a") == "replace"


def test_provider_switch_and_conflicting_removed_block_are_explained() -> None:
    moved_provider = edit(with_table(), "aws_dynamodb_table.t.provider", "aws.us_west_2")
    assert any(r.startswith("provider configuration changes (aws -> aws.us_west_2)")
               for r in reasons(review(with_table(), moved_provider)))
    conflicting = {**with_table(), "removed": [{"from": T, "lifecycle": {"destroy": False}}]}
    report = review(with_table(), conflicting)
    (failure,) = report.by_address()[T].failures
    assert failure.kind is FailureKind.PLAN and "Terraform rejects the configuration" in failure.text
    assert "forget(...)" in failure.fix


def test_ttl_switched_off_without_its_attribute_fails_at_apply() -> None:
    on = {"attribute_name": "expires", "enabled": True}
    report = review(with_table(ttl=on), with_table(ttl={"enabled": False}))
    assert action(report) == "update" and report.fails and not report.data_loss
    (failure,) = report.by_address()[T].failures
    assert failure.kind is FailureKind.APPLY and failure.text.startswith("ttl: turned off without attribute_name")
    assert failure.fix.startswith("keep time_to_live_attribute and set time_to_live_enabled=False")
    assert not review(with_table(ttl=on), with_table(ttl={"attribute_name": "expires", "enabled": False})).fails
    assert not review(with_table(ttl={"enabled": False}), with_table(ttl={"enabled": False})).fails
