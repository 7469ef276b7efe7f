"""Admin tags for wagtail-localize's translation editor.

``{% osce_referenced_snippets translation %}`` lists the reference
snippets the object being translated refers to, each by its name in the target
language, or as not translated yet with a link to translate it. The package
adds it to the editor by extending wagtail-localize's editor template
(``wagtail_localize/admin/edit_translation.html``); a site with its own
override of that template loads ``osce_localize`` and places the tag itself.

Links are offered only where the user may follow them: editing a translated row
needs the right to change it in its language, translating an untranslated one
needs wagtail-localize's "submit translation" permission and the right to
change the model's rows in the target language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django import template
from django.contrib.admin.utils import quote
from django.db.models import Model
from django.urls import NoReverseMatch, reverse
from wagtail.models import Locale
from wagtail.permissions import policy_registry

from wagtail_osce.snippets.referenced import ReferencedSnippet, referenced_snippets

register = template.Library()

TEMPLATE = "wagtail_osce/admin/referenced_snippets.html"


@dataclass
class ReferenceRow:
    """One referenced row as the translator sees it."""

    source_name: str
    name: str | None
    edit_url: str | None = None
    translate_url: str | None = None


@dataclass
class ReferenceGroup:
    """The referenced rows of one snippet type."""

    label: str
    rows: list[ReferenceRow] = field(default_factory=list)


def _viewset(model: type[Model]) -> Any | None:
    return getattr(model, "snippet_viewset", None)


def _edit_url(user: Any, row: Model) -> str | None:
    viewset = _viewset(type(row))
    if viewset is None or not policy_registry.get(row).user_has_permission_for_instance(
        user, "change", row
    ):
        return None
    try:
        return reverse(viewset.get_url_name("edit"), args=[quote(row.pk)])
    except NoReverseMatch:
        return None


def _may_translate_into(user: Any, model: type[Model], locale: Locale) -> bool:
    if not user.has_perm("wagtail_localize.submit_translation"):
        return False
    policy = policy_registry.get_by_type(model)
    return policy.user_has_permission_for_instance(user, "change", model(locale=locale))


def _translate_url(source: Model, locale: Locale) -> str:
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[source._meta.app_label, source._meta.model_name, quote(source.pk)],
    )
    return f"{url}?{urlencode({'select_locale': locale.language_code})}"


def reference_groups(
    references: list[ReferencedSnippet], locale: Locale, user: Any
) -> list[ReferenceGroup]:
    """The references grouped by snippet type, with the links ``user`` may follow."""
    groups: dict[type[Model], ReferenceGroup] = {}
    may_translate: dict[type[Model], bool] = {}
    for reference in references:
        model = reference.model
        if _viewset(model) is None:
            continue
        group = groups.setdefault(
            model, ReferenceGroup(label=str(model._meta.verbose_name_plural).capitalize())
        )
        if reference.translation is not None:
            group.rows.append(
                ReferenceRow(
                    source_name=str(reference.source),
                    name=str(reference.translation),
                    edit_url=_edit_url(user, reference.translation),
                )
            )
            continue
        if model not in may_translate:
            may_translate[model] = _may_translate_into(user, model, locale)
        group.rows.append(
            ReferenceRow(
                source_name=str(reference.source),
                name=None,
                translate_url=_translate_url(reference.source, locale)
                if may_translate[model]
                else None,
            )
        )
    return list(groups.values())


@register.inclusion_tag(TEMPLATE, takes_context=True)
def osce_referenced_snippets(context: template.Context, translation: Any) -> dict[str, Any]:
    """The reference snippets of the object ``translation`` translates, in its target language."""
    request = context.get("request")
    user = getattr(request, "user", None)
    locale = translation.target_locale
    source = translation.source
    try:
        source_instance = source.as_instance()
    except Exception:
        # The source object is gone or can no longer be read: there is nothing to list.
        source_instance = None
    groups = (
        reference_groups(referenced_snippets(source_instance, locale), locale, user)
        if source_instance is not None and user is not None
        else []
    )
    return {
        "groups": groups,
        "locale": locale,
        "source_locale": source.locale,
        "untranslated_count": sum(1 for g in groups for row in g.rows if row.name is None),
    }
