"""Local development: debug on, console e-mail, any host on this machine."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-example-only-not-for-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
