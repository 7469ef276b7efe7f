"""Responsive image sets: one aspect ratio per named use, several widths, modern formats.

``WAGTAIL_OSCE["IMAGE_USES"]``, ``["IMAGE_WIDTHS"]`` and ``["IMAGE_FORMATS"]`` say which
renditions an image offers a frontend: for each use (a card, a hero, an image in the
text) the same crop at every width, so a ``srcset`` is valid, in AVIF and WebP where
Pillow writes them and in the original format as the fallback. Crops are Wagtail's
``fill`` (centred on the editor's focal point); the original ratio is ``width-N``.
Images are never enlarged: a width above what the crop of the original holds is left
out, and the crop's own width is offered instead when no configured width fits (or it
is well above the widest that does). The specs depend on the image's size, which is
known once the image is loaded: a response fetches the renditions of all its images in
one query (:func:`image_specs`).
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri
from pydantic import BaseModel, Field
from wagtail.images.models import AbstractRendition

from wagtail_osce.conf import osce_settings

if TYPE_CHECKING:
    from wagtail.images.models import AbstractImage

__all__ = [
    "ImageSourceOut",
    "ImageUse",
    "ImageUseOut",
    "file_url",
    "image_formats",
    "image_specs",
    "image_uses",
    "image_widths",
    "media_url",
    "rendition_url",
    "rendition_urls",
    "use_specs",
]

#: Formats a site may ask for, with their MIME types.
FORMAT_TYPES = {
    "avif": "image/avif",
    "webp": "image/webp",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
#: The fallback ``src`` is the original-format rendition closest to this width.
FALLBACK_WIDTH = 960
#: A crop this much wider than the largest configured width that fits is offered too.
_EXTRA_WIDTH_FACTOR = 1.2


class ImageSourceOut(BaseModel):
    """One ``<source>`` of a ``<picture>``: a format and its candidates at every width."""

    type: str = Field(description='MIME type, e.g. "image/avif".')
    srcset: str = Field(
        description='Candidates "URL 640w, URL 960w", the same crop at every width, narrowest first.'
    )


class ImageUseOut(BaseModel):
    """An image prepared for one use (card, hero, ...): ``<source>`` sets and an ``<img>`` fallback."""

    aspect_ratio: str | None = Field(
        description='The crop, "16:9"; null for the original ratio.',
    )
    sources: list[ImageSourceOut] = Field(
        description="Preferred formats first (AVIF, WebP), the original format last."
    )
    src: str = Field(description="Fallback URL, original format.")
    width: int = Field(description="Width of the fallback in pixels.")
    height: int = Field(description="Height of the fallback in pixels; the ratio of every source.")


@dataclass(frozen=True)
class ImageUse:
    """A named use and its crop ratio (None keeps the original ratio)."""

    name: str
    ratio: Fraction | None
    label: str | None


def _bad(key: str, message: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f'WAGTAIL_OSCE["{key}"]: {message}')


@lru_cache(maxsize=8)
def _parse_uses(items: tuple[tuple[Any, Any], ...]) -> tuple[ImageUse, ...]:
    if not items:
        raise _bad("IMAGE_USES", "name at least one use.")
    uses = []
    for name, ratio in items:
        if not isinstance(name, str) or not name:
            raise _bad("IMAGE_USES", f"use names are non-empty strings, not {name!r}.")
        if ratio is None:
            uses.append(ImageUse(name, None, None))
            continue
        try:
            width, height = (int(part) for part in str(ratio).split(":"))
        except ValueError:
            width = height = 0
        if not isinstance(ratio, str) or width <= 0 or height <= 0:
            raise _bad(
                "IMAGE_USES",
                f'{name!r} must be a ratio such as "16:9", or None for the original ratio, '
                f"not {ratio!r}.",
            )
        uses.append(ImageUse(name, Fraction(width, height), f"{width}:{height}"))
    return tuple(uses)


def image_uses() -> tuple[ImageUse, ...]:
    """The configured uses; ImproperlyConfigured naming ``IMAGE_USES`` when malformed."""
    value = osce_settings.IMAGE_USES
    if not isinstance(value, dict):
        raise _bad("IMAGE_USES", f"a dict of use names to ratios, not {value!r}.")
    try:
        return _parse_uses(tuple(value.items()))
    except TypeError:  # an unhashable ratio, such as a list
        raise _bad(
            "IMAGE_USES", f'ratios are strings such as "16:9" or None, not {value!r}.'
        ) from None


def image_widths() -> tuple[int, ...]:
    """The configured widths, narrowest first."""
    value = osce_settings.IMAGE_WIDTHS
    if (
        not isinstance(value, (list, tuple))
        or not value
        or not all(isinstance(width, int) and not isinstance(width, bool) for width in value)
        or min(value) <= 0
    ):
        raise _bad("IMAGE_WIDTHS", f"a non-empty list of positive pixel widths, not {value!r}.")
    return tuple(sorted(set(value)))


@lru_cache(maxsize=8)
def _pillow_writes(name: str) -> bool:
    from PIL import features

    return bool(features.check(name)) if name in ("avif", "webp") else True


def image_formats() -> tuple[str, ...]:
    """The configured preferred formats that Pillow can write, in order."""
    value = osce_settings.IMAGE_FORMATS
    if not isinstance(value, (list, tuple)) or any(name not in FORMAT_TYPES for name in value):
        raise _bad(
            "IMAGE_FORMATS",
            f"a list of formats among {', '.join(FORMAT_TYPES)}, not {value!r}.",
        )
    return tuple(name for name in dict.fromkeys(value) if _pillow_writes(name))


def check_settings() -> None:
    """Read every image setting once, raising ImproperlyConfigured for the first bad one."""
    image_uses()
    image_widths()
    image_formats()
    media_url("/")


def _base_spec(use: ImageUse, width: int) -> str:
    if use.ratio is None:
        return f"width-{width}"
    return f"fill-{width}x{round(width / use.ratio)}"


def _widths_for(
    use: ImageUse, image_width: int, image_height: int, configured: tuple[int, ...]
) -> list[int]:
    """The widths this use offers for an image of this size: never wider than its crop."""
    crop = image_width if use.ratio is None else min(image_width, image_height * use.ratio)
    widest = max(int(crop), 1)
    widths = [width for width in configured if width <= widest]
    if not widths or (widest < configured[-1] and widest >= widths[-1] * _EXTRA_WIDTH_FACTOR):
        widths.append(widest)
    return widths


def _format_specs(
    base: str, is_svg: bool, formats: tuple[str, ...]
) -> list[tuple[str | None, str]]:
    """(format or None for the original, spec) pairs, preferred formats first."""
    if is_svg:
        # Raster formats do not apply to SVG files: they keep their own format.
        return [(None, base)]
    return [(name, f"{base}|format-{name}") for name in formats] + [(None, base)]


def use_specs(image: AbstractImage) -> dict[str, list[tuple[str | None, list[tuple[int, str]]]]]:
    """Per use, per format, the (width, spec) pairs this image offers.

    The result depends on the image's size and the settings alone, so it is computed
    once per size (a response asks for it several times per image); do not change it.
    """
    is_svg = bool(getattr(image, "is_svg", lambda: False)())
    return _use_specs(
        image_uses(), image_widths(), image_formats(), image.width, image.height, is_svg
    )


@lru_cache(maxsize=1024)
def _use_specs(
    uses: tuple[ImageUse, ...],
    widths: tuple[int, ...],
    formats: tuple[str, ...],
    width: int,
    height: int,
    is_svg: bool,
) -> dict[str, list[tuple[str | None, list[tuple[int, str]]]]]:
    result: dict[str, list[tuple[str | None, list[tuple[int, str]]]]] = {}
    for use in uses:
        bases = [(w, _base_spec(use, w)) for w in _widths_for(use, width, height, widths)]
        by_format: dict[str | None, list[tuple[int, str]]] = {}
        for w, base in bases:
            for name, spec in _format_specs(base, is_svg, formats):
                by_format.setdefault(name, []).append((w, spec))
        result[use.name] = list(by_format.items())
    return result


def image_specs(image: AbstractImage) -> list[str]:
    """Every spec the image's responsive sets need."""
    return [
        spec for formats in use_specs(image).values() for _, pairs in formats for _, spec in pairs
    ]


