"""PrefetchingStreamBlock: a whole stream renders and serialises in a fixed number of queries.

The stream is loaded from its stored JSON inside the measured block, as a page's
body is, so the count covers turning IDs into objects as well as rendering.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail import blocks
from wagtail.models import Page

from tests.blocks.builders import make_document, make_image, make_page
from wagtail_osce.blocks.data import KeyFiguresBlock, TableBlock
from wagtail_osce.blocks.documents import DocumentListBlock, DownloadBlock
from wagtail_osce.blocks.layout import AccordionBlock, CallToActionBlock, LinkBlock
from wagtail_osce.blocks.media import GalleryBlock, ImageBlock
from wagtail_osce.blocks.prefetch import (
    PREFETCH_CONTEXT_KEY,
    PrefetchingStreamBlock,
    StreamPrefetch,
    prefetch_stream,
)
from wagtail_osce.blocks.text import FactBoxBlock, HeadingBlock, RichTextBlock

pytestmark = pytest.mark.django_db

#: The most queries a stream may cost, whatever its length. Measured: 6 for the
#: heading/text/image/download stream (one per chooser block type to load the
#: stored IDs, then pages, their translations, rich-text documents, renditions)
#: and 7 for the stream of every family; one more finds the sections visitors cannot see,
#: and one more, without a request, reads the locales for the API's ``data-locale``.
QUERY_BUDGET = 10


class BodyBlock(PrefetchingStreamBlock):
    heading = HeadingBlock()
    text = RichTextBlock()
    image = ImageBlock()
    download = DownloadBlock()
    fact_box = FactBoxBlock()
    gallery = GalleryBlock()
    documents = DocumentListBlock()
    link = LinkBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    figures = KeyFiguresBlock()
    table = TableBlock()


def child(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def make_units(count: int) -> list[dict]:
    """Objects for ``count`` units: two linked pages, a linked document, an image, a download."""
    parent = make_page("Stories", "stories")
    return [
        {
            "pages": [
                make_page(f"Story {i} a", f"story-{i}-a", parent),
                make_page(f"Story {i} b", f"story-{i}-b", parent),
            ],
            "linked_document": make_document(f"Linked {i}", f"linked-{i}.pdf", 1024),
            "image": make_image(f"Photo {i}", size=(400, 300)),
            "download": make_document(f"Download {i}", f"download-{i}.pdf", 4096),
        }
        for i in range(count)
    ]


def unit_json(i: int, unit: dict) -> list[dict]:
    """One unit as stored: heading, rich text with two page links and a document link,
    image and download."""
    first, second = unit["pages"]
    return [
        child("heading", {"text": f"Section {i}", "level": "h2", "anchor": ""}),
        child(
            "text",
            f'<p><a linktype="page" id="{first.pk}">first</a>, '
            f'<a linktype="page" id="{second.pk}">second</a> and '
            f'<a linktype="document" id="{unit["linked_document"].pk}">the file</a>.</p>',
        ),
        child(
            "image",
            {
                "image": unit["image"].pk,
                "alt_text": f"Photo {i}",
                "decorative": False,
                "caption": f"Caption {i}",
                "credit": "Micky Kroell",
            },
        ),
        child(
            "download",
            {"document": unit["download"].pk, "title": "", "description": f"Download {i}"},
        ),
    ]


def stream_json(units: list[dict]) -> list[dict]:
    return [item for i, unit in enumerate(units) for item in unit_json(i, unit)]


def count_queries(func) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        result = func()
    return len(queries), result


def viewed_units(count: int) -> list[dict]:
    """Units whose stream was viewed once: renditions are made on the first view of an
    image, and the counts measure the views after it."""
    units = make_units(count)
    # The API's responsive renditions too, made once on the first request (before the
    # render, whose site root paths the hundreds of new cache entries would push out).
    BodyBlock().get_api_representation(BodyBlock().to_python(stream_json(units)))
    BodyBlock().render(BodyBlock().to_python(stream_json(units)))
    return units


def test_render_and_api_cost_the_same_at_5_and_50_units(
    django_assert_max_num_queries, rf, capsys
) -> None:
    units = viewed_units(50)
    block = BodyBlock()
    counts = {}
    for with_request in (False, True):
        for n in (5, 50):
            data = stream_json(units[:n])
            # A view passes its request: Wagtail then finds the site once per request.
            context = {"request": rf.get("/")} if with_request else None
            with django_assert_max_num_queries(QUERY_BUDGET):
                counts["render", with_request, n], html = count_queries(
                    lambda data=data, context=context: block.render(
                        block.to_python(data), context=context
                    )
                )
            context = {"request": rf.get("/")} if with_request else None
            with django_assert_max_num_queries(QUERY_BUDGET):
                counts["api", with_request, n], api = count_queries(
                    lambda data=data, context=context: block.get_api_representation(
                        block.to_python(data), context=context
                    )
                )
            assert html.count('<h2 class="osce-heading"') == n
            assert html.count('href="/stories/story-') == 2 * n
            assert len(api) == 4 * n
        for kind in ("render", "api"):
            assert counts[kind, with_request, 5] == counts[kind, with_request, 50]
    with capsys.disabled():
        print(f"\nqueries per stream (kind, with request, units): {counts}")


def test_rendered_stream_resolves_every_link_image_and_document() -> None:
    units = viewed_units(6)
    block = BodyBlock()
    html = block.render(block.to_python(stream_json(units)))
    for i, unit in enumerate(units):
        assert f'<a href="/stories/story-{i}-a/">first</a>' in html
        assert f'<a href="/stories/story-{i}-b/">second</a>' in html
        assert f'<a href="{unit["linked_document"].url}">the file</a>' in html
        assert f'src="{unit["image"].get_rendition("max-800x600").url}"' in html
        assert f'href="{unit["download"].url}" type="application/pdf"' in html
    assert html.count("(PDF, 4 KB)") == 6
    assert html.count('<small class="osce-image__credit">OSCE/Micky Kroell</small>') == 6
    assert "linktype" not in html


def test_api_representation_of_the_stream_is_expanded() -> None:
    units = viewed_units(2)
    block = BodyBlock()
    data = block.get_api_representation(block.to_python(stream_json(units[:2])))
    assert [item["type"] for item in data] == ["heading", "text", "image", "download"] * 2
    assert data[0]["value"] == {"text": "Section 0", "level": "h2", "anchor": "section-0"}
    first, second = units[0]["pages"]
    document = units[0]["linked_document"]
    page_attrs = 'data-page-type="wagtailcore.Page" data-locale="en"'
    assert data[1]["value"]["html"] == (
        f'<p><a href="/stories/story-0-a/" data-page-id="{first.pk}" {page_attrs}>first</a>, '
        f'<a href="/stories/story-0-b/" data-page-id="{second.pk}" {page_attrs}>second</a> and '
        f'<a href="{document.url}" data-document-id="{document.pk}">the file</a>.</p>'
    )
    image = data[2]["value"]["image"]
    assert image["id"] == units[0]["image"].pk
    assert (image["width"], image["height"]) == (400, 300)
    assert image["alt"] == "Photo 0"
    assert set(image["renditions"]) == {"thumbnail", "medium", "large"}
    document = data[3]["value"]["document"]
    assert document["url"] == units[0]["download"].url
    assert document["file_size"] == 4096 and document["file_type"] == "pdf"


def test_every_block_family_in_one_stream_keeps_the_budget(django_assert_max_num_queries, capsys):
    """Nested lists and structs (gallery, document list, accordion, table, call to action)
    are walked too: a richer stream costs the same as a short one."""

    def rich_stream(selected: list[dict]) -> list[dict]:
        items = []
        for unit in selected:
            first, second = unit["pages"]
            items += [
                child(
                    "fact_box",
                    {
                        "title": "Facts",
                        "body": f'<p><a linktype="page" id="{first.pk}">x</a></p>',
                    },
                ),
                child(
                    "gallery",
                    {
                        "title": "",
                        "images": [
                            {
                                "image": unit["image"].pk,
                                "alt_text": "a",
                                "caption": "",
                                "credit": "",
                            },
                            {
                                "image": unit["image"].pk,
                                "alt_text": "b",
                                "caption": "",
                                "credit": "",
                            },
                        ],
                    },
                ),
                child(
                    "documents",
                    {
                        "title": "Docs",
                        "items": [
                            {"title": "", "document": unit["download"].pk, "language": "fr"},
                        ],
                    },
                ),
                child("link", {"page": second.pk, "document": None, "url": "", "text": ""}),
                child(
                    "call_to_action",
                    {
                        "title": "Act",
                        "text": "",
                        "button_label": "Go",
                        "link": {
                            "page": None,
                            "document": unit["linked_document"].pk,
                            "url": "",
                            "text": "",
                        },
                    },
                ),
                child(
                    "accordion",
                    {
                        "title": "",
                        "items": [
                            {
                                "title": "Q",
                                "body": f'<p><a linktype="page" id="{second.pk}">y</a></p>',
                            }
                        ],
                    },
                ),
                child("figures", {"title": "", "figures": [{"value": "57", "label": "States"}]}),
                child(
                    "table",
                    {
                        "caption": "T",
                        "columns": [{"type": "rich_text", "heading": "Notes"}],
                        "rows": [
                            {
                                "values": [
                                    f'<p><a linktype="document" id="{unit["download"].pk}">d</a></p>'
                                ]
                            }
                        ],
                    },
                ),
            ]
        return items

    units = make_units(50)
    block = BodyBlock()
    # Make the gallery's renditions: the API's responsive sets, then the template's.
    block.get_api_representation(block.to_python(rich_stream(units)))
    block.render(block.to_python(rich_stream(units)))
    counts = {}
    for n in (5, 50):
        data = rich_stream(units[:n])
        with django_assert_max_num_queries(QUERY_BUDGET):
            counts["render", n], html = count_queries(
                lambda data=data: block.render(block.to_python(data))
            )
        with django_assert_max_num_queries(QUERY_BUDGET):
            counts["api", n], _api = count_queries(
                lambda data=data: block.get_api_representation(block.to_python(data))
            )
        assert html.count("<details") == n
        assert html.count(f'href="/stories/story-{n - 1}-b/"') == 2
    assert counts["render", 5] == counts["render", 50]
    assert counts["api", 5] == counts["api", 50]
    with capsys.disabled():
        print(f"\nqueries per stream of every family: {counts}")


def test_headings_with_the_same_text_get_distinct_anchors() -> None:
    block = BodyBlock()
    heading = {"text": "Background", "level": "h2", "anchor": ""}
    value = block.to_python(
        [
            child("heading", heading),
            child("heading", {**heading, "level": "h3"}),
            child("heading", heading),
        ]
    )
    html = block.render(value)
    assert re.findall(r'id="([^"]+)"', html) == ["background", "background-2", "background-3"]
    api = block.get_api_representation(value)
    assert [item["value"]["anchor"] for item in api] == [
        "background",
        "background-2",
        "background-3",
    ]


def test_bulk_prefetch_hook_is_called_once_with_every_value() -> None:
    make_units(2)
    calls = []

    class LatestStoryBlock(blocks.StructBlock):
        """Stands in for a reference block that lists stories: one query for all its values."""

        title = blocks.CharBlock()

        def bulk_prefetch(self, values: list, prefetch: StreamPrefetch) -> None:
            calls.append([value["title"] for value in values])
            stories = list(Page.objects.filter(slug__startswith="story-").order_by("slug")[:3])
            for story in stories:
                prefetch.add_page(story)
            prefetch.extra["latest_stories"] = stories

        def render_basic(self, value, context=None) -> str:
            prefetch = context[PREFETCH_CONTEXT_KEY]
            return ", ".join(
                prefetch.page_url(story) or "" for story in prefetch.extra["latest_stories"]
            )

    class Stream(PrefetchingStreamBlock):
        heading = HeadingBlock()
        latest = LatestStoryBlock()

    stream = Stream()
    value = stream.to_python(
        [
            child("latest", {"title": "One"}),
            child("heading", {"text": "Between", "level": "h2", "anchor": ""}),
            child("latest", {"title": "Two"}),
        ]
    )
    html = stream.render(value)
    assert calls == [["One", "Two"]]
    assert html.count("/stories/story-0-a/, /stories/story-0-b/, /stories/story-1-a/") == 2


def test_prefetch_lookups_after_fetching_cost_no_query() -> None:
    units = viewed_units(3)
    block = BodyBlock()
    value = block.to_python(stream_json(units[:3]))
    prefetch = prefetch_stream(value)
    with CaptureQueriesContext(connection) as queries:
        for unit in units[:3]:
            assert prefetch.page(unit["pages"][0].pk).title == unit["pages"][0].title
            assert prefetch.document(unit["linked_document"].pk).pk == unit["linked_document"].pk
            image = prefetch.image(unit["image"].pk)
            assert prefetch.image_out(image, alt="x").renditions["thumbnail"].width == 400
    assert len(queries) == 0


def test_objects_registered_late_are_fetched_together_at_the_first_lookup() -> None:
    pages = [make_page(f"Late {i}", f"late-{i}") for i in range(5)]
    prefetch = StreamPrefetch()
    prefetch.fetch()
    for page in pages:
        prefetch.add_page(page.pk)
    assert not prefetch.fetched
    with CaptureQueriesContext(connection) as queries:
        assert [prefetch.page(page.pk).title for page in pages] == [p.title for p in pages]
    # The visibility rule's hidden sections, then every page in one query.
    assert len(queries) == 2
    assert prefetch.fetched


def test_a_deleted_object_is_looked_for_once() -> None:
    prefetch = StreamPrefetch()
    prefetch.add_document(999999)
    prefetch.add_image(999999)
    prefetch.fetch()
    with CaptureQueriesContext(connection) as queries:
        assert prefetch.document(999999) is None
        assert prefetch.image(999999) is None
    assert len(queries) == 0


def test_page_template_looping_over_the_stream_can_share_one_prefetch() -> None:
    """A page template that wraps each block itself passes the prefetch in its context."""
    units = viewed_units(5)
    block = BodyBlock()
    value = block.to_python(stream_json(units))
    prefetch = prefetch_stream(value)
    with CaptureQueriesContext(connection) as queries:
        html = "".join(str(item.render(context={PREFETCH_CONTEXT_KEY: prefetch})) for item in value)
    assert len(queries) == 0
    assert re.search(r'<a href="/stories/story-4-b/">second</a>', html)


def test_rich_text_links_follow_the_active_language(locales) -> None:
    page = make_page("Mission", "mission")
    french = page.copy_for_translation(locales["fr"], copy_parents=True)
    french.save_revision().publish()
    block = BodyBlock()
    value = block.to_python([child("text", f'<p><a linktype="page" id="{page.pk}">m</a></p>')])
    assert '<a href="/mission/">m</a>' in block.render(value)
    with translation.override("fr"):
        html = block.render(block.to_python(value.get_prep_value()))
    assert f'<a href="{french.url}">m</a>' in html
    assert french.url.startswith("/fr/")
