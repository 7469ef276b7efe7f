"""StreamField blocks, one module per family; every public name is importable from here.

``text`` (rich text, heading, quote, fact box), ``media`` (image, gallery,
video), ``documents`` (document list, download), ``data`` (key figures,
timeline, table), ``layout`` (link, call to action, accordion), ``references``
(States, structures, fields of work, related stories, upcoming meetings) and
``streams`` (the story and meeting bodies). ``representation`` holds the API
shapes shared with the headless API, ``prefetch`` the bulk fetching that keeps a
stream's cost constant.

``references`` and ``streams`` build on the API's snippet schemas, which in turn
use ``representation``; their names are therefore loaded on first access, so
that importing ``wagtail_osce.api`` first never meets a half-imported module.
"""

from importlib import import_module
from typing import Any

from . import data, documents, layout, media, prefetch, text
from .data import *  # noqa: F403
from .documents import *  # noqa: F403
from .layout import *  # noqa: F403
from .media import *  # noqa: F403
from .prefetch import *  # noqa: F403
from .representation import (
    DocumentOut,
    FocalPointOut,
    ImageOut,
    LinkOut,
    PageLinkOut,
    RenditionOut,
    RichTextOut,
    document_out,
    image_out,
    page_link_out,
)
from .text import *  # noqa: F403

_LAZY_MODULES = {
    "references": [
        "FieldsOfWorkBlock",
        "FieldsOfWorkOut",
        "MeetingCardOut",
        "ReferenceChooserBlock",
        "RelatedStoriesBlock",
        "RelatedStoriesOut",
        "StatesBlock",
        "StatesOut",
        "StoryCardOut",
        "StructuresBlock",
        "StructuresOut",
        "UpcomingMeetingsBlock",
        "UpcomingMeetingsOut",
    ],
    "streams": [
        "MEETING_DOCUMENT_KINDS",
        "MeetingBodyBlock",
        "MeetingDocumentBlock",
        "MeetingDocumentOut",
        "MeetingDocumentsBlock",
        "RelatedStoriesStreamBlock",
        "StoryBodyBlock",
    ],
}
_LAZY_NAMES = {name: module for module, names in _LAZY_MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        return import_module(f"{__name__}.{name}")
    if name in _LAZY_NAMES:
        return getattr(import_module(f"{__name__}.{_LAZY_NAMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    *text.__all__,
    *media.__all__,
    *documents.__all__,
    *data.__all__,
    *layout.__all__,
    *_LAZY_MODULES["references"],
    *_LAZY_MODULES["streams"],
    *prefetch.__all__,
    "DocumentOut",
    "FocalPointOut",
    "ImageOut",
    "LinkOut",
    "PageLinkOut",
    "RenditionOut",
    "RichTextOut",
    "document_out",
    "image_out",
    "page_link_out",
]
