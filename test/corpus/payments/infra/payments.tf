variable "stripe_webhook_secret" {
  type      = string
  sensitive = true
}

variable "paddle_api_key" {
  type      = string
  sensitive = true
}

resource "aws_secretsmanager_secret_version" "woocommerce" {
  secret_id = aws_secretsmanager_secret.woocommerce.id
  secret_string = jsonencode({
    consumer_key    = "ck_b4f235ff6d4e17c15dd54eb1323a6da43c8b9591"
    consumer_secret = "cs_b2f0a46d27d8d43f6241c3f2a1afc1234ea2533d"
  })
}

resource "kubernetes_secret" "klarna" {
  metadata {
    name      = "klarna-playground"
    namespace = "checkout"
  }
  data = {
    KLARNA_API_KEY = "klarna_test_api_TESTcorpus0klarna0FAKE0LEAKGUARD0mq4WJgG-i1MDAYNwo2G7lOhiVpFohKGRJZqEJHe"
  }
}

module "square_sandbox" {
  source             = "./modules/square"
  application_id     = "sandbox-sq0idb-FAKEcorpusTEST0lg7Q"
  application_secret = "sandbox-sq0csb-TESTcorpus_sandbox-FAKExb_j9vEBJleAzj-umR7b"
}

resource "github_actions_secret" "paddle" {
  repository      = "storefront"
  secret_name     = "PADDLE_API_KEY"
  plaintext_value = var.paddle_api_key
}
