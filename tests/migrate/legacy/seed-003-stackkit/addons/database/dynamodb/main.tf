locals {
  full_name = "${var.project_name}-${var.environment}-${var.table_name}"

  environment_defaults = {
    dev     = { billing_mode = "PAY_PER_REQUEST", pitr = false, deletion_protection = false }
    staging = { billing_mode = "PAY_PER_REQUEST", pitr = true, deletion_protection = false }
    prod    = { billing_mode = "PAY_PER_REQUEST", pitr = true, deletion_protection = true }
  }
  defaults = local.environment_defaults[var.environment]

  billing_mode        = var.billing_mode != "" ? var.billing_mode : local.defaults.billing_mode
  provisioned         = local.billing_mode == "PROVISIONED"
  pitr_enabled        = coalesce(var.point_in_time_recovery_enabled, local.defaults.pitr)
  deletion_protection = coalesce(var.deletion_protection, local.defaults.deletion_protection)
  kms_key_arn         = var.create_kms_key ? aws_kms_key.this[0].arn : var.kms_key_arn

  tags = merge(var.common_tags, {
    Name        = local.full_name
    Environment = var.environment
    Addon       = "database/dynamodb"
  })
}

resource "aws_kms_key" "this" {
  count = var.create_kms_key ? 1 : 0

  description             = "DynamoDB table ${local.full_name}"
  deletion_window_in_days = 30
  enable_key_rotation     = true
  tags                    = local.tags
}

resource "aws_kms_alias" "this" {
  count = var.create_kms_key ? 1 : 0

  name          = "alias/${local.full_name}"
  target_key_id = aws_kms_key.this[0].key_id
}

resource "aws_dynamodb_table" "this" {
  name           = local.full_name
  billing_mode   = local.billing_mode
  read_capacity  = local.provisioned ? var.read_capacity : null
  write_capacity = local.provisioned ? var.write_capacity : null
  hash_key       = var.hash_key
  range_key      = var.range_key
  table_class    = var.table_class

  stream_enabled   = var.stream_enabled || var.enable_global_tables
  stream_view_type = var.stream_enabled || var.enable_global_tables ? var.stream_view_type : null

  deletion_protection_enabled = local.deletion_protection

  dynamic "attribute" {
    for_each = var.attributes

    content {
      name = attribute.value.name
      type = attribute.value.type
    }
  }

  dynamic "global_secondary_index" {
    for_each = var.global_secondary_indexes

    content {
      name               = global_secondary_index.value.name
      hash_key           = global_secondary_index.value.hash_key
      range_key          = global_secondary_index.value.range_key
      projection_type    = global_secondary_index.value.projection_type
      non_key_attributes = global_secondary_index.value.projection_type == "INCLUDE" ? global_secondary_index.value.non_key_attributes : null
      read_capacity      = local.provisioned ? coalesce(global_secondary_index.value.read_capacity, var.read_capacity) : null
      write_capacity     = local.provisioned ? coalesce(global_secondary_index.value.write_capacity, var.write_capacity) : null
    }
  }

  dynamic "local_secondary_index" {
    for_each = var.local_secondary_indexes

    content {
      name               = local_secondary_index.value.name
      range_key          = local_secondary_index.value.range_key
      projection_type    = local_secondary_index.value.projection_type
      non_key_attributes = local_secondary_index.value.projection_type == "INCLUDE" ? local_secondary_index.value.non_key_attributes : null
    }
  }

  dynamic "replica" {
    for_each = var.enable_global_tables ? var.replica_regions : []

    content {
      region_name            = replica.value.region_name
      kms_key_arn            = replica.value.kms_key_arn
      point_in_time_recovery = replica.value.point_in_time_recovery
      propagate_tags         = replica.value.propagate_tags
    }
  }

  dynamic "ttl" {
    for_each = var.ttl_enabled ? [var.ttl_attribute_name] : []

    content {
      enabled        = true
      attribute_name = ttl.value
    }
  }

  point_in_time_recovery {
    enabled                 = local.pitr_enabled
    recovery_period_in_days = local.pitr_enabled ? var.point_in_time_recovery_days : null
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = local.kms_key_arn
  }

  tags = local.tags

  lifecycle {
    ignore_changes = [read_capacity, write_capacity]
  }
}

resource "aws_dynamodb_contributor_insights" "table" {
  count = var.enable_contributor_insights ? 1 : 0

  table_name = aws_dynamodb_table.this.name
}

resource "aws_dynamodb_contributor_insights" "index" {
  for_each = var.enable_contributor_insights ? { for gsi in var.global_secondary_indexes : gsi.name => gsi } : {}

  table_name = aws_dynamodb_table.this.name
  index_name = each.key
}

resource "aws_dynamodb_resource_policy" "this" {
  count = length(var.resource_policy_principals) > 0 ? 1 : 0

  resource_arn = aws_dynamodb_table.this.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "ApplicationAccess"
        Effect    = "Allow"
        Principal = { AWS = var.resource_policy_principals }
        Action    = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"]
        Resource  = [aws_dynamodb_table.this.arn, "${aws_dynamodb_table.this.arn}/index/*"]
      },
    ]
  })
}
