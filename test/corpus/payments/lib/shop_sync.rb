# frozen_string_literal: true

require "shopify_api"
require "bigcommerce"

module ShopSync
  SHOPIFY_SHOP = "acme-fake-store.myshopify.com"

  ShopifyAPI::Context.setup(
    api_key: ENV.fetch("SHOPIFY_API_KEY"),
    api_secret_key: "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",
    host: "https://sync.acme-fake.test",
    scope: "read_orders,read_products",
    is_embedded: false,
    api_version: "2024-07",
  )

  # Custom app installed on the wholesale store only.
  WHOLESALE_TOKEN = "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"

  def self.session
    ShopifyAPI::Auth::Session.new(shop: SHOPIFY_SHOP, access_token: "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")
  end

  Bigcommerce.configure do |config|
    config.store_hash = "k7fake2q"
    config.access_token = "fakecorpusbctest05n16x49dnq1tev"
    config.client_id = ENV["BC_CLIENT_ID"]
  end

  # Prefixes recognised by the admin UI when an operator pastes a token (not credentials).
  TOKEN_PREFIXES = %w[shpat_ shpca_ shppa_ shpss_ shpua_].freeze
end
