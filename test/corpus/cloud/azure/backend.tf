terraform {
  backend "azurerm" {
    resource_group_name  = "rg-tfstate"
    storage_account_name = "fakestate604829"
    container_name       = "tfstate"
    key                  = "prod.terraform.tfstate"
    # fake key, corpus only
    access_key           = "TESTWoiGKD1eEYERGkBj7YqUcr5rNK8LVerL0VyDVLz1uRi6u5sX6kqSdN3cCcoPktT3uyJRvhKFPDbOuA4OAk=="
  }
}

provider "azurerm" {
  features {}
  use_oidc = true
}

resource "azurerm_storage_account" "logs" {
  name                     = "fakelogs918273"
  resource_group_name      = "rg-logs"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

output "logs_key" {
  value     = azurerm_storage_account.logs.primary_access_key
  sensitive = true
}
