# Fake credentials for the scanner corpus
provider "alicloud" {
  access_key = var.alicloud_access_key
  secret_key = var.alicloud_secret_key
  region     = "cn-hangzhou"
}

provider "tencentcloud" {
  secret_id  = "AKIDFAKE5rNq6Gs1FdoC5JAsWcIiobKPZq7X"
  secret_key = "TESTixo4alG5hxMUtRqgHqLn2Fi0jHhX"
  region     = "ap-guangzhou"
}

# A 30-character id with no Alibaba context
resource "null_resource" "marker" {
  triggers = {
    build_id = "FAKEqDHy8GO6m1ASrNJtAcRerNtHAR"
  }
}
