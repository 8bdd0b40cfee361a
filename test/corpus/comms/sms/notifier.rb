# SMS notifications for order updates.
# FAKE credentials for the leakguard corpus: none of these accounts exist.
require "twilio-ruby"
require "messagebird"
require "plivo"
require "vonage"

module Sms
  # The Account SID identifies the account; on its own it is not a secret.
  TWILIO_ACCOUNT_SID = "AC47dccf0b7162de42c486d2a43191aef5"
  TWILIO_AUTH_TOKEN = "f2f686f4e44c7f6b6262f81b5c5607a1"
  TWILIO_MESSAGING_SERVICE = "MGc0d1b3cfd397dd6f3262e3e5aa80d9f9"

  def self.twilio
    Twilio::REST::Client.new(TWILIO_ACCOUNT_SID, ENV.fetch("TWILIO_AUTH_TOKEN"))
  end

  def self.twilio_with_api_key
    # API key SID + secret, both hard-coded (fake)
    Twilio::REST::Client.new("SK1eedff70b0cc1bfc3d66ce8572402365", "7hYFAKEcorpusTWILIOGHiL6SL7wxxED", TWILIO_ACCOUNT_SID)
  end

  def self.messagebird
    MessageBird::Client.new(ENV["MESSAGEBIRD_ACCESS_KEY"])
  end

  MESSAGEBIRD_ACCESS_KEY = "ZLXE98xCFAKEcorpusKxyVyPa"
  MESSAGEBIRD_ORIGINATOR = "AcmeShop"

  PLIVO_AUTH_ID = "MAFAKE3CORPUS8TEST4Q"

  def self.plivo
    Plivo::RestClient.new("MAFAKE3CORPUS8TEST4Q", "NO3thKfyjIneJVhLOmTESTcorpusPLIVO4Rd0ICU")
  end

  VONAGE_API_KEY = "66a4c899"
  VONAGE_API_SECRET = "PP1Jjrfo9SCORPUS"
  VONAGE_SIGNATURE_SECRET = ENV.fetch("VONAGE_SIGNATURE_SECRET", nil)
end
