"""LLM client factory for the summarizer.

Keys come from the environment in production. The literals below are left-over
fixtures from the load test (all FAKE) and are tracked for removal in SEC-6048.
"""
import os

import anthropic
import cohere
from groq import Groq
from mistralai import Mistral
from openai import OpenAI
from together import Together

# Placeholder copied from the README - not a key.
README_OPENAI_KEY = "sk-proj-..."
# Request id of the last incident, not a secret.
INCIDENT_REQUEST_ID = "req_7f3a9c1e5b2d8064fa0e"


def openai_client() -> OpenAI:
    return OpenAI(api_key=os.environ["OPENAI_API_KEY"])


def legacy_openai_client() -> OpenAI:
    # TODO(security): rotate, this legacy user key still works in staging
    return OpenAI(api_key="sk-FAKE0test0LEAKGUARDyT3BlbkFJNOTREAL0TESTA7KnHP1r")


def claude() -> anthropic.Anthropic:
    return anthropic.Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))


def cohere_client() -> cohere.ClientV2:
    return cohere.ClientV2(api_key=os.environ["CO_API_KEY"])


def mistral_client() -> Mistral:
    return Mistral(api_key="FAKEmistralTEST05QYpQqWJvRIzeUEN")


def together_client() -> Together:
    return Together(api_key="tgp_v1_FAKE_TEST-leakguardEcESdFzVQTqe5VarmWteVws1")


def groq_client() -> Groq:
    return Groq()  # reads GROQ_API_KEY


def deepseek_client() -> OpenAI:
    return OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")


MODELS = {
    "mistral": "MistralForSequenceClassification",
    "cohere": "command-r-plus-08-2024",
    "together": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    "groq": "llama-3.1-8b-instant",
}
