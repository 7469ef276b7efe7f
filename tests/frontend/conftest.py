"""Frontend tests: the Next.js site in ``frontend/``, built once, served against the live example site.

The example site runs as the browser tests run it (``tests/browser/conftest.py``: Django's
live server with the demo content); ``next start`` is started for each test, pointing at
that server's API, on a free port. The production build (``next build``) is made once per
session, and only when a file of the frontend is newer than the last build: no page is
rendered at build time, so the build does not need the API.

The example site previews in that frontend and sends it its signed webhooks (with
``WEBHOOK_SECRET``), as ``OSCE_FRONTEND_URL=... make demo`` does. The frontend caches pages
in memory only, so each ``next start`` begins with an empty cache.

These tests are not part of ``make test``: they run with ``make frontend-test``
(``pytest -m frontend``), which needs Node.js and ``npm ci`` in ``frontend/``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import (  # noqa: F401 - fixtures and the report hook, shared
    browser_context,
    live_site_url,
    osce_site,
    page,
    playwright_driver,
    pytest_runtest_makereport,
    server_errors,
)
from tests.browser.demo import DemoSite

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
NEXT = FRONTEND / "node_modules" / ".bin" / "next"
BUILD_TIMEOUT_S = 900
START_TIMEOUT_S = 60
#: Shared by the example site, which signs its webhooks with it, and ``next start``.
WEBHOOK_SECRET = "frontend-tests-webhook-secret"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave this folder's tests out of a run unless ``-m`` names ``frontend``."""
    here = Path(__file__).parent
    wanted = "frontend" in (config.option.markexpr or "")
    kept, dropped = [], []
    for item in items:
        if here in Path(str(item.fspath)).parents:
            (kept if wanted else dropped).append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _newest_source_mtime() -> float:
    paths = [FRONTEND / name for name in ("package-lock.json", "next.config.ts", "tsconfig.json")]
    paths += [path for path in (FRONTEND / "src").rglob("*") if path.is_file()]
    return max(path.stat().st_mtime for path in paths)


@pytest.fixture(scope="session")
def frontend_build() -> Path:
    """The production build in ``frontend/.next``, made now if missing or older than the sources."""
    if not NEXT.exists():
        pytest.fail(
            "Next.js is not installed: run 'npm ci' in frontend/ (make frontend-test does)."
        )
    build_id = FRONTEND / ".next" / "BUILD_ID"
    if not build_id.exists() or build_id.stat().st_mtime < _newest_source_mtime():
        subprocess.run(
            [str(NEXT), "build"],
            cwd=FRONTEND,
            env={**os.environ, "NEXT_TELEMETRY_DISABLED": "1"},
            check=True,
            timeout=BUILD_TIMEOUT_S,
        )
    return FRONTEND / ".next"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def frontend_url(
    frontend_build: Path,
    osce_site: DemoSite,  # noqa: F811 - the shared fixture, imported above
    tmp_path: Path,
    settings: Any,
) -> Iterator[str]:
    """``next start`` on a free port of 127.0.0.1, reading the live example site's API.

    Once it listens, the example site previews in it and sends it its webhooks.
    """
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp_path / "next.log").open("w")
    process = subprocess.Popen(
        [str(NEXT), "start", "-H", "127.0.0.1", "-p", str(port)],
        cwd=FRONTEND,
        env={
            **os.environ,
            "NEXT_TELEMETRY_DISABLED": "1",
            "OSCE_API_URL": f"{osce_site.url}/api/osce",
            "OSCE_SITE_URL": url,
            "OSCE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        },
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"next start exited: {(tmp_path / 'next.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("next start did not listen in time")
                time.sleep(0.2)
        settings.WAGTAIL_OSCE = {
            **getattr(settings, "WAGTAIL_OSCE", {}),
            "WEBHOOK_URLS": [f"{url}/api/revalidate/"],
            "WEBHOOK_SECRET": WEBHOOK_SECRET,
            "WEBHOOK_RETRIES": 0,
        }
        settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": f"{url}/api/preview/"}}
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
