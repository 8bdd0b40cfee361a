# Helpdesk integrations for the support portal.
# FAKE credentials for the leakguard corpus.

variable "zendesk_subdomain" {
  type    = string
  default = "acme-support"
}

# Known blind spot: a secret given as a variable default, on a different line from the
# variable's name, is not tied to the provider by the context rules.
variable "freshdesk_api_key" {
  type      = string
  sensitive = true
  default   = "Hd8FAKEcorpusYeNP4tn"
}

variable "zendesk_api_token" {
  type      = string
  sensitive = true
}

locals {
  # pasted while debugging the connector (fake)
  intercom_access_token = "dG9rOjTEeOo0jwFAKEcorpusTESTECMQCyLTJ9Ee0PP9T14JG28rCYWMWvRq="
  # The Intercom app ID is public (it goes into the Messenger snippet).
  intercom_app_id = "qz8x1lrt"
  # Zendesk ticket field IDs are not secrets
  zendesk_priority_field_id = 36041872915
}

resource "helpdesk_connection" "zendesk" {
  url   = "https://${var.zendesk_subdomain}.zendesk.com"
  email = "ops-bot@mail.internal.test"
  token = var.zendesk_api_token
}

resource "helpdesk_connection" "intercom" {
  token = local.intercom_access_token
}
