# quikapp's tables (seed 004): one table per feature, each behind a create toggle; the media
# metadata table is a global table with a us-west-2 replica encrypted by its own key.

locals {
  prefix = "legacy-quikapp-${var.environment}"
}

resource "aws_dynamodb_table" "media_metadata" {
  count = var.create_media_metadata_table ? 1 : 0

  name         = "${local.prefix}-media-metadata"
  billing_mode = var.billing_mode
  hash_key     = "mediaId"

  stream_enabled              = var.enable_streams || var.enable_global_tables
  stream_view_type            = var.enable_streams || var.enable_global_tables ? var.stream_view_type : null
  deletion_protection_enabled = var.enable_deletion_protection

  attribute {
    name = "mediaId"
    type = "S"
  }

  attribute {
    name = "userId"
    type = "S"
  }

  attribute {
    name = "createdAt"
    type = "S"
  }

  # Query by user
  global_secondary_index {
    name            = "userId-createdAt-index"
    hash_key        = "userId"
    range_key       = "createdAt"
    projection_type = "ALL"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = var.enable_point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }

  tags = merge(var.tags, { Name = "${local.prefix}-media-metadata" })

  # The replica is managed by aws_dynamodb_table_replica.
  lifecycle {
    ignore_changes = [replica]
  }
}

resource "aws_dynamodb_table_replica" "media_metadata" {
  count    = var.create_media_metadata_table && var.enable_global_tables ? 1 : 0
  provider = aws.replica

  global_table_arn       = aws_dynamodb_table.media_metadata[0].arn
  kms_key_arn            = aws_kms_key.replica[0].arn
  point_in_time_recovery = var.enable_point_in_time_recovery

  tags = merge(var.tags, { Name = "${local.prefix}-media-metadata", Replica = "us-west-2" })
}

resource "aws_dynamodb_table" "user_sessions" {
  count = var.create_user_sessions_table ? 1 : 0

  name         = "${local.prefix}-user-sessions"
  billing_mode = var.billing_mode
  hash_key     = "sessionId"
  range_key    = "userId"

  stream_enabled              = var.enable_streams
  stream_view_type            = var.enable_streams ? "KEYS_ONLY" : null
  deletion_protection_enabled = var.enable_deletion_protection

  attribute {
    name = "sessionId"
    type = "S"
  }

  attribute {
    name = "userId"
    type = "S"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = var.enable_point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }

  tags = merge(var.tags, { Name = "${local.prefix}-user-sessions" })
}

resource "aws_dynamodb_table" "notifications" {
  count = var.create_notifications_table ? 1 : 0

  name         = "${local.prefix}-notifications"
  billing_mode = var.billing_mode
  hash_key     = "userId"
  range_key    = "notificationId"

  attribute {
    name = "userId"
    type = "S"
  }

  attribute {
    name = "notificationId"
    type = "S"
  }

  point_in_time_recovery {
    enabled = var.enable_point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }

  tags = merge(var.tags, { Name = "${local.prefix}-notifications" })
}

resource "aws_dynamodb_table" "conversations" {
  count = var.create_conversations_table ? 1 : 0

  name         = "${local.prefix}-conversations"
  billing_mode = var.billing_mode
  hash_key     = "conversationId"
  range_key    = "messageId"

  stream_enabled              = var.enable_streams
  stream_view_type            = var.enable_streams ? "NEW_IMAGE" : null
  deletion_protection_enabled = var.enable_deletion_protection

  attribute {
    name = "conversationId"
    type = "S"
  }

  attribute {
    name = "messageId"
    type = "S"
  }

  attribute {
    name = "participantId"
    type = "S"
  }

  attribute {
    name = "updatedAt"
    type = "N"
  }

  # Query by participant
  global_secondary_index {
    name               = "participant-updatedAt-index"
    hash_key           = "participantId"
    range_key          = "updatedAt"
    projection_type    = "INCLUDE"
    non_key_attributes = ["conversationId", "lastMessage"]
  }

  on_demand_throughput {
    max_read_request_units  = 500
    max_write_request_units = 200
  }

  point_in_time_recovery {
    enabled                 = var.enable_point_in_time_recovery
    recovery_period_in_days = 30
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }

  tags = merge(var.tags, { Name = "${local.prefix}-conversations" })
}

resource "aws_dynamodb_table" "rate_limits" {
  count = var.create_rate_limiting_table ? 1 : 0

  name         = "${local.prefix}-rate-limits"
  billing_mode = var.billing_mode
  hash_key     = "key" # e.g., "api:user-123:endpoint"
  table_class  = "STANDARD"

  attribute {
    name = "key"
    type = "S"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  # Counters that expire within minutes: no point-in-time recovery, the AWS owned key.
  point_in_time_recovery {
    enabled = false
  }

  tags = merge(var.tags, { Name = "${local.prefix}-rate-limits" })
}
