"""Stories and story indexes, as abstract mixins: fields, panels, validation, listing."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from wagtail_osce.blocks.media import ALT_TEXT_HELP, ALT_TEXT_REQUIRED, CREDIT_PREFIX
from wagtail_osce.blocks.streams import (
    RelatedStoriesStreamBlock,
    StoryBodyBlock,
)
from wagtail_osce.conf import osce_settings
from wagtail_osce.locales import locale_id_of, localize_list, translations_by_key
from wagtail_osce.pages.api_fields import (
    STORY_INDEX_PAGE_API_FIELDS,
    STORY_PAGE_API_FIELDS,
)
from wagtail_osce.registry import story_page_models
from wagtail_osce.visibility import page_model, visible_children

from .edit_handlers import TabbedEditHandler
from .listing import (
    IndexListing,
    ListingFilter,
    TaxonomyFilter,
    paginate,
    specific_pages,
    typed_queryset,
)
from .preview import FrontendPreviewMixin
from .widgets import SearchableCheckboxSelectMultiple

TAXONOMY_ATTRS = ("sources", "fields_of_work", "countries")

#: Search boosts below the title's (Wagtail's ``Page`` boosts it 2): PostgreSQL's
#: database backend maps the distinct boosts to its four weights, A to D.
LEAD_BOOST = 1.5
NAME_BOOST = 1.2
BODY_BOOST = 1.0


CREDIT_PREFIX_RE = re.compile(r"^\s*OSCE\s*/", re.IGNORECASE)


def _thumbnail_spec() -> str:
    return osce_settings.RENDITIONS.get("thumbnail", "fill-400x300")


def _attach_thumbnail(page: Any, image_attr: str = "hero_image") -> None:
    """Set ``page.thumbnail`` to the listing rendition of its hero image (or None)."""
    image = getattr(page, image_attr, None)
    page.thumbnail = None
    if image is None:
        return
    try:
        page.thumbnail = image.get_rendition(_thumbnail_spec())
    except (OSError, ValueError):
        page.thumbnail = None


def story_card_queryset(model: type[models.Model]) -> QuerySet:
    """Stories of ``model`` as listings load them."""
    return model._default_manager.all()


class StoryPageMixin(FrontendPreviewMixin, models.Model):
    """A story about the organisation's work: dated, attributed to its source bodies,
    filed under fields of work and countries, with a hero image and a body of blocks."""

    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        db_index=True,
        help_text=_("The date the story is published under; listings are ordered by it."),
    )
    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("One or two sentences that open the story and appear in listings."),
    )
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=ALT_TEXT_HELP,
    )
    hero_caption = models.CharField(
        _("caption"),
        max_length=255,
        blank=True,
        help_text=_("Shown under the image: what, where and when, in a sentence."),
    )
    hero_credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_(
            "The photographer's name only, such as Micky Kroell: shown as “OSCE/Micky Kroell”."
        ),
    )
    sources = ParentalManyToManyField(
        "wagtail_osce.Structure",
        verbose_name=_("sources"),
        blank=True,
        related_name="+",
        help_text=_(
            "The bodies the story comes from, such as the Ministerial Council; type to find one."
        ),
    )
    fields_of_work = ParentalManyToManyField(
        "wagtail_osce.FieldOfWork",
        verbose_name=_("fields of work"),
        blank=True,
        related_name="+",
        help_text=_("The fields of work the story is filed under; type to find one."),
    )
    countries = ParentalManyToManyField(
        "wagtail_osce.ParticipatingState",
        verbose_name=_("countries"),
        blank=True,
        related_name="+",
        help_text=_("The participating States the story is about; type to find one."),
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("body"), blank=True)
    related_stories = StreamField(
        RelatedStoriesStreamBlock(),
        verbose_name=_("related stories"),
        blank=True,
        help_text=_(
            "The one place for stories to read next, shown at the end of the story: "
            "chosen ones, or the latest in a field of work."
        ),
    )

    mixin_content_panels: ClassVar[list[Any]] = [
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
                FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
            ],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        FieldPanel("related_stories"),
    ]
    taxonomy_panels: ClassVar[list[Any]] = [
        FieldPanel("sources", widget=SearchableCheckboxSelectMultiple),
        FieldPanel("fields_of_work", widget=SearchableCheckboxSelectMultiple),
        FieldPanel("countries", widget=SearchableCheckboxSelectMultiple),
    ]
    mixin_search_fields: ClassVar[list[index.BaseField]] = [
        # Weights (PostgreSQL: A to D): the page's title (boost 2), then the lead,
        # then the names of its taxonomy, then the body. See docs/performance.md.
        index.SearchField("lead", boost=LEAD_BOOST),
        index.SearchField("body", boost=BODY_BOOST),
        index.SearchField("hero_caption", boost=BODY_BOOST),
        index.FilterField("date"),
        index.RelatedFields("fields_of_work", [index.SearchField("name", boost=NAME_BOOST)]),
        index.RelatedFields("sources", [index.SearchField("name", boost=NAME_BOOST)]),
        index.RelatedFields("countries", [index.SearchField("name", boost=NAME_BOOST)]),
    ]
    override_translatable_fields: ClassVar[list[Any]] = [
        SynchronizedField("date", overridable=False),
        SynchronizedField("hero_image"),
        SynchronizedField("hero_credit"),
        SynchronizedField("sources", overridable=False),
        SynchronizedField("fields_of_work", overridable=False),
        SynchronizedField("countries", overridable=False),
    ]
    api_fields: ClassVar[list[Any]] = STORY_PAGE_API_FIELDS
    edit_handler = TabbedEditHandler()

    class Meta:
        abstract = True

    @property
    def hero_alt(self) -> str:
        """The hero image's alternative text: the page's own, else the image's description."""
        if self.hero_alt_text:
            return self.hero_alt_text
        image = self.hero_image
        if image is None:
            return ""
        return (getattr(image, "description", "") or "").strip()

    @property
    def hero_credit_line(self) -> str:
        """The credit as shown: the organisation, a slash and the photographer, "OSCE/Name"."""
        name = self.hero_credit.strip()
        return f"{CREDIT_PREFIX}{name}" if name else ""

    def clean(self) -> None:
        super().clean()
        errors = {}
        if CREDIT_PREFIX_RE.match(self.hero_credit or ""):
            errors["hero_credit"] = ValidationError(
                _("Enter the name only: “OSCE/” is added when the credit is shown."),
                code="credit_prefix",
            )
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def admin_form_errors(cleaned_data: dict[str, Any]) -> dict[str, ValidationError]:
        """What the admin's form refuses beyond the model: the image block's alt-text rule.

        A hero image is never decorative, so it needs alternative text unless the image
        library already describes it. Checked in the editor's form only, so pages built
        in code (imports, fixtures) keep saving as before.
        """
        image = cleaned_data.get("hero_image")
        given = (cleaned_data.get("hero_alt_text") or "").strip()
        described = (getattr(image, "description", "") or "").strip()
        if image is not None and not given and not described:
            return {"hero_alt_text": ValidationError(ALT_TEXT_REQUIRED, code="alt_text_required")}
        return {}

    @classmethod
    def attach_taxonomy(cls, stories: list[Any], locale_id: int | None) -> None:
        """Set ``sources_list``, ``fields_of_work_list`` and ``countries_list`` on each story,
        in the language of ``locale_id``. Prefetch the three relations first to keep this
        at one query per snippet model."""
        lists = {
            (position, attr): list(getattr(story, attr).all())
            for position, story in enumerate(stories)
            for attr in TAXONOMY_ATTRS
        }
        translations = translations_by_key(
            [obj for objs in lists.values() for obj in objs], locale_id
        )
        for (position, attr), objs in lists.items():
            setattr(stories[position], f"{attr}_list", localize_list(objs, translations))

    def get_index_page(self) -> Any | None:
        """The story index this story is listed in, to link its taxonomy to filtered listings."""
        parent = self.get_parent()
        if parent is None:
            return None
        model = parent.specific_class
        return parent if model is not None and issubclass(model, StoryIndexPageMixin) else None

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        type(self).attach_taxonomy([self], locale_id_of(self))
        context["index_page"] = self.get_index_page()
        return context


