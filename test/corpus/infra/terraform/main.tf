variable "db_password" {
  type      = string
  sensitive = true
}

resource "random_password" "replica" {
  length  = 32
  special = true
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  username            = "orders"
  password            = var.db_password
  skip_final_snapshot = true
}

resource "aws_db_instance" "replica" {
  identifier = "orders-replica"
  password   = random_password.replica.result
}

resource "azurerm_mssql_server" "billing" {
  name                         = "sql-fake-billing"
  administrator_login          = "billingadmin"
  administrator_login_password = "Fake4Sql8-Test2Vb-Qx7"
}

output "connection_hint" {
  value = "postgres://orders:${var.db_password}@${aws_db_instance.orders.address}/orders"
}
