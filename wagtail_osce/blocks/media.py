"""Media blocks: a captioned and credited image, a gallery and a video embed."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel
from wagtail import blocks
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.finders import get_finders
from wagtail.images.blocks import ImageChooserBlock

from wagtail_osce.blocks.base import BlockContext, OsceStructBlock, blank, or_none
from wagtail_osce.blocks.prefetch import StreamPrefetch
from wagtail_osce.blocks.text import SynchronisedChildrenMixin
from wagtail_osce.representation.media import ImageOut, get_image_renditions

__all__ = [
    "ALT_TEXT_HELP",
    "ALT_TEXT_REQUIRED",
    "CREDIT_PREFIX",
    "GalleryBlock",
    "GalleryOut",
    "ImageBlock",
    "ImageBlockOut",
    "VideoBlock",
    "VideoOut",
    "embed_url_is_supported",
]

#: Photos are credited to the organisation and the photographer: "OSCE/Name".
CREDIT_PREFIX = "OSCE/"
_CREDIT_PREFIX_RE = re.compile(r"^\s*OSCE\s*/", re.IGNORECASE)

#: One alt-text rule for every image an editor places: the image block and a story's hero.
ALT_TEXT_HELP = _(
    "What the image shows, for people who cannot see it. Required unless the image is "
    "decorative or its description in the image library already says it."
)
ALT_TEXT_REQUIRED = _("Describe the image for people who cannot see it, or mark it as decorative.")


class ImageBlockOut(BaseModel):
    """An image as a story shows it; ``credit`` reads "OSCE/Name", ready to display."""

    image: ImageOut | None
    caption: str | None
    credit: str | None
    decorative: bool


class ImageBlock(SynchronisedChildrenMixin, OsceStructBlock):
    """An image with alt text, caption and credit, as a story illustrates its text."""

    # A photographer's name is not translated; alt text and caption are.
    synchronised_children = ("credit",)

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Alt text"),
        help_text=ALT_TEXT_HELP,
    )
    decorative = blocks.BooleanBlock(
        required=False,
        default=False,
        label=_("Decorative image"),
        help_text=_("Tick only if the image adds nothing to the text: screen readers skip it."),
    )
    caption = blocks.CharBlock(required=False, max_length=500, label=_("Caption"))
    credit = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Credit"),
        help_text=_(
            'The photographer\'s name only, e.g. Micky Kroell: shown as "OSCE/Micky Kroell".'
        ),
    )

    api_schema = ImageBlockOut

    @staticmethod
    def credit_for(value: blocks.StructValue | dict[str, Any]) -> str | None:
        """The credit line as shown: the organisation's prefix and the stored name."""
        name = (value.get("credit") or "").strip()
        return f"{CREDIT_PREFIX}{name}" if name else None

    @staticmethod
    def alt_for(value: blocks.StructValue | dict[str, Any], image: Any = None) -> str:
        """The alt text as given, else the image library's description; "" if decorative."""
        if value.get("decorative"):
            return ""
        given = (value.get("alt_text") or "").strip()
        if given or image is None:
            return given
        # The description, not Wagtail's default_alt_text, which falls back to the file's title.
        return (getattr(image, "description", "") or "").strip()

    def validate(self, value: blocks.StructValue) -> dict[str, ValidationError]:
        errors = {}
        if (
            not self.is_deferred_validation
            and not value.get("decorative")
            and blank(value.get("alt_text"))
            and not self.alt_for(value, value.get("image"))
        ):
            errors["alt_text"] = ValidationError(ALT_TEXT_REQUIRED, code="alt_text_required")
        if _CREDIT_PREFIX_RE.match(value.get("credit") or ""):
            errors["credit"] = ValidationError(
                _('Enter the name only: "OSCE/" is added when the credit is shown.'),
                code="credit_prefix",
            )
        return errors

    def get_template_values(
        self, value: blocks.StructValue, prefetch: StreamPrefetch
    ) -> dict[str, Any]:
        image = prefetch.image(value.get("image"))
        renditions = get_image_renditions(image) if image is not None else {}
        src = renditions.get("medium") or (
            max(renditions.values(), key=lambda r: r.width) if renditions else None
        )
        srcset = ""
        if src is not None and src.height:
            # A srcset offers the same picture at several widths: leave out crops of
            # another shape, and keep one rendition per width (small originals are
            # never enlarged, so several specs can give the same width).
            ratio = src.width / src.height
            by_width = {src.width: src}
            for rendition in renditions.values():
                if rendition.height and abs(rendition.width / rendition.height - ratio) < 0.02:
                    by_width.setdefault(rendition.width, rendition)
            if len(by_width) > 1:
                srcset = ", ".join(f"{r.url} {width}w" for width, r in sorted(by_width.items()))
        return {
            "image": image,
            "src": src,
            "srcset": srcset,
            "alt": self.alt_for(value, image),
            "credit": self.credit_for(value),
        }

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> ImageBlockOut:
        image = ctx.prefetch.image(value.get("image"))
        return ImageBlockOut(
            image=ctx.prefetch.image_out(image, alt=self.alt_for(value, image)) if image else None,
            caption=or_none(value.get("caption")),
            credit=self.credit_for(value),
            decorative=bool(value.get("decorative")),
        )

    class Meta:
        group = _("Media")
        icon = "image"
        label = _("Image")
        help_text = _("An image with alt text, caption and photo credit.")
        template = "wagtail_osce/blocks/image.html"
        label_format = "{caption}"