def make_renditions(image: AbstractImage) -> None:
    """Make every rendition the image's responsive sets need, so no visitor waits for them."""
    image.get_renditions(*image_specs(image))


def file_url(file: Any) -> str:
    """A stored file's URL, as ``file.url`` gives it, without ``urljoin`` on local storage.

    ``FileSystemStorage.url`` joins ``base_url`` and the quoted name; for a name without
    empty, ``.`` or ``..`` segments that is a concatenation. Other storages answer themselves.
    """
    storage = file.storage
    # Django's default storage is a lazy proxy: look through it once it is set up.
    storage = getattr(storage, "_wrapped", storage)
    name = file.name
    if type(storage).url is FileSystemStorage.url and name:
        base = storage.base_url
        path = filepath_to_uri(name).lstrip("/")
        if (
            isinstance(base, str)
            and base.endswith("/")
            and all(s not in ("", ".", "..") for s in path.split("/"))
        ):
            return base + path
    return file.url


def rendition_url(rendition: AbstractRendition) -> str:
    """A rendition's ``url``: :func:`file_url` unless its model says otherwise."""
    if type(rendition).url is AbstractRendition.url:
        return file_url(rendition.file)
    return rendition.url


def rendition_urls(renditions: dict[str, AbstractRendition]) -> dict[str, str]:
    """Each rendition's URL as the API shows it (see :func:`media_url`), by spec."""
    base = media_base_url()
    return {spec: _absolute(rendition_url(r), base) for spec, r in renditions.items()}


