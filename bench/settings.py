"""Settings for the benchmarks: the test settings, a fresh SQLite file, Wagtail's v3 API.

The database lives in a temporary directory created per run (``BENCH_DIR`` in
the environment names it when set), so a benchmark never touches the example
project's database. ``BENCH_DATABASE_URL`` names another database instead
(``bench/scale.py`` sets it to its own PostgreSQL database), and
``BENCH_REDIS_URL`` puts the cache on Redis. The ``coreblocks``
app, a page type of Wagtail's core blocks, is installed here only.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url

from osce_example.settings.test import *  # noqa: F403
from osce_example.settings.test import INSTALLED_APPS

BENCH_DIR = Path(os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="wagtail-osce-bench-"))
BENCH_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {
    "default": (
        dj_database_url.parse(os.environ["BENCH_DATABASE_URL"])
        if os.environ.get("BENCH_DATABASE_URL")
        else {"ENGINE": "django.db.backends.sqlite3", "NAME": str(BENCH_DIR / "bench.sqlite3")}
    )
}
MEDIA_ROOT = str(BENCH_DIR / "media")

if "wagtail.api.v3" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v3"]
INSTALLED_APPS = [*INSTALLED_APPS, "bench.coreblocks"]

ROOT_URLCONF = "bench.urls"

# A local-memory cache that keeps every entry, as Redis would: the default's
# 300-entry limit would evict renditions and Wagtail's site root paths.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "wagtail-osce-bench",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }
}

if os.environ.get("BENCH_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["BENCH_REDIS_URL"],
        }
    }

# Wagtail's v3 listing refuses more than 20 items by default; the benchmark lists 50.
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = "http://testserver"
