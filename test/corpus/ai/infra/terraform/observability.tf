terraform {
  required_providers {
    datadog   = { source = "DataDog/datadog" }
    newrelic  = { source = "newrelic/newrelic" }
    pagerduty = { source = "PagerDuty/pagerduty" }
    grafana   = { source = "grafana/grafana" }
    sentry    = { source = "jianyuan/sentry" }
  }
}

provider "datadog" {
  api_key = var.datadog_api_key
  app_key = var.datadog_app_key
}

provider "newrelic" {
  account_id = 604829
  api_key    = "NRAK-FAKE0TEST0LEAKGUARD0DQ3JW40"
  region     = "EU"
}

provider "pagerduty" {
  token = "u+FAKE_testIi9iIgeAR"
}

provider "grafana" {
  url  = "https://leakguard-fake.grafana.net/"
  auth = "glsa_FAKE0TEST0leakguardnCA2vGuyVYGi2_1485d07c"
}

provider "sentry" {
  token = data.vault_generic_secret.sentry.data["token"]
}

resource "pagerduty_service_integration" "datadog" {
  name    = "Datadog"
  service = pagerduty_service.checkout.id
  vendor  = data.pagerduty_vendor.datadog.id
}

# Dynatrace synthetic monitors. Only the token identifier (prefix + public part) may be
# logged, e.g. dt0c01.FAKE0TEST0LEAKGUARD7CIBJ
locals {
  dynatrace_api_token = "dt0c01.FAKE0TEST0LEAKGUARD7CIBJ.NOTREAL0TEST0NY66W6PQ519DZIJ0F2JOFP3ZML01GELYQRZ4P08VO363F0T5CCZ"
}
