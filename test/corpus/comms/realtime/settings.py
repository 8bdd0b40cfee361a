"""Realtime and meetings settings. FAKE values for the leakguard corpus."""
import os

# Pusher Channels: the app key is public (pusher-js uses it); the secret is not.
PUSHER_APP_ID = "1604829"
PUSHER_KEY = "6665e2dfd2c9ef53cd78"
PUSHER_SECRET = "232108563f3139e4feb6"
PUSHER_CLUSTER = "eu"
# Heroku-style URL with key:secret (fake)
PUSHER_URL = "https://6665e2dfd2c9ef53cd78:6a5098981fb623d0d709@api-eu.pusher.com/apps/1604829"
# Read from the environment in production
PUSHER_SECRET_PROD = os.environ.get("PUSHER_SECRET")

# Zoom Server-to-Server OAuth app
ZOOM_ACCOUNT_ID = "Qx7CORPUSacct9"
ZOOM_CLIENT_ID = "oV3CORPUSfakeCl1d"
ZOOM_CLIENT_SECRET = "NUFAKEcorpusZOOMxrTqurXGPSKl18c2"
# Meeting SDK app
ZOOM_SDK_SECRET = "1MFAKEcorpusSDKqHBcuXjrZAYPNunme9kui"
ZOOM_WEBHOOK_SECRET_TOKEN = "Ti8eljTESTcorpusKdCPbv"
# Zoom meeting IDs and passcodes for the demo room are not API credentials
ZOOM_DEMO_MEETING_ID = "84829175306"
