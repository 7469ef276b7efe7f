"""Which parts of each page, snippet and block translators translate, and which stay in sync.

Names, texts, captions, alt text, quotes and labels are translated; codes,
dates, images, documents and references are synchronised with the source (or,
for references, point to the target locale's row). Custom blocks whose parts
differ give wagtail-localize exactly the segments a translator should see.
"""

from __future__ import annotations

from typing import Any

import pytest
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import StreamFieldSegmentExtractor
from wagtail_localize.segments.ingest import StreamFieldSegmentsWriter

from tests.localize.builders import References, every_block_body, related_stories_field
from wagtail_osce.blocks import (
    GalleryBlock,
    HeadingBlock,
    ImageBlock,
    KeyFigureBlock,
    KeyFiguresBlock,
    MeetingBodyBlock,
    RelatedStoriesStreamBlock,
    StoryBodyBlock,
)
from wagtail_osce.pages.models import MeetingIndexPage, MeetingPage, StoryIndexPage, StoryPage
from wagtail_osce.snippets import (
    Chairpersonship,
    FieldOfWork,
    MeetingSeries,
    ParticipatingState,
    Partner,
    Structure,
)

TRANSLATED = "translated"
SYNCHRONISED = "synchronised"  # copied from the source; a translator may override it
FIXED = "fixed"  # copied from the source, never overridden

PAGE_FIELDS = {
    "title": TRANSLATED,
    "slug": TRANSLATED,
    "seo_title": TRANSLATED,
    "search_description": TRANSLATED,
    "show_in_menus": SYNCHRONISED,
}

EXPECTED: dict[type, dict[str, str]] = {
    ParticipatingState: {
        "name": TRANSLATED,
        "note": FIXED,
        "alternative_names": TRANSLATED,
        "slug": FIXED,
        "iso_code": FIXED,
        "admission_date": FIXED,
        "flag": SYNCHRONISED,
    },
    Partner: {
        "name": TRANSLATED,
        "alternative_names": TRANSLATED,
        "slug": FIXED,
        "iso_code": FIXED,
        "group": FIXED,
        "partner_since": FIXED,
    },
    Structure: {
        "name": TRANSLATED,
        "acronym": TRANSLATED,
        "seat_city": TRANSLATED,
        "host_territory": TRANSLATED,
        # References to other snippets become their rows in the target locale.
        "parent": TRANSLATED,
        "host_state": TRANSLATED,
        "slug": FIXED,
        "kind": FIXED,
        "region": FIXED,
        "established": FIXED,
        "closed": FIXED,
        "sort_order": FIXED,
    },
    FieldOfWork: {
        "name": TRANSLATED,
        "description": TRANSLATED,
        "slug": FIXED,
        "sort_order": FIXED,
    },
    MeetingSeries: {
        "name": TRANSLATED,
        "description": TRANSLATED,
        "slug": FIXED,
        "sort_order": FIXED,
    },
    Chairpersonship: {
        "name": TRANSLATED,
        "historic_state": TRANSLATED,
        "chairperson_in_office": TRANSLATED,
        "state": TRANSLATED,
        "slug": FIXED,
        "year": FIXED,
    },
    StoryPage: {
        **PAGE_FIELDS,
        "date": FIXED,
        "lead": TRANSLATED,
        "hero_image": SYNCHRONISED,
        "hero_alt_text": TRANSLATED,
        "hero_caption": TRANSLATED,
        "hero_credit": SYNCHRONISED,
        "body": TRANSLATED,
        "related_stories": TRANSLATED,
        # Copied, then pointed at the target locale's rows when the page is saved.
        "sources": FIXED,
        "fields_of_work": FIXED,
        "countries": FIXED,
    },
    StoryIndexPage: {**PAGE_FIELDS, "intro": TRANSLATED},
    MeetingPage: {
        **PAGE_FIELDS,
        "series": TRANSLATED,
        "start": FIXED,
        "end": FIXED,
        "all_day": FIXED,
        "city": TRANSLATED,
        "country": TRANSLATED,
        "venue": TRANSLATED,
        "organiser": TRANSLATED,
        "lead": TRANSLATED,
        "livestream_url": SYNCHRONISED,
        "documents": TRANSLATED,
        "body": TRANSLATED,
    },
    MeetingIndexPage: {**PAGE_FIELDS, "intro": TRANSLATED},
}


def behaviour(model: type) -> dict[str, str]:
    result = {}
    for field in get_translatable_fields(model):
        if isinstance(field, TranslatableField):
            result[field.field_name] = TRANSLATED
        elif isinstance(field, SynchronizedField):
            result[field.field_name] = SYNCHRONISED if field.overridable else FIXED
    return result


@pytest.mark.parametrize("model", list(EXPECTED), ids=lambda model: model.__name__)
def test_each_field_is_translated_or_synchronised_as_its_meaning_says(model: type) -> None:
    assert behaviour(model) == EXPECTED[model]


# Blocks -----------------------------------------------------------------------------------


