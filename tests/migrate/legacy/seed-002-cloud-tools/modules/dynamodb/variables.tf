variable "project_name" {
  description = "Name of the project"
  type        = string
}

variable "environment" {
  description = "Environment name"
  type        = string
}

variable "resource_suffix" {
  description = "Random suffix for resource naming"
  type        = string
}

variable "table_name" {
  description = "Name of the DynamoDB table"
  type        = string
  default     = "CloudToolsJobs"
}

variable "billing_mode" {
  description = "Billing mode for DynamoDB table"
  type        = string
  default     = "PAY_PER_REQUEST"
}

variable "read_capacity" {
  description = "Table and index read capacity (PROVISIONED only)"
  type        = number
  default     = 5
}

variable "write_capacity" {
  description = "Table and index write capacity (PROVISIONED only)"
  type        = number
  default     = 5
}

variable "enable_point_in_time_recovery" {
  description = "Enable point-in-time recovery for DynamoDB table"
  type        = bool
  default     = true
}

variable "stream_job_events" {
  description = "Stream every job change to a Kinesis data stream"
  type        = bool
  default     = false
}

variable "job_events_stream_arn" {
  description = "The Kinesis data stream for job changes (with stream_job_events)"
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags to apply to resources"
  type        = map(string)
  default     = {}
}
