"""Layout blocks: a link to a page, document or URL, a call to action and an accordion."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from wagtail_osce.blocks.base import BlockContext, OsceStructBlock, blank, or_none
from wagtail_osce.blocks.documents import file_description
from wagtail_osce.blocks.prefetch import StreamPrefetch
from wagtail_osce.blocks.text import RichTextBlock
from wagtail_osce.representation.links import LinkOut, RichTextOut

__all__ = [
    "AccordionBlock",
    "AccordionItemBlock",
    "AccordionItemOut",
    "AccordionOut",
    "CallToActionBlock",
    "CallToActionOut",
    "LinkBlock",
]

_TARGET_NAMES = {"page": _("a page"), "document": _("a document"), "url": _("an address")}


class LinkBlock(OsceStructBlock):
    """A link with exactly one target: a page of the site, a document or an external URL.

    A page link leads to the page's translation in the language being read.
    """

    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    document = DocumentChooserBlock(required=False, label=_("Document"))
    url = blocks.URLBlock(required=False, label=_("External URL"))
    text = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Link text"),
        help_text=_("Leave empty to use the title of the page or document, or the address."),
    )

    api_schema = LinkOut

    def validate(self, value: blocks.StructValue) -> dict[str, ValidationError]:
        given = [name for name in _TARGET_NAMES if not blank(value.get(name))]
        if not given:
            if self.is_deferred_validation:
                return {}
            return {
                "page": ValidationError(
                    _("Choose a page or a document, or enter an external URL."),
                    code="link_target_required",
                )
            }
        first, *extra = given
        return {
            name: ValidationError(
                _("A link has one target and this one already points to %(first)s: remove one.")
                % {"first": _TARGET_NAMES[first]},
                code="link_target_ambiguous",
            )
            for name in extra
        }

    def resolve(
        self, value: blocks.StructValue, prefetch: StreamPrefetch, fallback_text: str = ""
    ) -> LinkOut:
        """The link's target and text, from the prefetch. A target that was deleted gives url None."""
        text = (value.get("text") or "").strip() or fallback_text
        # The chosen page's live translation in the active language, when there is one:
        # translations made with wagtail-localize keep pointing at the source page.
        page = prefetch.linked_page(value.get("page"))
        if page is not None:
            return LinkOut(
                kind="page",
                url=prefetch.page_url(page),
                text=text or page.title,
                page=prefetch.page_link_out(page),
            )
        document = prefetch.document(value.get("document"))
        if document is not None:
            return LinkOut(
                kind="document",
                url=document.url,
                text=text or document.title,
                document=prefetch.document_out(document),
            )
        url = or_none(value.get("url"))
        if url is not None:
            return LinkOut(kind="url", url=url, text=text or url)
        kind = "document" if value.get("document") else "page" if value.get("page") else "url"
        return LinkOut(kind=kind, url=None, text=text)

    def get_template_values(
        self, value: blocks.StructValue, prefetch: StreamPrefetch
    ) -> dict[str, Any]:
        link = self.resolve(value, prefetch)
        document = prefetch.document(value.get("document")) if link.kind == "document" else None
        return {
            "link": link,
            "file_description": file_description(document) if document is not None else "",
        }

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> LinkOut:
        return self.resolve(value, ctx.prefetch)

    class Meta:
        group = _("Layout")
        icon = "link"
        label = _("Link")
        help_text = _("A link to a page, a document or another website.")
        template = "wagtail_osce/blocks/link.html"
        label_format = "{text}"


class CallToActionOut(BaseModel):
    """An invitation to act, with a button link."""

    title: str
    text: str | None
    button_label: str
    link: LinkOut


class CallToActionBlock(OsceStructBlock):
    """An invitation to act, such as applying for a vacancy or registering for an event."""

    title = blocks.CharBlock(max_length=255, label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    button_label = blocks.CharBlock(
        max_length=60, label=_("Button label"), help_text=_("A verb, e.g. Apply now.")
    )
    link = LinkBlock(label=_("Link"))

    api_schema = CallToActionOut

    def _link(self, value: blocks.StructValue, prefetch: StreamPrefetch) -> LinkOut:
        link_block = self.child_blocks["link"]
        return link_block.resolve(
            link_block.normalize(value.get("link") or {}),
            prefetch,
            fallback_text=(value.get("button_label") or "").strip(),
        )

    def get_template_values(
        self, value: blocks.StructValue, prefetch: StreamPrefetch
    ) -> dict[str, Any]:
        return {"link": self._link(value, prefetch)}

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> CallToActionOut:
        return CallToActionOut(
            title=value.get("title") or "",
            text=or_none(value.get("text")),
            button_label=value.get("button_label") or "",
            link=self._link(value, ctx.prefetch),
        )

    class Meta:
        group = _("Layout")
        icon = "pick"
        label = _("Call to action")
        help_text = _("A short invitation with a button that links to a page, document or site.")
        template = "wagtail_osce/blocks/call_to_action.html"
        label_format = "{title}"


class AccordionItemOut(BaseModel):
    """One collapsible section."""

    title: str
    body: RichTextOut


class AccordionOut(BaseModel):
    """Collapsible sections, such as questions and answers."""

    title: str | None
    items: list[AccordionItemOut]


class AccordionItemBlock(OsceStructBlock):
    """One collapsible section: a title that opens its text."""

    title = blocks.CharBlock(max_length=255, label=_("Title"))
    body = RichTextBlock(label=_("Body"))

    api_schema = AccordionItemOut

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> AccordionItemOut:
        body_block = self.child_blocks["body"]
        return AccordionItemOut(
            title=value.get("title") or "",
            body=body_block.api_value(body_block.normalize(value.get("body")), ctx),
        )

    class Meta:
        icon = "collapse-down"
        label = _("Section")
        label_format = "{title}"


class AccordionBlock(OsceStructBlock):
    """Collapsible sections, such as questions and answers."""

    title = blocks.CharBlock(required=False, max_length=255, label=_("Title"))
    items = blocks.ListBlock(AccordionItemBlock(), min_num=1, label=_("Sections"))

    api_schema = AccordionOut

    def api_value(self, value: blocks.StructValue, ctx: BlockContext) -> AccordionOut:
        item_block = self.child_blocks["items"].child_block
        return AccordionOut(
            title=or_none(value.get("title")),
            items=[item_block.api_value(item, ctx) for item in value.get("items") or []],
        )

    class Meta:
        group = _("Layout")
        icon = "collapse-down"
        label = _("Accordion")
        help_text = _("Sections that open one by one, such as questions and answers.")
        template = "wagtail_osce/blocks/accordion.html"
        label_format = "{title}"
