from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailOsceConfig(AppConfig):
    """The one Django app of wagtail-osce; its label is what migrations and settings use."""

    name = "wagtail_osce"
    label = "wagtail_osce"
    verbose_name = _("OSCE")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Connect every signal the package listens to; no module connects one on import."""
        from django.apps import apps
        from django.core.signals import setting_changed

        from wagtail_osce import localize, signal_handlers
        from wagtail_osce.api.cache import invalidation
        from wagtail_osce.conf import reload_settings
        from wagtail_osce.content_version import forget_kept
        from wagtail_osce.representation.media import forget_image_shapes
        from wagtail_osce.representation.responsive import check_settings

        setting_changed.connect(reload_settings, dispatch_uid="wagtail_osce_reload_settings")
        setting_changed.connect(forget_image_shapes, dispatch_uid="wagtail_osce_image_shapes")
        setting_changed.connect(forget_kept, dispatch_uid="wagtail_osce_kept_reference_data")
        # A malformed image setting stops the start with its key named, not a request.
        check_settings()
        signal_handlers.register()
        localize.register()
        # Every process that edits content invalidates the API's shared detail cache,
        # whether or not it also serves the API.
        invalidation.connect_signals()
        if apps.is_installed("corsheaders"):
            from corsheaders.signals import check_request_enabled

            from wagtail_osce.api.cors import allow_api_request

            check_request_enabled.connect(allow_api_request, dispatch_uid="wagtail_osce_cors")
