/** Story and meeting teasers, for listings and blocks (the API's card and summary shapes). */
import Link from "next/link";

import type { Schemas } from "@/api/client";
import { Pagination } from "@/components/Pagination";
import { Picture } from "@/components/Picture";
import type { Locale } from "@/i18n/config";
import { messages } from "@/i18n/messages";
import { formatDate, formatMeetingDates } from "@/lib/format";

/** One card shape for every list of stories; listing items carry the same fields. */
type StoryLike = Schemas["StoryCard"];
type MeetingLike = Schemas["MeetingCardOut"] | Schemas["MeetingSummaryOut"];

export function StoryCard({ story, locale, headingLevel = 3 }: { story: StoryLike; locale: Locale; headingLevel?: 2 | 3 }) {
  const image = story.hero_image;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card">
      {image ? <Picture image={image} use="card" sizes="(min-width: 48rem) 20rem, 100vw" decorative /> : null}
      <div className="card-text">
        <Heading className="card-title">
          {story.url ? <Link href={story.url}>{story.title}</Link> : story.title}
        </Heading>
        <p className="card-date">
          <time dateTime={story.date}>{formatDate(locale, story.date)}</time>
        </p>
      </div>
    </article>
  );
}

/** A page of a stories listing as cards with its pagination, or the "no stories" line. */
export function StoryCardList({
  locale,
  listing,
  basePath,
  query = {},
}: {
  locale: Locale;
  listing:
    | { results: StoryLike[]; page?: number | null; num_pages: number; count_exact?: boolean; next?: string | null }
    | null
    | undefined;
  basePath: string;
  query?: Record<string, string | undefined>;
}) {
  if (!listing?.results.length) {
    return <p>{messages(locale).noStories}</p>;
  }
  return (
    <>
      <ul className="cards">
        {listing.results.map((story) => (
          <li key={story.id}>
            <StoryCard story={story} locale={locale} headingLevel={2} />
          </li>
        ))}
      </ul>
      <Pagination locale={locale} basePath={basePath} query={query} page={listing.page ?? 1} numPages={listing.num_pages} exact={listing.count_exact ?? true} hasNext={listing.next != null} />
    </>
  );
}

export function MeetingCard({ meeting, locale, headingLevel = 3 }: { meeting: MeetingLike; locale: Locale; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const country = meeting.country?.name;
  return (
    <article className="card card-meeting">
      <div className="card-text">
        <Heading className="card-title">
          {meeting.url ? <Link href={meeting.url}>{meeting.title}</Link> : meeting.title}
        </Heading>
        <p className="card-date">
          <time dateTime={meeting.start}>{formatMeetingDates(locale, meeting.start, meeting.end, meeting.all_day)}</time>
        </p>
        {meeting.city || country ? <p className="card-place">{[meeting.city, country].filter(Boolean).join(", ")}</p> : null}
      </div>
    </article>
  );
}
