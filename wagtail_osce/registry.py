"""The content types the package serves: its six reference snippets and the site's story and
meeting page models.

The admin menu, the API's endpoints, cache invalidation, purging and the seeder
all read the snippet types from here, so a seventh type is added in one place.
Which page models are "stories" and "meetings" comes from the settings
``STORY_PAGE_MODELS`` and ``MEETING_PAGE_MODELS``, so a site's own page types
built on the package's mixins are served like the package's defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model

from .conf import osce_settings


@dataclass(frozen=True)
class SnippetType:
    """A reference snippet model and how it is served.

    ``endpoint`` is its URL segment in the APIs (``/states``); ``related`` and
    ``images`` are what loading a row for its representation joins in
    (``select_related``) and whose renditions it prefetches.
    """

    label: str
    endpoint: str
    related: tuple[str, ...] = ()
    images: tuple[str, ...] = ()

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.label)


SNIPPET_TYPES: tuple[SnippetType, ...] = (
    SnippetType("wagtail_osce.ParticipatingState", "states", images=("flag",)),
    SnippetType("wagtail_osce.Partner", "partners"),
    SnippetType("wagtail_osce.Structure", "structures", related=("parent", "host_state")),
    SnippetType("wagtail_osce.FieldOfWork", "fields-of-work"),
    SnippetType("wagtail_osce.MeetingSeries", "meeting-series"),
    SnippetType("wagtail_osce.Chairpersonship", "chairpersonships", related=("state",)),
)


def snippet_types() -> tuple[SnippetType, ...]:
    """Every reference snippet type, in menu order."""
    return SNIPPET_TYPES


def snippet_models() -> list[type[Model]]:
    """Every reference snippet model, in menu order."""
    return [kind.model for kind in SNIPPET_TYPES]


def snippet_type(model: type[Model]) -> SnippetType:
    """The registration of a snippet model; a ``KeyError`` for a model that is not one."""
    label = model._meta.label
    for kind in SNIPPET_TYPES:
        if kind.label == label:
            return kind
    raise KeyError(label)


def _models(labels: list[str] | tuple[str, ...]) -> list[type[Model]]:
    return [apps.get_model(label) for label in labels]


def story_page_models() -> list[type[Model]]:
    """The page models served as stories (``WAGTAIL_OSCE["STORY_PAGE_MODELS"]``)."""
    return _models(osce_settings.STORY_PAGE_MODELS)


def meeting_page_models() -> list[type[Model]]:
    """The page models served as meetings (``WAGTAIL_OSCE["MEETING_PAGE_MODELS"]``)."""
    return _models(osce_settings.MEETING_PAGE_MODELS)