class StoryIndexPageMixin(FrontendPreviewMixin, models.Model):
    """A listing of stories, newest first, filterable by every taxonomy and by year."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("A few sentences above the list of stories."),
    )

    listing_filter: ClassVar[ListingFilter] = ListingFilter(
        [
            TaxonomyFilter(
                "field", _("Field of work"), "wagtail_osce.FieldOfWork", "fields_of_work"
            ),
            TaxonomyFilter(
                "country",
                _("Country"),
                "wagtail_osce.ParticipatingState",
                "countries",
                match_iso_code=True,
            ),
            TaxonomyFilter("source", _("Source"), "wagtail_osce.Structure", "sources"),
        ],
        date_field="date",
    )

    mixin_content_panels: ClassVar[list[Any]] = [FieldPanel("intro")]
    mixin_search_fields: ClassVar[list[index.BaseField]] = [index.SearchField("intro")]
    api_fields: ClassVar[list[Any]] = STORY_INDEX_PAGE_API_FIELDS

    class Meta:
        abstract = True

    def get_story_queryset(self) -> QuerySet:
        """The live, public stories under this index, newest first."""
        return typed_queryset(
            story_page_models(),
            ("date",),
            lambda model: visible_children(self, model),
            visible_children(self, page_model()),
        ).order_by("-date", "-pk")

    def get_listing(self, request: HttpRequest) -> IndexListing:
        """Filter and paginate the stories for ``request``; bad parameters never fail."""
        locale_id = locale_id_of(self)
        models = story_page_models()
        base = self.get_story_queryset()
        queryset, active, notices = self.listing_filter.filter(base, request.GET, locale_id, models)
        page_obj = paginate(queryset, request.GET.get("page"), strict=False)
        stories = specific_pages(list(page_obj.object_list), story_card_queryset)
        for model in {type(story) for story in stories}:
            prefetch_related_objects(
                [story for story in stories if type(story) is model],
                Prefetch(
                    "hero_image",
                    queryset=get_image_model().objects.prefetch_renditions(_thumbnail_spec()),
                ),
                *TAXONOMY_ATTRS,
            )
            model.attach_taxonomy([story for story in stories if type(story) is model], locale_id)
        page_obj.object_list = stories
        for story in stories:
            _attach_thumbnail(story)
        return IndexListing(
            page_obj=page_obj,
            paginator=page_obj.paginator,
            active_filters=active,
            notices=notices,
            choices=self.listing_filter.choices(base, request.GET, locale_id, models),
        )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        listing = self.get_listing(request)
        context.update(
            listing=listing,
            stories=listing.page_obj.object_list,
            page_obj=listing.page_obj,
            paginator=listing.paginator,
        )
        return context
