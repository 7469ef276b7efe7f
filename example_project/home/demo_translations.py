# ruff: noqa: RUF001 - French and Russian typography (curly apostrophes, guillemets, no-break
# spaces) and Cyrillic letters that look like Latin ones.
"""The seed story and its story index in French and Russian, published through wagtail-localize.

``home.demo_content`` calls :func:`translate_seed_story` once the English pages
exist. Each page is submitted for translation as "Translate this page" does (a
``TranslationSource`` and one ``Translation`` per language, which the translation
editor then opens), every one of its segments gets a ``StringTranslation`` from
the reviewed texts below, and the translated page is saved from them and
published. Nothing falls back to English: a segment missing here stops the demo
with the English text to add.

The texts follow the terms of the OSCE's own French and Russian documents
(États participants / государства-участники, Conseil ministériel / Совет
министров, menaces transnationales / транснациональные угрозы, the Secretariat
units by their official names, the 2003 Maastricht Strategy by its title in each
language). The home page stays the alias ``osce_demo`` makes for each language.

Running it again creates nothing: a page that already has its translation in a
language is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.management.base import CommandError
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

#: French: « » with no-break spaces inside, as French typesetting has them.
FRENCH: dict[str, str] = {
    # The story index.
    "OSCE Impact": "Impact de l’OSCE",
    "osce-impact": "impact-de-l-osce",
    "Discover more stories about how the OSCE improves lives.": (
        "Découvrez d’autres récits sur la manière dont l’OSCE améliore la vie des gens."
    ),
    # The story.
    "Countering transnational threats": "Lutte contre les menaces transnationales",
    "countering-transnational-threats": "lutte-contre-les-menaces-transnationales",
    "The need to “connect the dots” and co-ordinate action when it comes to combating "
    "transnational threats such as terrorism, organized crime, cyber crime and trafficking "
    "in drugs, arms and human beings has never been clearer.": (
        "Il n’a jamais été aussi évident qu’il faut «\u00a0relier les points\u00a0» et "
        "coordonner l’action pour lutter contre des menaces transnationales telles que le "
        "terrorisme, la criminalité organisée, la cybercriminalité, le trafic de drogues et "
        "d’armes et la traite des êtres humains."
    ),
    "The words “Countering transnational threats” in English on a blue background": (
        "Les mots anglais «\u00a0Countering transnational threats\u00a0» sur fond bleu"
    ),
    "Transnational threats call for collective responses.": (
        "Les menaces transnationales appellent des réponses collectives."
    ),
    "Recognizing that by definition no one state or organization can effectively tackle "
    "transnational challenges alone, states have taken advantage of the OSCE’s broad "
    "membership, thematic expertise and comprehensive approach to security to develop "
    "collective responses that cut across the politico-military, economic and environmental "
    "and human dimensions of security.": (
        "Conscients que, par définition, aucun État ni aucune organisation ne peut relever "
        "seul et efficacement les défis transnationaux, les États ont tiré parti de la large "
        "composition de l’OSCE, de son expertise thématique et de son approche globale de la "
        "sécurité pour élaborer des réponses collectives qui touchent à la fois aux dimensions "
        "politico-militaire, économique et environnementale, et humaine de la sécurité."
    ),
    "A comprehensive response": "Une réponse globale",
    "The OSCE Foreign Ministers agreed at the 2009 Athens Ministerial Council to step up "
    "efforts to address transnational threats in accordance with the 2003 OSCE Strategy to "
    "Address Threats to Security and Stability in the 21st Century, making “full use of the "
    "OSCE’s expertise and comparative advantages”.": (
        "Lors de la réunion du Conseil ministériel tenue à Athènes en 2009, les ministres des "
        "affaires étrangères des États participants de l’OSCE sont convenus de redoubler "
        "d’efforts pour faire face aux menaces transnationales conformément à la Stratégie de "
        "l’OSCE visant à faire face aux menaces pour la sécurité et la stabilité au XXIe "
        "siècle, adoptée en 2003, en «\u00a0tirant pleinement parti des compétences et des "
        "avantages comparatifs de l’OSCE\u00a0»."
    ),
    "OSCE States also recognized that strong democratic institutions and the rule of law play "
    "an important role in preventing transnational threats from arising in the first place, "
    "and reaffirmed the respect for human rights and fundamental freedoms, democracy and the "
    "rule of law that underpins the OSCE’s comprehensive concept of security.": (
        "Les États participants de l’OSCE ont également reconnu que des institutions "
        "démocratiques solides et l’état de droit jouent un rôle important pour empêcher "
        "l’apparition même des menaces transnationales, et ont réaffirmé que le respect des "
        "droits de l’homme et des libertés fondamentales, de la démocratie et de l’état de "
        "droit est au cœur du concept global de sécurité de l’OSCE."
    ),
    "Full use of the OSCE’s expertise and comparative advantages.": (
        "Tirer pleinement parti des compétences et des avantages comparatifs de l’OSCE."
    ),
    "OSCE Ministerial Council, Athens 2009": "Conseil ministériel de l’OSCE, Athènes 2009",
    "The OSCE offers participating States a number of tools to tackle transnational threats, "
    "including through the Secretariat’s Action against Terrorism Unit, the Strategic Police "
    "Matters Unit, the Office of the Special Representative on Trafficking in Human Beings, "
    "and the Office of the Co-ordinator on Economic and Environmental Activities and the "
    "Conflict Prevention Centre’s borders unit.": (
        "L’OSCE offre aux États participants plusieurs outils pour faire face aux menaces "
        "transnationales, notamment par l’intermédiaire de l’Unité d’action contre le "
        "terrorisme du Secrétariat, de l’Unité pour les questions stratégiques de police, du "
        "Bureau du Représentant spécial pour la lutte contre la traite des êtres humains, du "
        "Bureau du Coordonnateur des activités économiques et environnementales et de l’unité "
        "du Centre de prévention des conflits chargée des frontières."
    ),
    "Contributing to the stabilization of the situation in Afghanistan and curbing threats "
    "emanating from the country are also important parts of the OSCE’s work to combat "
    "transnational threats, and OSCE field operations on the ground in Central Asia play an "
    "important role in this regard.": (
        "Contribuer à la stabilisation de la situation en Afghanistan et endiguer les menaces "
        "émanant de ce pays constituent également des volets importants de l’action menée par "
        "l’OSCE pour lutter contre les menaces transnationales, et les opérations de terrain de "
        "l’OSCE présentes en Asie centrale jouent un rôle important à cet égard."
    ),
    "At a glance": "En bref",
    "participating States": "États participants",
    "OSCE Strategy to Address Threats to Security and Stability": (
        "Stratégie de l’OSCE visant à faire face aux menaces pour la sécurité et la stabilité"
    ),
    "Athens Ministerial Council": "Conseil ministériel d’Athènes",
    "Read more stories": "Lire d’autres récits",
}

#: Russian: «» without spaces; "государства-участники" as the OSCE writes it.
RUSSIAN: dict[str, str] = {
    # The story index.
    "OSCE Impact": "Результаты работы ОБСЕ",
    "osce-impact": "rezultaty-raboty-obse",
    "Discover more stories about how the OSCE improves lives.": (
        "Узнайте больше о том, как ОБСЕ меняет жизнь людей к лучшему."
    ),
    # The story.
    "Countering transnational threats": "Противодействие транснациональным угрозам",
    "countering-transnational-threats": "protivodeistvie-transnatsionalnym-ugrozam",
    "The need to “connect the dots” and co-ordinate action when it comes to combating "
    "transnational threats such as terrorism, organized crime, cyber crime and trafficking "
    "in drugs, arms and human beings has never been clearer.": (
        "Необходимость «связать воедино все звенья» и координировать действия в борьбе с "
        "такими транснациональными угрозами, как терроризм, организованная преступность, "
        "киберпреступность, незаконный оборот наркотиков и оружия и торговля людьми, никогда "
        "ещё не была столь очевидной."
    ),
    "The words “Countering transnational threats” in English on a blue background": (
        "Надпись на английском языке «Countering transnational threats» на синем фоне"
    ),
    "Transnational threats call for collective responses.": (
        "Транснациональные угрозы требуют коллективных ответных мер."
    ),
    "Recognizing that by definition no one state or organization can effectively tackle "
    "transnational challenges alone, states have taken advantage of the OSCE’s broad "
    "membership, thematic expertise and comprehensive approach to security to develop "
    "collective responses that cut across the politico-military, economic and environmental "
    "and human dimensions of security.": (
        "Признавая, что по определению ни одно государство и ни одна организация не в "
        "состоянии эффективно справиться с транснациональными вызовами в одиночку, государства "
        "воспользовались широким членским составом ОБСЕ, её тематическим опытом и "
        "всеобъемлющим подходом к безопасности для выработки коллективных ответных мер, "
        "охватывающих военно-политическое, экономико-экологическое и человеческое измерения "
        "безопасности."
    ),
    "A comprehensive response": "Всеобъемлющие ответные меры",
    "The OSCE Foreign Ministers agreed at the 2009 Athens Ministerial Council to step up "
    "efforts to address transnational threats in accordance with the 2003 OSCE Strategy to "
    "Address Threats to Security and Stability in the 21st Century, making “full use of the "
    "OSCE’s expertise and comparative advantages”.": (
        "На заседании Совета министров в Афинах в 2009 году министры иностранных дел "
        "государств-участников ОБСЕ договорились активизировать усилия по противодействию "
        "транснациональным угрозам в соответствии с принятой в 2003 году Стратегией ОБСЕ по "
        "противодействию угрозам безопасности и стабильности в XXI веке, «в полной мере "
        "используя опыт и сравнительные преимущества ОБСЕ»."
    ),
    "OSCE States also recognized that strong democratic institutions and the rule of law play "
    "an important role in preventing transnational threats from arising in the first place, "
    "and reaffirmed the respect for human rights and fundamental freedoms, democracy and the "
    "rule of law that underpins the OSCE’s comprehensive concept of security.": (
        "Государства-участники ОБСЕ также признали, что сильные демократические институты и "
        "верховенство права играют важную роль в предотвращении самого возникновения "
        "транснациональных угроз, и вновь подтвердили, что уважение прав человека и основных "
        "свобод, демократии и верховенства права лежит в основе всеобъемлющей концепции "
        "безопасности ОБСЕ."
    ),
    "Full use of the OSCE’s expertise and comparative advantages.": (
        "В полной мере использовать опыт и сравнительные преимущества ОБСЕ."
    ),
    "OSCE Ministerial Council, Athens 2009": "Совет министров ОБСЕ, Афины, 2009 год",
    "The OSCE offers participating States a number of tools to tackle transnational threats, "
    "including through the Secretariat’s Action against Terrorism Unit, the Strategic Police "
    "Matters Unit, the Office of the Special Representative on Trafficking in Human Beings, "
    "and the Office of the Co-ordinator on Economic and Environmental Activities and the "
    "Conflict Prevention Centre’s borders unit.": (
        "ОБСЕ предлагает государствам-участникам целый ряд инструментов для противодействия "
        "транснациональным угрозам, в том числе по линии Группы Секретариата по борьбе с "
        "терроризмом, Группы по стратегическим вопросам полицейской деятельности, Бюро "
        "Специального представителя по борьбе с торговлей людьми, Бюро Координатора "
        "экономической и экологической деятельности ОБСЕ и подразделения Центра по "
        "предотвращению конфликтов, занимающегося вопросами границ."
    ),
    "Contributing to the stabilization of the situation in Afghanistan and curbing threats "
    "emanating from the country are also important parts of the OSCE’s work to combat "
    "transnational threats, and OSCE field operations on the ground in Central Asia play an "
    "important role in this regard.": (
        "Содействие стабилизации обстановки в Афганистане и сдерживание исходящих из этой "
        "страны угроз также являются важными направлениями работы ОБСЕ по борьбе с "
        "транснациональными угрозами, и важную роль в этом играют полевые операции ОБСЕ в "
        "Центральной Азии."
    ),
    "At a glance": "Коротко о главном",
    "participating States": "государств-участников",
    "OSCE Strategy to Address Threats to Security and Stability": (
        "Стратегия ОБСЕ по противодействию угрозам безопасности и стабильности"
    ),
    "Athens Ministerial Council": "Совет министров в Афинах",
    "Read more stories": "Читать другие истории",
}

#: The reviewed texts by target language code.
TRANSLATIONS: dict[str, dict[str, str]] = {"fr": FRENCH, "ru": RUSSIAN}


def translate_seed_story(
    story: Page, say: Callable[[str], None], texts: dict[str, dict[str, str]] = TRANSLATIONS
) -> None:
    """Publish ``story`` and its parent index in each language of ``texts`` that lacks them.

    The index goes first, so the story lands under the translated index and gets a
    real ``/fr/<index>/<story>/`` URL rather than one under an English copy.
    """
    pages = [story.get_parent().specific, story.specific]
    for code, strings in texts.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            raise CommandError(
                f"No locale {code!r} to translate the seed story into: run "
                "'manage.py osce_demo', which creates one per WAGTAIL_CONTENT_LANGUAGES entry."
            )
        for page in pages:
            translate_page(page, locale, strings, say)


def translate_page(
    page: Page, locale: Locale, strings: dict[str, str], say: Callable[[str], None]
) -> None:
    """Translate ``page`` into ``locale`` with wagtail-localize, from ``strings``, and publish it.

    A page already translated there (not merely the alias that stands in for it) is
    left alone, so a translator's later edits survive running the demo again.
    """
    existing = page.get_translation_or_none(locale)
    if existing is not None and existing.alias_of_id is None:
        return
    # What "Translate this page" records: the source and the translation the
    # translation editor opens, in sync with the English page from now on.
    source, _ = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = list(
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    missing = [s.string.data for s in segments if s.string.data not in strings]
    if missing:
        raise CommandError(
            f"No {locale.language_code} text for these strings of {page.title!r}: "
            + "; ".join(repr(text) for text in missing)
            + ". Add them to home.demo_translations."
        )
    for segment in segments:
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": strings[segment.string.data],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    # Translation.save_target() with no fallback to English: every segment is
    # translated, or this raises. The draft is published here rather than in the
    # on-commit hook save_target(publish=True) uses, so the page is live as soon as
    # this returns, also inside a caller's transaction.
    with transaction.atomic():
        source.create_or_update_translation(
            locale, publish=False, copy_parent_pages=True, fallback=False
        )
        translated = page.get_translation(locale)
        translated.get_latest_revision().publish()
    say(f"Published the {locale.language_code} translation {translated.title!r}")
