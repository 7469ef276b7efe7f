from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailOsceConfig(AppConfig):
    """The one Django app of wagtail-osce; its label is what migrations and settings use."""

    name = "wagtail_osce"
    label = "wagtail_osce"
    verbose_name = _("OSCE")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signal_handlers, translation

        signal_handlers.register()
        translation.register()
