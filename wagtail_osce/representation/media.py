"""Frontend-ready shapes for images and documents, and the builders that fill them.

Blocks, pages, snippets and the headless API share these pydantic models, so an
image looks the same wherever it appears: expanded, with renditions and sizes,
never a bare ID. URLs are what Wagtail gives: a rendition's and a document's
``url`` (absolute when the storage serves from another host, such as S3); image
URLs are made absolute with ``WAGTAIL_OSCE["MEDIA_BASE_URL"]`` (or ``API_BASE_URL``)
when one is set. The responsive sets per use come from
:mod:`wagtail_osce.representation.responsive`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.core.files.storage import FileSystemStorage
from django.db.models import Prefetch, QuerySet
from pydantic import BaseModel, Field
from wagtail.images import get_image_model
from wagtail.images.models import AbstractRendition, Filter, SourceImageIOError

from wagtail_osce.conf import osce_settings
from wagtail_osce.instances import from_rows
from wagtail_osce.representation.responsive import (
    ImageUseOut,
    image_specs,
    rendition_urls,
    use_outs,
)
from wagtail_osce.sql import ModelSql, placeholders

if TYPE_CHECKING:
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage


class RenditionOut(BaseModel):
    """One resized copy of an image, ready for ``src``/``srcset``."""

    url: str
    width: int
    height: int


class FocalPointOut(BaseModel):
    """The part of an image an editor marked as important, in original pixels (centre and size)."""

    x: int
    y: int
    width: int
    height: int


class ImageOut(BaseModel):
    """An image with its alt text, the renditions named in ``WAGTAIL_OSCE["RENDITIONS"]`` and a
    responsive set (``<picture>`` sources) per use named in ``WAGTAIL_OSCE["IMAGE_USES"]``."""

    id: int
    title: str
    alt: str = Field(description='Alternative text; "" for a decorative image.')
    width: int
    height: int
    focal_point: FocalPointOut | None
    renditions: dict[str, RenditionOut]
    uses: dict[str, ImageUseOut] = Field(
        description="Per use (card, hero, content...): the same crop at several widths and "
        "formats, ready for <picture> and srcset."
    )


class DocumentOut(BaseModel):
    """A downloadable document."""

    id: int
    title: str
    url: str
    file_size: int | None = Field(description="Size in bytes; null when the file is missing.")
    file_type: str = Field(description='Lower-case file extension, e.g. "pdf".')
    content_type: str


def rendition_specs() -> dict[str, str]:
    """The configured rendition names and filter specs, e.g. ``{"thumbnail": "fill-400x300"}``."""
    return dict(osce_settings.RENDITIONS)


def get_image_renditions(image: AbstractImage) -> dict[str, AbstractRendition]:
    """The configured renditions of an image by name; empty when the original file is missing.

    Uses renditions prefetched on the image (``prefetch_renditions`` or
    :class:`~wagtail_osce.blocks.prefetch.StreamPrefetch`), so it costs no query then.
    """
    specs = rendition_specs()
    found = get_renditions_by_spec(image, specs.values())
    return {name: found[spec] for name, spec in specs.items() if spec in found}


def get_renditions_by_spec(
    image: AbstractImage, specs: Iterable[str]
) -> dict[str, AbstractRendition]:
    """Renditions by filter spec, made in one go when missing; empty when the file is missing.

    When every one is among the renditions prefetched on the image they are picked
    from there directly; otherwise Wagtail's ``get_renditions`` finds or makes them.
    The filters are shared between calls: Wagtail parses a spec's operations (with
    ``inspect``) once per ``Filter``, which per image and spec was most of the time.
    """
    specs = list(dict.fromkeys(specs))
    found = _prefetched_renditions(image, specs)
    if found is not None:
        return found
    try:
        return image.get_renditions(*(_filter(spec) for spec in specs))
    except (SourceImageIOError, OSError):
        return {}


def _prefetched_renditions(
    image: AbstractImage, specs: list[str]
) -> dict[str, AbstractRendition] | None:
    """Each of ``specs`` from the image's prefetched renditions, or None when one is not there.

    A rendition matches as in Wagtail's ``find_existing_renditions``: same filter spec
    and the focal point key the filter gives for the image as it is now.
    """
    # Wagtail's own accessor: ``prefetch_related("renditions")`` or ``prefetched_renditions``.
    prefetched = image._get_prefetched_renditions()
    if prefetched is None or any("preserve-svg" in spec for spec in specs):
        return None
    wanted = set(specs)
    # Filters that vary on the same fields (every crop on the focal point) share one key.
    keys: dict[tuple[str, ...], str] = {}
    found: dict[str, AbstractRendition] = {}
    for rendition in prefetched:
        spec = rendition.filter_spec
        if spec not in wanted or spec in found:
            continue
        fields = _vary_fields(spec)
        key = keys.get(fields)
        if key is None:
            key = keys[fields] = _filter(spec).get_cache_key(image)
        if rendition.focal_point_key == key:
            found[spec] = rendition
    if len(found) < len(wanted):
        return None
    return {spec: found[spec] for spec in specs}


@lru_cache(maxsize=1024)
def _filter(spec: str) -> Filter:
    """One ``Filter`` per spec, its parsed operations kept (they depend on the spec alone)."""
    return Filter(spec=spec)


@lru_cache(maxsize=1024)
def _vary_fields(spec: str) -> tuple[str, ...]:
    """The image fields a spec's renditions depend on (what ``Filter.get_cache_key`` hashes)."""
    return tuple(
        field
        for operation in _filter(spec).operations
        for field in getattr(operation, "vary_fields", ())
    )


