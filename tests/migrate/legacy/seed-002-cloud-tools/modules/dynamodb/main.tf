locals {
  full_table_name = "${var.project_name}-${var.table_name}-${var.resource_suffix}"
  provisioned     = var.billing_mode == "PROVISIONED"
  is_production   = var.environment == "production"
}

resource "aws_dynamodb_table" "main" {
  name           = local.full_table_name
  billing_mode   = var.billing_mode
  read_capacity  = local.provisioned ? var.read_capacity : null
  write_capacity = local.provisioned ? var.write_capacity : null
  hash_key       = "jobId"

  deletion_protection_enabled = local.is_production

  attribute {
    name = "jobId"
    type = "S"
  }

  attribute {
    name = "status"
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

  global_secondary_index {
    name            = "StatusIndex"
    hash_key        = "status"
    range_key       = "createdAt"
    projection_type = "ALL"
    read_capacity   = local.provisioned ? var.read_capacity : null
    write_capacity  = local.provisioned ? var.write_capacity : null
  }

  # Future use: jobs per user.
  global_secondary_index {
    name            = "UserIndex"
    hash_key        = "userId"
    range_key       = "createdAt"
    projection_type = "ALL"
    read_capacity   = local.provisioned ? 2 : null
    write_capacity  = local.provisioned ? 2 : null
  }

  ttl {
    attribute_name = "ttl"
    enabled        = true
  }

  # The seed's separate aws_dynamodb_table_point_in_time_recovery resource does not exist in
  # the AWS provider: point-in-time recovery is a block of the table.
  point_in_time_recovery {
    enabled = var.enable_point_in_time_recovery
  }

  # Encrypted with the AWS managed key (alias/aws/dynamodb).
  server_side_encryption {
    enabled = true
  }

  tags = merge(var.tags, { Name = local.full_table_name })
}

resource "aws_dynamodb_contributor_insights" "main" {
  table_name = aws_dynamodb_table.main.name
}

resource "aws_dynamodb_contributor_insights" "status_index" {
  table_name = aws_dynamodb_table.main.name
  index_name = "StatusIndex"
}

# Health-check entry: the system's status, read by the status endpoint.
resource "aws_dynamodb_table_item" "system_status" {
  table_name = aws_dynamodb_table.main.name
  hash_key   = aws_dynamodb_table.main.hash_key

  item = jsonencode({
    jobId     = { S = "system-status" }
    status    = { S = "healthy" }
    userId    = { S = "system" }
    createdAt = { S = "2025-01-01T00:00:00Z" }
    jobType   = { S = "health-check" }
    ttl       = { N = "1798761600" } # one year after createdAt
  })
}

resource "aws_dynamodb_kinesis_streaming_destination" "job_events" {
  count = var.stream_job_events ? 1 : 0

  table_name                               = aws_dynamodb_table.main.name
  stream_arn                               = var.job_events_stream_arn
  approximate_creation_date_time_precision = "MICROSECOND"
}
