"""Background work of wagtail-osce, run by Wagtail's task backend (``TASKS`` setting).

With Django's default immediate backend a task runs inside the request that
queued it; a site with a worker backend runs it out of the request.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from .delivery import WebhookDeliveryError, deliver


@task()
def deliver_webhook(url: str, body: str, event: str, delivery_id: str) -> dict[str, Any]:
    """POST one signed event to one receiver, with retries.

    A failed delivery raises, so the task's result is marked as failed where the
    backend keeps results; the change that caused the event is already committed.
    """
    result = deliver(url=url, body=body, event=event, delivery_id=delivery_id)
    if not result.delivered:
        raise WebhookDeliveryError(
            f"Webhook {event} {delivery_id} to {url} not delivered after "
            f"{result.attempts} attempt(s): {result.error}"
        )
    return result.as_dict()
