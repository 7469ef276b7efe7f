"""What the page editor is warned about: links in a page's blocks that visitors cannot follow."""

from __future__ import annotations

from django.db.models import Model
from wagtail.fields import StreamField

from wagtail_osce.blocks.prefetch import prefetch_stream
from wagtail_osce.visibility import page_model


def hidden_link_targets(page: Model) -> list[Model]:
    """Pages that ``page``'s streams point at and that visitors cannot see, in title order.

    The site shows such a link as its text only; the editor should know before
    publishing. Uses the same visibility rule as the site and the API.
    """
    hidden: set[int] = set()
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(page, field.name)
            if value:
                hidden |= prefetch_stream(value, page=page).hidden_page_ids()
    if not hidden:
        return []
    return list(page_model().objects.filter(pk__in=hidden).order_by("title"))
