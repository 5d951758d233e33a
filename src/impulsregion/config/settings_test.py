"""Test overrides: fast hashing, in-memory e-mail, no HTTPS redirect."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault(
    "IMPULSREGION_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789"
)
os.environ.setdefault("IMPULSREGION_ENVIRONMENT", "development")

from impulsregion.config.settings import *  # noqa: F403  (test settings extend the real ones)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
DEBUG = False
# each test process its own folder of feed bodies (tests clear it, as they clear the cache)
IMPULSREGION_FEED_DIR = Path(tempfile.mkdtemp(prefix="impulsregion-feeds-"))
# the tests' own HTTP servers listen on loopback; tests of the refusal empty this list
IMPULSREGION_FETCH_ALLOWED_ADDRESSES = ["127.0.0.1/32"]
