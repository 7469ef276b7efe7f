/** A participating State or a Partner for Co-operation, and its stories (`stories?country=`). */
import type { Metadata } from "next";

import { getCountry, listStories } from "@/api/client";
import { StoryCard } from "@/components/Cards";
import { FallbackNotice, Frame } from "@/components/Frame";
import { hreflangs, routeLanguageLinks } from "@/components/LanguageSwitcher";
import { Pagination } from "@/components/Pagination";
import { localePath, type Locale } from "@/i18n/config";
import { messages } from "@/i18n/messages";

export async function countryMetadata(locale: Locale, slug: string): Promise<Metadata> {
  const { country } = await getCountry(locale, slug);
  return {
    title: messages(locale).storiesAbout(country.name),
    alternates: { languages: hreflangs(routeLanguageLinks(`/countries/${slug}/`), null) },
  };
}

export async function CountryView({ locale, slug, page }: { locale: Locale; slug: string; page: number }) {
  const t = messages(locale);
  const [{ kind, country }, stories] = await Promise.all([getCountry(locale, slug), listStories(locale, { country: slug, page })]);
  const path = `/countries/${slug}/`;
  return (
    <Frame locale={locale} languages={routeLanguageLinks(path)}>
      {country.is_fallback ? <FallbackNotice locale={locale} /> : null}
      <p className="eyebrow">{kind === "state" ? t.participatingState : t.partner}</p>
      <h1>{country.name}</h1>
      {stories.data?.results.length ? (
        <>
          <ul className="cards">
            {stories.data.results.map((story) => (
              <li key={story.id}>
                <StoryCard story={story} locale={locale} headingLevel={2} />
              </li>
            ))}
          </ul>
          <Pagination locale={locale} basePath={localePath(locale, path)} query={{}} page={stories.data.page ?? 1} numPages={stories.data.num_pages} />
        </>
      ) : (
        <p>{t.noStories}</p>
      )}
    </Frame>
  );
}
