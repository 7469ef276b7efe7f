"""Admin registrations: the OSCE reference snippets, grouped under one "OSCE" menu item."""

from wagtail.snippets.models import register_snippet

from .snippets.views import OsceSnippetViewSetGroup

register_snippet(OsceSnippetViewSetGroup)
