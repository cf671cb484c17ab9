# "Cloud Tools" job tracking (seed 002), production settings.
module "dynamodb" {
  source = "./modules/dynamodb"

  project_name    = "legacy-cloud-tools"
  environment     = "production"
  resource_suffix = "abc123"

  table_name   = "CloudToolsJobs"
  billing_mode = "PROVISIONED"

  enable_point_in_time_recovery = true

  stream_job_events     = true
  job_events_stream_arn = aws_kinesis_stream.job_events.arn

  tags = {
    Environment = "production"
    Owner       = "platform-team"
    Project     = "cloud-tools"
    CostCenter  = "engineering"
    Backup      = "daily"
    DataClass   = "operational"
  }
}
