"""Previews of drafts for a decoupled frontend, under a short-lived signed token.

Wagtail's preview panel and "preview in new tab" open the frontend (through
wagtail-headless-preview, which stores the draft and signs a token); the frontend
asks this endpoint for the draft with that token and renders it with the same
code as a live page: the body has exactly the live detail's schema. Responses are
never cached, and nothing of the draft is served without a valid token.
"""

from __future__ import annotations

from django.apps import apps
from django.core.signing import BadSignature, SignatureExpired
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from wagtail_headless_preview.models import HeadlessPreviewMixin

from wagtail_osce.api.errors import ERROR_RESPONSES, ApiError, ErrorOut, not_found
from wagtail_osce.api.params import Text
from wagtail_osce.api.representations.detail import page_detail_of
from wagtail_osce.api.routers.pages import AnyPageDetail
from wagtail_osce.conf import osce_settings
from wagtail_osce.locales import resolve_locale

router = Router(tags=["preview"])


def _refuse(message: str) -> ApiError:
    return ApiError(401, "invalid_preview_token", message, parameter="token")


def preview_model(content_type: str) -> type:
    """The page model a ``content_type`` (``app_label.modelname``) names, if it can preview."""
    app_label, _dot, model_name = content_type.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        model = None
    if model is None or not issubclass(model, HeadlessPreviewMixin):
        raise not_found(f"No page type {content_type!r} can be previewed.")
    return model


@router.get(
    "/preview",
    response={200: AnyPageDetail, 401: ErrorOut, **ERROR_RESPONSES},
    summary="A draft being previewed",
)
def preview(
    request: HttpRequest,
    content_type: Text = Query(
        ...,
        description="The previewed page's type, as the preview URL gives it (`app.model`).",
    ),
    token: Text = Query(
        ...,
        description="The signed token of the preview URL; valid for "
        "`WAGTAIL_OSCE['PREVIEW_TOKEN_MAX_AGE']` seconds.",
    ),
):
    """The draft a preview token names, in the live detail's schema; never cached.

    A page not saved yet has `id` 0 and no `url`. An expired or tampered token is
    a 401; a token for another page type, or for a preview that is gone, a 404.
    """
    model = preview_model(content_type)
    try:
        model.get_preview_signer().unsign(token, max_age=osce_settings.PREVIEW_TOKEN_MAX_AGE)
    except SignatureExpired:
        raise _refuse("The preview token has expired: preview the page again.") from None
    except BadSignature:
        raise _refuse("The preview token is not valid.") from None
    page = model.get_page_from_preview_token(token)
    if page is None:
        raise not_found("No preview has this token.")
    if page.pk is None:
        page.pk = page.id = 0
    ctx = resolve_locale(request, None)
    ctx = ctx.for_locale(ctx.by_id.get(page.locale_id, ctx.default))
    detail = page_detail_of(request, page, ctx)
    response = HttpResponse(detail.model_dump_json(), content_type="application/json")
    response["Cache-Control"] = "no-store, private"
    return response
