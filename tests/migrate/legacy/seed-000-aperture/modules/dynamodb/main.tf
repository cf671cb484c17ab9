locals {
  prefix      = "${var.project_name}-${var.environment}"
  provisioned = var.billing_mode == "PROVISIONED"

  common_tags = merge(var.tags, {
    Module      = "dynamodb"
    Environment = var.environment
  })
}

# 1. Users: accounts, roles and permissions.
resource "aws_dynamodb_table" "users" {
  name           = "${local.prefix}-users"
  billing_mode   = var.billing_mode
  read_capacity  = local.provisioned ? var.users_read_capacity : null
  write_capacity = local.provisioned ? var.users_write_capacity : null
  hash_key       = "user_id"
  range_key      = "created_at"

  attribute {
    name = "user_id"
    type = "S"
  }

  attribute {
    name = "created_at"
    type = "S"
  }

  attribute {
    name = "email"
    type = "S"
  }

  attribute {
    name = "orcid"
    type = "S"
  }

  global_secondary_index {
    name            = "EmailIndex"
    hash_key        = "email"
    projection_type = "ALL"
    read_capacity   = local.provisioned ? var.users_read_capacity : null
    write_capacity  = local.provisioned ? var.users_write_capacity : null
  }

  global_secondary_index {
    name            = "OrcidIndex"
    hash_key        = "orcid"
    projection_type = "KEYS_ONLY"
    read_capacity   = local.provisioned ? var.users_read_capacity : null
    write_capacity  = local.provisioned ? var.users_write_capacity : null
  }

  point_in_time_recovery {
    enabled = var.enable_point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = merge(local.common_tags, { Name = "${local.prefix}-users" })

  # Autoscaling owns the capacities.
  lifecycle {
    ignore_changes = [read_capacity, write_capacity, global_secondary_index]
  }
}

# 2. DOI registry: DOI metadata and landing pages.
resource "aws_dynamodb_table" "doi_registry" {
  name           = "${local.prefix}-doi-registry"
  billing_mode   = var.billing_mode
  read_capacity  = local.provisioned ? var.doi_read_capacity : null
  write_capacity = local.provisioned ? var.doi_write_capacity : null
  hash_key       = "doi"
  range_key      = "version"

  attribute {
    name = "doi"
    type = "S"
  }

  attribute {
    name = "version"
    type = "N"
  }

  attribute {
    name = "dataset_id"
    type = "S"
  }

  attribute {
    name = "status"
    type = "S"
  }

  attribute {
    name = "minted_at"
    type = "S"
  }

  global_secondary_index {
    name               = "DatasetIndex"
    hash_key           = "dataset_id"
    range_key          = "version"
    projection_type    = "INCLUDE"
    non_key_attributes = ["status", "minted_at", "landing_page_url"]
    read_capacity      = local.provisioned ? var.doi_read_capacity : null
    write_capacity     = local.provisioned ? var.doi_write_capacity : null
  }

  global_secondary_index {
    name            = "StatusIndex"
    hash_key        = "status"
    range_key       = "minted_at"
    projection_type = "ALL"
    read_capacity   = local.provisioned ? var.doi_read_capacity : null
    write_capacity  = local.provisioned ? var.doi_write_capacity : null
  }

  point_in_time_recovery {
    enabled = var.enable_point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = merge(local.common_tags, { Name = "${local.prefix}-doi-registry" })

  lifecycle {
    ignore_changes = [read_capacity, write_capacity]
  }
}

# 3. Access logs: summarized access patterns; old entries expire.
resource "aws_dynamodb_table" "access_logs" {
  name           = "${local.prefix}-access-logs"
  billing_mode   = var.billing_mode
  read_capacity  = local.provisioned ? var.logs_read_capacity : null
  write_capacity = local.provisioned ? var.logs_write_capacity : null
  hash_key       = "dataset_id"
  range_key      = "timestamp"

  attribute {
    name = "dataset_id"
    type = "S"
  }

  attribute {
    name = "timestamp"
    type = "N"
  }

  attribute {
    name = "user_id"
    type = "S"
  }

  attribute {
    name = "date"
    type = "S"
  }

  global_secondary_index {
    name            = "UserAccessIndex"
    hash_key        = "user_id"
    range_key       = "timestamp"
    projection_type = "ALL"
    read_capacity   = local.provisioned ? var.logs_read_capacity : null
    write_capacity  = local.provisioned ? var.logs_write_capacity : null
  }

  global_secondary_index {
    name            = "DateIndex"
    hash_key        = "date"
    range_key       = "timestamp"
    projection_type = "KEYS_ONLY"
    read_capacity   = local.provisioned ? var.logs_read_capacity : null
    write_capacity  = local.provisioned ? var.logs_write_capacity : null
  }

  ttl {
    enabled        = var.enable_logs_ttl
    attribute_name = "expiration_time"
  }

  point_in_time_recovery {
    enabled = var.enable_point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = merge(local.common_tags, { Name = "${local.prefix}-access-logs" })

  lifecycle {
    ignore_changes = [read_capacity, write_capacity]
  }
}

# 4. Budget tracking: cost tracking and budget alerts.
resource "aws_dynamodb_table" "budget_tracking" {
  name           = "${local.prefix}-budget-tracking"
  billing_mode   = var.billing_mode
  read_capacity  = local.provisioned ? var.budget_read_capacity : null
  write_capacity = local.provisioned ? var.budget_write_capacity : null
  hash_key       = "resource_id"
  range_key      = "month"

  attribute {
    name = "resource_id"
    type = "S"
  }

  attribute {
    name = "month"
    type = "S"
  }

  attribute {
    name = "account_id"
    type = "S"
  }

  attribute {
    name = "cost_category"
    type = "S"
  }

  global_secondary_index {
    name               = "AccountCostIndex"
    hash_key           = "account_id"
    range_key          = "month"
    projection_type    = "INCLUDE"
    non_key_attributes = ["cost", "currency"]
    read_capacity      = local.provisioned ? var.budget_read_capacity : null
    write_capacity     = local.provisioned ? var.budget_write_capacity : null
  }

  global_secondary_index {
    name            = "CategoryIndex"
    hash_key        = "cost_category"
    range_key       = "month"
    projection_type = "ALL"
    read_capacity   = local.provisioned ? var.budget_read_capacity : null
    write_capacity  = local.provisioned ? var.budget_write_capacity : null
  }

  point_in_time_recovery {
    enabled = var.enable_point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = merge(local.common_tags, { Name = "${local.prefix}-budget-tracking" })

  lifecycle {
    ignore_changes = [read_capacity, write_capacity]
  }
}
