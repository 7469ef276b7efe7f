"""Local development: debug on, console e-mail, any host on this machine."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-example-only-not-for-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The Next.js frontend of `make frontend`, when OSCE_FRONTEND_URL names it
# (`OSCE_FRONTEND_URL=http://127.0.0.1:3000 make demo`): Wagtail's previews open there,
# and publishing tells it what to revalidate. Without it, previews use the page
# templates and no webhook is sent (a frontend that is not running would slow publishing).
_FRONTEND_URL = os.environ.get("OSCE_FRONTEND_URL", "").rstrip("/")
if _FRONTEND_URL:
    WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": f"{_FRONTEND_URL}/api/preview/"}}
    WAGTAIL_OSCE = {
        **WAGTAIL_OSCE,  # noqa: F405
        "WEBHOOK_URLS": [f"{_FRONTEND_URL}/api/revalidate/"],
        "WEBHOOK_SECRET": os.environ.get("OSCE_WEBHOOK_SECRET", "dev-only-webhook-secret"),
    }
