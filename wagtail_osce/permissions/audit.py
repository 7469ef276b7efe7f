"""Refusals in Wagtail's audit log, so an administrator sees who tried to change what."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as log_action

#: The audit log action of a refused request.
PERMISSION_DENIED = "wagtail_osce.permission_denied"


class PermissionDeniedFormatter(LogFormatter):
    """Shows a refusal in the history and the site history report as what was refused and why."""

    label = _("Refused: outside the user's permissions")

    def format_message(self, log_entry: Any) -> str:
        data = log_entry.data or {}
        if data.get("reason") == "locale":
            return str(
                _("Refused to %(action)s: the user's groups do not hold the locale %(locale)s")
                % {"action": data.get("action", "?"), "locale": data.get("locale", "?")}
            )
        return str(
            _("Refused to %(action)s: the user lacks the permission")
            % {"action": data.get("action", "?")}
        )


def register_log_actions(actions: Any) -> None:
    """Register the refusal action with Wagtail's log registry (from the register_log_actions hook)."""
    actions.register_action(PERMISSION_DENIED)(PermissionDeniedFormatter)


def log_refusal(
    request: HttpRequest,
    instance: Model,
    action: str,
    reason: str,
    *,
    locale: str | None = None,
    **extra: Any,
) -> None:
    """Write one audit log entry for a refused request, against the row it was about."""
    if locale is None:
        row_locale = getattr(instance, "locale", None)
        locale = getattr(row_locale, "language_code", None)
    log_action(
        instance=instance,
        action=PERMISSION_DENIED,
        user=request.user if request.user.is_authenticated else None,
        data={
            "action": action,
            "reason": reason,
            "locale": locale,
            "method": request.method,
            "path": request.path,
            **extra,
        },
    )
