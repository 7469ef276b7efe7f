"""Admin views that enforce :class:`~.policy.LocalePermissionPolicy` row by row.

Wagtail's generic snippet views check permissions per model when a request
arrives; the mixins here add the row's locale to that check in ``dispatch()``,
before any hook or form runs, so wagtail-localize's translation editor (which
takes over the edit view) is covered too. A refused request gets a 403 page and
an entry in the audit log, and changes nothing.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.admin.utils import quote, unquote
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property, classproperty
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, TranslatableMixin
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    PreviewRevisionView,
    RevisionsCompareView,
    RevisionsUnscheduleView,
    SnippetViewSet,
    UnpublishView,
    UsageView,
)

from .audit import log_refusal
from .policy import (
    CHOOSE,
    LocalePermissionPolicy,
    is_locale_scoped,
    register_locale_permission_policy,
)

DENIED_TEMPLATE = "wagtail_osce/permissions/denied.html"


def refuse(
    request: HttpRequest,
    instance: Model,
    action: str,
    *,
    reason: str | None = None,
    locale: str | None = None,
    **extra: Any,
) -> HttpResponse:
    """Log the refusal in the audit log and answer 403, without touching the row.

    A response rather than ``PermissionDenied``: Wagtail's admin turns that
    exception into a redirect to the dashboard, and a request wrapped in a
    transaction (``ATOMIC_REQUESTS``) would roll the audit entry back with it.
    """
    if reason is None:
        policy = policy_registry.get(instance)
        reason = (
            policy.denial_reason(request.user, action, instance)
            if isinstance(policy, LocalePermissionPolicy)
            else "permission"
        )
    log_refusal(request, instance, action, reason, locale=locale, **extra)
    if request.headers.get("x-requested-with") == "XMLHttpRequest" or request.path.startswith(
        ("/api/",)
    ):
        return JsonResponse({"error": "permission_denied", "action": action}, status=403)
    if reason == "locale":
        message = _("You may change this only in the languages your groups have been granted.")
    else:
        message = _("You do not have permission to do this.")
    return TemplateResponse(
        request,
        DENIED_TEMPLATE,
        {"object": instance, "message": message, "action": action},
        status=403,
    )


def user_may(user: Any, action: str, instance: Model) -> bool:
    """Whether the model's registered policy lets the user ``action`` this row."""
    return policy_registry.get(instance).user_has_permission_for_instance(user, action, instance)


# -- Snippet views -------------------------------------------------------------------------


class LocalePermissionCheckMixin:
    """Refuses a request about a row the user may not ``locale_permission_action``.

    Put it first in a generic object view's bases: views that load their
    object in ``setup()`` (edit, delete, history, usage, revisions) are checked
    before Wagtail's model-level check and before any ``before_*`` hook.
    """

    locale_permission_action: ClassVar[str] = "change"

    def get_object_to_check(self) -> Model | None:
        return getattr(self, "object", None) or self.get_object()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        instance = self.get_object_to_check()
        action = self.locale_permission_action
        if instance is not None and not user_may(request.user, action, instance):
            return refuse(request, instance, action, view=getattr(self, "view_name", None))
        return super().dispatch(request, *args, **kwargs)


class LocaleScopedIndexView(IndexView):
    """The listing: rows outside the user's locales are read-only (no edit, copy or delete)."""

    def get_edit_url(self, instance: Model) -> str | None:
        if user_may(self.request.user, "change", instance):
            return super().get_edit_url(instance)
        return None

    def get_copy_url(self, instance: Model) -> str | None:
        if user_may(self.request.user, "add", instance):
            return super().get_copy_url(instance)
        return None

    def get_delete_url(self, instance: Model) -> str | None:
        if user_may(self.request.user, "delete", instance):
            return super().get_delete_url(instance)
        return None


class LocaleScopedCreateView(CreateView):
    """Creating a row: only in a locale the user holds (the listing's ``?locale=``)."""

    def get_target_locale(self) -> Locale | None:
        """The locale the new row will be saved in."""
        return self.locale

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        locale = self.get_target_locale()
        if locale is not None:
            candidate = self.model(locale=locale)
            if not user_may(request.user, "add", candidate):
                # A row that does not exist yet: the refusal is logged against the locale.
                return refuse(
                    request,
                    locale,
                    "add",
                    reason=policy_registry.get(candidate).denial_reason(
                        request.user, "add", candidate
                    ),
                    locale=locale.language_code,
                    model=self.model._meta.label,
                )
        return super().dispatch(request, *args, **kwargs)


