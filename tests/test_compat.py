"""The Wagtail behaviour ``wagtail_osce.compat`` relies on: fails loudly when a release changes it."""

from __future__ import annotations

import pytest
from wagtail.models import Page

from wagtail_osce.compat import share_site_root_paths


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
