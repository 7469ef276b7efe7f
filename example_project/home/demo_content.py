# ruff: noqa: RUF001 - the texts use typographic apostrophes, as osce.org does.
"""Demo stories and meetings for the example site, built on the seeded reference data.

``manage.py osce_demo`` calls :func:`build_demo_content` after ``osce_seed``. Under
the site's home page it creates an "OSCE Impact" story index, holding the story
"Countering transnational threats" from osce.org (with the index, also published
in French and Russian by ``home.demo_translations``) and a dozen shorter stories
across fields of work, countries and sources, and a "Meetings and conferences"
index with recent Ministerial Councils, the Astana Summit and two meetings
planned for 2027. Images are generated graphics, documents small generated PDFs.

Running it again creates nothing new: pages, images and documents are looked up
by slug or title first, and pages that exist are left as they are.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from home.demo_translations import translate_seed_story
from wagtail_osce.pages.models import MeetingIndexPage, MeetingPage, StoryIndexPage, StoryPage
from wagtail_osce.signal_handlers import muted
from wagtail_osce.snippets import FieldOfWork, MeetingSeries, ParticipatingState, Structure

VIENNA = ZoneInfo("Europe/Vienna")
STORY_INDEX_SLUG = "osce-impact"
MEETING_INDEX_SLUG = "meetings-and-conferences"
SEED_STORY_SLUG = "countering-transnational-threats"
SEED_STORY_ALT_TEXT = "The words “Countering transnational threats” in English on a blue background"
#: A story that uses each of the 20 block types once, for the frontend's tests.
BLOCKS_STORY_SLUG = "every-block-type"
BLOCKS_VIDEO_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"

# The story of osce.org's "OSCE Impact" section that the package was specified from.
SEED_STORY_PARAGRAPHS = [
    "The need to “connect the dots” and co-ordinate action when it comes to combating "
    "transnational threats such as terrorism, organized crime, cyber crime and trafficking "
    "in drugs, arms and human beings has never been clearer.",
    "Recognizing that by definition no one state or organization can effectively tackle "
    "transnational challenges alone, states have taken advantage of the OSCE’s broad "
    "membership, thematic expertise and comprehensive approach to security to develop "
    "collective responses that cut across the politico-military, economic and environmental "
    "and human dimensions of security.",
    "The OSCE Foreign Ministers agreed at the 2009 Athens Ministerial Council to step up "
    "efforts to address transnational threats in accordance with the 2003 OSCE Strategy to "
    "Address Threats to Security and Stability in the 21st Century, making “full use of the "
    "OSCE’s expertise and comparative advantages”.",
    "OSCE States also recognized that strong democratic institutions and the rule of law play "
    "an important role in preventing transnational threats from arising in the first place, "
    "and reaffirmed the respect for human rights and fundamental freedoms, democracy and the "
    "rule of law that underpins the OSCE’s comprehensive concept of security.",
    "The OSCE offers participating States a number of tools to tackle transnational threats, "
    "including through the Secretariat’s Action against Terrorism Unit, the Strategic Police "
    "Matters Unit, the Office of the Special Representative on Trafficking in Human Beings, "
    "and the Office of the Co-ordinator on Economic and Environmental Activities and the "
    "Conflict Prevention Centre’s borders unit.",
    "Contributing to the stabilization of the situation in Afghanistan and curbing threats "
    "emanating from the country are also important parts of the OSCE’s work to combat "
    "transnational threats, and OSCE field operations on the ground in Central Asia play an "
    "important role in this regard.",
]


@dataclass
class DemoStory:
    slug: str
    title: str
    date: datetime.date
    paragraphs: list[str]
    fields: list[str]
    sources: list[str]
    countries: list[str] = field(default_factory=list)
    colour: tuple[int, int, int] = (0, 84, 147)
    credit: str = "Demo Studio"


DEMO_STORIES = [
    DemoStory(
        slug="observing-elections-across-the-region",
        title="Observing elections across the region",
        date=datetime.date(2024, 4, 18),
        paragraphs=[
            "Election observation missions assess whether elections respect fundamental "
            "freedoms and the commitments that all participating States have made.",
            "Long-term observers follow the campaign, the work of election administrations "
            "and the media, while short-term observers watch voting and counting on election "
            "day. Their findings and recommendations are published for everyone to read.",
        ],
        fields=["elections", "democratization"],
        sources=["office-for-democratic-institutions-and-human-rights"],
        colour=(32, 96, 160),
        credit="Demo Studio",
    ),
    DemoStory(
        slug="training-border-officers-in-central-asia",
        title="Training border officers in Central Asia",
        date=datetime.date(2024, 2, 7),
        paragraphs=[
            "Border officials from across the OSCE area and partner countries study border "
            "security and management together, from risk analysis to human rights at borders.",
            "Courses combine classroom learning with practical exercises and help officers "
            "build contacts with their counterparts in neighbouring countries.",
        ],
        fields=["border-management", "countering-terrorism"],
        sources=["programme-office-in-dushanbe", "transnational-threats-department"],
        countries=["TJ"],
        colour=(0, 110, 90),
        credit="Demo Graphics",
    ),
    DemoStory(
        slug="media-freedom-in-the-digital-age",
        title="Media freedom in the digital age",
        date=datetime.date(2023, 11, 2),
        paragraphs=[
            "Journalists work in a changing environment in which online harassment, "
            "disinformation and new regulation all affect how freely they can report.",
            "The Representative on Freedom of the Media observes media developments in the "
            "participating States and advises them on laws and practices that protect "
            "journalists and the free flow of information.",
        ],
        fields=["media-freedom-and-development"],
        sources=["representative-on-freedom-of-the-media"],
        colour=(150, 60, 40),
    ),
    DemoStory(
        slug="integration-of-diverse-societies",
        title="Integration of diverse societies",
        date=datetime.date(2023, 9, 14),
        paragraphs=[
            "Tensions involving national minorities can affect peace and stability between "
            "States. Early, quiet diplomacy helps to address them before they escalate.",
            "The High Commissioner on National Minorities works with governments on "
            "education, language and participation policies that strengthen the integration "
            "of diverse societies.",
        ],
        fields=["national-minority-issues", "conflict-prevention-and-resolution"],
        sources=["high-commissioner-on-national-minorities"],
        colour=(90, 70, 140),
    ),
    DemoStory(
        slug="securing-small-arms-and-ammunition",
        title="Securing small arms and ammunition",
        date=datetime.date(2024, 6, 20),
        paragraphs=[
            "Poorly secured stockpiles of small arms, light weapons and conventional "
            "ammunition can lead to accidental explosions and to illicit trafficking.",
            "At the request of participating States, OSCE projects help to improve storage "
            "sites, dispose of surplus ammunition and train the staff who manage stockpiles.",
        ],
        fields=["arms-control"],
        sources=["forum-for-security-co-operation", "mission-to-serbia"],
        countries=["RS"],
        colour=(70, 80, 90),
    ),
    DemoStory(
        slug="water-co-operation-across-borders",
        title="Water co-operation across borders",
        date=datetime.date(2023, 6, 5),
        paragraphs=[
            "Shared rivers and lakes connect neighbouring countries. Managing them together "
            "can build trust and reduce the risk of disputes.",
            "The OSCE supports dialogue between water authorities, joint monitoring and the "
            "involvement of local communities in decisions about shared water resources.",
        ],
        fields=["environmental-activities", "economic-activities"],
        sources=["office-of-the-co-ordinator-of-osce-economic-and-environmental-activities"],
        colour=(20, 120, 160),
    ),
    DemoStory(
        slug="women-in-policing",
        title="Women in policing",
        date=datetime.date(2024, 3, 8),
        paragraphs=[
            "Police services that reflect the communities they serve earn more trust. "
            "Networks of women police officers share experience and support each other.",
            "OSCE projects support mentoring, training and recruitment measures that open "
            "careers in policing to women.",
        ],
        fields=["gender-equality", "policing"],
        sources=["gender-issues-programme", "programme-office-in-bishkek"],
        countries=["KG"],
        colour=(160, 50, 90),
    ),
    DemoStory(
        slug="young-people-shaping-security",
        title="Young people shaping security",
        date=datetime.date(2024, 8, 12),
        paragraphs=[
            "Young people bring new perspectives to questions of peace and security, and "
            "they are affected by them as much as anyone.",
            "Through dialogue events and networks, the OSCE brings young people into "
            "discussions with policymakers across the region.",
        ],
        fields=["youth"],
        sources=["opportunities-for-youth"],
        colour=(230, 140, 30),
    ),
    DemoStory(
        slug="roma-and-sinti-inclusion",
        title="Roma and Sinti inclusion",
        date=datetime.date(2023, 4, 8),
        paragraphs=[
            "Roma and Sinti continue to face discrimination in access to education, "
            "housing, employment and public services in many participating States.",
            "The OSCE’s Contact Point for Roma and Sinti Issues follows how commitments on "
            "their inclusion are implemented and supports the participation of Roma and "
            "Sinti in public life.",
        ],
        fields=["roma-and-sinti", "tolerance-and-non-discrimination"],
        sources=["office-for-democratic-institutions-and-human-rights"],
        colour=(40, 140, 70),
    ),
    DemoStory(
        slug="good-governance-and-anti-corruption",
        title="Good governance and anti-corruption",
        date=datetime.date(2025, 1, 22),
        paragraphs=[
            "Corruption undermines trust in institutions and the economic development that "
            "stability depends on.",
            "OSCE field operations support participating States in strengthening asset "
            "declaration systems, public procurement and the oversight institutions that "
            "hold public officials to account.",
        ],
        fields=["good-governance", "economic-activities"],
        sources=["mission-to-montenegro"],
        countries=["ME"],
        colour=(110, 90, 30),
    ),
    DemoStory(
        slug="following-the-money-in-trafficking-cases",
        title="Following the money in trafficking cases",
        date=datetime.date(2025, 3, 18),
        paragraphs=[
            "Trafficking in human beings is driven by profit. Financial investigations help "
            "to identify traffickers and the victims they exploit.",
            "Simulation-based trainings bring together police officers, prosecutors, labour "
            "inspectors and civil society to practise working on cases together.",
        ],
        fields=["combating-trafficking-in-human-beings", "rule-of-law"],
        sources=[
            "office-of-the-special-representative-and-co-ordinator-for-combating-trafficking-in-human-beings"
        ],
        countries=["IT"],
        colour=(120, 30, 60),
    ),
    DemoStory(
        slug="confidence-building-in-cyberspace",
        title="Confidence-building in cyberspace",
        date=datetime.date(2025, 5, 27),
        paragraphs=[
            "Misunderstandings about incidents in cyberspace could lead to tensions between "
            "States. Confidence-building measures reduce that risk.",
            "Participating States have agreed on a set of confidence-building measures for "
            "the use of information and communication technologies, such as sharing points "
            "of contact and national views on cyber threats.",
        ],
        fields=["cyber-ict-security", "conflict-prevention-and-resolution"],
        sources=["permanent-council", "transnational-threats-department"],
        colour=(30, 60, 120),
    ),
    DemoStory(
        slug="understanding-hate-crime",
        title="Understanding hate crime",
        date=datetime.date(2024, 11, 16),
        paragraphs=[
            "Hate crimes send a message of exclusion to whole communities. Recording and "
            "reporting them is the first step towards an effective response.",
            "Every year, hate crime data from participating States and civil society are "
            "published together, and training helps police and prosecutors recognize the "
            "bias motives behind crimes.",
        ],
        fields=["tolerance-and-non-discrimination", "human-rights"],
        sources=["office-for-democratic-institutions-and-human-rights"],
        countries=["PL"],
        colour=(80, 40, 120),
    ),
]


@dataclass
class DemoMeeting:
    slug: str
    title: str
    series: str
    start: datetime.date
    end: datetime.date
    city: str
    country: str | None
    lead: str
    organiser: str | None = None
    source_structure: str | None = None
    documents: list[tuple[str, str]] = field(default_factory=list)


DEMO_MEETINGS = [
    DemoMeeting(
        slug="ministerial-council-2023-skopje",
        title="30th OSCE Ministerial Council, Skopje 2023",
        series="ministerial-council-meetings",
        start=datetime.date(2023, 11, 30),
        end=datetime.date(2023, 12, 1),
        city="Skopje",
        country="MK",
        organiser="chairpersonship",
        lead="The foreign ministers of the participating States met in Skopje.",
        documents=[("decision", "Ministerial Council decisions, Skopje 2023 (demo document)")],
    ),
    DemoMeeting(
        slug="ministerial-council-2024-malta",
        title="31st OSCE Ministerial Council, Malta 2024",
        series="ministerial-council-meetings",
        start=datetime.date(2024, 12, 5),
        end=datetime.date(2024, 12, 6),
        city="Ta' Qali",
        country="MT",
        organiser="chairpersonship",
        lead="The foreign ministers of the participating States met in Ta' Qali, Malta.",
        documents=[("decision", "Ministerial Council decisions, Malta 2024 (demo document)")],
    ),
    DemoMeeting(
        slug="ministerial-council-2025-vienna",
        title="32nd OSCE Ministerial Council, Vienna 2025",
        series="ministerial-council-meetings",
        start=datetime.date(2025, 12, 4),
        end=datetime.date(2025, 12, 5),
        city="Vienna",
        country="AT",
        organiser="chairpersonship",
        lead="The foreign ministers of the participating States met in Vienna.",
    ),
    DemoMeeting(
        slug="astana-summit-2010",
        title="OSCE Summit, Astana 2010",
        series="summit-meetings",
        start=datetime.date(2010, 12, 1),
        end=datetime.date(2010, 12, 2),
        city="Astana",
        country="KZ",
        organiser="chairpersonship",
        lead="Heads of State or Government of the participating States met in Astana.",
        documents=[("declaration", "Astana Commemorative Declaration (demo document)")],
    ),
    DemoMeeting(
        slug="annual-security-review-conference-2027",
        title="Annual Security Review Conference 2027",
        series="security-review-conferences",
        start=datetime.date(2027, 6, 22),
        end=datetime.date(2027, 6, 24),
        city="Vienna",
        country="AT",
        lead="The participating States review the work of the OSCE in the security dimension.",
    ),
    DemoMeeting(
        slug="economic-and-environmental-forum-2027",
        title="Economic and Environmental Forum 2027",
        series="economic-and-environmental-forum",
        start=datetime.date(2027, 9, 8),
        end=datetime.date(2027, 9, 9),
        city="Prague",
        country="CZ",
        lead="The Forum discusses economic and environmental co-operation for security.",
    ),
]


class DemoBuilder:
    """Creates what is missing of the demo content and reports what it made."""

    def __init__(self, stdout: TextIO) -> None:
        self.stdout = stdout
        self.locale = Locale.get_default()
        self.created: list[str] = []

    def say(self, message: str) -> None:
        self.created.append(message)
        self.stdout.write(message)

    # Reference data -----------------------------------------------------------

    def snippet(self, model: type, slug: str) -> Any:
        obj = model.objects.filter(locale=self.locale, slug=slug).first()
        if obj is None:
            raise CommandError(
                f"No {model._meta.verbose_name} with slug {slug!r}: run "
                "'manage.py osce_seed' before building the demo content."
            )
        return obj

    def state(self, iso_code: str) -> ParticipatingState:
        obj = ParticipatingState.objects.filter(locale=self.locale, iso_code=iso_code).first()
        if obj is None:
            raise CommandError(
                f"No participating State with ISO code {iso_code!r}: run 'manage.py osce_seed' first."
            )
        return obj

    # Media ----------------------------------------------------------------------

    def image(self, title: str, colour: tuple[int, int, int]) -> Any:
        """A generated 1200 by 675 graphic with the title on it, saved once as a Wagtail image."""
        image_model = get_image_model()
        existing = image_model.objects.filter(title=title).first()
        if existing is not None:
            return existing
        canvas = PILImage.new("RGB", (1200, 675), colour)
        draw = ImageDraw.Draw(canvas)
        draw.rectangle((0, 560, 1200, 675), fill=(255, 255, 255))
        draw.text((60, 250), title, fill=(255, 255, 255), font=ImageFont.load_default(size=56))
        draw.text((60, 595), "OSCE example site", fill=colour, font=ImageFont.load_default(size=36))
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG")
        image = image_model(
            title=title,
            description=f"Illustration: the words “{title}” on a coloured background",
            collection=Collection.get_first_root_node(),
            file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"demo-{slug_of(title)}.png"),
        )
        image.save()
        self.say(f"Created image {title!r}")
        return image

    def document(self, title: str) -> Any:
        """A one-page generated PDF, saved once as a Wagtail document."""
        document_model = get_document_model()
        existing = document_model.objects.filter(title=title).first()
        if existing is not None:
            return existing
        document = document_model(title=title, collection=Collection.get_first_root_node())
        document.file.save(f"{slug_of(title)}.pdf", ContentFile(minimal_pdf(title)), save=False)
        document.save()
        self.say(f"Created document {title!r}")
        return document

    # Pages ----------------------------------------------------------------------

    def home(self) -> Page:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("No default site: run 'manage.py osce_demo' to create one.")
        return site.root_page.specific

    def child(self, parent: Page, model: type, slug: str, build: Any) -> tuple[Any, bool]:
        """The child of ``parent`` with ``slug``, or a new published one made by ``build()``."""
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing, False
        page = build()
        page.slug = slug
        page.locale = parent.locale
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.say(f"Created {model._meta.verbose_name} {page.title!r}")
        return page, True

    def build(self) -> None:
        home = self.home()
        story_index, _ = self.child(
            home,
            StoryIndexPage,
            STORY_INDEX_SLUG,
            lambda: StoryIndexPage(
                title="OSCE Impact",
                intro="<p>Discover more stories about how the OSCE improves lives.</p>",
                show_in_menus=True,
            ),
        )
        meeting_index, _ = self.child(
            home,
            MeetingIndexPage,
            MEETING_INDEX_SLUG,
            lambda: MeetingIndexPage(
                title="Meetings and conferences",
                intro="<p>Summits, Ministerial Councils and the conferences of the OSCE.</p>",
                show_in_menus=True,
            ),
        )
        seed_story = self.build_seed_story(story_index)
        translate_seed_story(seed_story, self.say)
        for story in DEMO_STORIES:
            self.build_story(story_index, story)
        for meeting in DEMO_MEETINGS:
            self.build_meeting(meeting_index, meeting)
        self.build_blocks_story(story_index)

    def _set_taxonomy(
        self, page: StoryPage, story_fields: list[str], sources: list[str], countries: list[str]
    ) -> None:
        page.fields_of_work.set([self.snippet(FieldOfWork, slug) for slug in story_fields])
        page.sources.set([self.snippet(Structure, slug) for slug in sources])
        page.countries.set([self.state(code) for code in countries])

    def build_seed_story(self, index: StoryIndexPage) -> StoryPage:
        def make() -> StoryPage:
            page = StoryPage(
                title="Countering transnational threats",
                date=datetime.date(2025, 10, 1),
                lead=SEED_STORY_PARAGRAPHS[0],
                hero_image=self.image("Countering transnational threats", (0, 84, 147)),
                # The page's own alt text, rather than the image's description, so
                # the French and Russian pages describe the image in their language.
                hero_alt_text=SEED_STORY_ALT_TEXT,
                hero_caption="Transnational threats call for collective responses.",
                hero_credit="Demo Studio",
                body=seed_story_body(index),
            )
            self._set_taxonomy(
                page,
                [
                    "countering-terrorism",
                    "policing",
                    "border-management",
                    "combating-trafficking-in-human-beings",
                    "cyber-ict-security",
                ],
                ["summits", "ministerial-council"],
                [],
            )
            return page

        story, _ = self.child(index, StoryPage, SEED_STORY_SLUG, make)
        return story

    def build_story(self, index: StoryIndexPage, story: DemoStory) -> None:
        def make() -> StoryPage:
            page = StoryPage(
                title=story.title,
                date=story.date,
                lead=story.paragraphs[0],
                hero_image=self.image(story.title, story.colour),
                hero_caption=story.title,
                hero_credit=story.credit,
                body=[{"type": "rich_text", "value": paragraphs_html(story.paragraphs[1:])}],
                related_stories=[
                    {
                        "type": "related_stories",
                        "value": {
                            "heading": "More on this topic",
                            "stories": [],
                            "field_of_work": self.snippet(FieldOfWork, story.fields[0]).pk,
                            "count": 3,
                        },
                    }
                ],
            )
            self._set_taxonomy(page, story.fields, story.sources, story.countries)
            return page

        self.child(index, StoryPage, story.slug, make)

    def build_meeting(self, index: MeetingIndexPage, meeting: DemoMeeting) -> None:
        def make() -> MeetingPage:
            documents = [
                {
                    "type": "document",
                    "value": {
                        "document": self.document(title).pk,
                        "title": "",
                        "description": "",
                        "kind": kind,
                    },
                }
                for kind, title in meeting.documents
            ]
            return MeetingPage(
                title=meeting.title,
                series=self.snippet(MeetingSeries, meeting.series),
                start=datetime.datetime.combine(meeting.start, datetime.time.min, tzinfo=VIENNA),
                end=datetime.datetime.combine(meeting.end, datetime.time.min, tzinfo=VIENNA),
                all_day=True,
                city=meeting.city,
                country=self.state(meeting.country) if meeting.country else None,
                organiser=self.snippet(Structure, meeting.organiser) if meeting.organiser else None,
                lead=meeting.lead,
                documents=documents,
            )

        self.child(index, MeetingPage, meeting.slug, make)

    def build_blocks_story(self, index: StoryIndexPage) -> None:
        """A story with one block of each type, dated long ago so listings put it last."""
        from wagtail.embeds.embeds import get_embed_hash
        from wagtail.embeds.models import Embed

        # The video's oEmbed answer, stored as the finder would, so nothing goes online.
        Embed.objects.get_or_create(
            hash=get_embed_hash(BLOCKS_VIDEO_URL),
            defaults={
                "url": BLOCKS_VIDEO_URL,
                "type": "video",
                "html": '<iframe title="Interview" src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
                "title": "Interview",
                "provider_name": "YouTube",
                "width": 480,
                "height": 270,
            },
        )
        image = self.image("Every block type", (90, 60, 20)).pk
        document = self.document("Every block type: the report").pk
        policing = self.snippet(FieldOfWork, "policing").pk

        def picture(caption: str) -> dict[str, Any]:
            return {
                "image": image,
                "alt_text": caption,
                "decorative": False,
                "caption": caption,
                "credit": "Demo Studio",
            }

        body: list[tuple[str, Any]] = [
            (
                "rich_text",
                '<p>Every block type, once. <a href="https://www.osce.org/">osce.org</a></p>',
            ),
            ("heading", {"text": "Block heading", "level": "h2", "anchor": "block-heading"}),
            (
                "quote",
                {"text": "Block quote text.", "attribution": "Block quote author", "role": ""},
            ),
            ("fact_box", {"title": "Block fact box", "body": "<p>Fact box text.</p>"}),
            ("image", picture("Block image caption")),
            (
                "gallery",
                {
                    "title": "Block gallery",
                    "images": [picture("Gallery one"), picture("Gallery two")],
                },
            ),
            (
                "video",
                {
                    "url": BLOCKS_VIDEO_URL,
                    "caption": "Block video caption",
                    "transcript": "Block video transcript.",
                },
            ),
            (
                "document_list",
                {
                    "title": "Block document list",
                    "items": [{"title": "Listed document", "document": document, "language": "en"}],
                },
            ),
            (
                "download",
                {
                    "document": document,
                    "title": "Block download",
                    "description": "Download description.",
                },
            ),
            (
                "key_figures",
                {
                    "title": "Block key figures",
                    "figures": [{"value": "57", "label": "participating States"}],
                },
            ),
            (
                "timeline",
                {
                    "title": "Block timeline",
                    "events": [
                        {"date": "1975-08-01", "title": "Helsinki Final Act", "text": "Signed."}
                    ],
                },
            ),
            (
                "table",
                {
                    "caption": "Block table",
                    "columns": [
                        {"type": "text", "heading": "Mission"},
                        {"type": "number", "heading": "Observers"},
                    ],
                    "rows": [{"values": ["Georgia", "350"]}],
                },
            ),
            (
                "link",
                {
                    "page": index.pk,
                    "document": None,
                    "url": "",
                    "text": "Block link to the stories",
                },
            ),
            (
                "call_to_action",
                {
                    "title": "Block call to action",
                    "text": "Call to action text.",
                    "button_label": "Block button",
                    "link": {
                        "page": None,
                        "document": None,
                        "url": "https://www.osce.org/",
                        "text": "",
                    },
                },
            ),
            (
                "accordion",
                {
                    "title": "Block accordion",
                    "items": [{"title": "Accordion question", "body": "<p>Accordion answer.</p>"}],
                },
            ),
            ("states", {"heading": "Block states", "states": [self.state("AT").pk]}),
            (
                "structures",
                {
                    "heading": "Block structures",
                    "structures": [self.snippet(Structure, "secretariat").pk],
                },
            ),
            ("fields_of_work", {"heading": "Block fields of work", "fields_of_work": [policing]}),
            (
                "related_stories",
                {
                    "heading": "Block related stories",
                    "stories": [],
                    "field_of_work": policing,
                    "count": 3,
                },
            ),
            (
                "upcoming_meetings",
                {"heading": "Block upcoming meetings", "series": None, "count": 3},
            ),
        ]

        def make() -> StoryPage:
            page = StoryPage(
                title="Every block type",
                date=datetime.date(2000, 1, 1),
                lead="A page that shows each block of the story body once.",
                body=[{"type": kind, "value": value} for kind, value in body],
            )
            self._set_taxonomy(page, ["policing"], ["secretariat"], ["AT"])
            return page

        self.child(index, StoryPage, BLOCKS_STORY_SLUG, make)


def seed_story_body(index: StoryIndexPage) -> list[dict[str, Any]]:
    """The seed story after its lead paragraph, with a heading, a quote, key figures and a call to action."""
    return [
        {"type": "rich_text", "value": paragraphs_html(SEED_STORY_PARAGRAPHS[1:2])},
        {
            "type": "heading",
            "value": {"text": "A comprehensive response", "level": "h2", "anchor": ""},
        },
        {"type": "rich_text", "value": paragraphs_html(SEED_STORY_PARAGRAPHS[2:4])},
        {
            "type": "quote",
            "value": {
                "text": "Full use of the OSCE’s expertise and comparative advantages.",
                "attribution": "OSCE Ministerial Council, Athens 2009",
                "role": "",
            },
        },
        {"type": "rich_text", "value": paragraphs_html(SEED_STORY_PARAGRAPHS[4:])},
        {
            "type": "key_figures",
            "value": {
                "title": "At a glance",
                "figures": [
                    {"value": "57", "label": "participating States"},
                    {
                        "value": "2003",
                        "label": "OSCE Strategy to Address Threats to Security and Stability",
                    },
                    {"value": "2009", "label": "Athens Ministerial Council"},
                ],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "title": "OSCE Impact",
                "text": "Discover more stories about how the OSCE improves lives.",
                "button_label": "Read more stories",
                "link": {"page": index.pk, "document": None, "url": "", "text": ""},
            },
        },
    ]


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def slug_of(text: str) -> str:
    return slugify(text)[:80] or "demo"


def minimal_pdf(title: str) -> bytes:
    """A valid one-page PDF showing ``title``, written by hand to need no PDF library."""
    safe = title.encode("latin-1", "replace").decode("latin-1")
    safe = safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 18 Tf 72 720 Td ({safe}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def build_demo_content(stdout: TextIO) -> None:
    """Create the demo stories, meetings, images and documents that do not exist yet."""
    builder = DemoBuilder(stdout)
    with transaction.atomic(), muted():
        builder.build()
    if not builder.created:
        stdout.write("Demo content is already in place.")
