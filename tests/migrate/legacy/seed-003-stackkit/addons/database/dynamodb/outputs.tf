output "table_name" {
  description = "DynamoDB table name"
  value       = aws_dynamodb_table.this.name
}

output "table_arn" {
  description = "Table ARN"
  value       = aws_dynamodb_table.this.arn
}

output "table_stream_arn" {
  description = "Stream ARN (if enabled)"
  value       = aws_dynamodb_table.this.stream_arn
}

output "hash_key" {
  description = "Partition key"
  value       = aws_dynamodb_table.this.hash_key
}

output "range_key" {
  description = "Sort key"
  value       = aws_dynamodb_table.this.range_key
}

output "global_tables_enabled" {
  description = "Whether global tables are enabled"
  value       = var.enable_global_tables
}

output "replica_regions" {
  description = "List of replica regions"
  value       = [for replica in aws_dynamodb_table.this.replica : replica.region_name]
}

output "table_endpoints" {
  description = "Regional endpoints"
  value       = { for region in concat(["us-east-1"], [for replica in aws_dynamodb_table.this.replica : replica.region_name]) : region => "dynamodb.${region}.amazonaws.com" }
}
