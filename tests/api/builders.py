"""Helpers shared by the test modules of this folder."""

from __future__ import annotations

import datetime
import io

from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from wagtail_osce.pages.models import MeetingIndexPage, MeetingPage, StoryIndexPage, StoryPage

API = "/api/osce"


def site_root() -> Page:
    return Site.objects.get(is_default_site=True).root_page.specific


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_page(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    return publish(page)


def story_index(parent: Page | None = None, slug: str = "stories") -> StoryIndexPage:
    return add_page(parent or site_root(), StoryIndexPage(title="Stories", slug=slug))


def meeting_index(parent: Page | None = None, slug: str = "meetings") -> MeetingIndexPage:
    return add_page(parent or site_root(), MeetingIndexPage(title="Meetings", slug=slug))


def story(
    index: Page,
    title: str,
    date: datetime.date = datetime.date(2024, 5, 1),
    *,
    fields=(),
    sources=(),
    countries=(),
    body=None,
    **kwargs,
) -> StoryPage:
    page = StoryPage(
        title=title, slug=kwargs.pop("slug", None) or _slug(title), date=date, **kwargs
    )
    if body is not None:
        page.body = body
    page.fields_of_work = list(fields)
    page.sources = list(sources)
    page.countries = list(countries)
    return add_page(index, page)


def meeting(index: Page, title: str, start: datetime.datetime, end=None, **kwargs) -> MeetingPage:
    page = MeetingPage(
        title=title,
        slug=kwargs.pop("slug", None) or _slug(title),
        start=start,
        end=end or start + datetime.timedelta(hours=3),
        **kwargs,
    )
    return add_page(index, page)


def translate(page: Page, locale, title: str | None = None) -> Page:
    """Translate ``page`` (and any untranslated ancestors) into ``locale`` and publish it."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    for ancestor in translated.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.live:
            publish(ancestor)
    translated = translated.specific
    if title:
        translated.title = title
    return publish(translated)


def make_image(title: str = "Photo"):
    return get_image_model().objects.create(title=title, file=get_test_image_file())


def snippet(model, slug: str, locale, **fields):
    """A reference snippet in ``locale``; translations share the English row's key."""
    english = model.objects.filter(slug=slug).first()
    extra = {"translation_key": english.translation_key} if english else {}
    return model.objects.create(slug=slug, locale=locale, **extra, **fields)


def _slug(title: str) -> str:
    from django.utils.text import slugify

    return slugify(title)


def ids(body) -> list[int]:
    return [item["id"] for item in body["results"]]


def get(client, url: str, **headers):
    """The response and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def url_of(page) -> str:
    return f"{API}/stories/{page.pk}"


def tiny_image(n: int):
    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 24), (n % 255, 90, 160)).save(buffer, format="PNG")
    buffer.seek(0)
    return get_image_model().objects.create(
        title=f"Image {n}", file=ImageFile(buffer, name=f"image-{n}.png")
    )


def fast_story(parent, n: int, **fields) -> StoryPage:
    """A live story without a revision, for building hundreds quickly."""
    page = StoryPage(
        title=f"Linked {n}", slug=f"linked-{n}", date=datetime.date(2024, 1, 1), **fields
    )
    parent.add_child(instance=page)
    return page


def unit(n: int, pages: list, images: list, refs: dict) -> list[dict]:
    """One block unit: a heading, rich text with two page links, an image and three reference cards."""
    first, second = pages[2 * n], pages[2 * n + 1]
    pick = lambda items, k: items[(n + k) % len(items)].pk  # noqa: E731
    return [
        {"type": "heading", "value": {"text": f"Section {n}", "level": "h2", "anchor": ""}},
        {
            "type": "rich_text",
            "value": (
                f'<p><a linktype="page" id="{first.pk}">one</a> and '
                f'<a linktype="page" id="{second.pk}">two</a></p>'
            ),
        },
        {
            "type": "image",
            "value": {
                "image": images[n].pk,
                "alt_text": "Alt",
                "decorative": False,
                "caption": "",
                "credit": "",
            },
        },
        {
            "type": "states",
            "value": {"heading": "", "states": [pick(refs["states"], 0), pick(refs["states"], 1)]},
        },
        {
            "type": "structures",
            "value": {"heading": "", "structures": [pick(refs["structures"], 0)]},
        },
        {
            "type": "fields_of_work",
            "value": {"heading": "", "fields_of_work": [pick(refs["fields"], 0)]},
        },
    ]
