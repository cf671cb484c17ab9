variable "project_name" {
  description = "Name of the project"
  type        = string
}

variable "environment" {
  description = "Environment (dev/staging/prod)"
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "table_name" {
  description = "DynamoDB table name"
  type        = string
  default     = "main"
}

variable "hash_key" {
  description = "Partition key for the table"
  type        = string
}

variable "range_key" {
  description = "Sort key for the table"
  type        = string
  default     = null
}

variable "attributes" {
  description = "Table attributes definition"
  type = list(object({
    name = string
    type = string
  }))
}

variable "billing_mode" {
  description = "Billing mode (auto-selected by environment when empty)"
  type        = string
  default     = ""
}

variable "read_capacity" {
  description = "Read capacity (PROVISIONED only)"
  type        = number
  default     = 5
}

variable "write_capacity" {
  description = "Write capacity (PROVISIONED only)"
  type        = number
  default     = 5
}

variable "global_secondary_indexes" {
  description = "Global secondary indexes"
  type = list(object({
    name               = string
    hash_key           = string
    range_key          = optional(string)
    projection_type    = string
    non_key_attributes = optional(list(string), [])
    read_capacity      = optional(number)
    write_capacity     = optional(number)
  }))
  default = []
}

variable "local_secondary_indexes" {
  description = "Local secondary indexes"
  type = list(object({
    name               = string
    range_key          = string
    projection_type    = string
    non_key_attributes = optional(list(string), [])
  }))
  default = []
}

variable "enable_global_tables" {
  description = "Enable global tables"
  type        = bool
  default     = false
}

variable "replica_regions" {
  description = "Replica regions for global tables"
  type = list(object({
    region_name            = string
    kms_key_arn            = optional(string)
    point_in_time_recovery = optional(bool, true)
    propagate_tags         = optional(bool, true)
  }))
  default = []
}

variable "ttl_enabled" {
  description = "Enable Time to Live"
  type        = bool
  default     = false
}

variable "ttl_attribute_name" {
  description = "TTL attribute"
  type        = string
  default     = "ttl"
}

variable "stream_enabled" {
  description = "Enable DynamoDB Streams"
  type        = bool
  default     = false
}

variable "stream_view_type" {
  description = "Stream view type"
  type        = string
  default     = "NEW_AND_OLD_IMAGES"
}

variable "point_in_time_recovery_enabled" {
  description = "Point-in-time recovery (null: by environment)"
  type        = bool
  default     = null
}

variable "point_in_time_recovery_days" {
  description = "Point-in-time recovery period in days"
  type        = number
  default     = 35
}

variable "deletion_protection" {
  description = "Deletion protection (null: by environment)"
  type        = bool
  default     = null
}

variable "table_class" {
  description = "STANDARD or STANDARD_INFREQUENT_ACCESS"
  type        = string
  default     = "STANDARD"
}

variable "create_kms_key" {
  description = "Create a customer managed key for the table"
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "An existing KMS key (null: the AWS managed key unless create_kms_key)"
  type        = string
  default     = null
}

variable "enable_autoscaling" {
  description = "Autoscaling of the table and its indexes (PROVISIONED only)"
  type        = bool
  default     = false
}

variable "autoscaling_read_min_capacity" {
  type    = number
  default = 5
}

variable "autoscaling_read_max_capacity" {
  type    = number
  default = 100
}

variable "autoscaling_write_min_capacity" {
  type    = number
  default = 5
}

variable "autoscaling_write_max_capacity" {
  type    = number
  default = 100
}

variable "autoscaling_target_value" {
  type    = number
  default = 70
}

variable "enable_contributor_insights" {
  description = "Contributor Insights on the table and its indexes"
  type        = bool
  default     = false
}

variable "resource_policy_principals" {
  description = "IAM principals allowed to read and write the table through its resource policy"
  type        = list(string)
  default     = []
}

variable "common_tags" {
  description = "Tags for every resource"
  type        = map(string)
  default     = {}
}
