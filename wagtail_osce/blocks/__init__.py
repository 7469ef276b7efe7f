"""StreamField blocks, one module per family; every public name is importable from here.

``text`` (rich text, heading, quote, fact box), ``media`` (image, gallery,
video), ``documents`` (document list, download), ``data`` (key figures,
timeline, table), ``layout`` (link, call to action, accordion), ``references``
(States, structures, fields of work, related stories, upcoming meetings) and
``streams`` (the story and meeting bodies). ``prefetch`` holds the bulk fetching
that keeps a stream's cost constant, ``schema`` the API type of a stream. The
shapes the blocks represent themselves with live in
:mod:`wagtail_osce.representation`.
"""

from wagtail_osce.representation.common import dump
from wagtail_osce.representation.links import LinkOut, PageLinkOut, RichTextOut, page_link_out
from wagtail_osce.representation.media import (
    DocumentOut,
    FocalPointOut,
    ImageOut,
    RenditionOut,
    document_out,
    image_out,
)

from . import base, data, documents, layout, media, prefetch, references, streams, text
from .base import *  # noqa: F403
from .data import *  # noqa: F403
from .documents import *  # noqa: F403
from .layout import *  # noqa: F403
from .media import *  # noqa: F403
from .prefetch import *  # noqa: F403
from .references import *  # noqa: F403
from .streams import *  # noqa: F403
from .text import *  # noqa: F403

__all__ = [
    *base.__all__,
    *text.__all__,
    *media.__all__,
    *documents.__all__,
    *data.__all__,
    *layout.__all__,
    *references.__all__,
    *streams.__all__,
    *prefetch.__all__,
    "DocumentOut",
    "FocalPointOut",
    "ImageOut",
    "LinkOut",
    "PageLinkOut",
    "RenditionOut",
    "RichTextOut",
    "document_out",
    "dump",
    "image_out",
    "page_link_out",
]
