/**
 * The story index: the API's filters (field of work, country, source, dates) as a plain
 * GET form, and pagination. It works without JavaScript; the URL is the state.
 */
import Link from "next/link";

import {
  getFieldsOfWork,
  getStates,
  getStructures,
  listStories,
  type StoryIndexDetail,
  type StoryFilters,
} from "@/api/client";
import { StoryCardList } from "@/components/Cards";
import { FallbackNotice } from "@/components/Frame";
import { RichText } from "@/components/RichText";
import type { Locale } from "@/i18n/config";
import { messages } from "@/i18n/messages";
import { pageNumber, single } from "@/lib/page";

type Search = Record<string, string | string[] | undefined>;

export async function StoryIndexView({
  page,
  locale,
  searchParams,
}: {
  page: StoryIndexDetail;
  locale: Locale;
  searchParams: Search;
}) {
  const t = messages(locale);
  const query = {
    field: single(searchParams.field),
    country: single(searchParams.country),
    source: single(searchParams.source),
    date_from: single(searchParams.date_from),
    date_to: single(searchParams.date_to),
  };
  const filters: StoryFilters = { ...query, page: pageNumber(searchParams.page) };
  const [stories, fields, states, structures] = await Promise.all([
    listStories(locale, filters),
    getFieldsOfWork(locale),
    getStates(locale),
    getStructures(locale),
  ]);
  const basePath = page.url ?? "/";
  return (
    <>
      {page.is_fallback ? <FallbackNotice locale={locale} /> : null}
      <h1>{page.title}</h1>
      {page.intro.html ? <RichText html={page.intro.html} className="rich-text intro" /> : null}
      <form className="filters" method="get" action={basePath} aria-label={t.filters}>
        <div>
          <label htmlFor="filter-field">{t.fieldOfWork}</label>
          <select id="filter-field" name="field" defaultValue={query.field ?? ""}>
            <option value="">{t.any}</option>
            {fields.results.map((field) => (
              <option key={field.slug} value={field.slug}>
                {field.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-country">{t.country}</label>
          <select id="filter-country" name="country" defaultValue={query.country ?? ""}>
            <option value="">{t.any}</option>
            {states.results.map((state) => (
              <option key={state.slug} value={state.slug}>
                {state.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-source">{t.source}</label>
          <select id="filter-source" name="source" defaultValue={query.source ?? ""}>
            <option value="">{t.any}</option>
            {structures.results.map((structure) => (
              <option key={structure.slug} value={structure.slug}>
                {structure.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-from">{t.dateFrom}</label>
          <input id="filter-from" type="date" name="date_from" defaultValue={query.date_from ?? ""} />
        </div>
        <div>
          <label htmlFor="filter-to">{t.dateTo}</label>
          <input id="filter-to" type="date" name="date_to" defaultValue={query.date_to ?? ""} />
        </div>
        <div className="filter-actions">
          <button type="submit">{t.filter}</button>
          <Link href={basePath}>{t.clearFilters}</Link>
        </div>
      </form>
      {stories.error ? (
        <p className="notice" role="alert">
          {t.badFilter}: {stories.error.message}
        </p>
      ) : (
        <StoryCardList locale={locale} listing={stories.data} basePath={basePath} query={query} />
      )}
    </>
  );
}
