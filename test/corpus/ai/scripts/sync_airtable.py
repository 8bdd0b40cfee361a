import os

from pyairtable import Api

api = Api(os.environ["AIRTABLE_TOKEN"])
# AIRTABLE_API_KEY = "keyFAKEtestvB9zGO"  # old user API key, dead since Feb 2024
BASE_ID = "appFAKE0TEST0leak"
TABLE_ID = "tblFAKEtestAc16EK"

NOTION_TOKEN = os.getenv("NOTION_TOKEN") or "secret_FAKE0TEST0leakguards527fQDDKCrc7RXGoOCADYFf"


def rows():
    return api.table(BASE_ID, TABLE_ID).all()
