/**
 * Every Wagtail page, at its Wagtail path: the API's `pages/find` answers with the page,
 * and its type chooses the view. A path with no page is looked up in the API's redirects
 * before it is a 404.
 */
import type { Metadata } from "next";
import { notFound, permanentRedirect, redirect } from "next/navigation";

import { API_ORIGIN, findPageOrNull, findRedirect, isMeeting, isStory, type AnyPageDetail } from "@/api/client";
import { FallbackNotice, Frame } from "@/components/Frame";
import { hreflangs, pageLanguageLinks } from "@/components/LanguageSwitcher";
import { MEETING_INDEX_TYPE, STORY_INDEX_TYPE } from "@/components/SiteHeader";
import { MeetingIndexView } from "@/components/views/MeetingIndexView";
import { MeetingView } from "@/components/views/MeetingView";
import { StoryIndexView } from "@/components/views/StoryIndexView";
import { StoryView } from "@/components/views/StoryView";
import type { Locale } from "@/i18n/config";
import { wagtailPath } from "@/lib/page";
import { pathOf } from "@/lib/tags";

type Search = Record<string, string | string[] | undefined>;

async function load(locale: Locale, segments: string[]): Promise<AnyPageDetail> {
  const path = wagtailPath(locale, segments.map(decodeURIComponent));
  const page = await findPageOrNull(path);
  if (page) return page;
  const moved = await findRedirect(path);
  if (!moved) notFound();
  const location = moved.location.startsWith("/") ? moved.location : sameSitePath(moved.location);
  if (moved.is_permanent) permanentRedirect(location);
  redirect(location);
}

/** A redirect's absolute URL on the Wagtail site's host becomes the same path here. */
function sameSitePath(location: string): string {
  try {
    return new URL(location).origin === API_ORIGIN ? pathOf(location) : location;
  } catch {
    return location;
  }
}

export async function wagtailPageMetadata(locale: Locale, segments: string[]): Promise<Metadata> {
  const page = await load(locale, segments);
  const links = pageLanguageLinks(page, locale);
  return {
    title: page.seo_title || page.title,
    description: page.search_description || ("lead" in page ? page.lead : undefined) || undefined,
    alternates: { canonical: links[locale] ?? undefined, languages: hreflangs(links, page.is_fallback ? locale : null) },
  };
}

export async function WagtailPageView({ locale, segments, search }: { locale: Locale; segments: string[]; search: Search }) {
  return <PageContent page={await load(locale, segments)} locale={locale} search={search} />;
}

/** A page from the API (live, or a draft in preview) in the view its type chooses. */
export function PageContent({ page, locale, search }: { page: AnyPageDetail; locale: Locale; search: Search }) {
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
