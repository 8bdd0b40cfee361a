# Nightly export of product events to the warehouse.
require "net/http"
require "json"

MIXPANEL_PROJECT_ID = 604829
MIXPANEL_API_SECRET = "d07052bfbb8a8503a9500c34b452384c"
MIXPANEL_TOKEN = ENV.fetch("MIXPANEL_TOKEN") # public project token, /track only

AMPLITUDE = {
  api_key: ENV.fetch("AMPLITUDE_API_KEY"),
  secret_key: "a7a9b583c36b50c54fcc96d68dac6c88",
}.freeze

def mixpanel_export(from, to)
  uri = URI("https://data.mixpanel.com/api/2.0/export?from_date=#{from}&to_date=#{to}")
  req = Net::HTTP::Get.new(uri)
  req.basic_auth(MIXPANEL_API_SECRET, "")
  Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |http| http.request(req) }
end

def mixpanel_service_account
  # new style: service account (the username ends in .mp-service-account)
  ["warehouse-fake.604829.mp-service-account", "FAKEtest0leakguardMDwGD0zDreloXU"]
end
