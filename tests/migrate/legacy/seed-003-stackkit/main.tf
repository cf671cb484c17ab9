# The stackkit DynamoDB addon (seed 003), used twice: a global users table replicated to two
# regions, and an event-driven orders table on provisioned capacity with autoscaling.
# (The seed's remote-state lookup and AWS Backup plans are left out: they are not table settings.)

module "global_user_table" {
  source = "./addons/database/dynamodb"

  project_name = "legacy-stackkit"
  environment  = "prod"
  table_name   = "users"

  hash_key  = "user_id"
  range_key = "created_at"

  attributes = [
    { name = "user_id", type = "S" },
    { name = "created_at", type = "S" },
    { name = "email", type = "S" },
    { name = "status", type = "S" },
    { name = "tenant_rank", type = "N" },
  ]

  global_secondary_indexes = [
    {
      name               = "email-index"
      hash_key           = "email"
      range_key          = "created_at"
      projection_type    = "ALL"
      non_key_attributes = []
    },
    {
      name               = "status-index"
      hash_key           = "status"
      range_key          = "created_at"
      projection_type    = "INCLUDE"
      non_key_attributes = ["user_id", "email"]
    },
  ]

  local_secondary_indexes = [
    {
      name               = "rank-index"
      range_key          = "tenant_rank"
      projection_type    = "KEYS_ONLY"
      non_key_attributes = []
    },
  ]

  # Global Tables
  enable_global_tables = true
  replica_regions = [
    { region_name = "us-west-2", point_in_time_recovery = true, propagate_tags = true },
    { region_name = "eu-west-1", point_in_time_recovery = false, propagate_tags = false },
  ]

  ttl_enabled        = true
  ttl_attribute_name = "expires_at"

  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  enable_contributor_insights = true

  common_tags = {
    Owner       = "backend-team"
    Environment = "production"
    Cost        = "application"
    Global      = "true"
  }
}

module "orders_table" {
  source = "./addons/database/dynamodb"

  project_name = "legacy-stackkit"
  environment  = "prod"
  table_name   = "orders"

  hash_key = "order_id"
  attributes = [
    { name = "order_id", type = "S" },
    { name = "status", type = "S" },
    { name = "created_date", type = "S" },
  ]

  global_secondary_indexes = [
    {
      name               = "status-date-index"
      hash_key           = "status"
      range_key          = "created_date"
      projection_type    = "KEYS_ONLY"
      non_key_attributes = []
      read_capacity      = 10
      write_capacity     = 5
    },
  ]

  billing_mode   = "PROVISIONED"
  read_capacity  = 20
  write_capacity = 10

  enable_autoscaling             = true
  autoscaling_read_min_capacity  = 20
  autoscaling_read_max_capacity  = 200
  autoscaling_write_min_capacity = 10
  autoscaling_write_max_capacity = 100
  autoscaling_target_value       = 60

  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  point_in_time_recovery_enabled = true
  point_in_time_recovery_days    = 14

  table_class         = "STANDARD_INFREQUENT_ACCESS"
  deletion_protection = false

  create_kms_key = true

  enable_contributor_insights = true

  resource_policy_principals = ["arn:aws:iam::123456789012:role/legacy-stackkit-order-processor"]

  common_tags = {
    Component = "orders"
    Critical  = "true"
  }
}
