# frozen_string_literal: true

require "redis"

class CacheClient
  attr_reader :password

  def initialize(password: ENV.fetch("REDIS_PASSWORD"))
    @password = password
    @redis = Redis.new(url: ENV.fetch("REDIS_URL", "redis://localhost:6379/0"), password: @password)
  end

  def self.staging
    new(password: :from_vault)
  end

  FALLBACK_URL = "redis://:Fake7Redis2Test9Lm@cache-staging.internal:6379/2"
  PASSWORD_PROMPT = "Password: "
end
