"""Pages in the API: stories, meetings, any page by id or path, locale fallback and translations."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.api.builders import (
    API,
    ids,
    make_image,
    meeting,
    meeting_index,
    publish,
    site_root,
)

# Builders shared by the API test modules ---------------------------------------------


# Fixtures ----------------------------------------------------------------------------


# Stories ----------------------------------------------------------------------------


def test_stories_newest_first_by_default(client, stories):
    body = client.get(f"{API}/stories").json()
    assert ids(body) == [stories["third"].pk, stories["second"].pk, stories["first"].pk]
    assert body["count"] == 3
    oldest_first = client.get(f"{API}/stories?ordering=date").json()
    assert ids(oldest_first) == list(reversed(ids(body)))


def test_story_summary_expands_taxonomy(client, stories):
    item = next(
        i for i in client.get(f"{API}/stories").json()["results"] if i["id"] == stories["first"].pk
    )
    assert item["type"] == "wagtail_osce.StoryPage"
    assert item["url"] == "/stories/police-reform-in-austria/"
    assert item["api_url"] == f"/api/osce/stories/{stories['first'].pk}"
    assert item["lead"] == "Police reform."
    assert [f["slug"] for f in item["fields_of_work"]] == ["policing"]
    assert [c["iso_code"] for c in item["countries"]] == ["AT"]
    assert [s["slug"] for s in item["sources"]] == ["odihr"]


def test_stories_filter_by_taxonomy(client, stories):
    assert ids(client.get(f"{API}/stories?field=policing").json()) == [
        stories["third"].pk,
        stories["first"].pk,
    ]
    assert ids(client.get(f"{API}/stories?country=austria").json()) == [stories["first"].pk]
    assert ids(client.get(f"{API}/stories?country=AT").json()) == [stories["first"].pk]
    assert ids(client.get(f"{API}/stories?source=odihr").json()) == [
        stories["second"].pk,
        stories["first"].pk,
    ]
    both = client.get(f"{API}/stories?field=policing&country=austria").json()
    assert ids(both) == [stories["first"].pk]


def test_stories_filter_by_date_range(client, stories):
    body = client.get(f"{API}/stories?date_from=2024-02-01&date_to=2024-06-20").json()
    assert ids(body) == [stories["third"].pk, stories["second"].pk]


def test_stories_pagination_links(client, stories):
    first_page = client.get(f"{API}/stories?page_size=2&field=policing").json()
    assert first_page["count"] == 2
    first_page = client.get(f"{API}/stories?page_size=2").json()
    assert first_page["count"] == 3
    assert first_page["num_pages"] == 2
    assert first_page["previous"] is None
    assert first_page["next"].startswith("/api/osce/stories?")
    assert "page=2" in first_page["next"]
    assert "page_size=2" in first_page["next"]
    second_page = client.get(first_page["next"]).json()
    assert ids(second_page) == [stories["first"].pk]
    assert second_page["next"] is None
    assert client.get(second_page["previous"]).json() == first_page


def test_default_page_size_from_settings(client, stories, settings):
    settings.WAGTAIL_OSCE = {"PAGE_SIZE": 1}
    body = client.get(f"{API}/stories").json()
    assert body["page_size"] == 1
    assert len(body["results"]) == 1


def test_stories_in_french_mix_translations_and_flagged_fallbacks(client, stories):
    body = client.get(f"{API}/stories?locale=fr").json()
    assert body["count"] == 3
    by_key = {item["slug"]: item for item in body["results"]}
    translated = by_key["election-observation"]
    assert translated["id"] == stories["second_fr"].pk
    assert translated["title"] == "Observation des élections"
    assert translated["locale"] == "fr"
    assert translated["is_fallback"] is False
    assert translated["url"] == "/fr/stories/election-observation/"
    fallback = by_key["police-reform-in-austria"]
    assert fallback["id"] == stories["first"].pk
    assert fallback["locale"] == "en"
    assert fallback["requested_locale"] == "fr"
    assert fallback["is_fallback"] is True


def test_a_card_lists_its_taxonomies_as_the_detail_does(client, locales, taxonomy):
    """Cards read their taxonomies' keys as rows: in the same order as the detail, translated."""
    from tests.api.builders import snippet, story, story_index
    from wagtail_osce.snippets import FieldOfWork, ParticipatingState

    en, fr = locales["en"], locales["fr"]
    snippet(ParticipatingState, "belgium", fr, name="Belgique", iso_code="BE")
    belgium = snippet(ParticipatingState, "belgium", en, name="Belgium", iso_code="BE")
    zeta = snippet(FieldOfWork, "zeta", en, name="Zeta")
    FieldOfWork.objects.exclude(pk=zeta.pk).update(sort_order=1)
    page = story(
        story_index(),
        "Many references",
        # Given out of order: shown in the snippets' own order (name; sort order, name).
        countries=[belgium, taxonomy["austria"]],
        fields=[taxonomy["policing"], taxonomy["elections"], zeta],
    )
    for locale in ("en", "fr"):
        listing = client.get(f"{API}/stories?locale={locale}").json()
        (card,) = [item for item in listing["results"] if item["id"] == page.pk]
        detail = client.get(f"{API}/stories/{page.pk}?locale={locale}").json()
        for name in ("countries", "fields_of_work", "sources"):
            assert card[name] == detail[name], (locale, name)
    names = [country["name"] for country in card["countries"]]
    assert names == ["Autriche", "Belgique"]
    assert [field["slug"] for field in card["fields_of_work"]] == ["zeta", "elections", "policing"]


