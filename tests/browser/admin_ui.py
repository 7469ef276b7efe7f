"""What a person does in Wagtail's admin, as Playwright steps shared by the browser tests.

Selectors are the ones a person or a screen reader uses (roles, labels, button
titles) wherever the admin offers them. StreamField children are found in the
order they were added, since their labels repeat from block to block.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect


def log_in(page: Page, base_url: str, username: str, password: str) -> None:
    """Sign in to the admin through its login form and wait for the dashboard."""
    page.goto(base_url.rstrip("/") + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base_url.rstrip("/") + "/admin/")


def stream_children(page: Page, field: str) -> Locator:
    """The blocks of a StreamField (``body``), in order."""
    return page.locator(
        f"#{field}-root > [data-streamfield-stream-container] > [data-streamfield-child]"
    )


def insert_block(page: Page, field: str, label: str) -> Locator:
    """Add a block at the end of a StreamField through the block picker and return it."""
    children = stream_children(page, field)
    count = children.count()
    page.locator(f"#{field}-root").get_by_title("Insert a block").last.click()
    page.get_by_role("option", name=label, exact=True).click()
    expect(children).to_have_count(count + 1)
    return children.nth(count)


def type_rich_text(block: Locator, *runs: tuple[str, bool]) -> None:
    """Type into a Draftail editor: each run is ``(text, bold)``; Ctrl+B toggles bold."""
    editor = block.get_by_role("textbox").and_(block.locator("[contenteditable=true]"))
    editor.click()
    keyboard = block.page.keyboard
    for text, bold in runs:
        if bold:
            keyboard.press("Control+b")
        keyboard.type(text)
        if bold:
            keyboard.press("Control+b")


#: Attempts at opening a chooser, and how long each waits for its dialog.
CHOOSER_ATTEMPTS = 3
CHOOSER_WAIT_MS = 15_000


def choose_in_modal(page: Page, opener: Locator, item: str, search: str | None = None) -> None:
    """Open a chooser, search for an item if asked, pick it and wait for the modal to close.

    When no chooser opens, the button is clicked again, as a person would: on a
    busy machine a first click has opened nothing within half a minute (the editor
    autosaves every half second, and the test server answers one request at a time).
    """
    dialog = page.get_by_role("dialog")
    for attempt in range(1, CHOOSER_ATTEMPTS + 1):
        opener.click()
        try:
            expect(dialog).to_be_visible(timeout=CHOOSER_WAIT_MS)
            break
        except AssertionError:
            if attempt == CHOOSER_ATTEMPTS:
                raise
    if search:
        dialog.get_by_label("Search term").fill(search)
    # The link's text, not its accessible name: an image choice is also named by its alt text.
    exact_text = re.compile(rf"^\s*{re.escape(item)}\s*$")
    dialog.get_by_role("link").filter(has_text=exact_text).click()
    expect(dialog).to_be_hidden()


def publish(page: Page) -> None:
    """Publish from the editor's action menu (the arrow next to "Save draft")."""
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
