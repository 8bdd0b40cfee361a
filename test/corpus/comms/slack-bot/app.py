"""Deploy-notifier Slack bot (Bolt for Python).

All credentials in this file are FAKE test fixtures for the leakguard corpus.
"""
import os

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

# Placeholders from the README template: never reported.
TEMPLATE_BOT_TOKEN = "xoxb-your-bot-token"
TEMPLATE_APP_TOKEN = "xapp-1-your-app-level-token"

# The client ID is an identifier, not a secret.
SLACK_CLIENT_ID = "482917530614.4829175306148"

# Hard-coded credentials left over from local debugging (fake).
SLACK_BOT_TOKEN = "xoxb-482917530614-4829175306148-SscJWFAKEcorpusTESTzPSWr"
SLACK_APP_TOKEN = "xapp-1-A0CORPUSFAKE-4829175306148-06ab68baf4a47d680dd98754bc4171a7bcbbfcbd8b5f5ea4d4bcea41837ed151"
SLACK_SIGNING_SECRET = "e7811bb1174034110be0c136f9446e70"

app = App(
    token=os.environ.get("SLACK_BOT_TOKEN", SLACK_BOT_TOKEN),
    signing_secret=os.environ["SLACK_SIGNING_SECRET"],
)


@app.command("/deploy")
def deploy(ack, respond, command):
    ack()
    respond(f"Deploying {command['text']}...")


if __name__ == "__main__":
    SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"]).start()
