"""Narrowing the stories, meetings and pages listings: exclude, descendant_of, OR filters."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.api.builders import API, add_page, get, ids, meeting, meeting_index, story, story_index
from wagtail_osce.pages.models import StoryIndexPage

pytestmark = pytest.mark.django_db

LISTINGS = ["stories", "meetings", "pages"]


def error_of(response) -> tuple[int, str, str]:
    error = response.json()["error"]
    return response.status_code, error["code"], error["parameter"]


# exclude ---------------------------------------------------------------------------


def test_exclude_leaves_out_the_story_being_read(client, stories):
    first, second, third = stories["first"], stories["second"], stories["third"]
    body = client.get(f"{API}/stories?exclude={second.pk}").json()
    assert ids(body) == [third.pk, first.pk]
    assert body["count"] == 2


def test_exclude_takes_commas_and_repeats(client, stories):
    first, second, third = stories["first"], stories["second"], stories["third"]
    assert ids(client.get(f"{API}/stories?exclude={first.pk},{third.pk}").json()) == [second.pk]
    url = f"{API}/stories?exclude={first.pk}&exclude={third.pk},{second.pk}"
    assert ids(client.get(url).json()) == []


def test_exclude_leaves_out_translations_too(client, stories):
    """The French story being read also hides its English original from a French listing."""
    second, second_fr = stories["second"], stories["second_fr"]
    shown = ids(client.get(f"{API}/stories?locale=fr&exclude={second_fr.pk}").json())
    assert second.pk not in shown and second_fr.pk not in shown
    shown = ids(client.get(f"{API}/stories?locale=fr&exclude={second.pk}").json())
    assert second_fr.pk not in shown
    assert len(shown) == 2


def test_exclude_of_no_page_changes_nothing(client, stories):
    everything = ids(client.get(f"{API}/stories").json())
    assert ids(client.get(f"{API}/stories?exclude=999999").json()) == everything


@pytest.mark.parametrize("listing", LISTINGS)
@pytest.mark.parametrize(
    "value", ["abc", "0", "-3", "1,,2", "1;2", str(2**63), ",".join(["7"] * 21)]
)
def test_bad_exclude_is_a_400_naming_it(client, stories, listing, value):
    response = client.get(f"{API}/{listing}?exclude={value}")
    assert response.status_code == 400, (value, response.content)
    assert response.json()["error"]["parameter"] == "exclude"


def test_exclude_on_meetings_and_pages(client, locales):
    index = meeting_index()
    start = timezone.make_aware(datetime.datetime(2024, 5, 1, 9))
    kept = meeting(index, "Kept", start)
    left = meeting(index, "Left out", start + datetime.timedelta(days=1))
    assert ids(client.get(f"{API}/meetings?exclude={left.pk}").json()) == [kept.pk]
    shown = ids(client.get(f"{API}/pages?exclude={left.pk},{index.pk}").json())
    assert kept.pk in shown and left.pk not in shown and index.pk not in shown


# descendant_of -----------------------------------------------------------------------


@pytest.fixture
def two_sections(locales):
    """Stories under a "News" index, one of them below a sub-index, and under a "Features" index."""
    news = story_index(slug="news")
    features = story_index(slug="features")
    sub = add_page(news, StoryIndexPage(title="Archive", slug="archive"))
    return {
        "news": news,
        "features": features,
        "sub": sub,
        "top": story(news, "Top news", datetime.date(2024, 3, 1)),
        "deep": story(sub, "Old news", datetime.date(2020, 3, 1)),
        "feature": story(features, "A feature", datetime.date(2024, 4, 1)),
    }


def test_descendant_of_lists_pages_below_at_any_depth(client, two_sections):
    s = two_sections
    assert ids(client.get(f"{API}/stories?descendant_of={s['news'].pk}").json()) == [
        s["top"].pk,
        s["deep"].pk,
    ]
    assert ids(client.get(f"{API}/stories?descendant_of={s['features'].pk}").json()) == [
        s["feature"].pk
    ]
    below_news = ids(client.get(f"{API}/pages?descendant_of={s['news'].pk}").json())
    assert set(below_news) == {s["sub"].pk, s["top"].pk, s["deep"].pk}
    # child_of still means one level.
    children = ids(client.get(f"{API}/pages?child_of={s['news'].pk}").json())
    assert set(children) == {s["sub"].pk, s["top"].pk}


def test_descendant_of_and_exclude_combine(client, two_sections):
    s = two_sections
    url = f"{API}/stories?descendant_of={s['news'].pk}&exclude={s['top'].pk}"
    assert ids(client.get(url).json()) == [s["deep"].pk]


def test_descendant_of_follows_translations(client, locales, two_sections):
    from tests.api.builders import translate

    s = two_sections
    top_fr = translate(s["top"], locales["fr"], "Actualité")
    news_fr = top_fr.get_parent()
    # The French index lists the French story and the English one not translated yet.
    shown = ids(client.get(f"{API}/stories?locale=fr&descendant_of={news_fr.pk}").json())
    assert shown == [top_fr.pk, s["deep"].pk]
    shown = ids(client.get(f"{API}/stories?locale=fr&descendant_of={s['news'].pk}").json())
    assert shown == [top_fr.pk, s["deep"].pk]


@pytest.mark.parametrize("listing", LISTINGS)
def test_descendant_of_no_public_page_is_a_404_naming_it(client, two_sections, listing):
    news = two_sections["news"]
    assert error_of(client.get(f"{API}/{listing}?descendant_of=999999")) == (
        404,
        "unknown_value",
        "descendant_of",
    )
    news.unpublish()
    assert error_of(client.get(f"{API}/{listing}?descendant_of={news.pk}")) == (
        404,
        "unknown_value",
        "descendant_of",
    )


@pytest.mark.parametrize("listing", LISTINGS)
@pytest.mark.parametrize("value", ["abc", "0", "1,2", str(2**63)])
def test_bad_descendant_of_is_a_400_naming_it(client, locales, listing, value):
    response = client.get(f"{API}/{listing}?descendant_of={value}")
    assert response.status_code == 400, (value, response.content)
    assert response.json()["error"]["parameter"] == "descendant_of"


# OR filters ---------------------------------------------------------------------------


def test_or_filters_take_commas_and_repeats(client, stories):
    first, second, third = stories["first"], stories["second"], stories["third"]
    assert ids(client.get(f"{API}/stories?field=policing").json()) == [third.pk, first.pk]
    everything = [third.pk, second.pk, first.pk]
    assert ids(client.get(f"{API}/stories?field=policing,elections").json()) == everything
    assert ids(client.get(f"{API}/stories?field=policing&field=elections").json()) == everything
    assert ids(client.get(f"{API}/stories?country=AT,austria&source=odihr").json()) == [first.pk]


def test_or_filter_naming_nothing_in_a_list_is_a_404_naming_it(client, stories):
    response = client.get(f"{API}/stories?field=policing,nothing")
    assert error_of(response) == (404, "unknown_value", "field")
    response = client.get(f"{API}/stories?field=policing,,elections")
    assert (response.status_code, response.json()["error"]["parameter"]) == (400, "field")


def test_meeting_series_or_filter(client, locales, taxonomy):
    from tests.api.builders import snippet
    from wagtail_osce.snippets import MeetingSeries

    other = snippet(MeetingSeries, "councils", locales["en"], name="Councils")
    index = meeting_index()
    start = timezone.make_aware(datetime.datetime(2024, 5, 1, 9))
    summit = meeting(index, "Summit", start, series=taxonomy["summits"])
    council = meeting(index, "Council", start + datetime.timedelta(days=1), series=other)
    meeting(index, "Other", start + datetime.timedelta(days=2))
    shown = ids(client.get(f"{API}/meetings?series=summits,councils&ordering=start").json())
    assert shown == [summit.pk, council.pk]


# Cost and document ------------------------------------------------------------------------


def test_filters_keep_the_query_count_flat(client, two_sections, django_assert_max_num_queries):
    s = two_sections
    for extra in range(12):
        story(s["news"], f"More news {extra}", datetime.date(2023, 1, 1 + extra))
    _response, plain = get(client, f"{API}/stories?page_size=20")
    many = ",".join(str(pk) for pk in range(100000, 100020))
    # Looking up the page to list below and its translations: two queries, whatever the list.
    for url in (
        f"{API}/stories?page_size=20&descendant_of={s['news'].pk}&exclude={many}",
        f"{API}/stories?page_size=5&descendant_of={s['news'].pk}&exclude={s['top'].pk}",
    ):
        with django_assert_max_num_queries(plain + 2):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("listing", LISTINGS)
def test_the_document_describes_the_new_parameters(client, locales, listing):
    document = client.get(f"{API}/openapi.json").json()
    parameters = {p["name"]: p for p in document["paths"][f"{API}/{listing}"]["get"]["parameters"]}
    exclude = parameters["exclude"]
    assert exclude["schema"]["type"] == "array"
    assert exclude["schema"]["maxItems"] == 20
    assert exclude["schema"]["items"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert "translations" in exclude["description"]
    descendant_of = parameters["descendant_of"]
    assert descendant_of["schema"]["type"] == "integer"
    assert descendant_of["schema"]["minimum"] == 1
    assert "404" in descendant_of["description"]
