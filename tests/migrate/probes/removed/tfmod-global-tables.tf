# The module call and both regions' keys.
# What a migration's removed.tf holds for this fixture, written by hand.

removed {
  from = module.dynamodb_table

  lifecycle {
    destroy = false
  }
}

removed {
  from = aws_kms_key.primary

  lifecycle {
    destroy = false
  }
}

removed {
  from = aws_kms_key.secondary

  lifecycle {
    destroy = false
  }
}
