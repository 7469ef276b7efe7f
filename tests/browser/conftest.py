"""Browser tests: Debian's Chromium, driven by Playwright, against the live example site.

The site runs in this process: Django's live server thread, as pytest-django's
``live_server`` starts it, but answering one request at a time, because with
the in-memory SQLite test database the server and the test share a single
connection (the admin's autosave and live preview send requests in parallel).
Static and media files are served too. Each test starts from the migrated database
(``serialized_rollback``), sets the site up as ``manage.py osce_demo`` does
(locales, home page, the ``admin`` and ``translator`` logins, the reference
data in every locale, the demo content), and makes sure of what the flows
need: a story index, a meeting index and an image in the library.

Chromium is the system's (``/usr/bin/chromium``, or ``$OSCE_CHROMIUM``): no
browser is downloaded. It runs headless with a fresh profile per test and can
reach only this machine. When a test fails, a full-page screenshot and the
page's HTML are written to ``test-results/``.
"""

from __future__ import annotations

import io
import os
import re
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.core.signals import got_request_exception
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from playwright.sync_api import BrowserContext, Page, Playwright, expect, sync_playwright

from wagtail_osce.models import MeetingIndexPage, StoryIndexPage

from .demo import EDITOR_PASSWORD, TRANSLATOR_PASSWORD, DemoSite, index_page, library_image

CHROMIUM_PATH = os.environ.get("OSCE_CHROMIUM", "/usr/bin/chromium")
#: Quiet, reproducible, offline: no sandbox (CI runs as root), no GPU, no
#: background traffic, and host names other than this machine's never resolve.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
#: How long an action or an expectation waits before the test fails.
TIMEOUT_MS = 30_000
#: How long the live server waits for a request on a connection it has accepted.
IDLE_CONNECTION_S = 5
RESULTS_DIR = "test-results"
expect.set_options(timeout=TIMEOUT_MS)

_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _failed(item: pytest.Item) -> bool:
    reports = item.stash.get(_REPORTS, {})
    return any(report.failed for report in reports.values())


@pytest.fixture
def server_errors() -> Iterator[list[str]]:
    """Tracebacks of exceptions the live server raised while handling requests."""
    errors: list[str] = []

    def record(sender: Any, request: Any = None, **kwargs: Any) -> None:
        path = getattr(request, "path", "?")
        errors.append(f"{path}\n{traceback.format_exc()}")

    got_request_exception.connect(record, weak=False)
    yield errors
    got_request_exception.disconnect(record)


class _SerialWSGIServer(WSGIServer):
    """Django's development server without a thread per request (it closes each connection)."""

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class _RequestHandler(QuietWSGIRequestHandler):
    """Django's quiet handler, giving up on a connection that sends no request in time.

    Chromium opens connections ahead of need; one left idle would otherwise hold up
    every request behind it.
    """

    timeout = IDLE_CONNECTION_S

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except TimeoutError:
            self.close_connection = True


class SerialLiveServerThread(LiveServerThread):
    """The live server thread, handling requests one after another."""

    server_class = _SerialWSGIServer

    def _create_server(self, connections_override: Any = None) -> WSGIServer:
        return self.server_class(
            (self.host, self.port),
            _RequestHandler,
            allow_reuse_address=False,
            connections_override=connections_override,
        )


@pytest.fixture
def live_site_url(transactional_db: None) -> Iterator[str]:
    """Start the example site on a free port of localhost; its base URL."""
    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    thread = SerialLiveServerThread(
        "localhost", static_handler=StaticFilesHandler, connections_override=shared
    )
    thread.daemon = True
    for conn in shared.values():
        conn.inc_thread_sharing()
    # Django keeps connections per context, and Playwright's driver gives the test code a
    # new one: it must find the shared connection there too, not open a second one to the
    # same in-memory database (whose table locks would then fail the server's reads).
    create_connection = connections.create_connection
    connections.create_connection = lambda alias: shared.get(alias) or create_connection(alias)
    try:
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield f"http://localhost:{thread.port}"
    finally:
        thread.terminate()
        del connections.create_connection
        for conn in shared.values():
            conn.dec_thread_sharing()


@pytest.fixture
def osce_site(
    django_db_serialized_rollback: None, live_site_url: str, server_errors: list[str]
) -> Iterator[DemoSite]:
    """The example site set up for a demonstration and served by the live server."""
    call_command(
        "osce_demo",
        password=EDITOR_PASSWORD,
        translator_password=TRANSLATOR_PASSWORD,
        stdout=io.StringIO(),
    )
    story_index = index_page(StoryIndexPage, "Stories", "stories")
    meeting_index = index_page(MeetingIndexPage, "Meetings and conferences", "meetings")
    site = DemoSite(
        url=live_site_url,
        story_index=story_index,
        meeting_index=meeting_index,
        image=library_image(),
    )
    yield site
    assert not server_errors, "The server raised while handling requests:\n" + "\n".join(
        server_errors
    )


@pytest.fixture
def playwright_driver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Playwright]:
    """Playwright's driver, for one test.

    Its synchronous API keeps an event loop running in the main thread, where
    Django then refuses ORM calls; the test code is synchronous, so the check is
    lifted while the driver runs.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def browser_context(playwright_driver: Playwright, tmp_path: Path) -> Iterator[BrowserContext]:
    """Headless Chromium with a fresh profile, a desktop-sized window and British English."""
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM_PATH}: install Debian's (apt-get install chromium) "
            "or set OSCE_CHROMIUM to a Chromium or Chrome binary."
        )
    context = playwright_driver.chromium.launch_persistent_context(
        user_data_dir=tmp_path / "chromium-profile",
        executable_path=CHROMIUM_PATH,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1400, "height": 1000},
        locale="en-GB",
        timezone_id="Europe/Vienna",
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(2 * TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(browser_context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A browser tab; on failure its screenshot and HTML go to ``test-results/``."""
    tab = browser_context.pages[0] if browser_context.pages else browser_context.new_page()
    yield tab
    if _failed(request.node):
        save_failure_artifacts(tab, request.node, request.config.rootpath / RESULTS_DIR)


def save_failure_artifacts(tab: Page, item: pytest.Item, directory: Path) -> None:
    """Write ``<test>.png`` (full page) and ``<test>.html`` for a failed test."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid).strip("_")
    try:
        tab.screenshot(path=str(directory / f"{stem}.png"), full_page=True, timeout=TIMEOUT_MS)
        (directory / f"{stem}.html").write_text(tab.content(), encoding="utf-8")
    except Exception as error:  # the page may be gone; the test's own error matters more
        (directory / f"{stem}.txt").write_text(f"No screenshot: {error}\n", encoding="utf-8")
