output "table_names" {
  description = "Map of DynamoDB table names"
  value       = { for key, table in aws_dynamodb_table.this : key => table.name }
}

output "table_arns" {
  description = "Map of DynamoDB table ARNs"
  value       = { for key, table in aws_dynamodb_table.this : key => table.arn }
}

output "kms_key_arn" {
  description = "KMS key ARN used for encryption"
  value       = aws_kms_key.dynamodb.arn
}
