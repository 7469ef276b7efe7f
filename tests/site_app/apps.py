from django.apps import AppConfig


class SiteAppConfig(AppConfig):
    name = "tests.site_app"
    label = "site_app"
    default_auto_field = "django.db.models.BigAutoField"