class GalleryOut(BaseModel):
    """Two or more images shown together."""

    title: str | None
    images: list[ImageBlockOut]


class GalleryBlock(OsceStructBlock):
    """Several images shown together, each with its own alt text, caption and credit."""

    title = blocks.CharBlock(required=False, max_length=255, label=_("Title"))
    images = blocks.ListBlock(ImageBlock(), min_num=2, label=_("Images"))

    api_schema = GalleryOut

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> GalleryOut:
        image_block = self.child_blocks["images"].child_block
        return GalleryOut(
            title=or_none(value.get("title")),
            images=[image_block.api_value(item, ctx) for item in value.get("images") or []],
        )

    class Meta:
        group = _("Media")
        icon = "grid"
        label = _("Gallery")
        help_text = _("Two or more images shown together.")
        template = "wagtail_osce/blocks/gallery.html"


def embed_url_is_supported(url: str) -> bool:
    """Whether one of the configured embed finders (``WAGTAILEMBEDS_FINDERS``) accepts the URL.

    Only the providers' URL patterns are checked: no request leaves the server.
    """
    return any(finder.accept(url) for finder in get_finders())


class VideoOut(BaseModel):
    """An embedded video; the embed fields are null until the provider's answer is cached."""

    url: str
    title: str | None
    provider_name: str | None
    thumbnail_url: str | None
    html: str | None
    width: int | None
    height: int | None
    caption: str | None
    transcript: str | None


class VideoBlock(OsceStructBlock):
    """A video from a provider that allows embedding (YouTube, Vimeo, ...), with a transcript."""

    url = blocks.URLBlock(
        label=_("Video URL"),
        help_text=_("The address of the video on YouTube, Vimeo or another embeddable provider."),
    )
    caption = blocks.CharBlock(required=False, max_length=500, label=_("Caption"))
    transcript = blocks.TextBlock(
        required=False,
        label=_("Transcript"),
        help_text=_("What is said and shown, for people who cannot watch or hear the video."),
    )

    api_schema = VideoOut

    def validate(self, value: blocks.StructValue) -> dict[str, ValidationError]:
        url = (value.get("url") or "").strip()
        if url and not embed_url_is_supported(url):
            return {
                "url": ValidationError(
                    _("No video provider can embed this address. Use the link of the video page."),
                    code="unsupported_embed",
                )
            }
        return {}

    def prefetch_collect(self, value: blocks.StructValue, prefetch: StreamPrefetch) -> None:
        prefetch.add_embed_url(value.get("url"))

    def get_template_values(
        self, value: blocks.StructValue, prefetch: StreamPrefetch
    ) -> dict[str, Any]:
        url = value.get("url")
        embed = prefetch.embed(url)
        if embed is None and url:
            from wagtail.embeds.embeds import get_embed

            try:
                embed = get_embed(url)
            except EmbedException:
                embed = None
        return {"embed": embed}

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> VideoOut:
        embed = ctx.prefetch.embed(value.get("url"))
        return VideoOut(
            url=value.get("url") or "",
            title=or_none(embed.title) if embed else None,
            provider_name=or_none(embed.provider_name) if embed else None,
            thumbnail_url=or_none(embed.thumbnail_url) if embed else None,
            html=or_none(embed.html) if embed else None,
            width=embed.width if embed else None,
            height=embed.height if embed else None,
            caption=or_none(value.get("caption")),
            transcript=or_none(value.get("transcript")),
        )

    class Meta:
        group = _("Media")
        icon = "media"
        label = _("Video")
        help_text = _("An embedded video with an optional caption and transcript.")
        template = "wagtail_osce/blocks/video.html"
        label_format = "{caption}"
