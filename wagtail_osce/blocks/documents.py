"""Document blocks: a list of documents in several languages, and a single download."""

from __future__ import annotations

from typing import Any, Literal

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from wagtail_osce.blocks.base import BlockContext, OsceStructBlock, or_none
from wagtail_osce.blocks.prefetch import StreamPrefetch
from wagtail_osce.representation.media import (
    DocumentOut,
    document_file_size,
    document_file_type,
    format_file_size,
)

__all__ = [
    "DOCUMENT_LANGUAGES",
    "DocumentListBlock",
    "DocumentListItemBlock",
    "DocumentListItemOut",
    "DocumentListOut",
    "DownloadBlock",
    "DownloadOut",
    "file_description",
]

#: The six official languages of the OSCE, and "other" for a document in any other.
DOCUMENT_LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
    ("other", _("Other language")),
]

DocumentLanguage = Literal["en", "fr", "de", "it", "ru", "es", "other"]


def file_description(document: Any) -> str:
    """What a reader should know before downloading: "PDF, 120 KB"."""
    parts = [document_file_type(document).upper(), format_file_size(document_file_size(document))]
    return ", ".join(part for part in parts if part)


def _document_for_template(document: Any, title: str) -> dict[str, Any]:
    return {
        "document": document,
        "title": title or document.title,
        "url": document.url,
        "content_type": document.content_type,
        "file_description": file_description(document),
    }


class DocumentListItemOut(BaseModel):
    """One document of a list, in one language ("other" for any other language)."""

    title: str
    language: DocumentLanguage
    document: DocumentOut | None


class DocumentListOut(BaseModel):
    """Documents listed together, each marked with its language."""

    title: str | None
    items: list[DocumentListItemOut]


class DocumentListItemBlock(OsceStructBlock):
    """One document of a list, in one language."""

    title = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Title"),
        help_text=_("Leave empty to use the document's own title."),
    )
    document = DocumentChooserBlock(label=_("Document"))
    language = blocks.ChoiceBlock(choices=DOCUMENT_LANGUAGES, default="en", label=_("Language"))

    api_schema = DocumentListItemOut

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> DocumentListItemOut:
        document = ctx.prefetch.document(value.get("document"))
        return DocumentListItemOut(
            title=(value.get("title") or "").strip() or (document.title if document else ""),
            language=value.get("language") or "other",
            document=ctx.prefetch.document_out(document) if document else None,
        )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        label_format = "{title}"


class DocumentListBlock(OsceStructBlock):
    """Documents listed together, such as a decision in each official language."""

    title = blocks.CharBlock(required=False, max_length=255, label=_("Title"))
    items = blocks.ListBlock(DocumentListItemBlock(), min_num=1, label=_("Documents"))

    api_schema = DocumentListOut

    def get_template_values(
        self, value: blocks.StructValue, prefetch: StreamPrefetch
    ) -> dict[str, Any]:
        languages = dict(DOCUMENT_LANGUAGES)
        items = []
        for item in value.get("items") or []:
            document = prefetch.document(item.get("document"))
            if document is None:
                continue
            language = item.get("language") or "other"
            items.append(
                {
                    **_document_for_template(document, (item.get("title") or "").strip()),
                    "language": language,
                    "hreflang": "" if language == "other" else language,
                    "language_name": languages.get(language, ""),
                }
            )
        return {"items": items}

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> DocumentListOut:
        item_block = self.child_blocks["items"].child_block
        return DocumentListOut(
            title=or_none(value.get("title")),
            items=[item_block.api_value(item, ctx) for item in value.get("items") or []],
        )

    class Meta:
        group = _("Documents")
        icon = "list-ul"
        label = _("Document list")
        help_text = _("A list of documents, each marked with its language.")
        template = "wagtail_osce/blocks/document_list.html"
        label_format = "{title}"


class DownloadOut(BaseModel):
    """A link to download one document."""

    title: str
    description: str | None
    document: DocumentOut | None


class DownloadBlock(OsceStructBlock):
    """A prominent link to download one document, with its type and size."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Title"),
        help_text=_("Leave empty to use the document's own title."),
    )
    description = blocks.TextBlock(required=False, label=_("Description"))

    api_schema = DownloadOut

    def get_template_values(
        self, value: blocks.StructValue, prefetch: StreamPrefetch
    ) -> dict[str, Any]:
        document = prefetch.document(value.get("document"))
        if document is None:
            return {"download": None}
        return {"download": _document_for_template(document, (value.get("title") or "").strip())}

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> DownloadOut:
        document = ctx.prefetch.document(value.get("document"))
        return DownloadOut(
            title=(value.get("title") or "").strip() or (document.title if document else ""),
            description=or_none(value.get("description")),
            document=ctx.prefetch.document_out(document) if document else None,
        )

    class Meta:
        group = _("Documents")
        icon = "download"
        label = _("Download")
        help_text = _("A link to download one document, showing its file type and size.")
        template = "wagtail_osce/blocks/download.html"
        label_format = "{title}"
