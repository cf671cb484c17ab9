# A whole module call; kept.tf's Kinesis stream stays managed.
# What a migration's removed.tf holds for this fixture, written by hand.

removed {
  from = module.dynamodb

  lifecycle {
    destroy = false
  }
}