class LocaleScopedCopyView(LocaleScopedCreateView):
    """Copying a row: the copy is saved in the row's own locale, so that locale must be held.

    Wagtail's copy view checks the source row while loading it and turns a
    refusal into a redirect; here the row loads unchecked and ``dispatch()``
    refuses with a 403 and an audit entry, like every other view.
    """

    view_name = "copy"

    @cached_property
    def source_object(self) -> Model:
        return get_object_or_404(self.model, pk=unquote(str(self.kwargs[self.pk_url_kwarg])))

    def get_object(self, queryset: QuerySet | None = None) -> Model:
        return self.source_object

    def get_initial_form_instance(self) -> Model:
        return self.source_object

    def get_target_locale(self) -> Locale | None:
        return self.source_object.locale

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        policy = policy_registry.get(self.source_object)
        if not policy.user_has_any_permission_for_instance(
            request.user, ["change", "view"], self.source_object
        ):
            return refuse(request, self.source_object, "change", view="copy")
        return super().dispatch(request, *args, **kwargs)


class LocaleScopedEditView(LocalePermissionCheckMixin, EditView):
    pass


class LocaleScopedDeleteView(LocalePermissionCheckMixin, DeleteView):
    locale_permission_action = "delete"


class LocaleScopedHistoryView(LocalePermissionCheckMixin, HistoryView):
    pass


class LocaleScopedUsageView(LocalePermissionCheckMixin, UsageView):
    pass


class LocaleScopedInspectView(LocalePermissionCheckMixin, InspectView):
    pass


class LocaleScopedPreviewRevisionView(LocalePermissionCheckMixin, PreviewRevisionView):
    pass


class LocaleScopedRevisionsCompareView(LocalePermissionCheckMixin, RevisionsCompareView):
    pass


class LocaleScopedRevisionsUnscheduleView(LocalePermissionCheckMixin, RevisionsUnscheduleView):
    locale_permission_action = "publish"


class LocaleScopedUnpublishView(LocalePermissionCheckMixin, UnpublishView):
    locale_permission_action = "publish"


# -- Chooser -------------------------------------------------------------------------------


class LocaleScopedChooseViewMixin:
    """The chooser lists only the rows of the user's locales (see the policy's ``choose``).

    It filters on ``locale``, which a searchable model lists as an
    ``index.FilterField("locale")`` so that search results can be filtered too.
    """

    def get_object_list(self) -> QuerySet:
        objects = super().get_object_list()
        policy = policy_registry.get_by_type(self.model_class)
        if isinstance(policy, LocalePermissionPolicy):
            locale_ids = policy.choosable_locale_ids(self.request.user)
            if locale_ids is not None:
                objects = objects.filter(locale_id__in=locale_ids)
        return objects


class LocaleScopedChooseView(LocaleScopedChooseViewMixin, ChooseView):
    pass


class LocaleScopedChooseResultsView(LocaleScopedChooseViewMixin, ChooseResultsView):
    pass


class LocaleScopedChosenView(SnippetChosenView):
    """Picking one row by id: refused for a row of another locale."""

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        instance = self.get_object(pk)
        if not user_may(request.user, CHOOSE, instance):
            return refuse(request, instance, CHOOSE, view="chosen")
        return super().get(request, pk)


class LocaleScopedChosenMultipleView(SnippetChosenMultipleView):
    """Picking several rows by id: refused if any is of another locale."""

    def get(self, request: HttpRequest) -> HttpResponse:
        for instance in self.get_objects(request.GET.getlist("id")):
            if not user_may(request.user, CHOOSE, instance):
                return refuse(request, instance, CHOOSE, view="chosen_multiple")
        return super().get(request)


class LocaleScopedChooserViewSet(SnippetChooserViewSet):
    """The snippet chooser, kept to the user's locales."""

    choose_view_class = LocaleScopedChooseView
    choose_results_view_class = LocaleScopedChooseResultsView
    chosen_view_class = LocaleScopedChosenView
    chosen_multiple_view_class = LocaleScopedChosenMultipleView


