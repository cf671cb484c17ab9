output "user_table_name" {
  value = module.global_user_table.table_name
}

output "user_table_endpoints" {
  value = module.global_user_table.table_endpoints
}

output "orders_table_stream_arn" {
  value = module.orders_table.table_stream_arn
}
