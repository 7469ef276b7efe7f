/** A participating State or a Partner for Co-operation, and its stories (`stories?country=`). */
import type { Metadata } from "next";

import { getCountry, listStories } from "@/api/client";
import { StoryCardList } from "@/components/Cards";
import { FallbackNotice, Frame } from "@/components/Frame";
import { hreflangs, routeLanguageLinks } from "@/components/LanguageSwitcher";
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
      <StoryCardList locale={locale} listing={stories.data} basePath={localePath(locale, path)} />
    </Frame>
  );
}
