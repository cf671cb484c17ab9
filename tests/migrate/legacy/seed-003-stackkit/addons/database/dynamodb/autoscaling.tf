locals {
  autoscaling = local.provisioned && var.enable_autoscaling
  scaled_indexes = local.autoscaling ? {
    for gsi in var.global_secondary_indexes : gsi.name => gsi
  } : {}
}

resource "aws_appautoscaling_target" "read" {
  count = local.autoscaling ? 1 : 0

  service_namespace  = "dynamodb"
  resource_id        = "table/${aws_dynamodb_table.this.name}"
  scalable_dimension = "dynamodb:table:ReadCapacityUnits"
  min_capacity       = var.autoscaling_read_min_capacity
  max_capacity       = var.autoscaling_read_max_capacity
  tags               = local.tags
}

resource "aws_appautoscaling_policy" "read" {
  count = local.autoscaling ? 1 : 0

  name               = "${local.full_name}-read"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.read[0].service_namespace
  resource_id        = aws_appautoscaling_target.read[0].resource_id
  scalable_dimension = aws_appautoscaling_target.read[0].scalable_dimension

  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = "DynamoDBReadCapacityUtilization"
    }
    target_value = var.autoscaling_target_value
  }
}

resource "aws_appautoscaling_target" "write" {
  count = local.autoscaling ? 1 : 0

  service_namespace  = "dynamodb"
  resource_id        = "table/${aws_dynamodb_table.this.name}"
  scalable_dimension = "dynamodb:table:WriteCapacityUnits"
  min_capacity       = var.autoscaling_write_min_capacity
  max_capacity       = var.autoscaling_write_max_capacity
  tags               = local.tags
}

resource "aws_appautoscaling_policy" "write" {
  count = local.autoscaling ? 1 : 0

  name               = "${local.full_name}-write"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.write[0].service_namespace
  resource_id        = aws_appautoscaling_target.write[0].resource_id
  scalable_dimension = aws_appautoscaling_target.write[0].scalable_dimension

  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = "DynamoDBWriteCapacityUtilization"
    }
    target_value       = var.autoscaling_target_value
    scale_in_cooldown  = 300
    scale_out_cooldown = 30
    disable_scale_in   = false
  }
}

resource "aws_appautoscaling_target" "index_read" {
  for_each = local.scaled_indexes

  service_namespace  = "dynamodb"
  resource_id        = "table/${aws_dynamodb_table.this.name}/index/${each.key}"
  scalable_dimension = "dynamodb:index:ReadCapacityUnits"
  min_capacity       = coalesce(each.value.read_capacity, var.autoscaling_read_min_capacity)
  max_capacity       = var.autoscaling_read_max_capacity
  tags               = local.tags
}

resource "aws_appautoscaling_policy" "index_read" {
  for_each = local.scaled_indexes

  name               = "${local.full_name}-${each.key}-read"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.index_read[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.index_read[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.index_read[each.key].scalable_dimension

  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = "DynamoDBReadCapacityUtilization"
    }
    target_value = var.autoscaling_target_value
  }
}

resource "aws_appautoscaling_target" "index_write" {
  for_each = local.scaled_indexes

  service_namespace  = "dynamodb"
  resource_id        = "table/${aws_dynamodb_table.this.name}/index/${each.key}"
  scalable_dimension = "dynamodb:index:WriteCapacityUnits"
  min_capacity       = coalesce(each.value.write_capacity, var.autoscaling_write_min_capacity)
  max_capacity       = var.autoscaling_write_max_capacity
  tags               = local.tags
}

resource "aws_appautoscaling_policy" "index_write" {
  for_each = local.scaled_indexes

  name               = "${local.full_name}-${each.key}-write"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.index_write[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.index_write[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.index_write[each.key].scalable_dimension

  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = "DynamoDBWriteCapacityUtilization"
    }
    target_value = var.autoscaling_target_value
  }
}