def image_rendition_specs(image: AbstractImage) -> list[str]:
    """Every spec the API shows for this image: the named renditions and the responsive sets."""
    return list(dict.fromkeys([*rendition_specs().values(), *image_specs(image)]))


def image_out(image: AbstractImage, alt: str | None = "") -> ImageOut:
    """Expand an image for the API. ``alt=None`` takes the image's own default alt text.

    All the image's renditions are fetched (or made) in one ``get_renditions`` call.
    An image whose renditions were loaded with it is built once per process for
    what it is built from (see :func:`_shape_key`); only its alt text varies by use.
    """
    key = _shape_key(image)
    fields = _IMAGE_SHAPES.get(key) if key is not None else None
    if fields is None:
        fields = _image_fields(image)
        # Under the renditions as they are now: building may have made missing ones.
        key = _shape_key(image)
        if key is not None:
            if len(_IMAGE_SHAPES) >= IMAGE_SHAPES_MAX:
                _IMAGE_SHAPES.clear()
            _IMAGE_SHAPES[key] = fields
    return ImageOut.model_construct(**fields, alt=image.default_alt_text if alt is None else alt)


#: Images' fields but their alt text, by :func:`_shape_key`; emptied past this many entries.
IMAGE_SHAPES_MAX = 4096
_IMAGE_SHAPES: dict[tuple[Any, ...], dict[str, Any]] = {}


def _shape_key(image: AbstractImage) -> tuple[Any, ...] | None:
    """Everything an image's representation is computed from, or None when it cannot be kept.

    The image's own columns and each loaded rendition's spec, focal point key, size
    and file name: an edit, a new focal point or a rendition made or deleted gives
    another key, in every process. Kept only where rendition URLs are the storage's
    base URL and the file name (local storage): a storage that signs its URLs, or a
    rendition model with its own ``url``, is asked each time. Settings changes
    empty the store (:func:`forget_image_shapes`).
    """
    renditions = image._get_prefetched_renditions()
    if renditions is None or not _plain_rendition_urls():
        return None
    if isinstance(renditions, LoadedRenditions) and len(renditions) == renditions.loaded:
        signature = renditions.signature
    else:
        signature = _signature(
            (r.filter_spec, r.focal_point_key, r.width, r.height, r.file.name) for r in renditions
        )
    return (
        image.pk,
        image.title,
        image.file.name,
        image.width,
        image.height,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
        signature,
    )


def _signature(renditions: Iterable[tuple[Any, ...]]) -> tuple[tuple[Any, ...], ...]:
    """Renditions' spec, focal point key, size and file name, in an order of their own."""
    return tuple(sorted(renditions))


class LoadedRenditions(list):
    """An image's renditions as :func:`load_renditions` read them, with their signature.

    The signature (what :func:`_shape_key` keys on) is taken from the columns as read,
    without building a file object per rendition. Wagtail appends a rendition it makes
    to this list: a longer list is signed again from its renditions.
    """

    def __init__(self, renditions: Iterable[AbstractRendition], columns: list[tuple[Any, ...]]):
        super().__init__(renditions)
        self.loaded = len(self)
        self.signature = _signature(columns)


def _plain_rendition_urls() -> bool:
    """Whether a rendition's URL is its storage's base URL and its name (local storage)."""
    Rendition = get_image_model().get_rendition_model()
    if Rendition.url is not AbstractRendition.url:
        return False
    storage = Rendition._meta.get_field("file").storage
    storage = getattr(storage, "_wrapped", storage)
    return type(storage).url is FileSystemStorage.url


def forget_image_shapes(**kwargs: Any) -> None:
    """``setting_changed`` receiver: renditions, uses and media URLs depend on settings."""
    _IMAGE_SHAPES.clear()


def _image_fields(image: AbstractImage) -> dict[str, Any]:
    """An image's ``ImageOut`` fields but ``alt``."""
    focal = image.get_focal_point()
    by_spec = get_renditions_by_spec(image, image_rendition_specs(image))
    named = {
        name: (spec, by_spec[spec]) for name, spec in rendition_specs().items() if spec in by_spec
    }
    urls = rendition_urls(by_spec)
    return {
        "id": image.pk,
        "title": image.title,
        "width": image.width,
        "height": image.height,
        "focal_point": (
            FocalPointOut(
                x=image.focal_point_x,
                y=image.focal_point_y,
                width=image.focal_point_width,
                height=image.focal_point_height,
            )
            if focal is not None
            else None
        ),
        "renditions": {
            name: RenditionOut(url=urls[spec], width=rendition.width, height=rendition.height)
            for name, (spec, rendition) in named.items()
        },
        "uses": use_outs(image, by_spec, urls),
    }


