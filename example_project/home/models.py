from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The example site's root page."""

    intro = RichTextField(_("intro"), blank=True)

    content_panels = [*Page.content_panels, "intro"]

    class Meta:
        verbose_name = _("home page")
