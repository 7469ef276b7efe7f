"""Signed webhooks that tell a decoupled frontend what to revalidate.

On publish and unpublish the package POSTs a small JSON event to every URL in
``WAGTAIL_OSCE["WEBHOOK_URLS"]``. Each request carries an HMAC-SHA256 signature of
its raw body, keyed with ``WEBHOOK_SECRET``, so a receiver can reject forgeries
(see :func:`verify_signature`). Delivery runs in Wagtail's background tasks and
retries connection errors and 5xx answers with a short exponential backoff; a 4xx
answer means the receiver refused the event and is not retried.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from django.core import checks
from django.db import models
from django.utils import timezone
from wagtail.models import Page

from wagtail_osce.conf import osce_settings

from .purge import api_detail_url, api_url_for_snippet

logger = logging.getLogger("wagtail_osce.webhooks")

SIGNATURE_HEADER = "X-OSCE-Signature"
EVENT_HEADER = "X-OSCE-Event"
DELIVERY_HEADER = "X-OSCE-Delivery"
SIGNATURE_PREFIX = "sha256="

PAGE_PUBLISHED = "page.published"
PAGE_UNPUBLISHED = "page.unpublished"
SNIPPET_SAVED = "snippet.saved"
SNIPPET_DELETED = "snippet.deleted"

#: Seconds before the first retry when ``WAGTAIL_OSCE["WEBHOOK_BACKOFF"]`` is not set;
#: each further retry waits twice as long as the one before.
DEFAULT_BACKOFF = 1.0

#: Longest wait between two attempts, whatever the backoff and the attempt number.
MAX_BACKOFF = 30.0


class WebhookDeliveryError(Exception):
    """A webhook could not be delivered; raised by the task so its result records the failure."""


@dataclass(frozen=True)
class DeliveryResult:
    """The outcome of delivering one event to one URL, after any retries."""

    url: str
    delivered: bool
    attempts: int
    status: int | None
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "delivered": self.delivered,
            "attempts": self.attempts,
            "status": self.status,
            "error": self.error,
        }


def sign(secret: str, body: bytes) -> str:
    """The ``X-OSCE-Signature`` header value for ``body``: ``sha256=<hex HMAC-SHA256>``."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    """Whether ``header`` is the signature of the raw request ``body`` under ``secret``.

    For receivers: compare in constant time, so the answer leaks nothing about how
    much of a forged signature was right. An empty secret verifies nothing.
    """
    if not secret or not header:
        return False
    return hmac.compare_digest(
        sign(secret, body).encode("ascii"), header.strip().encode("ascii", "replace")
    )


def _type_label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def _locale_code(instance: models.Model) -> str | None:
    if not getattr(instance, "locale_id", None):
        return None
    return instance.locale.language_code


def page_event(event: str, page: Page) -> dict[str, Any]:
    """The JSON-ready body of a page event, computed when the event happens.

    Built eagerly so an unpublish caused by a deletion still describes the page.
    """
    specific_class = page.specific_class or type(page)
    return {
        "event": event,
        "page": {
            "id": page.pk,
            "type": _type_label(specific_class),
            "locale": _locale_code(page),
            "url": page.get_full_url(),
            "api_url": api_detail_url(page),
            "translation_key": str(page.translation_key),
        },
        "timestamp": timezone.now().isoformat(),
    }


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
    from wagtail_osce.tasks import deliver_webhook

    body = encode(payload)
    delivery_ids = []
    for url in webhook_urls() if urls is None else urls:
        delivery_id = str(uuid.uuid4())
        deliver_webhook.enqueue(url=url, body=body, event=payload["event"], delivery_id=delivery_id)
        delivery_ids.append(delivery_id)
    return delivery_ids


class _NoRedirects(HTTPRedirectHandler):
    """A receiver that redirects is misconfigured: report its 3xx instead of re-POSTing elsewhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = build_opener(_NoRedirects)


def _backoff(retry: int) -> float:
    base = float(getattr(osce_settings, "WEBHOOK_BACKOFF", DEFAULT_BACKOFF))
    return min(base * (2 ** (retry - 1)), MAX_BACKOFF)


def _post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    request = Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status
    except HTTPError as error:
        return error.code


def deliver(url: str, body: str, event: str, delivery_id: str) -> DeliveryResult:
    """POST one signed event to one receiver, retrying connection errors and 5xx answers.

    Makes ``1 + WEBHOOK_RETRIES`` attempts at most. Never raises for a failed
    delivery: the result says what happened, and every failure is logged.
    """
    from wagtail_osce import __version__

    raw = body.encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"wagtail-osce/{__version__}",
        SIGNATURE_HEADER: sign(osce_settings.WEBHOOK_SECRET, raw),
        EVENT_HEADER: event,
        DELIVERY_HEADER: delivery_id,
    }
    timeout = float(osce_settings.WEBHOOK_TIMEOUT)
    max_attempts = 1 + max(int(osce_settings.WEBHOOK_RETRIES), 0)
    status: int | None = None
    error = ""
    for attempt in range(1, max_attempts + 1):
        try:
            status = _post(url, raw, headers, timeout)
            error = "" if status < 400 else f"HTTP {status}"
        except (URLError, OSError) as exc:
            status = None
            error = str(getattr(exc, "reason", exc))
        if status is not None and 200 <= status < 300:
            logger.info(
                "Webhook %s %s delivered to %s (HTTP %s, attempt %d)",
                event,
                delivery_id,
                url,
                status,
                attempt,
            )
            return DeliveryResult(url, True, attempt, status)
        retryable = status is None or status >= 500
        if not retryable:
            if status is not None and status < 400:
                error = f"HTTP {status}: receivers must answer 2xx, not redirect"
            logger.error(
                "Webhook %s %s refused by %s (%s); not retried", event, delivery_id, url, error
            )
            return DeliveryResult(url, False, attempt, status, error)
        if attempt < max_attempts:
            delay = _backoff(attempt)
            logger.warning(
                "Webhook %s %s to %s failed (%s), attempt %d of %d; retrying in %.2fs",
                event,
                delivery_id,
                url,
                error,
                attempt,
                max_attempts,
                delay,
            )
            time.sleep(delay)
    logger.error(
        "Webhook %s %s to %s failed after %d attempts (%s); giving up",
        event,
        delivery_id,
        url,
        max_attempts,
        error,
    )
    return DeliveryResult(url, False, max_attempts, status, error)


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
