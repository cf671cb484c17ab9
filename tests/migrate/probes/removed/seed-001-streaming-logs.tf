# A root resource with for_each instances (no instance keys: they are refused), its key and alias.
# What a migration's removed.tf holds for this fixture, written by hand.

removed {
  from = aws_dynamodb_table.this

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

removed {
  from = aws_kms_alias.dynamodb

  lifecycle {
    destroy = false
  }
}
