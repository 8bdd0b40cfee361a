# Legacy FCM sender kept for an old Android build. Fake key for the scanner corpus.
require "net/http"
require "json"

FCM_SERVER_KEY = "AAAAFk7yMc5:APA91bFAKE0LEAKGUARD0TESThQ4UpTYI9EAMAveUCdK1AlThEcJtCvRqoqLFOVDLkXIp-1JoxAfS2UW7ASkxnh5pyrYhw9dH-OQYgaKRUNc0lbSx93sVDOi1NwU1wNtCTZ_d8zK9d9e"
FCM_PLACEHOLDER = "AAAA*******:APA91b************"
FIREBASE_DATABASE_SECRET = "FAKEdbg5bv1Z9nLWmMPnJmMhqJoa3zU6T3H75DRa"
FIREBASE_DATABASE_URL = "https://fake-project-604829-default-rtdb.firebaseio.com"

def push(token, title)
  uri = URI("https://fcm.googleapis.com/fcm/send")
  req = Net::HTTP::Post.new(uri, "Authorization" => "key=#{FCM_SERVER_KEY}", "Content-Type" => "application/json")
  req.body = { to: token, notification: { title: title } }.to_json
  Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |http| http.request(req) }
end
