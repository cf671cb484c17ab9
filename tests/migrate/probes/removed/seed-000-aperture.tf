# A whole module call, and a root resource.
# What a migration's removed.tf holds for this fixture, written by hand.

removed {
  from = module.dynamodb

  lifecycle {
    destroy = false
  }
}

removed {
  from = aws_kms_key.dynamodb

  lifecycle {
    destroy = false
  }
}
