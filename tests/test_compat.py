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
