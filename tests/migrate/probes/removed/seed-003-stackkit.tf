# Resource by resource inside two child modules whose calls are gone.
# What a migration's removed.tf holds for this fixture, written by hand.

removed {
  from = module.global_user_table.aws_dynamodb_table.this

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.global_user_table.aws_dynamodb_contributor_insights.table

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.global_user_table.aws_dynamodb_contributor_insights.index

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_kms_key.this

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_kms_alias.this

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_dynamodb_table.this

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_dynamodb_contributor_insights.table

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_dynamodb_contributor_insights.index

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_dynamodb_resource_policy.this

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_appautoscaling_target.read

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_appautoscaling_policy.read

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_appautoscaling_target.write

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_appautoscaling_policy.write

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_appautoscaling_target.index_read

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_appautoscaling_policy.index_read

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_appautoscaling_target.index_write

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.orders_table.aws_appautoscaling_policy.index_write

  lifecycle {
    destroy = false
  }
}
