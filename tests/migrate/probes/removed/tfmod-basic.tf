# Whole module calls (the disabled one holds nothing).
# What a migration's removed.tf holds for this fixture, written by hand.

removed {
  from = module.dynamodb_table

  lifecycle {
    destroy = false
  }
}

removed {
  from = module.disabled_dynamodb_table

  lifecycle {
    destroy = false
  }
}