def document_file_size(document: AbstractDocument) -> int | None:
    """The size in bytes, from the stored field or, when unset, from the storage (never a write)."""
    if document.file_size is not None:
        return document.file_size
    try:
        return document.file.size
    except (OSError, ValueError):
        return None


def document_file_type(document: AbstractDocument) -> str:
    """The lower-case extension, e.g. ``"pdf"``."""
    return document.file_extension.lower()


def format_file_size(size: int | None) -> str:
    """A short, readable size: "850 bytes", "120 KB", "2.4 MB"."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    if size < 1024 * 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size / (1024 * 1024 * 1024):.1f} GB"


def document_out(document: AbstractDocument) -> DocumentOut:
    """Expand a document for the API."""
    return DocumentOut(
        id=document.pk,
        title=document.title,
        url=document.url,
        file_size=document_file_size(document),
        file_type=document_file_type(document),
        content_type=document.content_type,
    )


def renditions_prefetch(lookup: str) -> Prefetch:
    """Prefetch the renditions of the image at ``lookup`` (such as ``"flag"``).

    All of them: the responsive specs depend on each image's size, unknown before
    the images are loaded, and an image has a bounded number of renditions.
    """
    Rendition = get_image_model().get_rendition_model()
    return Prefetch(
        f"{lookup}__renditions",
        queryset=Rendition.objects.all(),
        to_attr="prefetched_renditions",
    )


def attach_renditions(images: Iterable[AbstractImage | None]) -> None:
    """Load every stored rendition of ``images`` in one query, as ``prefetched_renditions``.

    Wagtail's ``get_rendition()`` and ``get_renditions()`` look there first, and so
    does :func:`get_renditions_by_spec`: what the images show then costs no query.
    """
    by_pk = {image.pk: image for image in images if image is not None}
    if not by_pk:
        return
    found = load_renditions(by_pk)
    for pk, image in by_pk.items():
        image.prefetched_renditions = found.get(pk, [])


#: The rendition columns :func:`load_renditions` reads, in this order (the last five
#: sign an image's renditions, see :class:`LoadedRenditions`); any other is deferred.
_RENDITION_FIELDS = ("id", "image", "filter_spec", "focal_point_key", "width", "height", "file")


def load_renditions(
    images: dict[Any, AbstractImage], specs: Iterable[str] | None = None
) -> dict[Any, list[AbstractRendition]]:
    """The stored renditions of ``images`` (by primary key), of ``specs`` when given, by image.

    One query, written as SQL (every listing and cold detail runs it, and compiling
    it took longer than running it); the renditions are built as
    :func:`~wagtail_osce.instances.from_rows` builds instances (a page of 200
    images has 1,800), each with its image already set.
    """
    if specs is not None:
        specs = sorted(set(specs))
    if not images or specs == []:
        return {}
    rendition = get_image_model().get_rendition_model()
    sql = ModelSql(rendition)
    opts = rendition._meta
    columns = ", ".join(sql.column(rendition, name) for name in _RENDITION_FIELDS)
    params = list(images)
    query = (
        f"SELECT {columns} FROM {sql.table(rendition)}"
        f" WHERE {sql.column(rendition, 'image')} IN ({placeholders(len(params))})"
    )
    if specs is not None:
        query += f" AND {sql.column(rendition, 'filter_spec')} IN ({placeholders(len(specs))})"
        params += specs
    names = [opts.get_field(name).attname for name in _RENDITION_FIELDS]
    cache_name = opts.get_field("image").cache_name
    rows = sql.fetch_all(query, params)
    by_image: dict[Any, tuple[list[AbstractRendition], list[tuple[Any, ...]]]] = {}
    for row, built in zip(
        rows, from_rows(rendition, names, rows, sql.connection.alias), strict=True
    ):
        # A rendition's alt text and img tag read its image: the one already loaded.
        built._state.fields_cache[cache_name] = images[built.image_id]
        renditions, signed = by_image.setdefault(built.image_id, ([], []))
        renditions.append(built)
        signed.append(row[2:])  # filter spec, focal point key, width, height, file name
    return {pk: LoadedRenditions(*found) for pk, found in by_image.items()}


def with_image_renditions(queryset: QuerySet, *lookups: str) -> QuerySet:
    """``queryset`` with the images at ``lookups`` joined in and their renditions prefetched."""
    return queryset.select_related(*lookups).prefetch_related(
        *(renditions_prefetch(lookup) for lookup in lookups)
    )
