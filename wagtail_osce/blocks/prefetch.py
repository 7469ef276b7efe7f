"""One bulk fetch per stream: what keeps a page's rendering and API cost constant.

Wagtail resolves rich-text links once per rich-text value (``expand_db_html``)
and renditions once per image (``get_rendition``), so a body with fifty blocks
costs fifty times the queries of a body with one. :class:`PrefetchingStreamBlock`
walks its whole value once, nested structs, lists, streams and typed tables
included, collects every page, document, image and video URL it refers to, and
fetches each kind in one query. The result, a :class:`StreamPrefetch`, travels in
the block context under ``"osce_prefetch"``; the blocks of this package read
from it when rendering and building API representations, and build one for
their own value when it is absent (a block rendered on its own).

Other blocks join in through two optional methods:

``prefetch_collect(self, value, prefetch) -> None``
    on any block at any depth: register what the value needs with
    ``prefetch.add_page/add_document/add_image/add_embed_url/add_rich_text``.
``bulk_prefetch(self, values: list, prefetch) -> None``
    on a direct child of the stream: called once with the values of every
    occurrence of that child in the stream, in order, before the bulk fetch. Run
    your own one query for all of them, keep the result in
    ``prefetch.extra[<your key>]``, and register the pages, documents and images
    it refers to so that they are fetched together with the rest.

Objects registered after the fetch are not lost: the first lookup fetches
everything still pending, again one query per kind. Links to pages, in rich text
and in page choosers, lead to the page's live translation in the active language,
as Wagtail's own rich-text links do (wagtail-localize keeps the source page in
translated choosers and leaves that step to rendering).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, partial
from typing import TYPE_CHECKING, Any

import swapper
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import BaseTypedTableBlock
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock as WagtailImageBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.formats import get_image_format
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import (
    FIND_A_TAG,
    FIND_EMBED_TAG,
    EmbedRewriter,
    LinkRewriter,
    MultiRuleRewriter,
    extract_attrs,
)

from wagtail_osce.compat import page_url as compat_page_url
from wagtail_osce.compat import share_site_root_paths
from wagtail_osce.instances import from_rows
from wagtail_osce.locales import all_locales
from wagtail_osce.representation.links import PageLinkOut, page_link_out, page_type_label
from wagtail_osce.representation.media import (
    DocumentOut,
    ImageOut,
    document_out,
    get_renditions_by_spec,
    image_out,
    image_rendition_specs,
    load_renditions,
    rendition_specs,
)
from wagtail_osce.representation.responsive import content_srcset, media_url
from wagtail_osce.visibility import (
    content_visibility_q,
    public_documents,
    site_visibility_q,
    visibility_q,
)

if TYPE_CHECKING:
    from django.http import HttpRequest
    from wagtail.documents.models import AbstractDocument
    from wagtail.embeds.models import Embed
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page

__all__ = [
    "PREFETCH_CONTEXT_KEY",
    "PrefetchingStreamBlock",
    "StreamPrefetch",
    "context_with_prefetch",
    "get_prefetch",
    "prefetch_stream",
]

PREFETCH_CONTEXT_KEY = "osce_prefetch"


def _as_pk(obj: Any) -> int | None:
    """The primary key of a model instance, or an ID given as int or numeric string."""
    if obj is None or obj == "":
        return None
    pk = getattr(obj, "pk", obj)
    try:
        return int(pk)
    except (TypeError, ValueError):
        return None


def _page_model() -> type[Page]:
    return swapper.load_model("wagtailcore", "Page")


def _specific_deferred(queryset: QuerySet) -> list[Page]:
    """The pages of ``queryset`` as ``.specific(defer=True)`` gives them, each built once.

    Wagtail builds a base ``Page`` per row and then the specific page from it: two model
    instances a page. Here the specific page is built from the row directly, with the
    same values (the ``Page`` table's fields, the specific ones deferred).
    """
    base = _page_model()
    names = [field.attname for field in base._meta.concrete_fields]
    type_at, id_at = names.index("content_type_id"), names.index("id")
    by_model: dict[type[Page], list[tuple[Any, ...]]] = {}
    order: list[tuple[type[Page], int]] = []
    for row in queryset.values_list(*names):
        model = ContentType.objects.get_for_id(row[type_at]).model_class()
        if model is None or not issubclass(model, base):
            model = base  # a page type no longer in the code base: Wagtail serves it as a Page
        rows = by_model.setdefault(model, [])
        order.append((model, len(rows)))
        rows.append(row)
    built = {}
    for model, rows in by_model.items():
        # The links to the parent tables (``page_ptr_id``...) hold the page's id.
        links = [
            field.attname
            for field in model._meta.concrete_fields
            if field.attname not in names
            and (field.primary_key or (field.one_to_one and field.remote_field.parent_link))
        ]
        built[model] = from_rows(
            model,
            [*names, *links],
            [(*row, *[row[id_at]] * len(links)) for row in rows],
            queryset.db,
        )
    return [built[model][at] for model, at in order]


#: What :meth:`StreamPrefetch.collect` does with a block class's values, in the order it
#: asks (Wagtail's own ImageBlock is a struct block whose value is an image).
_COLLECT_KINDS: tuple[tuple[type, str], ...] = (
    (blocks.BaseStreamBlock, "stream"),
    (WagtailImageBlock, "image"),
    (blocks.BaseStructBlock, "struct"),
    (blocks.ListBlock, "list"),
    (blocks.RichTextBlock, "rich_text"),
    (ImageChooserBlock, "image"),
    (DocumentChooserBlock, "document"),
    (blocks.PageChooserBlock, "page"),
    (EmbedBlock, "embed"),
    (BaseTypedTableBlock, "typed_table"),
)


@cache
def _collect_dispatch(block_class: type) -> tuple[bool, str | None]:
    """Whether a block class has a ``prefetch_collect`` hook, and what its values hold.

    Decided once per class: a body of 200 units has thousands of blocks to walk.
    """
    hooked = callable(getattr(block_class, "prefetch_collect", None))
    kind = next((kind for base, kind in _COLLECT_KINDS if issubclass(block_class, base)), None)
    return hooked, kind


class StreamPrefetch:
    """Everything one stream value refers to, fetched in bulk, with lookups by ID.

    Build it with :func:`prefetch_stream` (or let :class:`PrefetchingStreamBlock`
    do it). Lookups take a model instance or an ID and return the prefetched
    object: pages and documents as loaded, images with their renditions for
    ``WAGTAIL_OSCE["RENDITIONS"]`` (and any rich-text image format) attached.
    A lookup first fetches whatever is registered and still pending (so objects
    registered late are fetched together), and an object that was never
    registered is fetched on its own: a lookup always answers correctly, it is
    just not free then.
    """

    def __init__(self, request: HttpRequest | None = None, page: Page | None = None) -> None:
        self.request = request
        #: The page showing the stream, whose site scopes links when there is no request.
        self.showing_page = page
        #: Results of ``bulk_prefetch`` hooks, by a key each hook chooses.
        self.extra: dict[str, Any] = {}
        # Objects by primary key, and the keys registered but not fetched yet.
        self._pages: dict[int, Page] = {}
        self._documents: dict[int, AbstractDocument] = {}
        self._images: dict[int, AbstractImage] = {}
        self._embeds: dict[str, Embed] = {}
        self._localized: dict[int, Page] = {}
        self._pending_pages: set[int] = set()
        self._pending_localized: set[int] = set()
        self._pending_documents: set[int] = set()
        self._pending_images: set[int] = set()
        self._pending_renditions: set[int] = set()
        self._pending_embeds: set[str] = set()
        # Keys looked for in the database already: absent from the stores means deleted.
        self._tried_pages: set[int] = set()
        # Pages known (given as instances, or fetched) whose visibility is not checked yet,
        # and those an anonymous visitor of the request's site may see.
        self._unchecked_pages: set[int] = set()
        self._visible_pages: set[int] = set()
        self._tried_documents: set[int] = set()
        self._tried_images: set[int] = set()
        self._tried_embeds: set[str] = set()
        self._image_specs: set[str] = set(rendition_specs().values())

    @property
    def fetched(self) -> bool:
        """Whether everything registered so far has been fetched."""
        return not (
            self._pending_pages
            or self._unchecked_pages
            or self._pending_localized
            or self._pending_documents
            or self._pending_images
            or self._pending_renditions
            or self._pending_embeds
        )

    # Collecting ---------------------------------------------------------------

    def add_page(self, page: Page | int | str | None, *, localize: bool = False) -> None:
        """Register a page. ``localize`` links to its translation in the active language,
        as Wagtail's rich-text links do."""
        pk = _as_pk(page)
        if pk is None:
            return
        if not isinstance(page, (int, str)):
            self._remember_page(page)
        elif pk not in self._pages and pk not in self._tried_pages:
            self._pending_pages.add(pk)
        if localize and pk not in self._localized:
            self._pending_localized.add(pk)

    def add_document(self, document: AbstractDocument | int | str | None) -> None:
        """Register a document."""
        pk = _as_pk(document)
        if pk is None:
            return
        if not isinstance(document, (int, str)):
            self._documents.setdefault(pk, document)
            self._tried_documents.add(pk)
        elif pk not in self._documents and pk not in self._tried_documents:
            self._pending_documents.add(pk)

    def add_image(self, image: AbstractImage | int | str | None, spec: str | None = None) -> None:
        """Register an image; ``spec`` adds a filter spec to prefetch renditions for."""
        if spec and spec not in self._image_specs:
            self._image_specs.add(spec)
            # Images whose renditions were loaded need the new spec too.
            self._pending_renditions.update(
                pk for pk, known in self._images.items() if hasattr(known, "prefetched_renditions")
            )
        pk = _as_pk(image)
        if pk is None:
            return
        if not isinstance(image, (int, str)):
            known = self._images.setdefault(pk, image)
            self._tried_images.add(pk)
            if not hasattr(known, "prefetched_renditions"):
                self._pending_renditions.add(pk)
        elif pk not in self._images and pk not in self._tried_images:
            self._pending_images.add(pk)

    def add_embed_url(self, url: str | None) -> None:
        """Register a video or other oEmbed URL, to find its cached embed."""
        if url and url not in self._tried_embeds:
            self._pending_embeds.add(url)

    def add_rich_text(self, source: str | None) -> None:
        """Register the pages, documents and images that rich-text source HTML refers to."""
        if not source:
            return
        source = str(source)
        for match in FIND_A_TAG.finditer(source):
            attrs = extract_attrs(match.group(1))
            linktype = attrs.get("linktype")
            if linktype == "page":
                self.add_page(attrs.get("id"), localize=True)
            elif linktype == "document":
                self.add_document(attrs.get("id"))
        for match in FIND_EMBED_TAG.finditer(source):
            attrs = extract_attrs(match.group(1))
            if attrs.get("embedtype") == "image":
                try:
                    spec = get_image_format(attrs.get("format", "")).filter_spec
                except KeyError:
                    spec = None
                self.add_image(attrs.get("id"), spec)

    def collect(self, block: blocks.Block, value: Any) -> None:
        """Walk a block value and register everything it refers to."""
        if value is None:
            return
        hooked, kind = _collect_dispatch(type(block))
        if hooked:
            block.prefetch_collect(value, self)
        if kind is None:
            return
        if kind == "stream":
            for child in block.normalize(value):
                self.collect(child.block, child.value)
        elif kind == "struct":
            for name, child_block in block.child_blocks.items():
                self.collect(child_block, value.get(name))
        elif kind == "list":
            child_block = block.child_block
            for item in value:
                self.collect(child_block, item)
        elif kind == "rich_text":
            self.add_rich_text(getattr(value, "source", value))
        elif kind == "image":
            self.add_image(value)
        elif kind == "document":
            self.add_document(value)
        elif kind == "page":
            # wagtail-localize keeps the chosen page in translations and leaves the
            # link to the translation to runtime, as for rich-text links.
            self.add_page(value, localize=True)
        elif kind == "embed":
            self.add_embed_url(getattr(value, "url", None))
        elif kind == "typed_table":
            table = block.normalize(value)
            for row in table.row_data:
                for column, cell in zip(table.columns, row["values"], strict=False):
                    self.collect(column["block"], cell)

    # Fetching -----------------------------------------------------------------

    def fetch(self) -> None:
        """Fetch everything registered and not fetched yet: at most one query per kind.

        Lookups call it for what is still pending, so objects registered late (by a
        ``bulk_prefetch`` hook, say) are fetched together at the first lookup.
        """
        self._fetch_pages()
        self._fetch_localized_pages()
        self._fetch_documents()
        self._fetch_images()
        self._fetch_renditions()
        self._fetch_embeds()

    def _remember_page(self, page: Page) -> None:
        self._pages.setdefault(page.pk, page)
        self._tried_pages.add(page.pk)
        if page.pk not in self._visible_pages:
            self._unchecked_pages.add(page.pk)

    def hidden_page_ids(self) -> set[int]:
        """Pages referred to that visitors cannot see (drafts, private, scheduled, expired...)."""
        self.fetch()
        return (self._tried_pages | set(self._pages)) - self._visible_pages

    @cached_property
    def visibility(self) -> Q:
        """The filter of pages a visitor may see: of the request's site (or, without a
        request, of the site of the page showing the stream), else of any site.

        Every page this prefetch hands out passes it, so a block or a rich-text link
        never names a draft, private, scheduled or expired page.
        """
        if self.request is not None:
            return visibility_q(self.request)
        site = self.showing_page.get_site() if self.showing_page is not None else None
        return site_visibility_q(site) if site is not None else content_visibility_q()

    @cached_property
    def _site_root_paths(self) -> list[Any] | None:
        """Without a request, compute the site root paths once and share them between pages."""
        if self.request is not None:
            return None
        from wagtail.models import Site

        return Site.get_site_root_paths()

    def _share_site_root_paths(self, page: Page) -> None:
        """Give the page the stream's site root paths, so its URL costs no query."""
        if self.request is None:
            share_site_root_paths(page, self._site_root_paths)

    def _fetch_pages(self) -> None:
        """Fetch the pending pages and check the known ones, in one query, keeping the visible."""
        pending, self._pending_pages = self._pending_pages, set()
        unchecked, self._unchecked_pages = self._unchecked_pages, set()
        if not pending and not unchecked:
            return
        found = _specific_deferred(
            _page_model().objects.filter(id__in=pending | unchecked).filter(self.visibility)
        )
        for page in found:
            self._pages.setdefault(page.pk, page)
            self._visible_pages.add(page.pk)
        self._tried_pages |= pending

    def _fetch_localized_pages(self) -> None:
        """Rich-text links point at the translation in the active language, when it is live."""
        pending, self._pending_localized = self._pending_localized, set()
        ids = [pk for pk in pending if pk in self._visible_pages]
        self._localized.update({pk: self._pages[pk] for pk in ids})
        if not ids or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return
        try:
            language = get_supported_content_language_variant(get_language())
        except LookupError:
            return
        # A page already in the active language is its own translation: ask only for the others.
        codes = self._locale_codes()
        keys = {
            self._pages[pk].translation_key
            for pk in ids
            if codes.get(self._pages[pk].locale_id) != language
        }
        if not keys:
            return
        translations = _specific_deferred(
            _page_model()
            .objects.filter(translation_key__in=keys, locale__language_code=language)
            .filter(self.visibility)
        )
        by_key = {page.translation_key: page for page in translations}
        for pk in ids:
            translation = by_key.get(self._pages[pk].translation_key)
            if translation is not None:
                self._localized[pk] = translation

    def _fetch_documents(self) -> None:
        pending, self._pending_documents = self._pending_documents, set()
        if not pending:
            return
        for document in public_documents(get_document_model().objects.filter(id__in=pending)):
            self._documents[document.pk] = document
        self._tried_documents |= pending

    def _fetch_images(self) -> None:
        pending, self._pending_images = self._pending_images, set()
        if not pending:
            return
        for image in get_image_model().objects.filter(id__in=pending):
            self._images[image.pk] = image
            self._pending_renditions.add(image.pk)
        self._tried_images |= pending

    def _fetch_renditions(self) -> None:
        pending, self._pending_renditions = self._pending_renditions, set()
        if not pending:
            return
        # The responsive specs depend on each image's size: ask for those of every image.
        specs = set(self._image_specs)
        for pk in pending:
            specs.update(image_rendition_specs(self._images[pk]))
        found = load_renditions({pk: self._images[pk] for pk in pending}, specs)
        for pk in pending:
            # The attribute Wagtail's own ``prefetch_renditions()`` fills: get_rendition()
            # and get_renditions() look here first and skip the database.
            self._images[pk].prefetched_renditions = found.get(pk, [])

    def _fetch_embeds(self) -> None:
        pending, self._pending_embeds = self._pending_embeds, set()
        if not pending:
            return
        from wagtail.embeds.embeds import get_embed_hash
        from wagtail.embeds.models import Embed

        hashes = {get_embed_hash(url): url for url in pending}
        for embed in Embed.objects.filter(hash__in=list(hashes)).exclude(
            cache_until__lte=timezone.now()
        ):
            self._embeds[hashes[embed.hash]] = embed
        self._tried_embeds |= pending

    # Lookups ------------------------------------------------------------------

    def page(self, page: Page | int | str | None) -> Page | None:
        """The page with this ID (as chosen, not localized), or None when visitors cannot see it."""
        pk = _as_pk(page)
        if pk is None:
            return None
        if pk not in self._pages or pk in self._unchecked_pages:
            self.add_page(page)
            self.fetch()
        return self._pages.get(pk) if pk in self._visible_pages else None

    def linked_page(self, page: Page | int | str | None) -> Page | None:
        """The page a link to this ID leads to: its visible translation in the active
        language when there is one, else the page itself if visitors may see it."""
        pk = _as_pk(page)
        if pk is None:
            return None
        if pk not in self._localized:
            self.add_page(page, localize=True)
            self.fetch()
        return self._localized.get(pk)

    def document(self, document: AbstractDocument | int | str | None) -> AbstractDocument | None:
        """The document with this ID."""
        pk = _as_pk(document)
        if pk is None:
            return None
        if pk not in self._documents:
            self.add_document(document)
            self.fetch()
        return self._documents.get(pk)

    def image(self, image: AbstractImage | int | str | None) -> AbstractImage | None:
        """The image with this ID, its configured renditions prefetched."""
        pk = _as_pk(image)
        if pk is None:
            return None
        if pk not in self._images or pk in self._pending_renditions:
            self.add_image(image)
            self.fetch()
        return self._images.get(pk)

    def embed(self, url: str | None) -> Embed | None:
        """The cached oEmbed result for a URL, or None when it was never fetched."""
        if not url:
            return None
        if url not in self._embeds:
            self.add_embed_url(url)
            self.fetch()
        return self._embeds.get(url)

    def page_url(self, page: Page | None) -> str | None:
        """The page's URL, computed from site root paths shared by the whole stream."""
        if page is None:
            return None
        self._share_site_root_paths(page)
        return compat_page_url(page, self.request)

    def page_link_out(self, page: Page) -> PageLinkOut:
        """:func:`~wagtail_osce.representation.media.page_link_out`, without per-page lookups."""
        self._share_site_root_paths(page)
        return page_link_out(page, request=self.request)

    def image_out(self, image: AbstractImage, alt: str | None = "") -> ImageOut:
        """:func:`~wagtail_osce.representation.media.image_out` on the prefetched image."""
        return image_out(self.image(image) or image, alt=alt)

    def document_out(self, document: AbstractDocument) -> DocumentOut:
        """:func:`~wagtail_osce.representation.media.document_out` on the prefetched document."""
        return document_out(self.document(document) or document)

    # Rich text ----------------------------------------------------------------

    def _expand_page_links(
        self, attrs_list: list[dict[str, str]], *, annotate: bool = False
    ) -> list[str]:
        tags = []
        for attrs in attrs_list:
            page = self.linked_page(attrs.get("id"))
            url = self.page_url(page)
            if not url:
                tags.append("<a>")
            elif annotate:
                tags.append(
                    f'<a href="{escape(url)}" data-page-id="{page.pk}" '
                    f'data-page-type="{escape(page_type_label(page))}" '
                    f'data-locale="{escape(self._language_code(page))}">'
                )
            else:
                tags.append(f'<a href="{escape(url)}">')
        return tags

    def _expand_document_links(
        self, attrs_list: list[dict[str, str]], *, annotate: bool = False
    ) -> list[str]:
        tags = []
        for attrs in attrs_list:
            document = self.document(attrs.get("id"))
            if document is None:
                tags.append("<a>")
            elif annotate:
                tags.append(f'<a href="{escape(document.url)}" data-document-id="{document.pk}">')
            else:
                tags.append(f'<a href="{escape(document.url)}">')
        return tags

    def _language_code(self, page: Page) -> str:
        """A page's language code, from the locales read once per stream."""
        return self._locale_codes().get(page.locale_id, "")

    def _locale_codes(self) -> dict[int, str]:
        """Language codes by locale id, read once per stream (free with a request)."""
        if "locale_codes" not in self.extra:
            self.extra["locale_codes"] = {
                locale.pk: locale.language_code for locale in all_locales(self.request)
            }
        return self.extra["locale_codes"]

    def _expand_image_embeds(
        self, attrs_list: list[dict[str, str]], *, annotate: bool = False
    ) -> list[str]:
        tags = []
        for attrs in attrs_list:
            image = self.image(attrs.get("id"))
            try:
                image_format = get_image_format(attrs.get("format", ""))
            except KeyError:
                image_format = None
            if image is None or image_format is None:
                tags.append('<img alt="">')
            else:
                tags.append(
                    image_format.image_to_html(
                        image,
                        attrs.get("alt", ""),
                        self._responsive_img_attrs(image, image_format.filter_spec, annotate),
                    )
                )
        return tags

    def _responsive_img_attrs(
        self, image: AbstractImage, spec: str, absolute: bool
    ) -> dict[str, str]:
        """``srcset`` and ``sizes`` for a rich-text image whose format keeps the original ratio.

        The candidates are the original-ratio use's renditions (``IMAGE_USES``); ``sizes``
        says the image is shown at most at the format's width. ``absolute`` (the API)
        makes the URLs absolute with ``MEDIA_BASE_URL`` or ``API_BASE_URL``.
        """
        by_spec = get_renditions_by_spec(image, [spec, *image_rendition_specs(image)])
        shown = by_spec.get(spec)
        if shown is None or not shown.height or not image.height:
            return {}
        attrs = {"src": media_url(shown.url)} if absolute else {}
        if abs(shown.width / shown.height - image.width / image.height) > 0.02:
            return attrs  # a crop: the original-ratio candidates would change the picture
        srcset = content_srcset(image, by_spec, absolute=absolute)
        if srcset:
            attrs["srcset"] = srcset  # flatatt escapes
            attrs["sizes"] = f"(max-width: {shown.width}px) 100vw, {shown.width}px"
        return attrs

    def _rewriter(self, annotate: bool) -> MultiRuleRewriter:
        key = "rewriter:annotated" if annotate else "rewriter"
        if key not in self.extra:
            link_rules = {
                linktype: handler.expand_db_attributes_many
                for linktype, handler in features.get_link_types().items()
            }
            link_rules.update(
                page=partial(self._expand_page_links, annotate=annotate),
                document=partial(self._expand_document_links, annotate=annotate),
            )
            embed_rules = {
                embedtype: handler.expand_db_attributes_many
                for embedtype, handler in features.get_embed_types().items()
            }
            embed_rules["image"] = partial(self._expand_image_embeds, annotate=annotate)
            self.extra[key] = MultiRuleRewriter(
                [LinkRewriter(bulk_rules=link_rules), EmbedRewriter(bulk_rules=embed_rules)]
            )
        return self.extra[key]

    def rich_text_html(self, source: str | None, *, annotate: bool = False) -> SafeString:
        """Display HTML for rich-text source, links and images resolved from the prefetch.

        ``annotate`` (for the API) marks each internal link with ``data-page-id``,
        ``data-page-type`` and ``data-locale`` (documents with ``data-document-id``), so a
        frontend turns them into its own router links without looking anything up.
        """
        return mark_safe(self._rewriter(annotate)(str(source or "")))


def prefetch_stream(
    value: Any,
    request: HttpRequest | None = None,
    block: blocks.Block | None = None,
    page: Page | None = None,
) -> StreamPrefetch:
    """Build the prefetch for a stream value (or any block value, given its ``block``).

    A page template that loops over ``page.body`` itself instead of using
    ``{% include_block page.body %}`` can put the result in its context as
    ``osce_prefetch`` to keep the same constant cost. ``page`` is the page showing
    the stream: without a request, its site is the one whose pages may be linked.
    """
    block = block if block is not None else value.stream_block
    prefetch = StreamPrefetch(request=request, page=page)
    prefetch.collect(block, value)
    if isinstance(block, blocks.BaseStreamBlock):
        # normalize() returns a StreamValue as it is: the hooks see the very values
        # that are rendered next, so they may key their results by value.
        _run_bulk_hooks(block.normalize(value), prefetch)
    prefetch.fetch()
    return prefetch


def _run_bulk_hooks(children: Iterable[Any], prefetch: StreamPrefetch) -> None:
    grouped: dict[str, tuple[blocks.Block, list[Any]]] = {}
    for child in children:
        if callable(getattr(child.block, "bulk_prefetch", None)):
            grouped.setdefault(child.block_type, (child.block, []))[1].append(child.value)
    for block, values in grouped.values():
        block.bulk_prefetch(values, prefetch)


def get_prefetch(context: dict[str, Any] | None, block: blocks.Block, value: Any) -> StreamPrefetch:
    """The stream's prefetch from the block context, or one built for this value alone."""
    if context:
        found = context.get(PREFETCH_CONTEXT_KEY)
        if found is not None:
            return found
    context = context or {}
    return prefetch_stream(
        value, request=context.get("request"), block=block, page=context.get("page")
    )


def context_with_prefetch(
    context: dict[str, Any] | None, block: blocks.Block, value: Any
) -> dict[str, Any]:
    """A copy of the block context that carries a prefetch covering ``value``."""
    new_context = dict(context or {})
    new_context[PREFETCH_CONTEXT_KEY] = get_prefetch(new_context, block, value)
    return new_context


class PrefetchingStreamBlock(blocks.StreamBlock):
    """A StreamBlock whose rendering and API representation cost a fixed number of queries.

    Once per value it collects the pages, documents, images and videos the
    whole stream refers to, fetches each kind in one query and hands the result
    to its children in the context under ``"osce_prefetch"``. Direct children
    that define ``bulk_prefetch(values, prefetch)`` are called once with all
    their values first.
    """

    def render(self, value: Any, context: dict[str, Any] | None = None) -> SafeString:
        value = self.normalize(value)
        return super().render(value, context=context_with_prefetch(context, self, value))

    def get_api_representation(
        self, value: Any, context: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        if value is None:
            return []
        value = self.normalize(value)
        return super().get_api_representation(
            value, context=context_with_prefetch(context, self, value)
        )
