# Root resources with count instances (notifications has none: a removed block for an address
# not in the state is ignored), the replica and both regions' keys.
# What a migration's removed.tf holds for this fixture, written by hand.

removed {
  from = aws_dynamodb_table.media_metadata

  lifecycle {
    destroy = false
  }
}

removed {
  from = aws_dynamodb_table_replica.media_metadata

  lifecycle {
    destroy = false
  }
}

removed {
  from = aws_dynamodb_table.user_sessions

  lifecycle {
    destroy = false
  }
}

removed {
  from = aws_dynamodb_table.notifications

  lifecycle {
    destroy = false
  }
}

removed {
  from = aws_dynamodb_table.conversations

  lifecycle {
    destroy = false
  }
}

removed {
  from = aws_dynamodb_table.rate_limits

  lifecycle {
    destroy = false
  }
}

removed {
  from = aws_kms_key.data

  lifecycle {
    destroy = false
  }
}

removed {
  from = aws_kms_alias.data

  lifecycle {
    destroy = false
  }
}

removed {
  from = aws_kms_key.replica

  lifecycle {
    destroy = false
  }
}

removed {
  from = aws_kms_alias.replica

  lifecycle {
    destroy = false
  }
}
