"""The test suite: fast hashing, in-memory media, the database from DATABASE_URL."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="wagtail-osce-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"

# A site's own app, with page types built on the package's mixins (tests/site_app).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.site_app"]  # noqa: F405
