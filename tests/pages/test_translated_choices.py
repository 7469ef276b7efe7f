"""A translated page's editor names the chosen reference rows as the page shows them.

A French story whose draft still refers to the English "Austria" (saved before
"Autriche" existed, or kept so by a chooser block) opens with the French row
chosen, in its taxonomy fields and in the States block of its body; a row with
no French translation keeps its place, labelled with its language.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from tests.factories import ParticipatingStateFactory
from tests.page_factories import StoryIndexPageFactory, StoryPageFactory
from wagtail_osce.pages.models import StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def french_story(locales: dict[str, Any]) -> dict[str, Any]:
    austria = ParticipatingStateFactory(name="Austria", slug="austria", iso_code="AT")
    germany = ParticipatingStateFactory(name="Germany", slug="germany", iso_code="DE")
    autriche = austria.copy_for_translation(locales["fr"])
    autriche.name = "Autriche"
    autriche.save()
    index = StoryIndexPageFactory(title="Stories", slug="stories")
    story = StoryPageFactory(parent=index, title="Borders", slug="borders")
    french = StoryPage.objects.get(
        pk=story.copy_for_translation(locales["fr"], copy_parents=True).pk
    )
    # A draft that refers to the English rows, as revisions keep what they were given.
    french.countries = [austria, germany]
    french.body = [
        {"type": "states", "value": {"heading": "Pays", "states": [austria.pk, germany.pk]}}
    ]
    french.save_revision()
    return {"page": french, "austria": austria, "autriche": autriche, "germany": germany}


def edit_form(client: Any, page: Any) -> BeautifulSoup:
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_taxonomy_checkboxes_choose_the_french_row(admin_client, french_story) -> None:
    form = edit_form(admin_client, french_story["page"])
    boxes = {
        box.find_parent("label").get_text(strip=True): box
        for box in form.select("input[name=countries]")
    }
    assert boxes["Autriche"].has_attr("checked")
    assert "Austria" not in " ".join(boxes)  # the English row is not offered beside it
    # Germany has no French row: it stays chosen, saying which language it is in.
    assert boxes["Germany (English, not translated)"].has_attr("checked")


def test_states_block_chooses_the_french_row(admin_client, french_story) -> None:
    response = admin_client.get(f"/admin/pages/{french_story['page'].pk}/edit/")
    html = response.content.decode().replace("&quot;", '"')
    chosen = dict(
        re.findall(
            r'"id": (\d+), "edit_url": "[^"]*participatingstate[^"]*", "string": "([^"]+)"', html
        )
    )
    assert chosen == {
        str(french_story["autriche"].pk): "Autriche",
        str(french_story["germany"].pk): "Germany",
    }


def test_the_form_posts_the_french_rows(admin_client, french_story) -> None:
    form = edit_form(admin_client, french_story["page"])
    checked = [box["value"] for box in form.select("input[name=countries][checked]")]
    assert sorted(int(pk) for pk in checked) == sorted(
        [french_story["autriche"].pk, french_story["germany"].pk]
    )
