variable "environment" {
  description = "Environment name"
  type        = string
  default     = "prod"
}

variable "billing_mode" {
  description = "Capacity mode"
  type        = string
  default     = "PAY_PER_REQUEST"
}

variable "create_media_metadata_table" {
  type    = bool
  default = true
}

variable "create_user_sessions_table" {
  type    = bool
  default = true
}

variable "create_notifications_table" {
  type    = bool
  default = false
}

variable "create_conversations_table" {
  type    = bool
  default = true
}

variable "create_rate_limiting_table" {
  type    = bool
  default = true
}

variable "enable_point_in_time_recovery" {
  type    = bool
  default = true
}

variable "enable_deletion_protection" {
  type    = bool
  default = true
}

variable "enable_streams" {
  description = "Enable DynamoDB Streams"
  type        = bool
  default     = true
}

variable "stream_view_type" {
  type    = string
  default = "NEW_AND_OLD_IMAGES"
}

variable "enable_global_tables" {
  description = "Enable multi-region"
  type        = bool
  default     = true
}

variable "tags" {
  type = map(string)
  default = {
    App        = "quikapp"
    Team       = "media"
    CostCenter = "cc-4711"
  }
}
