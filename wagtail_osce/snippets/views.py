"""Wagtail admin for the reference snippets: listings, edit forms and choosers, grouped as "OSCE".

The panels live here rather than on the models, so a site can subclass a
viewset and register its own without touching the models.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import LocaleFilter
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TitleFieldPanel,
)
from wagtail.admin.ui.tables import Column, LocaleColumn, StatusTagColumn, UpdatedAtColumn
from wagtail.admin.widgets.slug import SlugInput
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.permissions import policy_registry
from wagtail.search.backends import get_search_backend
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from wagtail_osce.permissions.views import (
    LocaleScopedChooseResultsView,
    LocaleScopedChooserViewSet,
    LocaleScopedChooseView,
    LocaleScopedIndexView,
    LocaleScopedSnippetViewSet,
)

from .chairpersonships import Chairpersonship
from .countries import ParticipatingState, Partner
from .filters import ChairpersonshipFilterSet, ParticipatingStateFilterSet, StructureFilterSet
from .structures import Structure
from .taxonomy import FieldOfWork, MeetingSeries

# -- Forms ---------------------------------------------------------------------------------


class CountryForm(WagtailAdminModelForm):
    """Upper-cases the ISO code as typed ("at" becomes "AT") before the model validates it.

    The model stores codes in capitals and its validator demands them; an editor
    should not be turned away for typing lower case.
    """

    def clean_iso_code(self) -> str:
        return (self.cleaned_data.get("iso_code") or "").strip().upper()


def slug_panel() -> FieldPanel:
    """The slug field, filled from the name as the editor types, ASCII only as the model requires."""
    return FieldPanel(
        "slug",
        widget=SlugInput(attrs={"data-w-slug-allow-unicode-value": "false"}),
    )


class NameFieldPanel(TitleFieldPanel):
    """The name field, filling in the slug as the editor types, but only for a new object.

    Wagtail keeps syncing a snippet's slug on every edit, since snippets have no
    "live" state; a slug is part of the API's URLs and shared by every
    translation, so renaming a saved object must leave it alone.
    """

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self) -> bool:
            return not (self.instance and self.instance.pk)


def name_panel(help_text: Any = None) -> FieldPanel:
    """The name field, which fills in the slug while the object is new."""
    return NameFieldPanel(
        "name",
        placeholder=False,
        help_text=help_text or _("As the OSCE writes it in this language."),
    )


# -- Columns -------------------------------------------------------------------------------


def structure_status(structure: Structure) -> str:
    """The label of the status column: current, or closed with its year."""
    if structure.closed is None:
        return str(_("Current"))
    return str(_("Closed %(year)s") % {"year": structure.closed.year})


def chairpersonship_state(chairpersonship: Chairpersonship) -> str:
    """The chairing State, whether a participating State or a historic one."""
    return chairpersonship.state_name


# -- Search --------------------------------------------------------------------------------


def clean_search_query(query: str) -> str:
    """The editor's search terms without double quotes.

    The SQLite full-text backend passes a double quote straight to FTS5, which
    fails with a database error (wagtail/wagtail#13227); plain-text search gives
    quotes no meaning, so dropping them loses nothing.
    """
    return " ".join(query.replace('"', " ").split())


class CleanSearchQueryMixin(forms.Form):
    """Chooser filter form whose search field cannot break the search backend."""

    def clean_q(self) -> str:
        return clean_search_query(self.cleaned_data.get("q") or "")


# -- Choosers ------------------------------------------------------------------------------


class StructureKindFilterMixin(forms.Form):
    """A "kind" select in the structure chooser, so an editor can narrow the list to, say, field operations."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"] = forms.ChoiceField(
            label=_("Kind"),
            choices=[("", _("All kinds")), *Structure.Kind.choices],
            required=False,
            widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
        )

    def filter(self, objects: QuerySet) -> QuerySet:
        # Filter before the search mixin turns the queryset into search results.
        if kind := self.cleaned_data.get("kind"):
            objects = objects.filter(kind=kind)
        return super().filter(objects)


