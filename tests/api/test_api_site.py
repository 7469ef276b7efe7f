"""The sitemap listing and the redirects lookup a frontend builds its sitemap.xml and 301s from."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, PageViewRestriction

from tests.api.builders import API, publish, story, story_index


@pytest.fixture
def site_pages(locales):
    index = story_index()
    public = story(index, "Public story", slug="public-story")
    private = story(index, "Private story hiddenprivate", slug="hiddenprivate")
    PageViewRestriction.objects.create(page=private, restriction_type="login", password="")
    french = public.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    french.title = "Histoire publique"
    publish(french)
    return {"index": index, "public": public, "private": private, "french": french}


@pytest.mark.django_db
def test_sitemap_lists_public_pages_with_their_translations(client, site_pages):
    data = client.get(f"{API}/sitemap?page_size=100").json()
    by_id = {entry["id"]: entry for entry in data["results"]}
    public, french = site_pages["public"], site_pages["french"]
    assert by_id[public.pk]["url"].endswith("/stories/public-story/")
    assert by_id[public.pk]["last_published_at"]
    assert by_id[public.pk]["api_url"] == f"{API}/stories/{public.pk}"
    assert [(alt["locale"], alt["url"]) for alt in by_id[public.pk]["alternates"]] == [
        ("fr", french.get_url())
    ]
    assert site_pages["private"].pk not in by_id
    assert "hiddenprivate" not in str(data)


@pytest.mark.django_db
def test_sitemap_in_one_language(client, site_pages):
    data = client.get(f"{API}/sitemap?locale=fr&page_size=100").json()
    assert {entry["locale"] for entry in data["results"]} == {"fr"}
    assert site_pages["french"].pk in {entry["id"] for entry in data["results"]}


@pytest.mark.django_db
def test_sitemap_costs_the_same_for_few_and_many_pages(client, site_pages):
    for n in range(10):
        story(site_pages["index"], f"Extra {n}", slug=f"extra-{n}")
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{API}/sitemap?page_size={size}").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_a_redirect_to_a_page_gives_its_path(client, site_pages):
    Redirect.objects.create(old_path="/old-story", redirect_page=site_pages["public"])
    data = client.get(f"{API}/redirects?path=/old-story/").json()
    assert data == {
        "old_path": "/old-story",
        "location": site_pages["public"].get_url(),
        "is_permanent": True,
    }


@pytest.mark.django_db
def test_a_redirect_to_a_url_and_an_unknown_path(client, site_pages):
    Redirect.objects.create(
        old_path="/elsewhere", redirect_link="https://example.org/x", is_permanent=False
    )
    assert (
        client.get(f"{API}/redirects?path=/elsewhere").json()["location"] == "https://example.org/x"
    )
    missing = client.get(f"{API}/redirects?path=/nothing-here/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"]


@pytest.mark.django_db
def test_a_redirect_to_a_private_page_is_not_served(client, site_pages):
    Redirect.objects.create(old_path="/secret", redirect_page=site_pages["private"])
    response = client.get(f"{API}/redirects?path=/secret")
    assert response.status_code == 404
    assert "hiddenprivate" not in response.content.decode()


@pytest.mark.django_db
def test_a_path_that_is_not_a_path_is_a_400(client, locales):
    response = client.get(f"{API}/redirects?path=old-story")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "path"
