"""The frontend's cache follows the package's webhooks, and editors preview drafts in it.

Pages are cached by the frontend until a signed webhook names them: a change made without
one stays invisible, which is how these tests tell a cached page from one rendered per
request.
"""

from __future__ import annotations

import datetime as dt
import time
import urllib.error
import urllib.request
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.admin_ui import log_in
from tests.browser.demo import EDITOR_PASSWORD, EDITOR_USERNAME, DemoSite
from tests.page_factories import StoryPageFactory
from wagtail_osce.notifications.webhooks import PAGE_PUBLISHED, encode, page_event, sign
from wagtail_osce.pages.models import StoryPage
from wagtail_osce.signal_handlers import muted

from .conftest import WEBHOOK_SECRET

pytestmark = pytest.mark.frontend

SEED_PATH = "/osce-impact/countering-transnational-threats/"
LIVE_TITLE = "Countering transnational threats"
#: What an editor's change must take at most to show, without restarting the frontend.
SHOWS_WITHIN_S = 10


def seed_story() -> StoryPage:
    return StoryPage.objects.get(
        slug="countering-transnational-threats", locale__language_code="en"
    )


def http_get(url: str) -> tuple[int, str]:
    """Status and body of a GET, errors included."""
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def post_event(frontend_url: str, body: bytes, signature: str | None) -> int:
    """POST a webhook to the frontend as the package sends it; the answer's status."""
    headers = {"Content-Type": "application/json", "X-OSCE-Event": PAGE_PUBLISHED}
    if signature is not None:
        headers["X-OSCE-Signature"] = signature
    request = urllib.request.Request(
        f"{frontend_url}/api/revalidate/", data=body, headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def publish_silently(story: StoryPage, title: str) -> None:
    """Publish a new title without any webhook: only the API knows."""
    with muted():
        story.title = title
        story.save_revision().publish()


def wait_for(condition: Callable[[], bool], what: str) -> float:
    """Seconds until ``condition()`` holds; fails after ``SHOWS_WITHIN_S``."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > SHOWS_WITHIN_S:
            pytest.fail(f"{what} did not show within {SHOWS_WITHIN_S} s")
        time.sleep(0.25)
    return time.monotonic() - start


def test_a_published_title_shows_within_seconds_and_unpublishing_is_a_404(
    frontend_url: str, page: Page
) -> None:
    story = seed_story()
    new_title = "Countering transnational threats, together"
    # Cached: the story, and the story index that lists it.
    page.goto(frontend_url + SEED_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(LIVE_TITLE)
    page.goto(frontend_url + "/osce-impact/")
    expect(page.get_by_role("link", name=LIVE_TITLE, exact=True)).to_be_visible()

    story.title = new_title
    story.last_published_at = timezone.now()
    story.save_revision().publish()  # the package sends page.published

    wait_for(lambda: f"<h1>{new_title}</h1>" in http_get(frontend_url + SEED_PATH)[1], "the title")
    wait_for(lambda: new_title in http_get(frontend_url + "/osce-impact/")[1], "the listing")
    page.goto(frontend_url + SEED_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(new_title)

    # Another story links to it, and is cached too.
    linking = StoryPageFactory(
        parent=story.get_parent(),
        title="Read on",
        body=[
            {
                "type": "link",
                "value": {"page": story.pk, "document": None, "url": "", "text": "Read on"},
            }
        ],
    )
    linking_url = frontend_url + linking.get_url()
    assert f'href="{SEED_PATH}"' in http_get(linking_url)[1]

    story.unpublish()  # page.unpublished
    wait_for(lambda: http_get(frontend_url + SEED_PATH)[0] == 404, "the 404")
    wait_for(lambda: new_title not in http_get(frontend_url + "/osce-impact/")[1], "the listing")
    # No cached page links to the story any more.
    wait_for(lambda: f'href="{SEED_PATH}"' not in http_get(linking_url)[1], "the unlinking")
    response = page.goto(frontend_url + SEED_PATH)
    assert response is not None and response.status == 404


def test_forged_stale_and_replayed_webhooks_change_nothing(frontend_url: str) -> None:
    story = seed_story()
    status, html = http_get(frontend_url + SEED_PATH)
    assert status == 200 and f"<h1>{LIVE_TITLE}</h1>" in html

    publish_silently(story, "Changed without a webhook")
    body = encode(page_event(PAGE_PUBLISHED, story)).encode()
    stale = page_event(PAGE_PUBLISHED, story)
    stale["timestamp"] = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    stale_body = encode(stale).encode()

    assert post_event(frontend_url, body, sign("not-the-secret", body)) == 401
    assert post_event(frontend_url, body, None) == 401
    assert post_event(frontend_url, body + b" ", sign(WEBHOOK_SECRET, body)) == 401
    assert post_event(frontend_url, stale_body, sign(WEBHOOK_SECRET, stale_body)) == 401
    # The page is still the cached one: nothing was revalidated.
    assert f"<h1>{LIVE_TITLE}</h1>" in http_get(frontend_url + SEED_PATH)[1]

    # The genuine event is accepted once, and the page shows the change at once.
    assert post_event(frontend_url, body, sign(WEBHOOK_SECRET, body)) == 200
    assert "<h1>Changed without a webhook</h1>" in http_get(frontend_url + SEED_PATH)[1]

    # Sent again, it is a replay: refused, and the next silent change stays unseen.
    publish_silently(story, "Changed again without a webhook")
    assert post_event(frontend_url, body, sign(WEBHOOK_SECRET, body)) == 401
    assert "<h1>Changed without a webhook</h1>" in http_get(frontend_url + SEED_PATH)[1]


def test_an_editor_previews_a_draft_while_visitors_see_the_live_page(
    frontend_url: str, osce_site: DemoSite, page: Page
) -> None:
    story = seed_story()
    draft_title = "Countering transnational threats (draft)"
    page.goto(frontend_url + SEED_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(LIVE_TITLE)

    log_in(page, osce_site.url, EDITOR_USERNAME, EDITOR_PASSWORD)
    page.goto(osce_site.absolute(f"/admin/pages/{story.pk}/edit/"))
    page.locator("#id_title").fill(draft_title)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(f"Page '{draft_title}' has been updated.")).to_be_visible()

    # The preview panel: Wagtail's iframe holds the frontend's, which shows the draft.
    page.get_by_role("button", name="Toggle preview").click()
    frontend = page.frame_locator("#w-preview-iframe").frame_locator("iframe")
    expect(frontend.get_by_role("heading", level=1)).to_have_text(draft_title)
    expect(frontend.locator(".preview-notice")).to_be_visible()
    expect(frontend.locator("article.story")).to_contain_text("Recognizing that by definition")

    # "Preview in new tab" opens the same in a page of its own.
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview in new tab").click()
    tab = opened.value
    expect(tab.frame_locator("iframe").get_by_role("heading", level=1)).to_have_text(draft_title)
    tab.close()

    # Visitors still get the live page, from the frontend and from the API.
    status, html = http_get(frontend_url + SEED_PATH)
    assert status == 200 and f"<h1>{LIVE_TITLE}</h1>" in html and draft_title not in html
    # A token the API refuses gets no draft.
    status, _ = http_get(
        frontend_url + "/api/preview/?content_type=wagtail_osce.storypage&token=forged"
    )
    assert status == 401
