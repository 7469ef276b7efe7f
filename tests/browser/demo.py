"""The example site as the browser tests find it: logins, the image to choose, the index pages."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from playwright.sync_api import Page
from wagtail.images import get_image_model
from wagtail.models import Locale, Site

from wagtail_osce.models import MeetingIndexPage, StoryIndexPage

#: The logins ``manage.py osce_demo`` creates, with the passwords the tests give it.
EDITOR_USERNAME = "admin"
EDITOR_PASSWORD = "osce-demo-admin"
TRANSLATOR_USERNAME = "translator"
TRANSLATOR_PASSWORD = "translate-me-2"
LIBRARY_IMAGE_TITLE = "Border crossing at dawn"


@dataclass
class DemoSite:
    """The running example site and the objects the flows start from."""

    url: str
    story_index: StoryIndexPage
    meeting_index: MeetingIndexPage
    image: Any

    def absolute(self, path: str) -> str:
        """The live server's URL for a root-relative path."""
        return self.url.rstrip("/") + path


def library_image() -> Any:
    """An image in the library for the editor to choose, generated rather than shipped."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=LIBRARY_IMAGE_TITLE).first()
    if existing is not None:
        return existing
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 400), (38, 84, 150)).save(buffer, "PNG")
    return image_model.objects.create(
        title=LIBRARY_IMAGE_TITLE, file=ImageFile(buffer, name="border-crossing.png")
    )


def index_page(model: type, title: str, slug: str) -> Any:
    """The default-locale index page of ``model``: the demo content's, else a new one."""
    default_locale = Locale.get_default()
    existing = model.objects.filter(locale=default_locale).live().first()
    if existing is not None:
        return existing
    home = Site.objects.get(is_default_site=True).root_page
    page = home.add_child(instance=model(title=title, slug=slug, locale=default_locale))
    page.save_revision().publish()
    return page


def get_json(page: Page, site: DemoSite, path: str) -> Any:
    """GET an API path as a frontend would (from the browser's context) and insist on a 200."""
    response = page.request.get(site.absolute(path))
    assert response.status == 200, f"{path}: {response.status} {response.text()[:500]}"
    return response.json()
