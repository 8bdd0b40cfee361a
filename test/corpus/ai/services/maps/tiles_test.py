from maps.tiles import TileClient

# Short-lived token minted by the tokens API for the snapshot test (expires in 1 h).
TEMP_TOKEN = "tk.eyJ1IjoibGVha2d1YXJkLWZha2UiLCJhIjoiRkFLRXRlbXAwYWNjb3VudCIsImV4cCI6MTcxNzc2NjY0NX0.FAKE0TEMPtbigDAsDnu1xk"
PUBLIC_TOKEN = "pk.eyJ1IjoibGVha2d1YXJkLWZha2UiLCJhIjoiRkFLRXB1YmxpYzAifQ.FAKE0PUBLIC0vWq3yZx8kTt"


def test_snapshot():
    client = TileClient(token=TEMP_TOKEN)
    assert client.style_url("streets-v12").startswith("https://api.mapbox.com/")
