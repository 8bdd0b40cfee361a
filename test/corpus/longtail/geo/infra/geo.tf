# Secrets passed to the app module (fake values for tests)
module "app" {
  source  = "./modules/app"
  region  = "eu-west-1"
  locationiq_api_key = "pk.d355602bbdd20043fb51875bbcb5c6b9"
  locationiq_api_key_staging = var.locationiq_api_key
  ipinfo_token = "8b3a2764c4241b"
  what3words_api_key = "FAKE3NNL"
  smarty_auth_token = "FAKEtestNO3ioyZPO6jo"
}