def segments_of(block: Any, value: Any) -> list[tuple[str, str, Any]]:
    """(kind, path, content) of what wagtail-localize extracts from one block value."""
    extractor = StreamFieldSegmentExtractor(field=None, include_overridables=True)
    found = []
    for segment in extractor.handle_block(block, value):
        if isinstance(segment, StringSegmentValue):
            if not segment.is_empty():
                found.append(("string", segment.path, segment.render_text()))
        elif isinstance(segment, OverridableSegmentValue):
            found.append(("synchronised", segment.path, segment.data))
        elif isinstance(segment, RelatedObjectSegmentValue):
            found.append(("reference", segment.path, segment.translation_key))
        elif isinstance(segment, TemplateSegmentValue):
            found.append(("template", segment.path, None))
    return found


def test_a_key_figure_keeps_its_value_and_translates_its_label() -> None:
    block = KeyFigureBlock()
    value = block.to_python({"value": "1,200 km", "label": "of border patrolled"})
    assert segments_of(block, value) == [
        ("synchronised", "value", "1,200 km"),
        ("string", "label", "of border patrolled"),
    ]


def test_key_figures_in_a_list_give_one_label_each() -> None:
    block = KeyFiguresBlock()
    value = block.to_python(
        {
            "title": "At a glance",
            "figures": [
                {"type": "item", "id": "a", "value": {"value": "57", "label": "States"}},
                {"type": "item", "id": "b", "value": {"value": "11", "label": "Partners"}},
            ],
        }
    )
    extractor = StreamFieldSegmentExtractor(field=None, include_overridables=True)
    # A stream hands each block its stored data along, which tells list items apart by id.
    segments = extractor.handle_struct_block(
        value, raw_value={"value": block.get_prep_value(value)}
    )
    strings = [(s.path, s.render_text()) for s in segments if isinstance(s, StringSegmentValue)]
    assert strings == [
        ("title", "At a glance"),
        ("figures.a.label", "States"),
        ("figures.b.label", "Partners"),
    ]


def test_a_translated_key_figure_keeps_the_source_figure_unless_overridden() -> None:
    block = KeyFigureBlock()
    writer = StreamFieldSegmentsWriter(field=None, src_locale=None, tgt_locale=None)
    value = block.to_python({"value": "1,200 km", "label": "of border patrolled"})
    translated = writer.handle_block(
        block, value, [StringSegmentValue("label", "de frontière surveillée")]
    )
    assert translated["value"] == "1,200 km"
    assert translated["label"] == "de frontière surveillée"

    value = block.to_python({"value": "1,200 km", "label": "of border patrolled"})
    overridden = writer.handle_block(
        block,
        value,
        [
            OverridableSegmentValue("value", "1 200 km"),
            StringSegmentValue("label", "de frontière surveillée"),
        ],
    )
    assert overridden["value"] == "1 200 km"


def test_a_heading_keeps_its_anchor_so_links_to_it_keep_working() -> None:
    block = HeadingBlock()
    value = block.to_python({"text": "Key findings", "level": "h3", "anchor": "key-findings"})
    assert segments_of(block, value) == [
        ("string", "text", "Key findings"),
        ("synchronised", "anchor", "key-findings"),
    ]
    # Without an anchor there is nothing to keep: it is derived from the translated text.
    value = block.to_python({"text": "Key findings", "level": "h3", "anchor": ""})
    assert segments_of(block, value) == [("string", "text", "Key findings")]


@pytest.mark.django_db
def test_an_image_translates_its_words_and_keeps_the_photo_and_credit() -> None:
    from tests.page_factories import make_image

    image = make_image()
    block = ImageBlock()
    value = block.to_python(
        {
            "image": image.pk,
            "alt_text": "Observers at a checkpoint",
            "decorative": False,
            "caption": "A checkpoint",
            "credit": "Micky Kroell",
        }
    )
    assert segments_of(block, value) == [
        ("synchronised", "image", image.pk),
        ("string", "alt_text", "Observers at a checkpoint"),
        ("string", "caption", "A checkpoint"),
        ("synchronised", "credit", "Micky Kroell"),
    ]

    writer = StreamFieldSegmentsWriter(field=None, src_locale=None, tgt_locale=None)
    translated = writer.handle_block(
        block,
        value,
        [
            StringSegmentValue("alt_text", "Observateurs à un point de contrôle"),
            StringSegmentValue("caption", "Un point de contrôle"),
        ],
    )
    assert translated["image"] == image
    assert translated["credit"] == "Micky Kroell"
    assert translated["alt_text"] == "Observateurs à un point de contrôle"
    assert GalleryBlock().child_blocks["images"].child_block.__class__ is ImageBlock


class Ref:
    """Stands in for a saved object: the body builder only reads ``pk``."""

    def __init__(self, pk: int) -> None:
        self.pk = pk


def test_the_end_to_end_story_holds_every_block_type_of_every_stream() -> None:
    refs = References(
        austria=Ref(1), policing=Ref(2), secretariat=Ref(3), chairpersonship=Ref(4),
        series=Ref(5), image=Ref(6), document=Ref(7), index=Ref(8),
    )  # fmt: skip
    used = {block["type"] for block in every_block_body(refs)}
    assert used == set(StoryBodyBlock.base_blocks)
    # The meeting body adds the related-stories block, which a story keeps in its own field.
    assert set(MeetingBodyBlock.base_blocks) <= used | {"related_stories"}
    related = {block["type"] for block in related_stories_field(refs)}
    assert set(RelatedStoriesStreamBlock.base_blocks) == related
