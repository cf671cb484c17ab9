# Target tracking on every table's reads and writes, and on the users table's indexes.
# The tables ignore capacity changes: these policies own them.

locals {
  autoscaling_enabled = local.provisioned && var.enable_autoscaling

  scaled_tables = {
    users           = { table = aws_dynamodb_table.users.name, read = var.users_read_capacity, write = var.users_write_capacity, read_max = var.users_read_max_capacity, write_max = var.users_write_max_capacity }
    doi_registry    = { table = aws_dynamodb_table.doi_registry.name, read = var.doi_read_capacity, write = var.doi_write_capacity, read_max = var.doi_read_capacity * 10, write_max = var.doi_write_capacity * 10 }
    access_logs     = { table = aws_dynamodb_table.access_logs.name, read = var.logs_read_capacity, write = var.logs_write_capacity, read_max = var.logs_read_capacity * 10, write_max = var.logs_write_capacity * 10 }
    budget_tracking = { table = aws_dynamodb_table.budget_tracking.name, read = var.budget_read_capacity, write = var.budget_write_capacity, read_max = var.budget_read_capacity * 10, write_max = var.budget_write_capacity * 10 }
  }

  table_targets = merge([
    for key, t in local.scaled_tables : {
      "${key}-read"  = { resource_id = "table/${t.table}", dimension = "dynamodb:table:ReadCapacityUnits", min = t.read, max = t.read_max, metric = "DynamoDBReadCapacityUtilization" }
      "${key}-write" = { resource_id = "table/${t.table}", dimension = "dynamodb:table:WriteCapacityUnits", min = t.write, max = t.write_max, metric = "DynamoDBWriteCapacityUtilization" }
    }
  ]...)

  index_targets = merge([
    for index in ["EmailIndex", "OrcidIndex"] : {
      "users-${index}-read"  = { resource_id = "table/${aws_dynamodb_table.users.name}/index/${index}", dimension = "dynamodb:index:ReadCapacityUnits", min = var.users_read_capacity, max = var.users_read_max_capacity, metric = "DynamoDBReadCapacityUtilization" }
      "users-${index}-write" = { resource_id = "table/${aws_dynamodb_table.users.name}/index/${index}", dimension = "dynamodb:index:WriteCapacityUnits", min = var.users_write_capacity, max = var.users_write_max_capacity, metric = "DynamoDBWriteCapacityUtilization" }
    }
  ]...)

  scaling_targets = local.autoscaling_enabled ? merge(local.table_targets, local.index_targets) : {}
}

resource "aws_appautoscaling_target" "this" {
  for_each = local.scaling_targets

  service_namespace  = "dynamodb"
  resource_id        = each.value.resource_id
  scalable_dimension = each.value.dimension
  min_capacity       = each.value.min
  max_capacity       = each.value.max
}

resource "aws_appautoscaling_policy" "this" {
  for_each = local.scaling_targets

  name               = "${each.value.metric}:${each.value.resource_id}"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension

  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = each.value.metric
    }

    target_value       = var.autoscaling_target_value
    scale_in_cooldown  = 60
    scale_out_cooldown = 60
  }
}
