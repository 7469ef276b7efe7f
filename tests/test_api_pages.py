"""Pages in the API: stories, meetings, any page by id or path, locale fallback and translations."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from wagtail_osce.pages.models import MeetingIndexPage, MeetingPage, StoryIndexPage, StoryPage
from wagtail_osce.snippets import FieldOfWork, MeetingSeries, ParticipatingState, Structure

API = "/api/osce"


# Builders shared by the API test modules ---------------------------------------------


def site_root() -> Page:
    return Site.objects.get(is_default_site=True).root_page.specific


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_page(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    return publish(page)


def story_index(parent: Page | None = None, slug: str = "stories") -> StoryIndexPage:
    return add_page(parent or site_root(), StoryIndexPage(title="Stories", slug=slug))


def meeting_index(parent: Page | None = None, slug: str = "meetings") -> MeetingIndexPage:
    return add_page(parent or site_root(), MeetingIndexPage(title="Meetings", slug=slug))


def story(
    index: Page,
    title: str,
    date: datetime.date = datetime.date(2024, 5, 1),
    *,
    fields=(),
    sources=(),
    countries=(),
    body=None,
    **kwargs,
) -> StoryPage:
    page = StoryPage(
        title=title, slug=kwargs.pop("slug", None) or _slug(title), date=date, **kwargs
    )
    if body is not None:
        page.body = body
    page.fields_of_work = list(fields)
    page.sources = list(sources)
    page.countries = list(countries)
    return add_page(index, page)


def meeting(index: Page, title: str, start: datetime.datetime, end=None, **kwargs) -> MeetingPage:
    page = MeetingPage(
        title=title,
        slug=kwargs.pop("slug", None) or _slug(title),
        start=start,
        end=end or start + datetime.timedelta(hours=3),
        **kwargs,
    )
    return add_page(index, page)


def translate(page: Page, locale, title: str | None = None) -> Page:
    """Translate ``page`` (and any untranslated ancestors) into ``locale`` and publish it."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    for ancestor in translated.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.live:
            publish(ancestor)
    translated = translated.specific
    if title:
        translated.title = title
    return publish(translated)


def make_image(title: str = "Photo"):
    return get_image_model().objects.create(title=title, file=get_test_image_file())


def snippet(model, slug: str, locale, **fields):
    """A reference snippet in ``locale``; translations share the English row's key."""
    english = model.objects.filter(slug=slug).first()
    extra = {"translation_key": english.translation_key} if english else {}
    return model.objects.create(slug=slug, locale=locale, **extra, **fields)


def _slug(title: str) -> str:
    from django.utils.text import slugify

    return slugify(title)


# Fixtures ----------------------------------------------------------------------------


@pytest.fixture
def taxonomy(locales):
    en, fr = locales["en"], locales["fr"]
    return {
        "policing": snippet(FieldOfWork, "policing", en, name="Policing"),
        "policing_fr": snippet(FieldOfWork, "policing", fr, name="Activités de police"),
        "elections": snippet(FieldOfWork, "elections", en, name="Elections"),
        "austria": snippet(ParticipatingState, "austria", en, name="Austria", iso_code="AT"),
        "austria_fr": snippet(ParticipatingState, "austria", fr, name="Autriche", iso_code="AT"),
        "odihr": snippet(Structure, "odihr", en, name="ODIHR", kind="institution"),
        "summits": snippet(MeetingSeries, "summits", en, name="Summits"),
    }


@pytest.fixture
def stories(locales, taxonomy):
    """Three English stories, the middle one translated into French."""
    index = story_index()
    first = story(
        index,
        "Police reform in Austria",
        datetime.date(2024, 1, 10),
        fields=[taxonomy["policing"]],
        countries=[taxonomy["austria"]],
        sources=[taxonomy["odihr"]],
        lead="Police reform.",
    )
    second = story(
        index,
        "Election observation",
        datetime.date(2024, 3, 5),
        fields=[taxonomy["elections"]],
        sources=[taxonomy["odihr"]],
    )
    third = story(
        index, "Border training", datetime.date(2024, 6, 20), fields=[taxonomy["policing"]]
    )
    second_fr = translate(second, locales["fr"], "Observation des élections")
    return {
        "index": index,
        "first": first,
        "second": second,
        "third": third,
        "second_fr": second_fr,
    }


def ids(body) -> list[int]:
    return [item["id"] for item in body["results"]]


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
