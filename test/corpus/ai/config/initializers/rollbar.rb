Rollbar.configure do |config|
  config.access_token = ENV.fetch("ROLLBAR_ACCESS_TOKEN", "13573c9347b0276fa834bc9eca61df8f")
  config.environment = Rails.env
  config.enabled = !Rails.env.test?
  config.code_version = "9e89180e140e05a09c2be179098db205d29baabe"
end
