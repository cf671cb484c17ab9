"""The one place that imports the prebuilt hashicorp/aws bindings of the selected engine.

``SUBMODULES`` names every provider submodule the library uses and the classes it takes from
each; the import accelerator (``fast_import``) loads exactly these. ``_aws.pyi`` gives their
types. Both engines' bindings share submodule and class names.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .engine import ENGINE

SUBMODULES: dict[str, tuple[str, ...]] = {
    "appautoscaling_policy": (
        "AppautoscalingPolicy",
        "AppautoscalingPolicyTargetTrackingScalingPolicyConfiguration",
        "AppautoscalingPolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecification",
    ),
    "appautoscaling_target": ("AppautoscalingTarget",),
    "backup_plan": (
        "BackupPlan", "BackupPlanRule", "BackupPlanRuleCopyAction", "BackupPlanRuleCopyActionLifecycle",
        "BackupPlanRuleLifecycle",
    ),
    "backup_selection": ("BackupSelection",),
    "backup_vault": ("BackupVault",),
    "cloudwatch_dashboard": ("CloudwatchDashboard",),
    "cloudwatch_metric_alarm": (
        "CloudwatchMetricAlarm", "CloudwatchMetricAlarmMetricQuery", "CloudwatchMetricAlarmMetricQueryMetric",
    ),
    "data_aws_caller_identity": ("DataAwsCallerIdentity",),
    "data_aws_dynamodb_table": ("DataAwsDynamodbTable",),
    "data_aws_dynamodb_tables": ("DataAwsDynamodbTables",),
    "data_aws_partition": ("DataAwsPartition",),
    "dynamodb_contributor_insights": ("DynamodbContributorInsights",),
    "dynamodb_kinesis_streaming_destination": ("DynamodbKinesisStreamingDestination",),
    "dynamodb_resource_policy": ("DynamodbResourcePolicy",),
    "dynamodb_table": (
        "DynamodbTable", "DynamodbTableAttribute", "DynamodbTableGlobalSecondaryIndex", "DynamodbTableLocalSecondaryIndex",
        "DynamodbTableGlobalTableWitness", "DynamodbTableImportTable", "DynamodbTableReplica", "DynamodbTableTimeouts",
        "DynamodbTableWarmThroughput",
    ),
    "dynamodb_table_export": ("DynamodbTableExport", "DynamodbTableExportIncrementalExportSpecification"),
    "dynamodb_table_item": ("DynamodbTableItem",),
    "dynamodb_table_replica": ("DynamodbTableReplicaA",),
    "iam_policy": ("IamPolicy",),
    "iam_role": ("IamRole",),
    "iam_role_policy": ("IamRolePolicy",),
    "iam_role_policy_attachment": ("IamRolePolicyAttachment",),
    "iam_user_policy_attachment": ("IamUserPolicyAttachment",),
    "kinesis_stream": ("KinesisStream", "KinesisStreamStreamModeDetails"),
    "kms_alias": ("KmsAlias",),
    "kms_key": ("KmsKey",),
    "lambda_event_source_mapping": ("LambdaEventSourceMapping",),
    "provider": ("AwsProvider", "AwsProviderDefaultTags"),
    "scheduler_schedule": ("SchedulerSchedule", "SchedulerScheduleFlexibleTimeWindow", "SchedulerScheduleTarget"),
    "sns_topic": ("SnsTopic",),
    "sns_topic_subscription": ("SnsTopicSubscription",),
}

_loaded: dict[str, Any] = {}
for _submodule, _names in SUBMODULES.items():
    _module = import_module(f"{ENGINE.provider}.{_submodule}")
    _loaded.update({name: getattr(_module, name) for name in _names})
# Two classes share a name: the table's ``replica`` block (DynamodbTableReplicaBlock here) and the
# aws_dynamodb_table_replica resource, whose class the bindings call DynamodbTableReplicaA.
DynamodbTableReplicaBlock = _loaded.pop("DynamodbTableReplica")
DynamodbTableReplica = _loaded.pop("DynamodbTableReplicaA")
globals().update(_loaded)
