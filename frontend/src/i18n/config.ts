/**
 * The site's languages: the Wagtail site's locales, the default one without a URL prefix
 * (as the example site's `i18n_patterns(..., prefix_default_language=False)`).
 */
export const LOCALES = ["en", "fr", "de", "it", "ru", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's own name, for the language switcher. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: "English",
  fr: "Français",
  de: "Deutsch",
  it: "Italiano",
  ru: "Русский",
  es: "Español",
};

/** The Intl locale used for dates (British English, as osce.org writes them). */
export const DATE_LOCALES: Record<Locale, string> = {
  en: "en-GB",
  fr: "fr-FR",
  de: "de-DE",
  it: "it-IT",
  ru: "ru-RU",
  es: "es-ES",
};

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** A path of the site in a language: `/stories/` in English, `/fr/stories/` in French. */
export function localePath(locale: Locale, path: string = "/"): string {
  const clean = path.startsWith("/") ? path : `/${path}`;
  return locale === DEFAULT_LOCALE ? clean : `/${locale}${clean}`;
}