class ReferenceChooseViewMixin:
    """The snippet chooser's listing with extra filter mixins and columns, set per model."""

    filter_mixins: ClassVar[tuple[type[forms.Form], ...]] = (CleanSearchQueryMixin,)
    extra_columns: ClassVar[list[Column]] = []

    def get_filter_form_class(self) -> type[forms.Form]:
        base = super().get_filter_form_class()
        return type(f"{base.__name__}WithOsceFilters", (*self.filter_mixins, base), {})

    @property
    def columns(self) -> list[Column]:
        title, *rest = super().columns
        return [title, *self.extra_columns, *rest]


class ReferenceChooseView(ReferenceChooseViewMixin, LocaleScopedChooseView):
    pass


class ReferenceChooseResultsView(ReferenceChooseViewMixin, LocaleScopedChooseResultsView):
    pass


class ReferenceChooserViewSet(LocaleScopedChooserViewSet):
    """The snippet chooser, safe to search with any input and kept to the user's locales."""

    choose_view_class = ReferenceChooseView
    choose_results_view_class = ReferenceChooseResultsView


class StructureChooseViewMixin(ReferenceChooseViewMixin):
    filter_mixins = (StructureKindFilterMixin, CleanSearchQueryMixin)
    extra_columns = [
        Column("acronym", label=_("Acronym")),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
    ]


class StructureChooseView(StructureChooseViewMixin, LocaleScopedChooseView):
    pass


class StructureChooseResultsView(StructureChooseViewMixin, LocaleScopedChooseResultsView):
    pass


class StructureChooserViewSet(ReferenceChooserViewSet):
    """The structure chooser, with acronym and kind columns and a filter by kind."""

    choose_view_class = StructureChooseView
    choose_results_view_class = StructureChooseResultsView


# -- Listing -------------------------------------------------------------------------------


#: Listing cells that wrap between words only (styled by ``wagtail_osce/admin/listings.css``).
NO_BREAK_CLASS = "osce-no-break"


class LocaleOrAllFilter(LocaleFilter):
    """Wagtail's locale filter with a non-empty "All" choice (``locale=all``)."""

    def filter(self, qs: QuerySet, language_code: str) -> QuerySet:
        if language_code == ReferenceIndexView.ALL_LOCALES:
            return qs
        return super().filter(qs, language_code)


class ReferenceIndexView(LocaleScopedIndexView):
    """The snippet listing, searched through the search index but filtered and sorted in the database.

    Wagtail hands the filtered, sorted queryset to the search backend, which then
    needs an ``index.FilterField`` for every filtered or sorted column; a listing
    filtered by status or sorted by ISO code while searching would fail. Here the
    index only finds the matching rows (by name prefix, and by whole words in the
    other indexed fields, such as an ISO code or a Chairperson-in-Office), and the
    listing's own queryset keeps its filters and order.
    """

    #: The ``locale`` value of the listing's "All" choice. Not empty: Wagtail's listing
    #: drops empty parameters from the URL, which would reopen the default language.
    ALL_LOCALES = "all"

    @cached_property
    def opening_locale(self) -> Locale | None:
        """The language the listing opens on when the URL names none.

        The user's admin language if the site has it and the user may edit in it, else
        the first language the user's groups hold, else the default locale: a listing of
        one language instead of every row six times. The locale filter stays, with "All".
        """
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return None
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        if len(locales) < 2:
            return None
        policy = policy_registry.get_by_type(self.model)
        held = (
            policy.choosable_locale_ids(self.request.user)
            if hasattr(policy, "choosable_locale_ids")
            else None
        )
        usable = [locale for locale in locales.values() if held is None or locale.pk in held]
        try:
            preferred = get_supported_content_language_variant(get_language())
        except LookupError:
            preferred = None
        for locale in usable:
            if locale.language_code == preferred:
                return locale
        default = Locale.get_default()
        if any(locale.pk == default.pk for locale in usable) or not usable:
            return default
        return sorted(usable, key=lambda locale: locale.pk)[0]

    def get_filterset_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_filterset_kwargs()
        if "locale" not in kwargs["data"] and self.opening_locale is not None:
            data = kwargs["data"].copy()
            data["locale"] = self.opening_locale.language_code
            kwargs["data"] = data
        return kwargs

    @cached_property
    def filters(self) -> Any:
        if not self.filterset_class:
            return None
        filterset = self.filterset_class(**self.get_filterset_kwargs())
        if "locale" in filterset.filters:  # before the filter form is built from them
            current = filterset.filters["locale"]
            filterset.filters["locale"] = LocaleOrAllFilter(
                field_name="locale",
                label=current.label,
                choices=[(self.ALL_LOCALES, _("All")), *current.extra["choices"]],
                empty_label=None,
                widget=forms.RadioSelect,
            )
            filterset.filters["locale"].model = self.model
            filterset.filters["locale"].parent = filterset
        return filterset if filterset.form.fields else None

    def get_locale(self) -> Locale | None:
        selected = self.request.GET.get("locale")
        if selected == self.ALL_LOCALES:
            return Locale.get_default() if self.i18n_enabled else None
        if not selected and self.opening_locale is not None:
            return self.opening_locale
        return super().get_locale()

    def _get_title_column(self, field_name: str, *args: Any, **kwargs: Any) -> Column:
        # Names wrap between words, never inside one ("Parliamentary Assem-bly").
        kwargs.setdefault("classname", NO_BREAK_CLASS)
        return super()._get_title_column(field_name, *args, **kwargs)

    def search_queryset(self, queryset: QuerySet) -> QuerySet:
        if not self.is_searching:
            return queryset
        query = clean_search_query(self.search_query)
        if not query:
            return queryset.none()
        backend = get_search_backend(self.search_backend_name or "default")
        candidates = self.model._default_manager.all()
        matched = {obj.pk for obj in backend.search(query, candidates)}
        if self.model.get_autocomplete_search_fields():
            matched.update(obj.pk for obj in backend.autocomplete(query, candidates))
        return queryset.filter(pk__in=matched)


