output "media_metadata_table_name" {
  value = try(aws_dynamodb_table.media_metadata[0].name, null)
}

output "media_metadata_table_arn" {
  value = try(aws_dynamodb_table.media_metadata[0].arn, null)
}

output "all_table_names" {
  value = {
    media_metadata = try(aws_dynamodb_table.media_metadata[0].name, null)
    user_sessions  = try(aws_dynamodb_table.user_sessions[0].name, null)
    notifications  = try(aws_dynamodb_table.notifications[0].name, null)
    conversations  = try(aws_dynamodb_table.conversations[0].name, null)
    rate_limits    = try(aws_dynamodb_table.rate_limits[0].name, null)
  }
}

output "stream_arns" {
  value = {
    media_metadata = try(aws_dynamodb_table.media_metadata[0].stream_arn, null)
    user_sessions  = try(aws_dynamodb_table.user_sessions[0].stream_arn, null)
    conversations  = try(aws_dynamodb_table.conversations[0].stream_arn, null)
  }
}
