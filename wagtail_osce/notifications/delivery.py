"""Delivering one signed webhook: the signature, the POST and its retries.

Each request carries an HMAC-SHA256 signature of its raw body, keyed with
``WEBHOOK_SECRET``, so a receiver can reject forgeries (see
:func:`verify_signature`). Connection errors and 5xx answers are retried with a
short exponential backoff; a 4xx answer means the receiver refused the event and
is not retried.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.request import HTTPRedirectHandler, Request, build_opener

from wagtail_osce import __version__
from wagtail_osce.conf import osce_settings

logger = logging.getLogger("wagtail_osce.webhooks")

SIGNATURE_HEADER = "X-OSCE-Signature"
EVENT_HEADER = "X-OSCE-Event"
DELIVERY_HEADER = "X-OSCE-Delivery"
SIGNATURE_PREFIX = "sha256="

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
