"""Factories for the story and meeting pages, built with wagtail-factories.

Pages are created live under the given ``parent`` (default: the default site's
root page). Snippet relations are passed as lists::

    story = StoryPageFactory(parent=index, fields_of_work=[policing], countries=[austria])
"""

from __future__ import annotations

import datetime
import io
from typing import Any

import factory
import wagtail_factories
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from wagtail_osce.pages.models import MeetingIndexPage, MeetingPage, StoryIndexPage, StoryPage


def site_root() -> Any:
    """The default site's root page: where test indexes go unless told otherwise."""
    return Site.objects.get(is_default_site=True).root_page


def make_image(title: str = "Test image", size: tuple[int, int] = (640, 360)) -> Any:
    """A real (small) PNG saved as a Wagtail image in the root collection."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (0, 90, 160)).save(buffer, format="PNG")
    buffer.seek(0)
    image = get_image_model()(
        title=title,
        collection=Collection.get_first_root_node(),
        file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png"),
    )
    image.save()
    return image


def _set_m2m(name: str):
    """A post-generation hook that sets a ParentalManyToManyField and saves the page."""

    def hook(obj: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
        if extracted is None:
            return
        getattr(obj, name).set(extracted)
        if create:
            obj.save()

    hook.__name__ = name
    return factory.PostGeneration(hook)


class _OscePageFactory(wagtail_factories.PageFactory):
    """Live pages under the site's root page unless ``parent`` says otherwise."""

    class Meta:
        abstract = True

    parent = factory.LazyFunction(site_root)
    live = True


class StoryIndexPageFactory(_OscePageFactory):
    class Meta:
        model = StoryIndexPage

    title = factory.Sequence(lambda n: f"Stories {n}")
    intro = "<p>Stories about the organisation's work.</p>"


class StoryPageFactory(_OscePageFactory):
    class Meta:
        model = StoryPage
        skip_postgeneration_save = True

    parent = factory.SubFactory(StoryIndexPageFactory)
    title = factory.Sequence(lambda n: f"Story {n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    lead = factory.LazyAttribute(lambda o: f"The lead of {o.title}.")
    body = factory.LazyAttribute(
        lambda o: [{"type": "rich_text", "value": f"<p>The body of {o.title}.</p>"}]
    )

    sources = _set_m2m("sources")
    fields_of_work = _set_m2m("fields_of_work")
    countries = _set_m2m("countries")


class MeetingIndexPageFactory(_OscePageFactory):
    class Meta:
        model = MeetingIndexPage

    title = factory.Sequence(lambda n: f"Meetings {n}")
    intro = "<p>Meetings and conferences.</p>"


class MeetingPageFactory(_OscePageFactory):
    class Meta:
        model = MeetingPage

    parent = factory.SubFactory(MeetingIndexPageFactory)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    start = factory.Sequence(
        lambda n: (
            timezone.make_aware(datetime.datetime(2024, 12, 5, 9, 0)) + datetime.timedelta(days=n)
        )
    )
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=8))
    city = "Vienna"
    lead = factory.LazyAttribute(lambda o: f"About {o.title}.")
