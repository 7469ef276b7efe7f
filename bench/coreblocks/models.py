"""A page whose body is made of Wagtail's core blocks only, served by Wagtail's v3 API.

One unit of its body mirrors a unit of the package's benchmark story: a heading, a
rich text with two page links, an image and three cards. Wagtail core has no
reference cards, so a card is a struct of a title, a text and a page link.
"""

from __future__ import annotations

from typing import Any, ClassVar

from wagtail import blocks
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    text = blocks.TextBlock(required=False)
    page = blocks.PageChooserBlock(required=False)


class CoreBlocksPage(Page):
    """A page of core blocks; its body is in the v3 API's fields."""

    body = StreamField(
        [
            ("heading", blocks.CharBlock()),
            ("rich_text", blocks.RichTextBlock()),
            ("image", ImageChooserBlock()),
            ("card", CardBlock()),
        ],
        blank=True,
    )

    api_fields: ClassVar[list[Any]] = [APIField("body")]