# -- Viewsets ------------------------------------------------------------------------------


class ReferenceSnippetViewSet(LocaleScopedSnippetViewSet):
    """What every OSCE snippet listing shares: the name first, then the model's columns, the
    language and the last change; searching through the model's search index; change,
    delete and translate rights limited to the locales the user's groups hold."""

    #: Columns between the name and the locale column.
    columns: ClassVar[list[Any]] = []
    #: Relations the listing shows, fetched with the rows to avoid a query per row.
    select_related: ClassVar[list[str]] = []

    index_view_class = ReferenceIndexView
    chooser_viewset_class = ReferenceChooserViewSet
    list_per_page = 50
    chooser_per_page = 25
    ordering = "name"
    #: The listing's "Add" button as one phrase, so that a language can decline the noun
    #: (Wagtail's "Add %(model_name)s" cannot: Russian needs "Добавить структуру").
    add_item_label: ClassVar[Any] = None

    def get_index_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        if self.add_item_label:
            kwargs.setdefault("add_item_label", self.add_item_label)
        return super().get_index_view_kwargs(**kwargs)

    @cached_property
    def list_display(self) -> list[Any]:
        display: list[Any] = ["name", *self.columns]
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            display.append(LocaleColumn(label=_("Locale")))
        display.append(UpdatedAtColumn(label=_("Updated")))
        return display

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return self.model._default_manager.select_related("locale", *self.select_related)


class ParticipatingStateViewSet(ReferenceSnippetViewSet):
    model = ParticipatingState
    add_item_label = _("Add a participating State")
    icon = "globe"
    menu_order = 100
    columns = ["iso_code", "admission_date"]
    filterset_class = ParticipatingStateFilterSet
    edit_handler = ObjectList(
        [
            name_panel(
                _(
                    "The State's short name as the OSCE writes it in this language, such as "
                    "Türkiye or Czechia; other names go under alternative names."
                )
            ),
            FieldRowPanel([slug_panel(), FieldPanel("iso_code")]),
            FieldPanel("admission_date"),
            FieldPanel("flag"),
            FieldPanel("note"),
            FieldPanel("alternative_names"),
        ],
        base_form_class=CountryForm,
    )


class PartnerViewSet(ReferenceSnippetViewSet):
    model = Partner
    add_item_label = _("Add a Partner for Co-operation")
    icon = "group"
    menu_order = 200
    columns = ["iso_code", "group", "partner_since"]
    list_filter = ["group"]
    ordering = ["group", "name"]
    edit_handler = ObjectList(
        [
            name_panel(_("The Partner's short name in this language, such as Japan.")),
            FieldRowPanel([slug_panel(), FieldPanel("iso_code")]),
            FieldRowPanel([FieldPanel("group"), FieldPanel("partner_since")]),
            FieldPanel("alternative_names"),
        ],
        base_form_class=CountryForm,
    )


