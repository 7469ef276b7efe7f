"""Admin registrations: the OSCE reference snippets, grouped under one "OSCE" menu item, and
the locale-scoped permissions that keep translators to their languages."""

from typing import Any

from django.contrib import messages
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .pages.warnings import hidden_link_targets
from .permissions import audit
from .permissions.forms import GroupLocalePermissionForm
from .permissions.policy import register_locale_permission_policy
from .permissions.views import (
    LocaleScopedDeleteBulkAction,
    filter_translation_buttons,
    localize_urlpatterns,
)
from .snippets.views import OsceSnippetViewSetGroup

# Policies first: Wagtail wants them registered before anything asks for a model's policy.
for viewset_class in OsceSnippetViewSetGroup.items:
    register_locale_permission_policy(viewset_class.model)

register_snippet(OsceSnippetViewSetGroup)


@hooks.register("register_group_permission_panel")
def register_group_locale_permission_panel() -> type[GroupLocalePermissionForm]:
    return GroupLocalePermissionForm


@hooks.register("register_log_actions")
def register_permission_log_actions(actions: Any) -> None:
    audit.register_log_actions(actions)


# After Wagtail's own bulk delete (order 0), so this one wins for locale-scoped snippets.
hooks.register("register_bulk_action", LocaleScopedDeleteBulkAction, order=100)


@hooks.register("register_admin_urls", order=-100)
def register_localize_guards() -> list[Any]:
    return localize_urlpatterns()


@hooks.register("construct_snippet_listing_buttons")
def hide_refused_translation_buttons(buttons: list[Any], snippet: Any, user: Any) -> None:
    filter_translation_buttons(buttons, snippet, user)


@hooks.register("before_edit_page")
def warn_about_hidden_link_targets(request: Any, page: Any) -> None:
    """Tell the editor which links of the page lead to pages visitors cannot see."""
    if request.method != "GET":
        return
    targets = hidden_link_targets(page.get_latest_revision_as_object())
    if targets:
        messages.warning(
            request,
            _(
                "Some links on this page lead to pages visitors cannot see (drafts, "
                "private, scheduled or expired pages): %(titles)s. Visitors see their "
                "text without a link until those pages are live and public."
            )
            % {"titles": ", ".join(f"“{target.title}”" for target in targets)},
        )


@hooks.register("insert_global_admin_css")
def osce_admin_css() -> str:
    """The listings' no-mid-word-break rule (Structures and the other OSCE snippets)."""
    return format_html(
        '<link rel="stylesheet" href="{}">', static("wagtail_osce/admin/listings.css")
    )


@hooks.register("construct_homepage_panels")
def add_translation_queue_panel(request: Any, panels: list[Any]) -> None:
    """Per language the user may translate: pages waiting, changed since, not yet translated."""
    from .dashboard import TranslationQueuePanel, translatable_locales

    locales = translatable_locales(request.user)
    if locales:
        panels.append(TranslationQueuePanel(locales))
