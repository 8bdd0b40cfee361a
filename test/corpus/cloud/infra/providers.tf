# Multi-cloud edge setup. Every literal credential here is a fake corpus value.

provider "digitalocean" {
  token = "dop_v1_f4c69146b4b263bd75a6290d46d31d0397b42a7c8d08a25b82c31e1b70f2fdad"
}

provider "linode" {
  token = "57024ca0e02adbf0b50684a97a8db2b6ae0e028b25b9d8a5a1f615f819c1e61e"
}

provider "hcloud" {
  token = var.hcloud_token
}

provider "scaleway" {
  access_key      = "SCWFAKE2YQBGCNXAGLF8"
  secret_key      = "5f3a9c1e-7b2d-4064-8fa0-e6b1be392507"
  project_id      = "2e8b4d0f-6a1c-4937-8b5e-13607d420814"
  region          = "fr-par"
}

provider "cloudflare" {
  api_token = var.cloudflare_api_token
}

resource "linode_instance" "web" {
  label  = "web-1"
  image  = "linode/debian12"
  region = "eu-central"
  type   = "g6-nanode-1"
  # image checksum, not a token
  metadata {
    user_data = base64encode("sha256=c5f8a61cafb68fbd8424f5f3e2e9fa209c9e0a49d425ca929d6c62f936ca63a7")
  }
}

resource "cloudflare_record" "www" {
  zone_id = "d19f529cae80e7931840d1a75a847f17"
  name    = "www"
  type    = "CNAME"
  content = "fake-corp.pages.dev"
}
