"""What the AWS provider does with a configuration change, for the resources around a table.

The one place that holds provider knowledge: which arguments force replacement (``ForceNew``),
which are Optional+Computed (omitted from the configuration, the live value is kept: no
change, which is how a switch-off can silently not happen), defaults, which nested blocks are
sets (matched here by a key field, e.g. GSIs by name) and which are single blocks (cdktf writes
those as an object or a one-element list; both are normalized to one object), JSON documents
compared by meaning, and computed attributes that an update makes unknown.

Source: hashicorp/terraform-provider-aws v5.100.0 (the version in this project's provider
mirror), ``internal/service/<service>/<file>.go``, named per resource below; Optional/Computed
flags and nesting modes agree with ``terraform providers schema -json`` of that binary. Where a
behaviour is not visible in the schema (CustomizeDiff, DiffSuppressFunc) it is confirmed by the
review corpus (``tests/review/corpus``), whose expectations come from ``terraform plan``.

Paths are dotted attribute names without indices: ``server_side_encryption.kms_key_arn`` is
the ``kms_key_arn`` inside the ``server_side_encryption`` block.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PROVIDER = "hashicorp/aws"
PROVIDER_VERSION = "5.100.0"
SOURCE_ROOT = "github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service"
# Resource types newer than PROVIDER_VERSION -> the release whose source their rules follow.
NEWER_SOURCES = {"aws_dynamodb_global_secondary_index": "6.28.0"}  # INDEX

# Every SDK resource has these; tags_all is computed from tags + the provider's default_tags.
COMMON_COMPUTED = frozenset({"id", "tags_all"})
TABLE = "aws_dynamodb_table"
REPLICA = "aws_dynamodb_table_replica"
INDEX = "aws_dynamodb_global_secondary_index"
RESOURCE_POLICY = "aws_dynamodb_resource_policy"

# Global services: their objects are found from any region, so a provider whose region changes
# keeps managing them (checked with terraform plan: IAM roles and policies stay, every regional
# resource is looked up in the new region, not found, and planned as a create).
GLOBAL_TYPE_PREFIXES = ("aws_iam_", "aws_organizations_", "aws_cloudfront_")
# Terraform meta-arguments: never part of the provider's diff.
META_ARGUMENTS = frozenset({"//", "provider", "depends_on", "count", "for_each", "lifecycle", "connection",
                            "provisioner", "timeouts"})


@dataclass(frozen=True)
class ResourceRules:
    """How the provider diffs one resource type (see the module docstring for the path syntax)."""

    source: str
    force_new: frozenset[str] = frozenset()
    # Changing these forces replacement only when the new value is not empty (CustomizeDiff
    # ForceNewIfChange, e.g. restore_source_name: clearing it after a restore is an update).
    force_new_if_set: frozenset[str] = frozenset()
    # Blocks whose addition or removal forces replacement while changes inside them are updates
    # (SDKv2 ForceNew on a nested block applies to its count, "<block>.#", not to its fields).
    force_new_on_presence: frozenset[str] = frozenset()
    # Numbers whose decrease forces replacement (an increase is an update).
    force_new_if_lower: frozenset[str] = frozenset()
    # Arguments the provider reads only when it creates the resource: an in-place change of them
    # plans an update that calls no AWS API.
    create_only: frozenset[str] = frozenset()
    optional_computed: frozenset[str] = frozenset()
    defaults: Mapping[str, Any] = field(default_factory=dict)
    single_blocks: frozenset[str] = frozenset()
    # set-of-blocks path -> the field that identifies an element (None: the whole element).
    set_blocks: Mapping[str, str | None] = field(default_factory=dict)
    set_attributes: frozenset[str] = frozenset()
    json_attributes: frozenset[str] = frozenset()
    case_insensitive: frozenset[str] = frozenset()
    computed: frozenset[str] = frozenset()
    # computed attribute -> arguments whose change makes it "known after apply" on an update.
    unknown_on_change: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # blocks whose diff is dropped when both sides are "disabled" (absent or enabled = false).
    cleared_when_disabled: frozenset[str] = frozenset()
    # path -> the sibling flag; the path's diff is suppressed while that flag is false.
    suppressed_while_off: Mapping[str, str] = field(default_factory=dict)
    # attribute -> another attribute; a diff of the first is dropped unless the second changes too.
    cleared_unless_changed: Mapping[str, str] = field(default_factory=dict)
    # set-of-blocks path -> fields whose change makes the provider delete and re-create that element
    # in place (the resource is updated, the element rebuilt: a table's index and its backfill).
    rebuilt_by: Mapping[str, frozenset[str]] = field(default_factory=dict)
    taggable: bool = False
    # SDKv2 resources treat a null argument like its zero value ("" / 0 / false / empty).
    sdk_v2: bool = True

    def forces_new(self, path: str) -> bool:
        parts = path.split(".")
        return any(".".join(parts[:i]) in self.force_new for i in range(1, len(parts) + 1))

    def is_optional_computed(self, path: str) -> bool:
        return path in self.optional_computed or path in COMMON_COMPUTED

    def is_computed(self, path: str) -> bool:
        return path in self.computed or path in COMMON_COMPUTED


def _f(*names: str) -> frozenset[str]:
    return frozenset(names)


def _src(path: str, version: str = PROVIDER_VERSION) -> str:
    return f"{SOURCE_ROOT.replace(PROVIDER_VERSION, version)}/{path}"


RULES: dict[str, ResourceRules] = {
    "aws_dynamodb_table": ResourceRules(
        source=_src("dynamodb/table.go"),
        # restore_backup_arn (hashicorp/aws >= 6.38) is listed as ForceNew: a table restored from a
        # backup is a new table (the library keeps every restore argument in ignore_changes).
        force_new=_f("name", "hash_key", "range_key", "local_secondary_index", "restore_date_time",
                     "restore_to_latest_time", "restore_backup_arn"),
        force_new_if_set=_f("restore_source_name", "restore_source_table_arn"),
        # import_table.s3_bucket_source is ForceNew: adding or removing the import replaces the table,
        # editing the bucket, prefix, format or options plans an in-place update that changes nothing
        # (checked with terraform plan against the emulator).
        force_new_on_presence=_f("import_table", "import_table.s3_bucket_source"),
        # hashicorp/aws >= 6.13 docs: "For the base table, decreasing this value will force a new
        # resource"; an index's warm throughput can go down in place.
        force_new_if_lower=_f("warm_throughput.read_units_per_second", "warm_throughput.write_units_per_second"),
        create_only=_f("import_table"),
        optional_computed=_f(
            "attribute", "hash_key", "read_capacity", "write_capacity", "stream_view_type",
            "server_side_encryption", "server_side_encryption.kms_key_arn",
            "point_in_time_recovery", "point_in_time_recovery.recovery_period_in_days",
            # ttl: Optional+Computed with SuppressMissingOptionalConfigurationBlock: an omitted
            # block keeps the live TTL setting (TTL stays on).
            "ttl",
            "on_demand_throughput.max_read_request_units", "on_demand_throughput.max_write_request_units",
            "global_secondary_index.read_capacity", "global_secondary_index.write_capacity",
            "global_secondary_index.on_demand_throughput.max_read_request_units",
            "global_secondary_index.on_demand_throughput.max_write_request_units",
            "replica.kms_key_arn",
            "warm_throughput", "warm_throughput.read_units_per_second", "warm_throughput.write_units_per_second",
        ),
        defaults={"billing_mode": "PROVISIONED", "table_class": "STANDARD", "ttl.enabled": False,
                  "replica.point_in_time_recovery": False, "replica.propagate_tags": False},
        single_blocks=_f("point_in_time_recovery", "server_side_encryption", "ttl", "on_demand_throughput",
                         "import_table", "import_table.input_format_options", "import_table.input_format_options.csv",
                         "import_table.s3_bucket_source", "global_secondary_index.on_demand_throughput",
                         "warm_throughput", "global_secondary_index.warm_throughput", "global_table_witness"),
        set_blocks={"attribute": "name", "global_secondary_index": "name", "local_secondary_index": "name",
                    "replica": "region_name"},
        set_attributes=_f("global_secondary_index.non_key_attributes",
                          "import_table.input_format_options.csv.header_list"),
        case_insensitive=_f("stream_view_type"),
        computed=_f("arn", "stream_arn", "stream_label", "replica.arn", "replica.stream_arn", "replica.stream_label"),
        # CustomizeDiff: SetNewComputed("stream_arn") when stream_enabled, or a non-empty
        # stream_view_type, changes on an existing table (stream_label stays known).
        unknown_on_change={"stream_arn": ("stream_enabled", "stream_view_type")},
        cleared_when_disabled=_f("server_side_encryption", "point_in_time_recovery"),
        suppressed_while_off={"point_in_time_recovery.recovery_period_in_days": "point_in_time_recovery.enabled",
                              "ttl.attribute_name": "ttl.enabled"},
        # CustomizeDiff: an ``attribute`` diff without a ``global_secondary_index`` diff is cleared
        # (attribute definitions only change with the indexes that use them), so a key
        # attribute's type change plans nothing at all.
        cleared_unless_changed={"attribute": "global_secondary_index"},
        # The provider's update deletes and re-creates an index whose key or projection changed
        # (key_schema: hashicorp/aws >= 6.29, multi-attribute keys).
        rebuilt_by={"global_secondary_index": _f("hash_key", "range_key", "key_schema", "projection_type",
                                                  "non_key_attributes")},
        taggable=True,
    ),
    "aws_dynamodb_global_secondary_index": ResourceRules(
        # hashicorp/aws >= 6.28 (experimental; terraform-plugin-framework): one index of a table. Its
        # key, projection, name and table are RequiresReplace: a replacement rebuilds the index (the
        # table and its items stay); capacities, caps and warm throughput are updated in place.
        source=_src("dynamodb/global_secondary_index.go", NEWER_SOURCES["aws_dynamodb_global_secondary_index"]),
        force_new=_f("index_name", "table_name", "key_schema", "projection"),
        optional_computed=_f("warm_throughput", "warm_throughput.read_units_per_second",
                             "warm_throughput.write_units_per_second",
                             "provisioned_throughput.read_capacity_units", "provisioned_throughput.write_capacity_units",
                             "on_demand_throughput.max_read_request_units",
                             "on_demand_throughput.max_write_request_units"),
        single_blocks=_f("projection", "provisioned_throughput", "on_demand_throughput", "warm_throughput"),
        set_attributes=_f("projection.non_key_attributes"),
        computed=_f("arn"),
        sdk_v2=False,
    ),
    "aws_dynamodb_table_replica": ResourceRules(
        source=_src("dynamodb/table_replica.go"),
        # table_class_override is applied through the main table at creation: changing it replaces the replica.
        force_new=_f("global_table_arn", "kms_key_arn", "table_class_override"),
        optional_computed=_f("kms_key_arn", "deletion_protection_enabled"),
        defaults={"point_in_time_recovery": False},
        computed=_f("arn"),
        taggable=True,
    ),
    "aws_dynamodb_contributor_insights": ResourceRules(
        source=_src("dynamodb/contributor_insights.go"),
        force_new=_f("table_name", "index_name"),
    ),
    "aws_dynamodb_table_item": ResourceRules(
        # An item whose key values change is updated in place (the provider deletes the old item).
        source=_src("dynamodb/table_item.go"),
        force_new=_f("table_name", "hash_key", "range_key"),
        json_attributes=_f("item"),
    ),
    "aws_dynamodb_resource_policy": ResourceRules(
        source=_src("dynamodb/resource_policy.go"),
        force_new=_f("resource_arn"),
        optional_computed=_f("confirm_remove_self_resource_access"),
        json_attributes=_f("policy"),
        computed=_f("revision_id"),
        sdk_v2=False,  # terraform-plugin-framework: null and "" differ
    ),
    "aws_dynamodb_kinesis_streaming_destination": ResourceRules(
        source=_src("dynamodb/kinesis_streaming_destination.go"),
        force_new=_f("stream_arn", "table_name", "approximate_creation_date_time_precision"),
        optional_computed=_f("approximate_creation_date_time_precision"),
    ),
    "aws_dynamodb_table_export": ResourceRules(
        # No Update function: every argument forces a new export; destroying one deletes nothing in S3.
        source=_src("dynamodb/table_export.go"),
        force_new=_f("table_arn", "s3_bucket", "s3_bucket_owner", "s3_prefix", "s3_sse_algorithm", "s3_sse_kms_key_id",
                     "export_format", "export_time", "export_type", "incremental_export_specification"),
        optional_computed=_f("export_time", "export_type", "s3_bucket_owner", "s3_prefix", "s3_sse_algorithm",
                             "incremental_export_specification.export_from_time",
                             "incremental_export_specification.export_to_time",
                             "incremental_export_specification.export_view_type"),
        single_blocks=_f("incremental_export_specification"),
        computed=_f("arn", "billed_size_in_bytes", "end_time", "export_status", "item_count", "manifest_files_s3_key",
                    "start_time"),
    ),
    "aws_kinesis_stream": ResourceRules(
        source=_src("kinesis/stream.go"),
        force_new=_f("name"),
        optional_computed=_f("shard_count", "stream_mode_details", "stream_mode_details.stream_mode"),
        defaults={"encryption_type": "NONE", "enforce_consumer_deletion": False, "retention_period": 24},
        single_blocks=_f("stream_mode_details"),
        set_attributes=_f("shard_level_metrics"),
        computed=_f("arn"),
        taggable=True,
    ),
    "aws_scheduler_schedule": ResourceRules(
        source=_src("scheduler/schedule.go"),
        force_new=_f("name", "name_prefix", "group_name"),
        optional_computed=_f("name", "name_prefix", "group_name"),
        defaults={"state": "ENABLED"},
        single_blocks=_f("flexible_time_window", "target", "target.retry_policy", "target.dead_letter_config"),
        computed=_f("arn"),
    ),
    "aws_iam_user_policy_attachment": ResourceRules(
        source=_src("iam/user_policy_attachment.go"),
        force_new=_f("user", "policy_arn"),
    ),
    "aws_kms_key": ResourceRules(
        source=_src("kms/key.go"),
        force_new=_f("custom_key_store_id", "customer_master_key_spec", "key_usage", "multi_region", "xks_key_id"),
        optional_computed=_f("description", "policy", "rotation_period_in_days", "multi_region"),
        defaults={"bypass_policy_lockout_safety_check": False, "customer_master_key_spec": "SYMMETRIC_DEFAULT",
                  "enable_key_rotation": False, "is_enabled": True, "key_usage": "ENCRYPT_DECRYPT"},
        json_attributes=_f("policy"),
        computed=_f("arn", "key_id"),
        taggable=True,
    ),
    "aws_kms_alias": ResourceRules(
        source=_src("kms/alias.go"),
        force_new=_f("name", "name_prefix"),
        optional_computed=_f("name", "name_prefix"),
        computed=_f("arn", "target_key_arn"),
        unknown_on_change={"target_key_arn": ("target_key_id",)},
    ),
    "aws_appautoscaling_target": ResourceRules(
        source=_src("appautoscaling/target.go"),
        force_new=_f("resource_id", "scalable_dimension", "service_namespace"),
        optional_computed=_f("role_arn", "suspended_state"),
        single_blocks=_f("suspended_state"),
        computed=_f("arn"),
        taggable=True,
    ),
    "aws_appautoscaling_policy": ResourceRules(
        source=_src("appautoscaling/policy.go"),
        force_new=_f("name", "resource_id", "scalable_dimension", "service_namespace"),
        defaults={"policy_type": "StepScaling"},
        single_blocks=_f(
            "target_tracking_scaling_policy_configuration",
            "target_tracking_scaling_policy_configuration.predefined_metric_specification",
            "target_tracking_scaling_policy_configuration.customized_metric_specification",
            "step_scaling_policy_configuration",
        ),
        set_blocks={"step_scaling_policy_configuration.step_adjustment": None,
                    "target_tracking_scaling_policy_configuration.customized_metric_specification.dimensions": "name",
                    "target_tracking_scaling_policy_configuration.customized_metric_specification.metrics": "id"},
        computed=_f("arn", "alarm_arns"),
    ),
    "aws_backup_vault": ResourceRules(
        source=_src("backup/vault.go"),
        force_new=_f("name", "kms_key_arn"),
        optional_computed=_f("kms_key_arn"),
        defaults={"force_destroy": False},
        computed=_f("arn", "recovery_points"),
        taggable=True,
    ),
    "aws_backup_plan": ResourceRules(
        source=_src("backup/plan.go"),
        force_new=_f("name"),
        single_blocks=_f("rule.lifecycle", "rule.copy_action.lifecycle"),
        set_blocks={"rule": "rule_name", "rule.copy_action": "destination_vault_arn",
                    "advanced_backup_setting": "resource_type"},
        optional_computed=_f("rule.lifecycle.opt_in_to_archive_for_supported_resources",
                             "rule.copy_action.lifecycle.opt_in_to_archive_for_supported_resources"),
        computed=_f("arn", "version"),
        taggable=True,
    ),
    "aws_backup_selection": ResourceRules(
        # No Update function: every argument forces a new selection.
        source=_src("backup/selection.go"),
        force_new=_f("name", "plan_id", "iam_role_arn", "resources", "not_resources", "selection_tag", "condition"),
        optional_computed=_f("not_resources"),
        set_attributes=_f("resources", "not_resources"),
        set_blocks={"selection_tag": None, "condition": None},
    ),
    "aws_cloudwatch_metric_alarm": ResourceRules(
        source=_src("cloudwatch/metric_alarm.go"),
        force_new=_f("alarm_name"),
        optional_computed=_f("evaluate_low_sample_count_percentiles"),
        defaults={"actions_enabled": True, "treat_missing_data": "missing"},
        single_blocks=_f("metric_query.metric"),
        set_blocks={"metric_query": "id"},
        set_attributes=_f("alarm_actions", "ok_actions", "insufficient_data_actions"),
        computed=_f("arn"),
        taggable=True,
    ),
    "aws_cloudwatch_dashboard": ResourceRules(
        source=_src("cloudwatch/dashboard.go"),
        force_new=_f("dashboard_name"),
        json_attributes=_f("dashboard_body"),
        computed=_f("dashboard_arn"),
    ),
    "aws_sns_topic": ResourceRules(
        source=_src("sns/topic.go"),
        force_new=_f("name", "name_prefix", "fifo_topic"),
        optional_computed=_f("name", "name_prefix", "policy", "signature_version", "tracing_config",
                             "fifo_throughput_scope"),
        defaults={"fifo_topic": False, "content_based_deduplication": False},
        json_attributes=_f("policy", "delivery_policy", "archive_policy"),
        computed=_f("arn", "owner", "beginning_archive_time"),
        taggable=True,
    ),
    "aws_sns_topic_subscription": ResourceRules(
        source=_src("sns/topic_subscription.go"),
        force_new=_f("topic_arn", "protocol", "endpoint"),
        optional_computed=_f("filter_policy_scope"),
        defaults={"confirmation_timeout_in_minutes": 1, "endpoint_auto_confirms": False, "raw_message_delivery": False},
        json_attributes=_f("filter_policy", "delivery_policy", "redrive_policy", "replay_policy"),
        computed=_f("arn", "owner_id", "pending_confirmation", "confirmation_was_authenticated"),
    ),
    "aws_sns_topic_policy": ResourceRules(
        source=_src("sns/topic_policy.go"),
        force_new=_f("arn"),
        json_attributes=_f("policy"),
        computed=_f("owner"),
    ),
    "aws_iam_role": ResourceRules(
        source=_src("iam/role.go"),
        force_new=_f("name", "name_prefix", "path"),
        optional_computed=_f("name", "name_prefix", "managed_policy_arns"),
        defaults={"path": "/", "force_detach_policies": False, "max_session_duration": 3600},
        json_attributes=_f("assume_role_policy", "inline_policy.policy"),
        set_blocks={"inline_policy": "name"},
        set_attributes=_f("managed_policy_arns"),
        computed=_f("arn", "create_date", "unique_id"),
        taggable=True,
    ),
    "aws_iam_policy": ResourceRules(
        # The IAM API cannot update a policy's description: it forces a new policy.
        source=_src("iam/policy.go"),
        force_new=_f("name", "name_prefix", "path", "description"),
        optional_computed=_f("name", "name_prefix"),
        defaults={"path": "/"},
        json_attributes=_f("policy"),
        computed=_f("arn", "attachment_count", "policy_id"),
        taggable=True,
    ),
    "aws_iam_role_policy": ResourceRules(
        source=_src("iam/role_policy.go"),
        force_new=_f("name", "name_prefix", "role"),
        optional_computed=_f("name", "name_prefix"),
        json_attributes=_f("policy"),
    ),
    "aws_iam_role_policy_attachment": ResourceRules(
        source=_src("iam/role_policy_attachment.go"),
        force_new=_f("role", "policy_arn"),
    ),
    "aws_lambda_event_source_mapping": ResourceRules(
        source=_src("lambda/event_source_mapping.go"),
        force_new=_f("event_source_arn", "starting_position", "starting_position_timestamp", "topics", "queues",
                     "self_managed_event_source", "self_managed_kafka_event_source_config",
                     "amazon_managed_kafka_event_source_config", "document_db_event_source_config"),
        optional_computed=_f("maximum_record_age_in_seconds", "maximum_retry_attempts", "parallelization_factor",
                             "amazon_managed_kafka_event_source_config.consumer_group_id",
                             "self_managed_kafka_event_source_config.consumer_group_id",
                             "provisioned_poller_config.maximum_pollers", "provisioned_poller_config.minimum_pollers"),
        defaults={"enabled": True, "bisect_batch_on_function_error": False, "tumbling_window_in_seconds": 0},
        single_blocks=_f("amazon_managed_kafka_event_source_config", "destination_config", "destination_config.on_failure",
                         "document_db_event_source_config", "filter_criteria", "metrics_config",
                         "provisioned_poller_config", "scaling_config", "self_managed_event_source",
                         "self_managed_kafka_event_source_config"),
        set_blocks={"filter_criteria.filter": "pattern", "source_access_configuration": None},
        set_attributes=_f("topics", "function_response_types", "metrics_config.metrics"),
        json_attributes=_f("filter_criteria.filter.pattern"),
        computed=_f("arn", "function_arn", "last_modified", "last_processing_result", "state",
                    "state_transition_reason", "uuid"),
        taggable=True,
    ),
}


def is_regional(resource_type: str) -> bool:
    """Whether the provider looks the object up in its configured region."""
    return not resource_type.startswith(GLOBAL_TYPE_PREFIXES)


def rules_for(resource_type: str) -> ResourceRules | None:
    """The rules for ``resource_type``, or None: then the review diffs generically and says so."""
    return RULES.get(resource_type)