# -- Viewset -------------------------------------------------------------------------------


class LocaleScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose every view obeys :class:`~.policy.LocalePermissionPolicy`.

    Registering it registers the policy for its model. A site's own translatable
    snippet opts in by subclassing this instead of ``SnippetViewSet`` (and
    deriving its chooser from :class:`LocaleScopedChooserViewSet`).
    """

    index_view_class = LocaleScopedIndexView
    add_view_class = LocaleScopedCreateView
    copy_view_class = LocaleScopedCopyView
    edit_view_class = LocaleScopedEditView
    delete_view_class = LocaleScopedDeleteView
    history_view_class = LocaleScopedHistoryView
    usage_view_class = LocaleScopedUsageView
    inspect_view_class = LocaleScopedInspectView
    revisions_view_class = LocaleScopedPreviewRevisionView
    revisions_compare_view_class = LocaleScopedRevisionsCompareView
    revisions_unschedule_view_class = LocaleScopedRevisionsUnscheduleView
    unpublish_view_class = LocaleScopedUnpublishView
    chooser_viewset_class = LocaleScopedChooserViewSet

    def register_permissions(self) -> None:
        register_locale_permission_policy(self.model)
        super().register_permissions()


# -- Bulk actions --------------------------------------------------------------------------


class LocaleScopedDeleteBulkAction(DeleteBulkAction):
    """Bulk delete that refuses the whole request (403) when any chosen row is out of scope.

    Wagtail's own bulk delete skips rows the user may not delete and deletes the
    rest; here a request naming a row outside the user's locales is refused
    outright and logged, and nothing is deleted.
    """

    @classproperty
    def models(cls) -> list[type[Model]]:
        return [model for model in get_snippet_models() if is_locale_scoped(model)]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            _objects, extra = self.get_actionable_objects()
            refused = extra["items_with_no_access"]
            if refused:
                for instance in refused[1:]:
                    log_refusal(
                        request,
                        instance,
                        "delete",
                        policy_registry.get(instance).denial_reason(
                            request.user, "delete", instance
                        ),
                        view="bulk_delete",
                    )
                return refuse(request, refused[0], "delete", view="bulk_delete")
        return super().dispatch(request, *args, **kwargs)


# -- wagtail-localize ----------------------------------------------------------------------


def translation_target(translation: Any) -> Model | None:
    """The row a wagtail-localize translation writes to, if it exists yet."""
    try:
        return translation.get_target_instance()
    except Exception:
        return None


def guard_translation_view(view: Any, action: str = "change") -> Any:
    """Wrap one of wagtail-localize's per-translation views (string edits, PO upload,
    machine translation, preview, stop) so that it obeys the target row's locale."""
    from wagtail_localize.models import Translation

    def guarded(request: HttpRequest, translation_id: int, *args: Any, **kwargs: Any) -> Any:
        translation = get_object_or_404(Translation, id=translation_id)
        target = translation_target(translation)
        if (
            target is not None
            and is_locale_scoped(type(target))
            and not user_may(request.user, action, target)
        ):
            return refuse(request, target, action, view="localize")
        return view(request, translation_id, *args, **kwargs)

    guarded.__name__ = getattr(view, "__name__", "guarded")
    guarded.__doc__ = view.__doc__
    return guarded


def _submit_snippet_translation_view_class() -> type:
    from wagtail_localize.views.submit_translations import SubmitSnippetTranslationView

    class LocaleScopedSubmitSnippetTranslationView(SubmitSnippetTranslationView):
        """ "Translate this snippet", offering and accepting only the user's locales."""

        def allowed_locales(self) -> QuerySet[Locale]:
            policy = policy_registry.get(self.object)
            return Locale.objects.filter(
                pk__in=[
                    locale.pk
                    for locale in Locale.objects.all()
                    if policy.user_has_permission_in_locale(self.request.user, "change", locale)
                ]
            )

        def get_form(self) -> Any:
            form = super().get_form()
            if is_locale_scoped(type(self.object)):
                field = form.fields["locales"]
                field.queryset = field.queryset.filter(pk__in=self.allowed_locales())
            return form

        def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
            if is_locale_scoped(type(self.object)):
                allowed = {str(pk) for pk in self.allowed_locales().values_list("pk", flat=True)}
                for locale_id in request.POST.getlist("locales"):
                    if locale_id not in allowed:
                        locale = Locale.objects.filter(pk=locale_id).first()
                        return refuse(
                            request,
                            self.object,
                            "change",
                            reason="locale",
                            locale=getattr(locale, "language_code", locale_id),
                            view="submit_translation",
                        )
            return super().post(request, **kwargs)

    return LocaleScopedSubmitSnippetTranslationView


