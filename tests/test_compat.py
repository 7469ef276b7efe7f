"""The Wagtail behaviour ``wagtail_osce.compat`` relies on: fails loudly when a release changes it."""

from __future__ import annotations

import pytest
from wagtail.models import Page, ReferenceIndex

from wagtail_osce.compat import reference_index_entries, share_site_root_paths
from wagtail_osce.snippets import ParticipatingState, Structure


@pytest.mark.django_db
def test_a_page_given_site_root_paths_reads_no_others(django_assert_num_queries) -> None:
    page = Page.objects.get(depth=1)
    sentinel = ["shared root paths"]
    share_site_root_paths(page, sentinel)
    with django_assert_num_queries(0):
        assert page._get_site_root_paths() is sentinel


@pytest.mark.django_db
def test_paths_a_page_already_has_are_kept() -> None:
    page = Page.objects.get(depth=1)
    first, second = ["first"], ["second"]
    share_site_root_paths(page, first)
    share_site_root_paths(page, second)
    assert page._get_site_root_paths() is first


@pytest.mark.django_db
def test_batched_reference_entries_equal_wagtails_own(locales) -> None:
    austria = ParticipatingState.objects.create(
        name="Austria", slug="austria", iso_code="AT", locale=locales["en"]
    )
    parent = Structure.objects.create(
        name="Secretariat", slug="secretariat", kind="secretariat", locale=locales["en"]
    )
    unit = Structure.objects.create(
        name="Unit",
        slug="unit",
        kind="secretariat_unit",
        parent=parent,
        host_state=austria,
        locale=locales["en"],
    )
    fields = (
        "to_content_type_id",
        "to_object_id",
        "model_path",
        "content_path",
        "content_path_hash",
    )
    batched = {
        tuple(getattr(e, f) for f in fields) for e in reference_index_entries(Structure, [unit])
    }
    ReferenceIndex.objects.all().delete()
    ReferenceIndex.create_or_update_for_object(unit)
    wagtails = set(ReferenceIndex.objects.filter(object_id=str(unit.pk)).values_list(*fields))
    assert batched and batched == wagtails


def _requests(rf, sites):
    """Requests to each site's host, and to a host no site has (the default site's pages)."""
    return [rf.get("/", HTTP_HOST=site.hostname) for site in sites] + [
        rf.get("/", HTTP_HOST="elsewhere.example.org")
    ]


def test_page_urls_equal_wagtails_own(locales, rf, settings) -> None:
    """Every page, in every active language, on one site and then on two, as ``get_url``."""
    from django.urls import get_resolver
    from django.utils import translation
    from wagtail.models import Site

    from tests.api.builders import site_root, story, story_index, translate
    from wagtail_osce.compat import _serve_template, page_url

    settings.ALLOWED_HOSTS = ["*"]
    index = story_index()
    english = story(index, "Élections observées", slug="élections-observées")
    translate(english, locales["fr"], "Élections")
    story(index, "Plain story")
    other_root = site_root().add_child(instance=Page(title="Other site", slug="other-site"))
    story(story_index(other_root, slug="news"), "Elsewhere")

    def compare() -> int:
        compared = 0
        for request in _requests(rf, Site.objects.all()):
            for language in ("en", "fr"):
                with translation.override(language):
                    for page in Page.objects.all().specific():
                        assert page_url(page, request) == page.get_url(request=request), (
                            page.url_path,
                            language,
                            request.get_host(),
                        )
                        compared += 1
        return compared

    # The comparison is not vacuous: the site's URLconf takes the fast path.
    assert _serve_template("fr", get_resolver(), "/") == "/fr/osce-page-path/"
    assert compare() > 10
    Site.objects.create(hostname="other.example.org", root_page=other_root)
    assert compare() > 10
