terraform {
  cloud {
    organization = "acme"
    workspaces {
      name = "platform-prod"
    }
  }
  required_providers {
    tfe     = { source = "hashicorp/tfe", version = "~> 0.58" }
    doppler = { source = "DopplerHQ/doppler", version = "~> 1.8" }
    vault   = { source = "hashicorp/vault", version = "~> 4.4" }
  }
}

provider "tfe" {
  hostname = "app.terraform.io"
  token    = "FAKEtlKTpRx21r.atlasv1.CkDTESTyFAKEanXfLEAKGUARDnUeVyO6W0H38nZjDDofDMRHhAG0OSi9OKKPOmL4drR"
}

provider "doppler" {
  doppler_token = var.doppler_token
}

provider "vault" {
  address = "https://vault.acme.test:8200"
  token   = var.vault_token
}

variable "doppler_token" {
  type      = string
  sensitive = true
}

variable "vault_token" {
  type      = string
  sensitive = true
}

resource "tfe_variable" "snyk" {
  key          = "SNYK_TOKEN"
  value        = var.snyk_token
  category     = "env"
  sensitive    = true
  workspace_id = tfe_workspace.platform.id
}

resource "doppler_secret" "azure_devops" {
  project = "platform"
  config  = "prd"
  name    = "AZURE_DEVOPS_EXT_PAT"
  value   = var.azure_devops_pat
}