def _update_translations_view_class() -> type:
    from wagtail_localize.views.update_translations import UpdateTranslationsView

    class LocaleScopedUpdateTranslationsView(UpdateTranslationsView):
        """ "Sync translated snippets": an action on the source row, so it needs the source
        locale; publishing the synced translations needs each target locale as well."""

        def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            from wagtail_localize.models import TranslationSource

            source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
            instance = source.get_source_instance()
            if is_locale_scoped(type(instance)):
                if not user_may(request.user, "change", instance):
                    return refuse(request, instance, "change", view="sync_translations")
                if request.method == "POST" and request.POST.get("publish_translations"):
                    for translation in source.translations.filter(enabled=True):
                        target = translation_target(translation)
                        if target is not None and not user_may(request.user, "change", target):
                            return refuse(request, target, "change", view="sync_translations")
            return super().dispatch(request, *args, **kwargs)

    return LocaleScopedUpdateTranslationsView


def user_may_sync(user: Any, instance: Model) -> bool:
    """Whether "Sync translated snippets" on this source row is open to the user."""
    return user_may(user, "change", instance)


def filter_translation_buttons(buttons: list[Any], instance: Model, user: Any) -> None:
    """Drop wagtail-localize's listing buttons a user would only be refused at (in place).

    "Translate" stays if the user holds some other locale than the row's (the
    form then offers only those); "Sync translated snippets" if the user may
    change the source row.
    """
    if not isinstance(instance, TranslatableMixin) or not is_locale_scoped(type(instance)):
        return
    submit_url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[instance._meta.app_label, instance._meta.model_name, quote(instance.pk)],
    )
    update_prefix = reverse("wagtail_localize:update_translations", args=[0])[: -len("0/")]
    policy = policy_registry.get(instance)
    held = policy.choosable_locale_ids(user)
    may_translate = held is None or bool(held - {instance.locale_id})
    may_translate = may_translate and policy.user_has_permission(user, "change")
    may_sync = user_may_sync(user, instance)
    for button in list(buttons):
        url = (getattr(button, "url", "") or "").split("?")[0]
        if (url == submit_url and not may_translate) or (
            url.startswith(update_prefix) and not may_sync
        ):
            buttons.remove(button)


def localize_urlpatterns() -> list[Any]:
    """wagtail-localize's writing URLs, each guarded by the locale policy.

    Registered before wagtail-localize's own (``register_admin_urls`` with a
    lower order), the same paths resolve here first; pages and models without a
    locale-scoped policy pass straight through to wagtail-localize.
    """
    from django.urls import include, path
    from wagtail_localize.views import edit_translation

    guarded = [
        ("translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
         edit_translation.edit_string_translation),
        ("translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
         edit_translation.edit_override),
        ("translate/<int:translation_id>/pofile/download/", edit_translation.download_pofile),
        ("translate/<int:translation_id>/pofile/upload/", edit_translation.upload_pofile),
        ("translate/<int:translation_id>/machine_translate/", edit_translation.machine_translate),
        ("translate/<int:translation_id>/preview/", edit_translation.preview_translation),
        ("translate/<int:translation_id>/preview/<str:mode>/",
         edit_translation.preview_translation),
        ("translate/<int:translation_id>/disable/", edit_translation.stop_translation),
    ]  # fmt: skip
    urls = [path(route, guard_translation_view(view)) for route, view in guarded]
    urls += [
        path(
            "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            _submit_snippet_translation_view_class().as_view(),
        ),
        path(
            "update/<int:translation_source_id>/",
            _update_translations_view_class().as_view(),
        ),
    ]
    return [path("localize/", include((urls, "wagtail_osce_localize")))]
