"""Signed webhooks that tell a decoupled frontend what to revalidate.

On publish, unpublish, move and a view restriction added or removed the package POSTs a small JSON event to every URL in
``WAGTAIL_OSCE["WEBHOOK_URLS"]``. Each request carries an HMAC-SHA256 signature of
its raw body, keyed with ``WEBHOOK_SECRET``, so a receiver can reject forgeries
(see :func:`verify_signature`). Delivery runs in Wagtail's background tasks and
retries connection errors and 5xx answers with a short exponential backoff; a 4xx
answer means the receiver refused the event and is not retried.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.core import checks
from django.db import models
from django.utils import timezone
from wagtail.models import Page, Site

from wagtail_osce.conf import osce_settings

from .delivery import (
    DEFAULT_BACKOFF,
    DELIVERY_HEADER,
    EVENT_HEADER,
    MAX_BACKOFF,
    SIGNATURE_HEADER,
    SIGNATURE_PREFIX,
    DeliveryResult,
    WebhookDeliveryError,
    deliver,
    sign,
    verify_signature,
)
from .purge import api_detail_url, api_url_for_snippet
from .tasks import deliver_webhook

__all__ = [
    "DEFAULT_BACKOFF",
    "DELIVERY_HEADER",
    "EVENT_HEADER",
    "MAX_BACKOFF",
    "PAGE_MOVED",
    "PAGE_PUBLISHED",
    "PAGE_RESTRICTED",
    "PAGE_UNPUBLISHED",
    "PAGE_UNRESTRICTED",
    "SIGNATURE_HEADER",
    "SIGNATURE_PREFIX",
    "SNIPPET_DELETED",
    "SNIPPET_SAVED",
    "DeliveryResult",
    "WebhookDeliveryError",
    "check_webhook_settings",
    "deliver",
    "enqueue_event",
    "page_event",
    "sign",
    "snippet_event",
    "verify_signature",
    "webhooks_enabled",
]

logger = logging.getLogger("wagtail_osce.webhooks")

PAGE_PUBLISHED = "page.published"
PAGE_UNPUBLISHED = "page.unpublished"
PAGE_MOVED = "page.moved"
PAGE_RESTRICTED = "page.restricted"
PAGE_UNRESTRICTED = "page.unrestricted"
SNIPPET_SAVED = "snippet.saved"
SNIPPET_DELETED = "snippet.deleted"


def _type_label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def _locale_code(instance: models.Model) -> str | None:
    if not getattr(instance, "locale_id", None):
        return None
    return instance.locale.language_code


def page_event(event: str, page: Page, url_path_before: str | None = None) -> dict[str, Any]:
    """The JSON-ready body of a page event, computed when the event happens.

    Built eagerly so an unpublish caused by a deletion still describes the page.
    A move also gives ``previous_url``, the page's public URL before it.
    """
    specific_class = page.specific_class or type(page)
    described: dict[str, Any] = {
        "id": page.pk,
        "type": _type_label(specific_class),
        "locale": _locale_code(page),
        "url": page.get_full_url(),
        "api_url": api_detail_url(page),
        "translation_key": str(page.translation_key),
    }
    if url_path_before is not None:
        described["previous_url"] = _url_before(page, url_path_before)
    return {"event": event, "page": described, "timestamp": timezone.now().isoformat()}


def _url_before(page: Page, url_path_before: str) -> str | None:
    """The public URL the page had at ``url_path_before``, when it stays in the same site root."""
    parts = page.get_url_parts()
    if parts is None:
        return None
    site_id, root_url, path = parts
    for root in Site.get_site_root_paths():
        if root.site_id != site_id or not page.url_path.startswith(root.root_path):
            continue
        tail = page.url_path[len(root.root_path) :]
        if not path.endswith(tail) or not url_path_before.startswith(root.root_path):
            return None
        prefix = path[: len(path) - len(tail)]
        return root_url + prefix + url_path_before[len(root.root_path) :]
    return None


def snippet_event(event: str, instance: models.Model) -> dict[str, Any]:
    """The JSON-ready body of a reference snippet event."""
    translation_key = getattr(instance, "translation_key", None)
    return {
        "event": event,
        "snippet": {
            "id": instance.pk,
            "type": _type_label(type(instance)),
            "locale": _locale_code(instance),
            "api_url": api_url_for_snippet(instance),
            "translation_key": str(translation_key) if translation_key else None,
        },
        "timestamp": timezone.now().isoformat(),
    }


def encode(payload: dict[str, Any]) -> str:
    """Serialise an event once, so every attempt sends (and signs) the same bytes."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True, default=str)


def webhook_urls() -> list[str]:
    """The configured receivers that can be delivered to (http and https only)."""
    urls = osce_settings.WEBHOOK_URLS or []
    valid = []
    for url in urls:
        if urlsplit(str(url)).scheme in ("http", "https"):
            valid.append(str(url))
        else:
            logger.error("Ignoring WAGTAIL_OSCE['WEBHOOK_URLS'] entry %r: not an http(s) URL", url)
    return valid


def webhooks_enabled() -> bool:
    """Whether events are sent: receivers are configured and there is a secret to sign with."""
    if not osce_settings.WEBHOOK_URLS:
        return False
    if not osce_settings.WEBHOOK_SECRET:
        logger.warning(
            "WAGTAIL_OSCE['WEBHOOK_URLS'] is set but WAGTAIL_OSCE['WEBHOOK_SECRET'] is empty; "
            "webhooks are not sent unsigned"
        )
        return False
    return True


def enqueue_event(payload: dict[str, Any], urls: Iterable[str] | None = None) -> list[str]:
    """Queue one delivery task per receiver; returns the delivery ids.

    Call it after the transaction that made the change has committed, so a
    receiver that fetches the API at once sees the new state.
    """
    body = encode(payload)
    delivery_ids = []
    for url in webhook_urls() if urls is None else urls:
        delivery_id = str(uuid.uuid4())
        deliver_webhook.enqueue(url=url, body=body, event=payload["event"], delivery_id=delivery_id)
        delivery_ids.append(delivery_id)
    return delivery_ids


def check_webhook_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """System check: receivers need an http(s) URL and a secret to sign with."""
    messages: list[checks.CheckMessage] = []
    urls = osce_settings.WEBHOOK_URLS
    if not isinstance(urls, list | tuple):
        return [
            checks.Error(
                "WAGTAIL_OSCE['WEBHOOK_URLS'] must be a list of URLs.",
                id="wagtail_osce.E101",
            )
        ]
    for url in urls:
        if urlsplit(str(url)).scheme not in ("http", "https"):
            messages.append(
                checks.Error(
                    f"WAGTAIL_OSCE['WEBHOOK_URLS'] entry {url!r} is not an http(s) URL.",
                    id="wagtail_osce.E102",
                )
            )
    if urls and not osce_settings.WEBHOOK_SECRET:
        messages.append(
            checks.Error(
                "WAGTAIL_OSCE['WEBHOOK_URLS'] is set but WAGTAIL_OSCE['WEBHOOK_SECRET'] is empty.",
                hint="Set a long random secret and share it with each receiver.",
                id="wagtail_osce.E103",
            )
        )
    return messages