def media_base_url() -> str | None:
    """Where media URLs are made absolute: ``MEDIA_BASE_URL``, else ``API_BASE_URL``."""
    for key in ("MEDIA_BASE_URL", "API_BASE_URL"):
        value = getattr(osce_settings, key, None)
        if value is None or value == "":
            continue
        if not isinstance(value, str) or not value.startswith(("http://", "https://")):
            raise _bad(key, f'an absolute URL such as "https://cms.example.org", not {value!r}.')
        return value.rstrip("/")
    return None


def media_url(url: str) -> str:
    """A root-relative media URL made absolute with the configured base; others unchanged."""
    return _absolute(url, media_base_url())


def _absolute(url: str, base: str | None) -> str:
    if base and url.startswith("/") and not url.startswith("//"):
        return base + url
    return url


def _mime_type(name: str | None, rendition: AbstractRendition) -> str:
    if name is not None:
        return FORMAT_TYPES[name]
    return _guess_type(os.path.splitext(rendition.file.name)[1].lower())


@lru_cache(maxsize=64)
def _guess_type(extension: str) -> str:
    guessed, _ = mimetypes.guess_type(f"file{extension}")
    return guessed or "application/octet-stream"


def use_outs(
    image: AbstractImage,
    renditions: dict[str, AbstractRendition],
    urls: dict[str, str] | None = None,
) -> dict[str, ImageUseOut]:
    """The responsive set of each use, from the image's renditions by spec.

    ``urls`` are the renditions' URLs by spec (:func:`rendition_urls`), when known.
    A use whose fallback rendition is missing (an unreadable original) is left out.
    """
    if urls is None:
        urls = rendition_urls(renditions)
    labels = {use.name: use.label for use in image_uses()}
    result = {}
    for use_name, formats in use_specs(image).items():
        sources = []
        fallback = None
        for name, pairs in formats:
            found = [(spec, renditions[spec]) for _, spec in pairs if spec in renditions]
            if not found:
                continue
            by_width = {}
            for spec, rendition in found:
                by_width.setdefault(rendition.width, (spec, rendition))
            srcset = ", ".join(
                f"{urls[spec]} {width}w" for width, (spec, _) in sorted(by_width.items())
            )
            sources.append(ImageSourceOut(type=_mime_type(name, found[0][1]), srcset=srcset))
            if name is None:
                fallback = min(
                    by_width.values(), key=lambda item: abs(item[1].width - FALLBACK_WIDTH)
                )
        if fallback is None:
            continue
        spec, rendition = fallback
        result[use_name] = ImageUseOut(
            aspect_ratio=labels[use_name],
            sources=sources,
            src=urls[spec],
            width=rendition.width,
            height=rendition.height,
        )
    return result


def content_srcset(
    image: AbstractImage, renditions: dict[str, AbstractRendition], *, absolute: bool
) -> str:
    """The original-format ``srcset`` of the first use keeping the original ratio, or ""."""
    for use in image_uses():
        if use.ratio is not None:
            continue
        for name, pairs in use_specs(image)[use.name]:
            if name is not None:
                continue
            by_width = {}
            for _, spec in pairs:
                if spec in renditions:
                    by_width.setdefault(renditions[spec].width, renditions[spec])
            return ", ".join(
                f"{media_url(rendition_url(r)) if absolute else rendition_url(r)} {width}w"
                for width, r in sorted(by_width.items())
            )
    return ""
