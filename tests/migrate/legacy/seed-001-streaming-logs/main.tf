# Centralized logging for the streaming platform (seed 001): four on-demand tables encrypted
# with one customer managed key, defined once and created with for_each.

locals {
  name_prefix = "${var.project_name}-${var.environment}"

  tables = {
    log_metadata = {
      hash_key   = "log_id"
      range_key  = "timestamp"
      attributes = { log_id = "S", timestamp = "S", service_name = "S", log_level = "S", user_id = "S" }
      indexes = [
        { name = "ServiceIndex", hash_key = "service_name", range_key = "timestamp", projection_type = "ALL", non_key_attributes = null },
        { name = "LogLevelIndex", hash_key = "log_level", range_key = "timestamp", projection_type = "KEYS_ONLY", non_key_attributes = null },
        { name = "UserIndex", hash_key = "user_id", range_key = "timestamp", projection_type = "INCLUDE", non_key_attributes = ["service_name", "message"] },
      ]
      ttl_attribute = "ttl"
      stream        = var.enable_streams
      max_reads     = null
      max_writes    = null
    }
    user_sessions = {
      hash_key   = "session_id"
      range_key  = "user_id"
      attributes = { session_id = "S", user_id = "S", created_at = "S" }
      indexes = [
        { name = "UserSessionIndex", hash_key = "user_id", range_key = "created_at", projection_type = "ALL", non_key_attributes = null },
      ]
      ttl_attribute = "expires_at"
      stream        = var.enable_streams
      max_reads     = 200
      max_writes    = 100
    }
    system_config = {
      hash_key   = "config_key"
      range_key  = null
      attributes = { config_key = "S", environment = "S" }
      indexes = [
        { name = "EnvironmentIndex", hash_key = "environment", range_key = null, projection_type = "ALL", non_key_attributes = null },
      ]
      ttl_attribute = null # persistent configuration
      stream        = true # configuration change tracking
      max_reads     = null
      max_writes    = null
    }
    audit_trail = {
      hash_key   = "audit_id"
      range_key  = "timestamp"
      attributes = { audit_id = "S", timestamp = "S", action_type = "S", user_id = "S" }
      indexes = [
        { name = "ActionTypeIndex", hash_key = "action_type", range_key = "timestamp", projection_type = "ALL", non_key_attributes = null },
        { name = "UserAuditIndex", hash_key = "user_id", range_key = "timestamp", projection_type = "INCLUDE", non_key_attributes = ["action_type", "resource_id"] },
      ]
      ttl_attribute = "retention_until"
      stream        = var.enable_streams
      max_reads     = null
      max_writes    = 50
    }
  }
}

resource "aws_kms_key" "dynamodb" {
  description             = "Encryption key for ${local.name_prefix} DynamoDB tables"
  deletion_window_in_days = var.kms_deletion_window
  enable_key_rotation     = true

  tags = {
    Name = "${local.name_prefix}-dynamodb"
  }
}

resource "aws_kms_alias" "dynamodb" {
  name          = "alias/${local.name_prefix}-dynamodb"
  target_key_id = aws_kms_key.dynamodb.key_id
}

resource "aws_dynamodb_table" "this" {
  for_each = local.tables

  name         = "${local.name_prefix}-${replace(each.key, "_", "-")}"
  billing_mode = var.billing_mode
  hash_key     = each.value.hash_key
  range_key    = each.value.range_key

  stream_enabled   = each.value.stream
  stream_view_type = each.value.stream ? "NEW_IMAGE" : null

  dynamic "attribute" {
    for_each = each.value.attributes

    content {
      name = attribute.key
      type = attribute.value
    }
  }

  dynamic "global_secondary_index" {
    for_each = each.value.indexes

    content {
      name               = global_secondary_index.value.name
      hash_key           = global_secondary_index.value.hash_key
      range_key          = global_secondary_index.value.range_key
      projection_type    = global_secondary_index.value.projection_type
      non_key_attributes = global_secondary_index.value.non_key_attributes
    }
  }

  dynamic "on_demand_throughput" {
    for_each = each.value.max_reads != null || each.value.max_writes != null ? [1] : []

    content {
      max_read_request_units  = each.value.max_reads
      max_write_request_units = each.value.max_writes
    }
  }

  dynamic "ttl" {
    for_each = var.enable_ttl && each.value.ttl_attribute != null ? [each.value.ttl_attribute] : []

    content {
      attribute_name = ttl.value
      enabled        = true
    }
  }

  point_in_time_recovery {
    enabled                 = var.enable_point_in_time_recovery
    recovery_period_in_days = var.backup_retention_days
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.dynamodb.arn
  }

  tags = {
    Name  = "${local.name_prefix}-${replace(each.key, "_", "-")}"
    Table = each.key
  }
}
