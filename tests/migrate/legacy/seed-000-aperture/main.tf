# The Aperture research-data platform's tables (seed 000): provisioned capacity with
# autoscaling, encrypted with the platform's own KMS key.

resource "aws_kms_key" "dynamodb" {
  description             = "KMS key for DynamoDB encryption"
  deletion_window_in_days = 7
  enable_key_rotation     = true

  tags = {
    Project = "Aperture"
  }
}

module "dynamodb" {
  source = "./modules/dynamodb"

  project_name = "legacy-aperture"
  environment  = "prod"
  billing_mode = "PROVISIONED"

  # Users table capacity
  users_read_capacity      = 10
  users_write_capacity     = 10
  users_read_max_capacity  = 100
  users_write_max_capacity = 100

  # DOI registry capacity
  doi_read_capacity  = 5
  doi_write_capacity = 5

  # Access logs capacity (higher write throughput)
  logs_read_capacity  = 5
  logs_write_capacity = 20

  # Budget tracking capacity (low throughput)
  budget_read_capacity  = 2
  budget_write_capacity = 2

  enable_autoscaling       = true
  autoscaling_target_value = 70

  kms_key_arn                   = aws_kms_key.dynamodb.arn
  enable_point_in_time_recovery = true
  enable_logs_ttl               = true

  tags = {
    Project     = "Aperture"
    ManagedBy   = "Terraform"
    Environment = "production"
  }
}
