"""Page details are built once and served from the shared cache until what they show changes."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.api.builders import (
    API,
    get,
    make_image,
    meeting,
    meeting_index,
    publish,
    snippet,
    story,
    story_index,
    url_of,
)
from wagtail_osce.api.cache import responses
from wagtail_osce.api.params import resolve_locale
from wagtail_osce.api.routers.pages import page_context
from wagtail_osce.snippets import ParticipatingState

pytestmark = pytest.mark.usefixtures("empty_cache")


@pytest.fixture
def content(locales):
    en, fr = locales["en"], locales["fr"]
    austria = snippet(ParticipatingState, "austria", en, name="Austria", iso_code="AT")
    snippet(ParticipatingState, "austria", fr, name="Autriche", iso_code="AT")
    index = story_index()
    linked = story(index, "Linked story", slug="linked")
    body = [
        {"type": "heading", "value": {"text": "Section", "level": "h2", "anchor": ""}},
        {
            "type": "rich_text",
            "value": f'<p>See <a linktype="page" id="{linked.pk}">the other story</a>.</p>',
        },
        {"type": "states", "value": {"heading": "", "states": [austria.pk]}},
    ]
    page = story(index, "Police reform", body=body, countries=[austria], hero_image=make_image())
    return {"story": page, "linked": linked, "austria": austria, "index": index}


def states_block(body: dict) -> dict:
    return next(block for block in body["body"] if block["type"] == "states")


def test_second_request_is_served_from_the_cache_with_fewer_queries(client, content):
    url = url_of(content["story"])
    first, built = get(client, url)
    second, served = get(client, url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == first["Cache-Control"]
    assert served < built, (served, built)


@pytest.mark.parametrize(
    "path",
    ["stories/{id}", "pages/{id}", "pages/find?html_path=/stories/police-reform/"],
)
def test_every_detail_endpoint_is_cached(client, content, path):
    url = f"{API}/" + path.format(id=content["story"].pk)
    first, built = get(client, url)
    second, served = get(client, url)
    assert second.status_code == 200 and second.content == first.content
    assert served < built


def test_meeting_detail_is_cached(client, content):
    page = meeting(
        meeting_index(), "Ministerial Council", timezone.now() + datetime.timedelta(days=3)
    )
    url = f"{API}/meetings/{page.pk}"
    first, built = get(client, url)
    second, served = get(client, url)
    assert second.content == first.content and served < built


def test_cached_detail_answers_if_none_match_with_304(client, content):
    url = url_of(content["story"])
    etag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_cost_of_a_cached_detail_does_not_grow_with_its_body(client, content, locales):
    small = content["story"]
    units = [block for n in range(30) for block in small.body.get_prep_value()]
    large = story(content["index"], "Long story", body=units)
    counts = []
    for page in (small, large):
        client.get(url_of(page))
        counts.append(get(client, url_of(page))[1])
    assert counts[0] == counts[1], counts


def test_publishing_a_new_revision_changes_the_next_response(client, content):
    page = content["story"]
    client.get(url_of(page))
    page.title = "Police reform, a year on"
    publish(page)
    assert client.get(url_of(page)).json()["title"] == "Police reform, a year on"


def test_a_draft_is_never_served(client, content):
    page = content["story"]
    client.get(url_of(page))
    page.title = "Unpublished title"
    page.save_revision()
    assert client.get(url_of(page)).json()["title"] == "Police reform"


def test_unpublishing_hides_a_cached_detail(client, content):
    page = content["story"]
    assert client.get(url_of(page)).status_code == 200
    page.unpublish()
    assert client.get(url_of(page)).status_code == 404


def test_renaming_a_referenced_state_changes_the_next_response(client, content):
    url = url_of(content["story"])
    body = client.get(url).json()
    assert body["countries"][0]["name"] == "Austria"
    assert states_block(body)["value"]["states"][0]["name"] == "Austria"
    austria = content["austria"]
    austria.name = "Republic of Austria"
    austria.save()
    body = client.get(url).json()
    assert body["countries"][0]["name"] == "Republic of Austria"
    assert states_block(body)["value"]["states"][0]["name"] == "Republic of Austria"


def rich_text_html(body: dict) -> str:
    return next(block for block in body["body"] if block["type"] == "rich_text")["value"]["html"]


def test_moving_a_linked_page_changes_the_links_in_the_next_response(client, content):
    url = url_of(content["story"])
    assert 'href="/stories/linked/"' in rich_text_html(client.get(url).json())
    linked = content["linked"]
    linked.slug = "linked-renamed"
    publish(linked)
    html = rich_text_html(client.get(url).json())
    assert 'href="/stories/linked-renamed/"' in html
    assert 'href="/stories/linked/"' not in html


def test_each_locale_has_its_own_entry(client, content):
    url = url_of(content["story"])
    english = client.get(url).json()
    french = client.get(f"{url}?locale=fr").json()
    assert english["countries"][0]["name"] == "Austria"
    assert french["countries"][0]["name"] == "Autriche"
    assert french["is_fallback"] is True
    assert client.get(url).json() == english


def test_a_restricted_page_is_never_served_from_the_cache(client, content):
    page = content["story"]
    assert client.get(url_of(page)).status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert client.get(url_of(page)).status_code == 404


def test_a_page_under_a_newly_restricted_section_is_not_served(client, content):
    page = content["story"]
    assert client.get(url_of(page)).status_code == 200
    PageViewRestriction.objects.create(page=content["index"], restriction_type="login")
    assert client.get(url_of(page)).status_code == 404


def test_nothing_is_stored_for_a_private_page(client, content, rf):
    page = content["story"]
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    for _ in range(2):
        assert client.get(url_of(page)).status_code == 404
    request = rf.get(url_of(page))
    ctx = page_context(resolve_locale(request, None), page)
    key = responses.entry_key(request, page, ctx)
    assert cache.get(key) is None


def test_errors_are_not_cached(client, content):
    missing = content["story"].pk + 1000
    assert client.get(f"{API}/stories/{missing}").status_code == 404
    content["story"].delete()
    assert client.get(url_of(content["story"])).status_code == 404


def test_a_response_built_while_content_changed_is_never_served(client, content, rf):
    """A build that started before a change is stored under the old version, so it is a miss."""
    page = content["story"]
    request = rf.get(url_of(page))
    ctx = page_context(resolve_locale(request, None), page)
    assert responses.cached_detail(request, page, ctx) is None
    responses.bump_version()  # content changes while the response is being built
    stale = HttpResponse(b'{"title": "stale"}', content_type="application/json")
    responses.store(request, stale, '"stale"')
    assert responses.cached_detail(rf.get(url_of(page)), page, ctx) is None
    assert client.get(url_of(page)).json()["title"] == "Police reform"


def test_renaming_an_image_changes_the_next_response(client, content):
    url = url_of(content["story"])
    assert client.get(url).json()["hero_image"]["title"] == "Photo"
    image = content["story"].hero_image
    image.title = "Police officers in Vienna"
    image.save()
    assert client.get(url).json()["hero_image"]["title"] == "Police officers in Vienna"


def test_a_max_age_of_zero_turns_the_cache_off(client, content, settings):
    settings.WAGTAIL_OSCE = {"API_CACHE_MAX_AGE": 0}
    url = url_of(content["story"])
    client.get(url)  # creates the image's renditions
    _second, built = get(client, url)
    _third, served = get(client, url)
    assert served == built
