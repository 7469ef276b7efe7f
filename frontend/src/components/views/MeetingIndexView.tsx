/** The meeting index: upcoming meetings, then past ones (paginated), optionally of one series. */
import Link from "next/link";

import { getMeetingSeries, listMeetings, type MeetingIndexDetail } from "@/api/client";
import { MeetingCard } from "@/components/Cards";
import { FallbackNotice } from "@/components/Frame";
import { Pagination } from "@/components/Pagination";
import { RichText } from "@/components/RichText";
import type { Locale } from "@/i18n/config";
import { messages } from "@/i18n/messages";
import { pageNumber, single } from "@/lib/page";

type Search = Record<string, string | string[] | undefined>;

export async function MeetingIndexView({
  page,
  locale,
  searchParams,
}: {
  page: MeetingIndexDetail;
  locale: Locale;
  searchParams: Search;
}) {
  const t = messages(locale);
  const series = single(searchParams.series);
  const [upcoming, past, allSeries] = await Promise.all([
    listMeetings(locale, { status: "upcoming", series, page_size: 50 }),
    listMeetings(locale, { status: "past", series, page: pageNumber(searchParams.page) }),
    getMeetingSeries(locale),
  ]);
  const basePath = page.url ?? "/";
  const current = allSeries.results.find((item) => item.slug === series);
  const error = upcoming.error ?? past.error;
  return (
    <>
      {page.is_fallback ? <FallbackNotice locale={locale} /> : null}
      <h1>
        {page.title}
        {current ? `: ${current.name}` : ""}
      </h1>
      {page.intro.html ? <RichText html={page.intro.html} className="rich-text intro" /> : null}
      <form className="filters" method="get" action={basePath} aria-label={t.series}>
        <div>
          <label htmlFor="filter-series">{t.series}</label>
          <select id="filter-series" name="series" defaultValue={series ?? ""}>
            <option value="">{t.any}</option>
            {allSeries.results.map((item) => (
              <option key={item.slug} value={item.slug}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit">{t.filter}</button>
          <Link href={basePath}>{t.clearFilters}</Link>
        </div>
      </form>
      {error ? (
        <p className="notice" role="alert">
          {t.badFilter}: {error.message}
        </p>
      ) : null}
      <section aria-labelledby="upcoming" className="section">
        <h2 id="upcoming">{t.upcomingMeetings}</h2>
        {upcoming.data?.results.length ? (
          <ul className="cards">
            {upcoming.data.results.map((meeting) => (
              <li key={meeting.id}>
                <MeetingCard meeting={meeting} locale={locale} />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t.noMeetings}</p>
        )}
      </section>
      <section aria-labelledby="past" className="section">
        <h2 id="past">{t.pastMeetings}</h2>
        {past.data?.results.length ? (
          <>
            <ul className="cards">
              {past.data.results.map((meeting) => (
                <li key={meeting.id}>
                  <MeetingCard meeting={meeting} locale={locale} />
                </li>
              ))}
            </ul>
            <Pagination locale={locale} basePath={basePath} query={{ series }} page={past.data.page ?? 1} numPages={past.data.num_pages} exact={past.data.count_exact} hasNext={past.data.next != null} />
          </>
        ) : (
          <p>{t.noMeetings}</p>
        )}
      </section>
    </>
  );
}
