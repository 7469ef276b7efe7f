# ruff: noqa: RUF001 - French and Russian typography and Cyrillic letters that look like Latin ones.
"""The demo's seed story in French and Russian: translated by wagtail-localize, published, served."""

from __future__ import annotations

import io
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from home.demo_content import SEED_STORY_PARAGRAPHS, SEED_STORY_SLUG
from home.demo_translations import FRENCH, RUSSIAN
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from wagtail_osce.pages.models import StoryPage

pytestmark = pytest.mark.django_db

FRENCH_URL = "/fr/impact-de-l-osce/lutte-contre-les-menaces-transnationales/"
RUSSIAN_URL = "/ru/rezultaty-raboty-obse/protivodeistvie-transnatsionalnym-ugrozam/"


@pytest.fixture
def story() -> StoryPage:
    """``manage.py osce_demo`` on an empty database; the English seed story it makes."""
    call_command("osce_demo", password="pw", translator_password="pw-2", stdout=io.StringIO())
    return StoryPage.objects.get(slug=SEED_STORY_SLUG, locale=Locale.get_default())


def text_of(client: Any, url: str) -> tuple[BeautifulSoup, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    page = BeautifulSoup(response.content, "html.parser")
    return page, page.get_text(" ")


def test_the_seed_story_is_published_in_french_and_russian_with_no_english_left(
    client: Any, story: StoryPage
) -> None:
    for code, url, strings in (("fr", FRENCH_URL, FRENCH), ("ru", RUSSIAN_URL, RUSSIAN)):
        locale = Locale.objects.get(language_code=code)
        translated = story.get_translation(locale).specific
        assert translated.url == url
        assert translated.live and not translated.has_unpublished_changes
        assert translated.alias_of_id is None
        assert translated.get_parent().specific.title == strings["OSCE Impact"]

        # Every segment of the English page has a reviewed translation: none falls back.
        translation = Translation.objects.get(
            source=TranslationSource.objects.get_for_instance(story), target_locale=locale
        )
        segments = StringSegment.objects.filter(source=translation.source).annotate_translation(
            locale
        )
        assert segments.count() >= 18
        assert [s.string.data for s in segments if s.translation is None] == []

        page, text = text_of(client, url)
        assert page.html["lang"] == code
        for paragraph in SEED_STORY_PARAGRAPHS:
            assert paragraph[:40] not in text
            assert strings[paragraph][:60] in text
        assert "At a glance" not in text and "Read more stories" not in text
        # The call to action leads to the story index in the same language.
        assert page.find("a", href=translated.get_parent().url) is not None

    french_page, text = text_of(client, FRENCH_URL)
    assert french_page.h1.get_text(strip=True) == "Lutte contre les menaces transnationales"
    assert "le trafic de drogues et d’armes et la traite des êtres humains" in text
    assert "Conseil ministériel de l’OSCE, Athènes 2009" in text
    assert "États participants" in text
    russian, text = text_of(client, RUSSIAN_URL)
    assert russian.h1.get_text(strip=True) == "Противодействие транснациональным угрозам"
    assert "Совет министров ОБСЕ, Афины, 2009 год" in text
    assert "государств-участников" in text

    # The API: each translation lists the others, and the French one names the
    # story's sources and fields of work as the French reference data does.
    french = story.get_translation(Locale.objects.get(language_code="fr"))
    russian = story.get_translation(Locale.objects.get(language_code="ru"))

    data = client.get(f"/api/osce/stories/{french.pk}").json()
    assert data["title"] == "Lutte contre les menaces transnationales"
    assert data["lead"].startswith("Il n’a jamais été aussi évident qu’il faut «\u00a0relier")
    assert {t["locale"]: t["url"] for t in data["translations"]} == {
        "en": story.url,
        "ru": RUSSIAN_URL,
    }
    assert sorted(s["name"] for s in data["sources"]) == ["Conseil ministériel", "Sommets"]
    assert sorted(f["name"] for f in data["fields_of_work"]) == [
        "Activités de police",
        "Cybersécurité/sécurité des TIC",
        "Gestion des frontières",
        "Lutte contre la traite des êtres humains",
        "Lutte contre le terrorisme",
    ]
    in_russian = client.get(f"/api/osce/stories/{russian.pk}").json()
    assert {t["locale"]: t["url"] for t in in_russian["translations"]} == {
        "en": story.url,
        "fr": FRENCH_URL,
    }

    # The French page shows the same French names in its source line and its tags.
    meta = french_page.select_one(".osce-story__meta").get_text(" ", strip=True)
    assert "Sommets / Conseil ministériel" in meta
    tags = [a.get_text(strip=True) for a in french_page.select(".osce-story__taxonomy a")]
    assert sorted(tags) == sorted(f["name"] for f in data["fields_of_work"])
    assert french_page.select_one(".osce-story__hero img")["alt"] == (
        "Les mots anglais «\u00a0Countering transnational threats\u00a0» sur fond bleu"
    )
