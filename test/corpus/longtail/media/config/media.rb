# frozen_string_literal: true
# Third-party API settings (fake values for tests)
Acme.configure do |config|
  config.timeout = 10
  config.tmdb_api_key = 'ee5afc1a3657c2b2744c34798bd3cb9c'
  config.tmdb_api_key_staging = ENV.fetch('TMDB_API_KEY')
  config.cloudinary_api_secret = 'FAKE_test-NOT1QpnlMQq4-hrQU'
  config.cloudinary_api_secret_staging = ENV.fetch('CLOUDINARY_API_SECRET')
  config.lastfm_api_key = '459cd09293b74d2f421621695906f30a'
  config.lastfm_api_key_staging = ENV.fetch('LASTFM_API_KEY')
  config.rawg_api_key = 'f2dfb660d2dd3dc5f840e9ee3128eab2'
  config.rawg_api_key_staging = ENV.fetch('RAWG_API_KEY')
  config.genius_access_token = 'FAKE_test-NOTREALxognGTvI8rbBK3L2Gq3LEnIyUse7dEVw4IKaybwQ5sjQwxz'
  config.genius_access_token_staging = ENV.fetch('GENIUS_ACCESS_TOKEN')
end
