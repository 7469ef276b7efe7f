/** The home page: the latest stories and the upcoming meetings. */
import type { Metadata } from "next";
import Link from "next/link";

import { findPage, listMeetings, listStories, sectionUrl } from "@/api/client";
import { MeetingCard, StoryCard } from "@/components/Cards";
import { FallbackNotice, Frame } from "@/components/Frame";
import { hreflangs, pageLanguageLinks } from "@/components/LanguageSwitcher";
import { MEETING_INDEX_TYPE, STORY_INDEX_TYPE } from "@/components/SiteHeader";
import { messages } from "@/i18n/messages";
import type { Locale } from "@/i18n/config";
import { wagtailPath } from "@/lib/page";

export async function homeMetadata(locale: Locale): Promise<Metadata> {
  const page = await findPage(wagtailPath(locale));
  const links = pageLanguageLinks(page, locale);
  return {
    title: { absolute: page.seo_title || messages(locale).siteTagline },
    description: page.search_description || undefined,
    alternates: { canonical: links[locale] ?? undefined, languages: hreflangs(links, page.is_fallback ? locale : null) },
  };
}

export async function HomeView({ locale }: { locale: Locale }) {
  const t = messages(locale);
  const [page, stories, meetings, storiesUrl, meetingsUrl] = await Promise.all([
    findPage(wagtailPath(locale)),
    listStories(locale, { page_size: 4 }),
    listMeetings(locale, { status: "upcoming", page_size: 3 }),
    sectionUrl(locale, STORY_INDEX_TYPE),
    sectionUrl(locale, MEETING_INDEX_TYPE),
  ]);
  return (
    <Frame locale={locale} languages={pageLanguageLinks(page, locale)}>
      {page.is_fallback ? <FallbackNotice locale={locale} /> : null}
      <h1 className="visually-hidden">{t.siteTagline}</h1>
      <section aria-labelledby="latest-stories" className="section">
        <h2 id="latest-stories">{t.latestStories}</h2>
        <ul className="cards">
          {stories.data?.results.map((story) => (
            <li key={story.id}>
              <StoryCard story={story} locale={locale} />
            </li>
          ))}
        </ul>
        {storiesUrl ? (
          <p>
            <Link href={storiesUrl}>{t.allStories}</Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="upcoming-meetings" className="section">
        <h2 id="upcoming-meetings">{t.upcomingMeetings}</h2>
        {meetings.data?.results.length ? (
          <ul className="cards">
            {meetings.data.results.map((meeting) => (
              <li key={meeting.id}>
                <MeetingCard meeting={meeting} locale={locale} />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t.noMeetings}</p>
        )}
        {meetingsUrl ? (
          <p>
            <Link href={meetingsUrl}>{t.allMeetings}</Link>
          </p>
        ) : null}
      </section>
    </Frame>
  );
}
