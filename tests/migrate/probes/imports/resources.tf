# One of every resource kind the migration adopts, with many settings each. Applied once in one
# folder, then imported into a second folder with the same configuration: the import must plan
# no change (tests/migrate/terraform/test_import_probe.py).

locals {
  tags = { Probe = "imports", Team = "platform" }
}

resource "aws_kms_key" "table" {
  description             = "legacy-probe table key"
  deletion_window_in_days = 7
  enable_key_rotation     = true
  tags                    = local.tags
}

resource "aws_kms_alias" "table" {
  name          = "alias/legacy-probe-table"
  target_key_id = aws_kms_key.table.key_id
}

resource "aws_kms_key" "west" {
  provider = aws.west

  description             = "legacy-probe replica key"
  deletion_window_in_days = 7
  tags                    = local.tags
}

# Provisioned, autoscaled, every setting on.
resource "aws_dynamodb_table" "provisioned" {
  name           = "legacy-probe-provisioned"
  billing_mode   = "PROVISIONED"
  read_capacity  = 5
  write_capacity = 4
  hash_key       = "pk"
  range_key      = "sk"
  table_class    = "STANDARD_INFREQUENT_ACCESS"

  deletion_protection_enabled = true
  stream_enabled              = true
  stream_view_type            = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "N"
  }

  attribute {
    name = "gk"
    type = "B"
  }

  global_secondary_index {
    name               = "by-gk"
    hash_key           = "gk"
    range_key          = "sk"
    projection_type    = "INCLUDE"
    non_key_attributes = ["a", "b"]
    read_capacity      = 3
    write_capacity     = 2
  }

  local_secondary_index {
    name            = "by-sk"
    range_key       = "sk"
    projection_type = "KEYS_ONLY"
  }

  ttl {
    attribute_name = "expires"
    enabled        = true
  }

  point_in_time_recovery {
    enabled                 = true
    recovery_period_in_days = 10
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.table.arn
  }

  tags = local.tags

  lifecycle {
    ignore_changes = [read_capacity, write_capacity]
  }
}

resource "aws_appautoscaling_target" "read" {
  service_namespace  = "dynamodb"
  resource_id        = "table/${aws_dynamodb_table.provisioned.name}"
  scalable_dimension = "dynamodb:table:ReadCapacityUnits"
  min_capacity       = 5
  max_capacity       = 50
  tags               = local.tags
}

resource "aws_appautoscaling_policy" "read" {
  name               = "legacy-probe-read"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.read.service_namespace
  resource_id        = aws_appautoscaling_target.read.resource_id
  scalable_dimension = aws_appautoscaling_target.read.scalable_dimension

  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = "DynamoDBReadCapacityUtilization"
    }
    target_value       = 70
    scale_in_cooldown  = 60
    scale_out_cooldown = 30
  }
}

resource "aws_appautoscaling_target" "index_write" {
  service_namespace  = "dynamodb"
  resource_id        = "table/${aws_dynamodb_table.provisioned.name}/index/by-gk"
  scalable_dimension = "dynamodb:index:WriteCapacityUnits"
  min_capacity       = 2
  max_capacity       = 20
}

resource "aws_appautoscaling_policy" "index_write" {
  name               = "DynamoDBWriteCapacityUtilization:table/legacy-probe-provisioned/index/by-gk"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.index_write.service_namespace
  resource_id        = aws_appautoscaling_target.index_write.resource_id
  scalable_dimension = aws_appautoscaling_target.index_write.scalable_dimension

  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = "DynamoDBWriteCapacityUtilization"
    }
    target_value = 55
  }
}

resource "aws_dynamodb_contributor_insights" "table" {
  table_name = aws_dynamodb_table.provisioned.name
}

resource "aws_dynamodb_contributor_insights" "index" {
  table_name = aws_dynamodb_table.provisioned.name
  index_name = "by-gk"
}

resource "aws_dynamodb_resource_policy" "provisioned" {
  resource_arn = aws_dynamodb_table.provisioned.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Read"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/legacy-probe-reader" }
      Action    = ["dynamodb:GetItem", "dynamodb:Query"]
      Resource  = aws_dynamodb_table.provisioned.arn
    }]
  })
}

resource "aws_kinesis_stream" "changes" {
  name        = "legacy-probe-changes"
  shard_count = 1
}

resource "aws_dynamodb_kinesis_streaming_destination" "changes" {
  table_name                               = aws_dynamodb_table.provisioned.name
  stream_arn                               = aws_kinesis_stream.changes.arn
  approximate_creation_date_time_precision = "MICROSECOND"
}

resource "aws_dynamodb_table_item" "marker" {
  table_name = aws_dynamodb_table.provisioned.name
  hash_key   = aws_dynamodb_table.provisioned.hash_key
  range_key  = aws_dynamodb_table.provisioned.range_key
  item = jsonencode({
    pk = { S = "marker" }
    sk = { N = "1" }
  })
}

# On-demand with maxima, a separately managed replica with its own key.
resource "aws_dynamodb_table" "global" {
  name             = "legacy-probe-global"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "pk"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "pk"
    type = "S"
  }

  on_demand_throughput {
    max_read_request_units  = 200
    max_write_request_units = 100
  }

  server_side_encryption {
    enabled = true # the AWS managed key
  }

  tags = local.tags

  lifecycle {
    ignore_changes = [replica]
  }
}

resource "aws_dynamodb_table_replica" "global" {
  provider = aws.west

  global_table_arn       = aws_dynamodb_table.global.arn
  kms_key_arn            = aws_kms_key.west.arn
  point_in_time_recovery = true
  tags                   = local.tags
}

# Inline replicas: one with the region's AWS managed key, PITR and tags propagated; one plain.
resource "aws_dynamodb_table" "inline" {
  name             = "legacy-probe-inline"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "pk"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "pk"
    type = "S"
  }

  server_side_encryption {
    enabled = true
  }

  replica {
    region_name            = "us-west-2"
    point_in_time_recovery = true
    propagate_tags         = true
  }

  replica {
    region_name = "eu-west-1"
  }

  tags = local.tags
}
