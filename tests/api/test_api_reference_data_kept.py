"""What a process keeps of the reference data while the reference version holds.

A listing or a detail built after a publish does not read the site, the locales
or the taxonomies' snippet rows again: a publish changes none of them. Any change
to them (a snippet renamed, a site's name or host, from the admin or any other
process) replaces the reference version, and the next response shows the change.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from tests.api.builders import API, add_page, meeting, meeting_index, story, story_index
from wagtail_osce import content_version
from wagtail_osce.models import StoryIndexPage
from wagtail_osce.snippets import FieldOfWork, ParticipatingState

pytestmark = pytest.mark.usefixtures("empty_cache")

REFERENCE_TABLES = (
    '"wagtailcore_site"',
    '"wagtailcore_locale"',
    '"wagtail_osce_fieldofwork"',
    '"wagtail_osce_participatingstate"',
    '"wagtail_osce_structure"',
    '"wagtail_osce_meetingseries"',
)


def tables_read(queries) -> set[str]:
    """The reference tables a request's queries selected from (not joined through)."""
    return {
        table
        for query in queries
        for table in REFERENCE_TABLES
        if f"FROM {table}" in query["sql"] and query["sql"].lstrip().upper().startswith("SELECT")
    }


@pytest.fixture
def index(locales, taxonomy):
    """A story index with one story, in a field of work, a State and a source."""
    index = story_index()
    story(
        index,
        "Mediation in the field",
        fields=[taxonomy["policing"]],
        countries=[taxonomy["austria"]],
        sources=[taxonomy["odihr"]],
    )
    return index


def build(client, url: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json(), queries.captured_queries


@pytest.mark.parametrize("url", [f"{API}/stories", f"{API}/stories?locale=fr"])
def test_a_listing_built_after_a_publish_reads_no_reference_data(client, index, taxonomy, url):
    build(client, url)
    published = story(
        index,
        "Elections observed",
        datetime.date(2025, 1, 1),
        fields=[taxonomy["elections"]],
        countries=[taxonomy["austria"]],
    )
    body, queries = build(client, url)
    # The publish is served: the new story, with its taxonomies, in the requested locale.
    first = body["results"][0]
    assert first["id"] == published.pk
    assert [field["name"] for field in first["fields_of_work"]] == ["Elections"]
    austria = "Autriche" if url.endswith("fr") else "Austria"
    assert [state["name"] for state in first["countries"]] == [austria]
    assert tables_read(queries) == set()


def test_a_meeting_listing_built_after_a_publish_reads_no_reference_data(client, taxonomy):
    meetings = meeting_index()
    start = datetime.datetime(2024, 3, 1, 9, tzinfo=datetime.UTC)
    meeting(meetings, "Mediation forum", start, series=taxonomy["summits"])
    url = f"{API}/meetings?locale=fr"
    build(client, url)
    published = meeting(
        meetings,
        "Border forum",
        start + datetime.timedelta(days=30),
        series=taxonomy["summits"],
        country=taxonomy["austria"],
        organiser=taxonomy["odihr"],
    )
    body, queries = build(client, url)
    (item,) = [item for item in body["results"] if item["id"] == published.pk]
    assert item["series"]["name"] == "Summits"
    assert item["country"]["name"] == "Autriche"
    assert item["organiser"]["name"] == "ODIHR"
    assert tables_read(queries) == set()


def test_the_first_listing_reads_the_reference_data(client, index):
    """The control: without anything kept, the same listing does read them."""
    content_version.forget_kept()
    _body, queries = build(client, f"{API}/stories")
    assert '"wagtail_osce_fieldofwork"' in tables_read(queries)
    assert '"wagtailcore_site"' in tables_read(queries)


def test_a_story_detail_built_after_a_publish_reads_no_snippet_rows(client, index, taxonomy):
    first = index.get_children().first().specific
    build(client, f"{API}/stories/{first.pk}")
    first.title = "Mediation in the field, again"
    first.save_revision().publish()
    body, queries = build(client, f"{API}/stories/{first.pk}")
    assert body["title"] == "Mediation in the field, again"
    assert [state["name"] for state in body["countries"]] == ["Austria"]
    assert not tables_read(queries) & {'"wagtail_osce_participatingstate"', '"wagtailcore_site"'}


@pytest.mark.parametrize("how", ["save", "delete"])
def test_a_snippet_changed_after_it_was_kept_is_shown_changed(client, index, taxonomy, how):
    url = f"{API}/stories"
    body, _ = build(client, url)
    assert body["results"][0]["countries"][0]["name"] == "Austria"
    austria = ParticipatingState.objects.get(pk=taxonomy["austria"].pk)
    if how == "save":
        austria.name = "Republic of Austria"
        austria.save()
        expected = ["Republic of Austria"]
    else:
        austria.delete()
        expected = []
    body, queries = build(client, url)
    assert [state["name"] for state in body["results"][0]["countries"]] == expected
    assert '"wagtail_osce_participatingstate"' in tables_read(queries)


def test_a_site_given_another_root_after_it_was_kept_serves_that_root(client, index):
    site = Site.objects.get(is_default_site=True)
    other_root = add_page(Page.get_first_root_node(), StoryIndexPage(title="Other", slug="other"))
    other = story(other_root, "Elections observed", datetime.date(2025, 1, 1))
    before, _ = build(client, f"{API}/stories")
    assert before["results"] and other.pk not in [item["id"] for item in before["results"]]
    site.root_page = other_root
    site.save()
    after, _ = build(client, f"{API}/stories")
    assert [item["id"] for item in after["results"]] == [other.pk]


def test_a_change_committed_elsewhere_is_seen_through_the_reference_version(client, index):
    """Another process's write (here: a row changed without signals, then the version
    replaced, as that process's handlers do) is seen by the next request."""
    url = f"{API}/stories"
    build(client, url)
    FieldOfWork.objects.filter(slug="policing").update(name="Police work")
    body, _ = build(client, f"{API}/stories?page_size=5")
    # Not announced yet: the kept rows still stand, as a cached response would.
    assert body["results"][0]["fields_of_work"][0]["name"] == "Policing"
    content_version.bump()
    body, _ = build(client, f"{API}/stories?page_size=6")
    assert body["results"][0]["fields_of_work"][0]["name"] == "Police work"


def test_only_a_request_that_read_the_versions_is_answered_from_what_is_kept(db, settings):
    built = []

    def build_value():
        built.append(1)
        return len(built)

    request = RequestFactory().get("/")
    assert content_version.kept(request, ("test",), build_value) == 1
    assert content_version.kept(request, ("test",), build_value) == 2

    content_version.read_for(request)
    assert content_version.kept(request, ("test",), build_value) == 3
    assert content_version.kept(request, ("test",), build_value) == 3

    content_version.bump(reference=False)  # a publish: the reference data is unchanged
    later = RequestFactory().get("/")
    content_version.read_for(later)
    assert content_version.kept(later, ("test",), build_value) == 3

    content_version.bump()
    changed = RequestFactory().get("/")
    content_version.read_for(changed)
    assert content_version.kept(changed, ("test",), build_value) == 4

    settings.WAGTAIL_OSCE = {"API_CACHE_MAX_AGE": 0}
    assert content_version.kept(changed, ("test",), build_value) == 5
    assert content_version.kept(changed, ("test",), build_value) == 6
