"""Django settings for the orders admin."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = os.getenv("DEBUG", "false") == "true"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "orders",
        "USER": os.environ.get("DB_USER", "orders"),
        "PASSWORD": os.environ.get("DB_PASSWORD", ""),
        "HOST": "pg.internal",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
PASSWORD_RESET_TIMEOUT = 259200

EMAIL_HOST = "smtp.internal.test"
EMAIL_HOST_USER = "orders-mailer"
EMAIL_HOST_PASSWORD = "Fake5Smtp8-Test1Hq0Zx"

# Celery
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@localhost:5672//")
CELERY_RESULT_BACKEND = "rediss://default:Fake7Redis2Test9Lm@redis-fake.cache.internal:6380/1"

# Object storage (values injected by the platform)
STORAGE_ACCESS_KEY = os.environ["STORAGE_ACCESS_KEY"]
STORAGE_SECRET_KEY = settings_from_vault("storage/secret_key")
