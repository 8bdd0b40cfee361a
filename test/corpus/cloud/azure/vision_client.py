"""Azure AI Vision client (fake key for the scanner corpus)."""
import os

import requests

ENDPOINT = "https://fake-vision-604829.cognitiveservices.azure.com/"
HEADERS = {
    "Ocp-Apim-Subscription-Key": "FAKEE9M5OWnTVj4SM9uCRBcwZok35iKDqX3gmGoWnCuGUsxPY3YOtUcaMimhsDPp6qQJbl9nhODtL9xXPA4Z",
    "Content-Type": "application/octet-stream",
}
# Read from the environment in production: not a finding
PROD_HEADERS = {"Ocp-Apim-Subscription-Key": os.environ["AZURE_VISION_KEY"]}


def analyze(image: bytes) -> dict:
    url = ENDPOINT + "computervision/imageanalysis:analyze?api-version=2024-02-01&features=caption"
    return requests.post(url, headers=HEADERS, data=image, timeout=10).json()
