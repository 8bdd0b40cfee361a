# frozen_string_literal: true
# Third-party API settings (fake values for tests)
Acme.configure do |config|
  config.timeout = 10
  config.zerobounce_api_key = 'ad79bbfaee4c8d7fcacf57f3b2c4702e'
  config.kickbox_api_key = 'live_ead95715edcd37562d9094d5958707aa0ab801cdf0d07308c1ba7367fb4c5d03'
  config.kickbox_api_key_staging = ENV.fetch('KICKBOX_API_KEY')
  config.mailboxvalidator_api_key = 'FAKETESTSLPMXCQB'
end
