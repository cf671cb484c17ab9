"""The provider schema of what the library writes as overrides (newer than CDK for Terraform's
bindings), from two sources that tests/unit/test_newer_provider_schema.py holds the JSON to:

- ``BINDINGS``: the argument names of CDK Terrain's bindings (cdktn-provider-aws 25.8.1, generated
  from hashicorp/aws 6.69.1), without the meta-arguments; on CDK Terrain a test compares them with
  the installed bindings, so this list cannot drift from them unnoticed.
- ``DOCUMENTED``: the shape the provider's source declares (hashicorp/aws
  ``internal/service/dynamodb/global_secondary_index.go`` since 6.28.0, ``table.go``'s
  ``global_secondary_index.key_schema`` since 6.29.0, ``restore_backup_arn`` since 6.38.0): which
  nested arguments are blocks (lists of objects in Terraform JSON) and which are objects.
"""

from __future__ import annotations

META_ARGUMENTS = frozenset({"connection", "count", "depends_on", "for_each", "lifecycle", "provider", "provisioners"})

BINDINGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("dynamodb_global_secondary_index", "DynamodbGlobalSecondaryIndex"): (
        "index_name", "key_schema", "on_demand_throughput", "projection", "provisioned_throughput", "region", "table_name",
        "timeouts", "warm_throughput"),
    ("dynamodb_global_secondary_index", "DynamodbGlobalSecondaryIndexKeySchema"): ("attribute_name", "attribute_type",
                                                                                   "key_type"),
    ("dynamodb_global_secondary_index", "DynamodbGlobalSecondaryIndexProjection"): ("non_key_attributes", "projection_type"),
    ("dynamodb_global_secondary_index", "DynamodbGlobalSecondaryIndexProvisionedThroughput"): ("read_capacity_units",
                                                                                               "write_capacity_units"),
    ("dynamodb_global_secondary_index", "DynamodbGlobalSecondaryIndexOnDemandThroughput"): ("max_read_request_units",
                                                                                            "max_write_request_units"),
    ("dynamodb_global_secondary_index", "DynamodbGlobalSecondaryIndexWarmThroughput"): ("read_units_per_second",
                                                                                        "write_units_per_second"),
    ("dynamodb_table", "DynamodbTable"): (
        "attribute", "billing_mode", "deletion_protection_enabled", "global_secondary_index", "global_table_witness",
        "hash_key", "id", "import_table", "local_secondary_index", "name", "on_demand_throughput", "point_in_time_recovery",
        "range_key", "read_capacity", "region", "replica", "restore_backup_arn", "restore_date_time", "restore_source_name",
        "restore_source_table_arn", "restore_to_latest_time", "server_side_encryption", "stream_enabled", "stream_view_type",
        "table_class", "tags", "tags_all", "timeouts", "ttl", "warm_throughput", "write_capacity"),
    ("dynamodb_table", "DynamodbTableGlobalSecondaryIndex"): (
        "hash_key", "key_schema", "name", "non_key_attributes", "on_demand_throughput", "projection_type", "range_key",
        "read_capacity", "warm_throughput", "write_capacity"),
    ("dynamodb_table", "DynamodbTableGlobalSecondaryIndexKeySchema"): ("attribute_name", "key_type"),
    ("dynamodb_contributor_insights", "DynamodbContributorInsights"): ("id", "index_name", "mode", "region", "table_name",
                                                                       "timeouts"),
    ("dynamodb_kinesis_streaming_destination", "DynamodbKinesisStreamingDestination"): (
        "approximate_creation_date_time_precision", "id", "region", "stream_arn", "table_name"),
}

# Resource type -> nested argument -> ("block" | "object", its fields). Blocks are lists in JSON.
DOCUMENTED: dict[str, dict[str, tuple[str, frozenset[str]]]] = {
    "aws_dynamodb_global_secondary_index": {
        "key_schema": ("block", frozenset({"attribute_name", "attribute_type", "key_type"})),
        "projection": ("block", frozenset({"projection_type", "non_key_attributes"})),
        "provisioned_throughput": ("block", frozenset({"read_capacity_units", "write_capacity_units"})),
        "on_demand_throughput": ("block", frozenset({"max_read_request_units", "max_write_request_units"})),
        "warm_throughput": ("object", frozenset({"read_units_per_second", "write_units_per_second"})),
    },
    "aws_dynamodb_table.global_secondary_index": {
        "key_schema": ("block", frozenset({"attribute_name", "key_type"})),
    },
}
