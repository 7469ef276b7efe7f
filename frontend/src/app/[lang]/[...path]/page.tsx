/**
 * Every Wagtail page, at its Wagtail path: the API's `pages/find` answers with the page,
 * and its type chooses the view.
 */
import type { Metadata } from "next";

import { findPage, isMeeting, isStory, type AnyPageDetail } from "@/api/client";
import { FallbackNotice, Frame } from "@/components/Frame";
import { hreflangs, pageLanguageLinks } from "@/components/LanguageSwitcher";
import { MEETING_INDEX_TYPE, STORY_INDEX_TYPE } from "@/components/SiteHeader";
import { MeetingIndexView } from "@/components/views/MeetingIndexView";
import { MeetingView } from "@/components/views/MeetingView";
import { StoryIndexView } from "@/components/views/StoryIndexView";
import { StoryView } from "@/components/views/StoryView";
import type { Locale } from "@/i18n/config";
import { routeLocale, wagtailPath } from "@/lib/page";

async function load(params: PageProps<"/[lang]/[...path]">["params"]): Promise<{ locale: Locale; page: AnyPageDetail }> {
  const locale = await routeLocale(params);
  const { path } = await params;
  return { locale, page: await findPage(wagtailPath(locale, path.map(decodeURIComponent))) };
}

export async function generateMetadata({ params }: PageProps<"/[lang]/[...path]">): Promise<Metadata> {
  const { locale, page } = await load(params);
  const links = pageLanguageLinks(page, locale);
  return {
    title: page.seo_title || page.title,
    description: page.search_description || ("lead" in page ? page.lead : undefined) || undefined,
    alternates: { canonical: links[locale] ?? undefined, languages: hreflangs(links, page.is_fallback ? locale : null) },
  };
}

export default async function WagtailPage({ params, searchParams }: PageProps<"/[lang]/[...path]">) {
  const { locale, page } = await load(params);
  const search = await searchParams;
  let content: React.ReactNode;
  if (isStory(page)) content = <StoryView story={page} locale={locale} />;
  else if (isMeeting(page)) content = <MeetingView meeting={page} locale={locale} />;
  else if (page.type === STORY_INDEX_TYPE) content = <StoryIndexView page={page} locale={locale} searchParams={search} />;
  else if (page.type === MEETING_INDEX_TYPE) content = <MeetingIndexView page={page} locale={locale} searchParams={search} />;
  else
    content = (
      <>
        {page.is_fallback ? <FallbackNotice locale={locale} /> : null}
        <h1>{page.title}</h1>
      </>
    );
  return (
    <Frame locale={locale} languages={pageLanguageLinks(page, locale)}>
      {content}
    </Frame>
  );
}