class StructureViewSet(ReferenceSnippetViewSet):
    model = Structure
    add_item_label = _("Add a structure")
    icon = "folder-open-inverse"
    menu_order = 300
    # Few, short columns, so names keep their width: the parent, seat and order are on the
    # form and in the filters; the listing keeps what tells one body from another.
    columns = [
        Column("acronym", label=_("Acronym"), classname=NO_BREAK_CLASS, sort_key="acronym"),
        Column(
            "kind",
            label=_("Kind"),
            accessor="get_kind_display",
            classname=NO_BREAK_CLASS,
            sort_key="kind",
        ),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor=structure_status,
            primary=lambda structure: structure.closed is None,
            sort_key="closed",
        ),
    ]
    select_related = []
    filterset_class = StructureFilterSet
    ordering = ["sort_order", "name"]
    chooser_viewset_class = StructureChooserViewSet
    panels = [
        name_panel(_("The body's full name in this language, such as OSCE Mission to Serbia.")),
        FieldRowPanel(
            [
                slug_panel(),
                FieldPanel(
                    "acronym",
                    help_text=_("The short form readers know, such as ODIHR; leave empty if none."),
                ),
            ]
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("region")]),
                FieldPanel("parent"),
                FieldPanel(
                    "sort_order",
                    help_text=_("Position among its siblings in menus; lower comes first."),
                ),
            ],
            heading=_("Place in the organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "seat_city",
                    help_text=_("Where the body sits, in this language, such as Vienna."),
                ),
                FieldRowPanel([FieldPanel("host_state"), FieldPanel("host_territory")]),
            ],
            heading=_("Seat and host"),
        ),
        FieldRowPanel(
            [
                FieldPanel(
                    "established",
                    help_text=_("When the body was set up, such as the date of its mandate."),
                ),
                FieldPanel("closed"),
            ],
            heading=_("Dates"),
        ),
    ]


class FieldOfWorkViewSet(ReferenceSnippetViewSet):
    model = FieldOfWork
    add_item_label = _("Add a field of work")
    icon = "tag"
    menu_order = 400
    columns = ["slug", "sort_order"]
    ordering = ["sort_order", "name"]
    panels = [
        name_panel(),
        FieldRowPanel([slug_panel(), FieldPanel("sort_order")]),
        FieldPanel(
            "description",
            help_text=_("A sentence or two for readers and the API; may stay empty."),
        ),
    ]


class MeetingSeriesViewSet(ReferenceSnippetViewSet):
    model = MeetingSeries
    add_item_label = _("Add a meeting series")
    icon = "calendar-alt"
    menu_order = 500
    columns = ["slug", "sort_order"]
    ordering = ["sort_order", "name"]
    panels = [
        name_panel(),
        FieldRowPanel([slug_panel(), FieldPanel("sort_order")]),
        FieldPanel(
            "description",
            help_text=_("A sentence or two for readers and the API; may stay empty."),
        ),
    ]


class ChairpersonshipViewSet(ReferenceSnippetViewSet):
    model = Chairpersonship
    add_item_label = _("Add a Chairpersonship")
    icon = "user"
    menu_order = 600
    columns = [
        "year",
        Column(
            "chairing_state",
            label=_("State"),
            accessor=chairpersonship_state,
            sort_key="state__name",
        ),
        "chairperson_in_office",
    ]
    select_related = ["state"]
    filterset_class = ChairpersonshipFilterSet
    ordering = "-year"
    panels = [
        name_panel(),
        FieldRowPanel(
            [slug_panel(), FieldPanel("year", help_text=_("The year of the Chairpersonship."))]
        ),
        MultiFieldPanel(
            [FieldPanel("state"), FieldPanel("historic_state")],
            heading=_("Chairing State"),
            help_text=_("Choose a participating State, or name a State that no longer exists."),
        ),
        FieldPanel("chairperson_in_office"),
    ]


class OsceSnippetViewSetGroup(SnippetViewSetGroup):
    """All OSCE reference data under one "OSCE" menu item in the admin."""

    menu_label = _("OSCE")
    menu_icon = "site"
    menu_name = "osce"
    menu_order = 250
    items = (
        ParticipatingStateViewSet,
        PartnerViewSet,
        StructureViewSet,
        FieldOfWorkViewSet,
        MeetingSeriesViewSet,
        ChairpersonshipViewSet,
    )
