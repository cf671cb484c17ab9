# The app's data key (the seed takes it from a separate kms module) and the replica region's own key.

resource "aws_kms_key" "data" {
  description             = "quikapp ${var.environment} data encryption"
  deletion_window_in_days = 30
  enable_key_rotation     = true
  tags                    = var.tags
}

resource "aws_kms_alias" "data" {
  name          = "alias/legacy-quikapp-${var.environment}-data"
  target_key_id = aws_kms_key.data.key_id
}

resource "aws_kms_key" "replica" {
  count    = var.enable_global_tables ? 1 : 0
  provider = aws.replica

  description             = "quikapp ${var.environment} media metadata replica (us-west-2)"
  deletion_window_in_days = 30
  enable_key_rotation     = true
  tags                    = var.tags
}

resource "aws_kms_alias" "replica" {
  count    = var.enable_global_tables ? 1 : 0
  provider = aws.replica

  name          = "alias/legacy-quikapp-${var.environment}-media-replica"
  target_key_id = aws_kms_key.replica[0].key_id
}