def test_snippet_references_follow_the_requested_locale(client, stories):
    """An English story shown to a French reader names its taxonomy in French where it can."""
    body = client.get(f"{API}/stories?locale=fr").json()
    fallback = next(i for i in body["results"] if i["id"] == stories["first"].pk)
    assert fallback["fields_of_work"][0]["name"] == "Activités de police"
    assert fallback["fields_of_work"][0]["locale"] == "fr"
    assert fallback["countries"][0]["name"] == "Autriche"
    source = fallback["sources"][0]
    assert source["name"] == "ODIHR"
    assert source["locale"] == "en"
    assert source["is_fallback"] is True


def test_story_detail(client, stories, taxonomy):
    page = stories["first"]
    image = make_image("Officers")
    page.hero_image = image
    page.hero_caption = "Training in Vienna"
    page.hero_credit = "Jane Doe"
    page.body = [
        {"type": "heading", "value": {"text": "Key findings", "level": "h2", "anchor": ""}},
        {
            "type": "rich_text",
            "value": f'<p>See <a linktype="page" id="{stories["third"].pk}">this</a>.</p>',
        },
    ]
    publish(page)
    body = client.get(f"{API}/stories/{page.pk}").json()
    assert body["title"] == "Police reform in Austria"
    assert body["hero_image"]["id"] == image.pk
    assert set(body["hero_image"]["renditions"]) == {"thumbnail", "medium", "large"}
    assert body["hero_caption"] == "Training in Vienna"
    assert body["hero_credit"] == "OSCE/Jane Doe"
    heading, text = body["body"]
    assert heading["type"] == "heading"
    assert heading["value"] == {"text": "Key findings", "level": "h2", "anchor": "key-findings"}
    assert heading["id"]
    assert text["type"] == "rich_text"
    assert 'href="/stories/border-training/"' in text["value"]["html"]
    assert body["translations"] == []


def test_story_detail_lists_translations_for_hreflang(client, stories):
    english = client.get(f"{API}/stories/{stories['second'].pk}").json()
    assert english["translations"] == [
        {
            "id": stories["second_fr"].pk,
            "locale": "fr",
            "title": "Observation des élections",
            "url": "/fr/stories/election-observation/",
            "api_url": f"/api/osce/stories/{stories['second_fr'].pk}",
        }
    ]
    french = client.get(f"{API}/stories/{stories['second_fr'].pk}").json()
    assert [t["locale"] for t in french["translations"]] == ["en"]


def test_story_detail_locale_picks_the_translation_or_falls_back(client, stories):
    french = client.get(f"{API}/stories/{stories['second'].pk}?locale=fr").json()
    assert french["id"] == stories["second_fr"].pk
    assert french["is_fallback"] is False
    german = client.get(f"{API}/stories/{stories['second'].pk}?locale=de").json()
    assert german["id"] == stories["second"].pk
    assert german["locale"] == "en"
    assert german["requested_locale"] == "de"
    assert german["is_fallback"] is True
    own = client.get(f"{API}/stories/{stories['second_fr'].pk}").json()
    assert own["locale"] == own["requested_locale"] == "fr"


