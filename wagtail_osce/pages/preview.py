"""Previews in a decoupled frontend, for every page type of the package and of a site.

With ``WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]`` set, Wagtail's preview panel and
"preview in new tab" open the frontend with a signed token (wagtail-headless-preview
stores the draft); the frontend fetches the draft from the API's ``preview``
endpoint. Without it, pages preview through their own templates as usual.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_headless_preview.settings import headless_preview_settings


def frontend_preview_enabled() -> bool:
    """Whether the site previews in a decoupled frontend."""
    return bool(headless_preview_settings.CLIENT_URLS)


class FrontendPreviewMixin(HeadlessPreviewMixin):
    """Preview in the decoupled frontend when the site has one, else with the page's template.

    Put it first in a page type's bases (the package's mixins already include it).
    """

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        if frontend_preview_enabled():
            return HeadlessPreviewMixin.serve_preview(self, request, mode_name)
        # A preview shows the page as its readers see it: in its own language, whatever
        # the editor's, so that references and blocks resolve in that language.
        language = getattr(getattr(self, "locale", None), "language_code", None)
        if not language:
            return super(HeadlessPreviewMixin, self).serve_preview(request, mode_name)
        with translation.override(language):
            response = super(HeadlessPreviewMixin, self).serve_preview(request, mode_name)
            if hasattr(response, "render"):
                response.render()
        return response
