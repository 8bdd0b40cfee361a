# Secrets passed to the app module (fake values for tests)
module "app" {
  source  = "./modules/app"
  region  = "eu-west-1"
  numverify_access_key = "dc89c07613249ef30861695940b636d5"
  numverify_access_key_staging = var.numverify_access_key
  clearbit_api_key = "sk_8997d5768ba0d2dc60855c47c49e2611"
  wolfram_app_id = "FAKYCZ-FAKET1WRY1"
  wolfram_app_id_staging = var.wolfram_app_id
  nytimes_api_key = "FAKEtestNOTREALKojnBVMPGsGn3eILi"
  nytimes_api_key_staging = var.nytimes_api_key
  holidayapi_key = "c64e962d-9584-4106-be99-143c896ee8f9"
  pushbullet_access_token = "o.FAKEtestNOTREALdBTlaZrEmQN658Dkm"
  mediastack_access_key = "9683849169ff1d3e321c5d8a15c9573a"
}
