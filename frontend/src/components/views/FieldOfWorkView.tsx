/** A field of work and its stories (the API's `stories?field=`). */
import type { Metadata } from "next";

import { getFieldOfWork, listStories } from "@/api/client";
import { StoryCardList } from "@/components/Cards";
import { FallbackNotice, Frame } from "@/components/Frame";
import { hreflangs, routeLanguageLinks } from "@/components/LanguageSwitcher";
import { messages } from "@/i18n/messages";
import { localePath, type Locale } from "@/i18n/config";

export async function fieldOfWorkMetadata(locale: Locale, slug: string): Promise<Metadata> {
  const field = await getFieldOfWork(locale, slug);
  return {
    title: messages(locale).storiesAbout(field.name),
    alternates: { languages: hreflangs(routeLanguageLinks(`/fields-of-work/${slug}/`), null) },
  };
}

export async function FieldOfWorkView({ locale, slug, page }: { locale: Locale; slug: string; page: number }) {
  const t = messages(locale);
  const [field, stories] = await Promise.all([getFieldOfWork(locale, slug), listStories(locale, { field: slug, page })]);
  const path = `/fields-of-work/${slug}/`;
  return (
    <Frame locale={locale} languages={routeLanguageLinks(path)}>
      {field.is_fallback ? <FallbackNotice locale={locale} /> : null}
      <p className="eyebrow">{t.fieldOfWork}</p>
      <h1>{field.name}</h1>
      {field.description ? <p className="lead">{field.description}</p> : null}
      <StoryCardList locale={locale} listing={stories.data} basePath={localePath(locale, path)} />
    </Frame>
  );
}
