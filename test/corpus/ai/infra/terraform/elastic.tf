provider "ec" {
  apikey = "essu_FAKE0TEST0leakguard7RyssZIQ6Jtelh6ok9CdBRSqmbPo880srcYN4Des0IxwBfEICmKuiLVeK"
}

resource "ec_deployment" "search" {
  name                   = "catalog-search"
  region                 = "gcp-europe-west1"
  version                = "8.15.0"
  deployment_template_id = "gcp-storage-optimized"

  elasticsearch = {
    hot = { autoscaling = {} }
  }
}
