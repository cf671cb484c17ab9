variable "project_name" {
  description = "Project name for resource naming"
  type        = string
}

variable "environment" {
  description = "Environment (dev, staging, prod)"
  type        = string
}

variable "billing_mode" {
  description = "Billing mode (PAY_PER_REQUEST or PROVISIONED)"
  type        = string
  default     = "PAY_PER_REQUEST"

  validation {
    condition     = contains(["PAY_PER_REQUEST", "PROVISIONED"], var.billing_mode)
    error_message = "billing_mode must be PAY_PER_REQUEST or PROVISIONED."
  }
}

variable "enable_point_in_time_recovery" {
  description = "Enable PITR for tables"
  type        = bool
  default     = true
}

variable "enable_autoscaling" {
  description = "Enable auto-scaling (PROVISIONED only)"
  type        = bool
  default     = true
}

variable "autoscaling_target_value" {
  description = "Target utilization % for auto-scaling"
  type        = number
  default     = 70
}

variable "enable_logs_ttl" {
  description = "Enable TTL for access logs"
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "KMS key ARN for encryption"
  type        = string
  default     = null
}

variable "users_read_capacity" {
  description = "Users table read capacity (PROVISIONED only)"
  type        = number
  default     = 5
}

variable "users_write_capacity" {
  description = "Users table write capacity (PROVISIONED only)"
  type        = number
  default     = 5
}

variable "users_read_max_capacity" {
  description = "Max read capacity for scaling"
  type        = number
  default     = 100
}

variable "users_write_max_capacity" {
  description = "Max write capacity for scaling"
  type        = number
  default     = 100
}

variable "doi_read_capacity" {
  description = "DOI table read capacity (PROVISIONED only)"
  type        = number
  default     = 5
}

variable "doi_write_capacity" {
  description = "DOI table write capacity (PROVISIONED only)"
  type        = number
  default     = 5
}

variable "logs_read_capacity" {
  description = "Logs table read capacity (PROVISIONED only)"
  type        = number
  default     = 5
}

variable "logs_write_capacity" {
  description = "Logs table write capacity (PROVISIONED only)"
  type        = number
  default     = 10
}

variable "budget_read_capacity" {
  description = "Budget table read capacity (PROVISIONED only)"
  type        = number
  default     = 2
}

variable "budget_write_capacity" {
  description = "Budget table write capacity (PROVISIONED only)"
  type        = number
  default     = 2
}

variable "tags" {
  description = "Additional tags for all resources"
  type        = map(string)
  default     = {}
}