def test_story_endpoint_rejects_other_page_types(client, stories):
    response = client.get(f"{API}/stories/{stories['index'].pk}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


# Meetings ---------------------------------------------------------------------------


@pytest.fixture
def meetings(locales, taxonomy):
    index = meeting_index()
    now = timezone.now()
    return {
        "past": meeting(
            index,
            "Ministerial Council 2023",
            now - datetime.timedelta(days=300),
            series=taxonomy["summits"],
            country=taxonomy["austria"],
            organiser=taxonomy["odihr"],
            city="Skopje",
        ),
        "soon": meeting(index, "Permanent Council", now + datetime.timedelta(days=2)),
        "later": meeting(
            index, "Summit", now + datetime.timedelta(days=40), series=taxonomy["summits"]
        ),
        "ongoing": meeting(
            index,
            "Forum",
            now - datetime.timedelta(hours=1),
            now + datetime.timedelta(hours=2),
        ),
    }


def test_upcoming_meetings_soonest_first_including_ongoing(client, meetings):
    body = client.get(f"{API}/meetings?status=upcoming").json()
    assert ids(body) == [meetings["ongoing"].pk, meetings["soon"].pk, meetings["later"].pk]
    statuses = [item["status"] for item in body["results"]]
    assert statuses == ["ongoing", "upcoming", "upcoming"]


def test_past_meetings_latest_first(client, meetings):
    body = client.get(f"{API}/meetings?status=past").json()
    assert ids(body) == [meetings["past"].pk]
    assert body["results"][0]["status"] == "concluded"


def test_meetings_filter_by_series_and_country(client, meetings):
    series = client.get(f"{API}/meetings?series=summits").json()
    assert set(ids(series)) == {meetings["past"].pk, meetings["later"].pk}
    assert ids(client.get(f"{API}/meetings?country=AT").json()) == [meetings["past"].pk]
    assert ids(client.get(f"{API}/meetings?organiser=odihr").json()) == [meetings["past"].pk]


def test_meeting_detail_expands_references(client, meetings):
    body = client.get(f"{API}/meetings/{meetings['past'].pk}?locale=fr").json()
    assert body["series"]["slug"] == "summits"
    assert body["series"]["is_fallback"] is True
    assert body["country"]["name"] == "Autriche"
    assert body["organiser"]["slug"] == "odihr"
    assert body["city"] == "Skopje"
    assert body["status"] == "concluded"
    assert body["documents"] == []
    assert body["body"] == []


# Any page ---------------------------------------------------------------------------


def test_pages_list_filters_by_type_and_parent(client, stories):
    by_type = client.get(f"{API}/pages?type=wagtail_osce.StoryIndexPage").json()
    assert ids(by_type) == [stories["index"].pk]
    children = client.get(f"{API}/pages?child_of={stories['index'].pk}&ordering=title").json()
    assert [item["title"] for item in children["results"]] == [
        "Border training",
        "Election observation",
        "Police reform in Austria",
    ]
    french_children = client.get(f"{API}/pages?child_of={stories['index'].pk}&locale=fr").json()
    assert stories["second_fr"].pk in ids(french_children)
    assert stories["second"].pk not in ids(french_children)


def test_page_detail_of_a_generic_page(client, stories):
    home = site_root()
    body = client.get(f"{API}/pages/{home.pk}").json()
    assert body["id"] == home.pk
    assert body["type"] == home.specific_class._meta.label
    assert body["url"] == "/"
    assert [t["locale"] for t in body["translations"]] == ["fr"]
    assert "body" not in body


def test_page_detail_of_a_story_is_the_story_schema(client, stories):
    body = client.get(f"{API}/pages/{stories['first'].pk}").json()
    assert body["type"] == "wagtail_osce.StoryPage"
    assert body["body"] == []
    assert body["fields_of_work"][0]["slug"] == "policing"


def test_find_page_by_html_path(client, stories):
    english = client.get(f"{API}/pages/find?html_path=/stories/election-observation/").json()
    assert english["id"] == stories["second"].pk
    french = client.get(f"{API}/pages/find?html_path=/fr/stories/election-observation/").json()
    assert french["id"] == stories["second_fr"].pk
    assert french["locale"] == "fr"
    assert french["is_fallback"] is False
    assert french["body"] == []


def test_find_page_falls_back_to_default_locale(client, stories):
    body = client.get(f"{API}/pages/find?html_path=/fr/stories/border-training").json()
    assert body["id"] == stories["third"].pk
    assert body["requested_locale"] == "fr"
    assert body["is_fallback"] is True
    home = client.get(f"{API}/pages/find?html_path=/").json()
    assert home["id"] == site_root().pk


def test_find_unknown_path_is_404(client, stories):
    response = client.get(f"{API}/pages/find?html_path=/stories/nothing-here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


# Search -----------------------------------------------------------------------------


def test_search_finds_live_stories(client, stories):
    body = client.get(f"{API}/search?q=election").json()
    assert ids(body) == [stories["second"].pk]
    french = client.get(f"{API}/search?q=élections&locale=fr").json()
    assert ids(french) == [stories["second_fr"].pk]
    typed = client.get(f"{API}/search?q=stories&type=wagtail_osce.StoryIndexPage").json()
    assert ids(typed) == [stories["index"].pk]
