output "all_table_names" {
  value = module.dynamodb.all_table_names
}

output "all_table_arns" {
  value = module.dynamodb.all_table_arns
}
