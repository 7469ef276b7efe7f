"""Fields and behaviour of the story and meeting pages, as abstract mixins.

Wagtail 8 lets a site swap its base page model (``WAGTAIL_PAGE_MODEL``), so a
reusable app cannot subclass ``wagtail.models.Page`` and be done. These mixins
are plain abstract models holding the fields, panels, validation, search fields
and template context; :mod:`wagtail_osce.pages.models` combines each with the
site's base page model. A site building its own page types does the same::

    class StoryPage(StoryPageMixin, BasePage):
        content_panels = [*BasePage.content_panels, *StoryPageMixin.mixin_content_panels]
        search_fields = [*BasePage.search_fields, *StoryPageMixin.mixin_search_fields]
        parent_page_types = ["myapp.StoryIndexPage"]

The mixin goes first so that its ``get_context``, ``clean`` and ``save`` run and
hand over to the base page's with ``super()``. Panels and search fields are kept
under ``mixin_*`` names because a mixin attribute called ``content_panels``
would hide the base page's title panel. ``edit_handler`` builds the admin tabs
(content, taxonomy, promote, settings) from the class's own panel lists, so a
subclass that changes ``content_panels`` sees its change.
"""

from .meeting import MeetingIndexPageMixin, MeetingPageMixin
from .story import StoryIndexPageMixin, StoryPageMixin

__all__ = ["MeetingIndexPageMixin", "MeetingPageMixin", "StoryIndexPageMixin", "StoryPageMixin"]
