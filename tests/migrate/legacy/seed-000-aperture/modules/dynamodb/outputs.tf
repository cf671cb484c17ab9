output "users_table_name" {
  description = "Users table name"
  value       = aws_dynamodb_table.users.name
}

output "users_table_arn" {
  description = "Users table ARN"
  value       = aws_dynamodb_table.users.arn
}

output "doi_registry_table_name" {
  description = "DOI registry table name"
  value       = aws_dynamodb_table.doi_registry.name
}

output "doi_registry_table_arn" {
  description = "DOI registry table ARN"
  value       = aws_dynamodb_table.doi_registry.arn
}

output "access_logs_table_name" {
  description = "Access logs table name"
  value       = aws_dynamodb_table.access_logs.name
}

output "access_logs_table_arn" {
  description = "Access logs table ARN"
  value       = aws_dynamodb_table.access_logs.arn
}

output "budget_tracking_table_name" {
  description = "Budget tracking table name"
  value       = aws_dynamodb_table.budget_tracking.name
}

output "budget_tracking_table_arn" {
  description = "Budget tracking table ARN"
  value       = aws_dynamodb_table.budget_tracking.arn
}

output "all_table_names" {
  description = "List of all table names"
  value = [
    aws_dynamodb_table.users.name,
    aws_dynamodb_table.doi_registry.name,
    aws_dynamodb_table.access_logs.name,
    aws_dynamodb_table.budget_tracking.name,
  ]
}

output "all_table_arns" {
  description = "List of all table ARNs"
  value = [
    aws_dynamodb_table.users.arn,
    aws_dynamodb_table.doi_registry.arn,
    aws_dynamodb_table.access_logs.arn,
    aws_dynamodb_table.budget_tracking.arn,
  ]
}
