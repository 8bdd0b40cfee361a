"""Provider settings (fake credentials used by leakguard's test corpus)."""
import os

TIMEOUT_SECONDS = 10
RETRIES = 3
WEATHERAPI_KEY = "1200a39d5af686e113cdf547f39acec"
ACCUWEATHER_API_KEY = "FAKEtestNOTREALHAOvu6OHrxQliojY1"
