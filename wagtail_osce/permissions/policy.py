"""The rule: a group changes translatable snippets only in the locales it has been granted.

Wagtail's snippet permissions are per model, so the change permission a
translator needs for one language would open every language, the source
included. :class:`LocalePermissionPolicy` keeps Wagtail's model permissions and
adds one condition for the actions that write: the row's locale must be one of
the locales the user's groups hold (:class:`~.models.GroupLocalePermission`).
Superusers are unaffected, and so is a site without ``WAGTAIL_I18N_ENABLED``,
which has one language only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet
from wagtail.models import Locale, TranslatableMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

#: Actions that write to a row, and so are limited to the user's locales.
SCOPED_ACTIONS = frozenset({"add", "change", "delete", "publish", "unpublish", "lock", "unlock"})
#: Picking a row in a chooser: no Django permission, but kept to the user's locales.
CHOOSE = "choose"

_CACHE_ATTRIBUTE = "_wagtail_osce_locale_ids"


def scoping_enabled() -> bool:
    """Whether locales narrow permissions at all: only a multilingual site has more than one."""
    return bool(getattr(settings, "WAGTAIL_I18N_ENABLED", False))


def locale_ids_for_user(user: Any) -> frozenset[int]:
    """The ids of the locales the user's groups hold, read once per request and user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        from .models import GroupLocalePermission

        cached = frozenset(
            GroupLocalePermission.objects.filter(group__user=user).values_list(
                "locale_id", flat=True
            )
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def locales_for_user(user: Any) -> QuerySet[Locale]:
    """The locales a user may change locale-scoped snippets in (every locale for a superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Locale.objects.all()
    return Locale.objects.filter(pk__in=locale_ids_for_user(user))


def forget_locale_ids(user: Any) -> None:
    """Drop the cached locales of a user object, after its groups' grants changed."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def instance_locale_id(instance: TranslatableMixin) -> int | None:
    """The locale a row is in, or would be saved in if it is new."""
    if instance.locale_id:
        return instance.locale_id
    try:
        return instance.get_default_locale().pk
    except Locale.DoesNotExist:
        return None


class LocalePermissionPolicy(ModelPermissionPolicy):
    """Wagtail's model permissions, with writing limited to the locales a user's groups hold.

    - ``add``, ``change``, ``delete``, ``publish`` (and ``unpublish``, ``lock``,
      ``unlock``) need the model permission *and* the row's locale;
    - ``view`` is the model permission alone;
    - ``choose`` (the snippet chooser) lists the rows of the user's locales, or
      every row for a user whose groups hold no locale at all (an editor of
      pages who never changes reference data).
    """

    def check_model(self, model: type[Model]) -> None:
        super().check_model(model)
        if not issubclass(model, TranslatableMixin):
            raise ImproperlyConfigured(
                f"{model._meta.label} is not translatable: LocalePermissionPolicy scopes "
                "permissions by the row's locale, which needs TranslatableMixin."
            )

    # -- One user --------------------------------------------------------------------------

    def _is_unrestricted(self, user: Any) -> bool:
        return (user.is_active and user.is_superuser) or not scoping_enabled()

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action == CHOOSE:
            return bool(getattr(user, "is_authenticated", False) and user.is_active)
        if not super().user_has_permission(user, action):
            return False
        if action not in SCOPED_ACTIONS or self._is_unrestricted(user):
            return True
        return bool(locale_ids_for_user(user))

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        if not self.user_has_permission(user, action):
            return False
        if self._is_unrestricted(user):
            return True
        if action == CHOOSE:
            held = locale_ids_for_user(user)
            return not held or instance_locale_id(instance) in held
        if action not in SCOPED_ACTIONS:
            return True
        return instance_locale_id(instance) in locale_ids_for_user(user)

    def user_has_permission_in_locale(self, user: Any, action: str, locale: Locale) -> bool:
        """Whether the user may ``action`` a row of this model in ``locale`` (say, to create one)."""
        return self.user_has_permission_for_instance(user, action, self.model(locale=locale))

    def choosable_locale_ids(self, user: Any) -> frozenset[int] | None:
        """The locales whose rows the user's chooser lists, or None for every locale."""
        if self._is_unrestricted(user):
            return None
        return locale_ids_for_user(user) or None

    def denial_reason(self, user: Any, action: str, instance: Any) -> str:
        """Why a refused action was refused: the model permission, or the row's locale."""
        if not self.user_has_permission(user, action):
            return "permission"
        return "locale"

    def instances_user_has_any_permission_for(self, user: Any, actions: Iterable[str]) -> QuerySet:
        objects = self.model._default_manager.all()
        actions = set(actions)
        granted = {action for action in actions if self.user_has_permission(user, action)}
        if not granted:
            return objects.none()
        if self._is_unrestricted(user):
            return objects
        held = locale_ids_for_user(user)
        if granted - SCOPED_ACTIONS - {CHOOSE}:
            return objects  # "view" is not scoped
        if CHOOSE in granted and not held:
            return objects
        return objects.filter(locale_id__in=held)

    # -- Which users -----------------------------------------------------------------------

    def users_with_any_permission_for_instance(
        self, actions: Iterable[str], instance: Any
    ) -> QuerySet:
        actions = set(actions)
        users = self.users_with_any_permission(actions - {CHOOSE})
        if CHOOSE in actions:
            users = get_user_model().objects.filter(is_active=True)
        if not scoping_enabled() or not actions <= SCOPED_ACTIONS:
            return users
        return users.filter(
            Q(is_superuser=True)
            | Q(groups__osce_locale_permissions__locale_id=instance_locale_id(instance))
        ).distinct()


def is_locale_scoped(model: type[Model]) -> bool:
    """Whether a model's registered permission policy is a locale-scoped one."""
    return isinstance(policy_registry.get_by_type(model, fallback=False), LocalePermissionPolicy)


def register_locale_permission_policy(
    model: type[Model], policy: LocalePermissionPolicy | None = None
) -> LocalePermissionPolicy:
    """Put a translatable model under locale-scoped permissions: the one call a site makes.

    Call it before the model's snippet viewset is registered (at the top of
    ``wagtail_hooks.py`` or in ``AppConfig.ready()``), as Wagtail requires for
    every permission policy; :class:`~.views.LocaleScopedSnippetViewSet` calls it
    itself. Registering the same model twice keeps the first policy.
    """
    existing = policy_registry.get_by_type(model, fallback=False)
    if isinstance(existing, LocalePermissionPolicy) and existing.model is model:
        return existing
    policy = policy or LocalePermissionPolicy(model)
    register_permission_policy(model, policy, exact_class=True)
    return policy
