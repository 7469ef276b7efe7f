"""Instances built from rows behave as the ORM's: same values, deferred columns, hooks kept."""

from __future__ import annotations

import pytest
from django.db.models.signals import post_init
from wagtail.images import get_image_model

from tests.api.builders import make_image, story, story_index
from wagtail_osce.instances import from_rows
from wagtail_osce.pages.models import StoryPage

pytestmark = pytest.mark.django_db

PAGE_COLUMNS = ["id", "page_ptr_id", "title", "url_path", "live", "locale_id", "content_type_id"]


def rows_of(model, names, **filters):
    return list(model.objects.filter(**filters).values_list(*names))


def test_a_page_built_from_its_row_equals_the_loaded_one(django_assert_num_queries) -> None:
    page = story(story_index(), "Border management", lead="Training at the border.")
    loaded = StoryPage.objects.get(pk=page.pk)
    rows = rows_of(StoryPage, PAGE_COLUMNS, pk=page.pk)
    with django_assert_num_queries(0):
        [built] = from_rows(StoryPage, PAGE_COLUMNS, rows, "default")
        assert type(built) is StoryPage
        assert (built.pk, built.title, built.url_path, built.live) == (
            loaded.pk,
            loaded.title,
            loaded.url_path,
            loaded.live,
        )
        assert not built._state.adding and built._state.db == "default"
        assert built.get_deferred_fields() >= {"lead", "slug"}
    # A column left out is read when first used, as with only().
    with django_assert_num_queries(1):
        assert built.lead == "Training at the border."
    assert built == loaded


def test_a_model_with_its_own_init_is_built_by_django() -> None:
    """Wagtail's image sets attributes in ``__init__`` that its renditions read: they are set."""
    image = make_image()
    Image = get_image_model()
    names = ["id", "title", "file", "width", "height"]
    [built] = from_rows(Image, names, rows_of(Image, names, pk=image.pk), "default")
    assert built.decorative is False and built.contextual_alt_text is None
    assert (built.pk, built.title, built.width) == (image.pk, image.title, image.width)


def test_an_apps_post_init_receiver_still_runs() -> None:
    page = story(story_index(), "Elections")
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.pk)

    post_init.connect(receiver, sender=StoryPage)
    try:
        from_rows(StoryPage, PAGE_COLUMNS, rows_of(StoryPage, PAGE_COLUMNS, pk=page.pk), "default")
    finally:
        post_init.disconnect(receiver, sender=StoryPage)
    assert seen == [page.pk]
    # Without it, the same rows are built directly.
    from_rows(StoryPage, PAGE_COLUMNS, rows_of(StoryPage, PAGE_COLUMNS, pk=page.pk), "default")
    assert seen == [page.pk]


def test_renditions_read_their_stored_size_not_the_file() -> None:
    """The image field's size filler is skipped only because the row holds the size."""
    image = make_image()
    rendition = image.get_rendition("fill-40x30")
    Rendition = type(rendition)
    names = ["id", "image_id", "filter_spec", "focal_point_key", "width", "height", "file"]
    [built] = from_rows(Rendition, names, rows_of(Rendition, names, pk=rendition.pk), "default")
    assert (built.width, built.height, built.url) == (
        rendition.width,
        rendition.height,
        rendition.url,
    )
    assert built.image == image
