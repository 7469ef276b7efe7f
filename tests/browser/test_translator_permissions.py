"""A French translator translates a State's note, and cannot rename the English row."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from wagtail.models import Locale, ModelLogEntry

from wagtail_osce.models import ParticipatingState

from .admin_ui import log_in
from .demo import TRANSLATOR_PASSWORD, DemoSite

pytestmark = pytest.mark.browser

FRENCH_TRANSLATOR = "translator-fr"
FRENCH_NOTE = "Siège du Secrétariat de l'OSCE à Vienne."


def test_french_translator_translates_a_note_but_cannot_rename_the_english_state(
    osce_site: DemoSite, page: Page
) -> None:
    english = ParticipatingState.objects.get(iso_code="AT", locale=Locale.get_default())
    french = ParticipatingState.objects.get(iso_code="AT", locale__language_code="fr")
    listing = osce_site.absolute("/admin/snippets/wagtail_osce/participatingstate/")
    log_in(page, osce_site.url, FRENCH_TRANSLATOR, TRANSLATOR_PASSWORD)

    # The French row opens from the listing; the translator writes its note and saves.
    page.goto(f"{listing}?locale=fr")
    page.get_by_role("link", name=french.name, exact=True).click()
    page.get_by_role("textbox", name="Note").fill(FRENCH_NOTE)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(f"'{french.name}' updated")).to_be_visible()
    french.refresh_from_db()
    assert french.note == FRENCH_NOTE

    # In English, Austria is listed but not a link: the row is read-only.
    page.goto(f"{listing}?locale=en")
    expect(page.get_by_text("Austria", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Austria", exact=True)).to_have_count(0)

    # Opening its edit form by address is refused.
    edit_url = osce_site.absolute(
        f"/admin/snippets/wagtail_osce/participatingstate/edit/{english.pk}/"
    )
    response = page.goto(edit_url)
    assert response is not None and response.status == 403
    expect(page.get_by_role("alert")).to_contain_text("only in the languages")

    # Posting a new name anyway (as a stale form would) is refused too, and changes nothing.
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    posted = page.request.post(
        edit_url,
        form={
            "name": "Renamed",
            "slug": english.slug,
            "iso_code": "AT",
            "csrfmiddlewaretoken": csrf,
        },
        headers={"Referer": edit_url},
    )
    assert posted.status == 403
    english.refresh_from_db()
    assert english.name == "Austria"
    assert (
        ModelLogEntry.objects.filter(
            action="wagtail_osce.permission_denied",
            user__username=FRENCH_TRANSLATOR,
            object_id=str(english.pk),
        ).count()
        == 2
    )
