/**
 * Links to the current page in each language: its translation from the API's
 * `translations` list, else that language's home page.
 */
import Link from "next/link";

import type { Translation } from "@/api/client";
import { LANGUAGE_NAMES, LOCALES, localePath, type Locale } from "@/i18n/config";
import { messages } from "@/i18n/messages";

/** For each language, where its version of the current page is, or null for none. */
export type LanguageLinks = Record<Locale, string | null>;

/** The language links of a Wagtail page: itself in its own language, its translations. */
export function pageLanguageLinks(
  page: { locale: string; url: string | null; is_fallback: boolean; translations: Translation[] },
  requested: Locale,
): LanguageLinks {
  const links = Object.fromEntries(LOCALES.map((code) => [code, null])) as LanguageLinks;
  for (const translation of page.translations) {
    if ((LOCALES as readonly string[]).includes(translation.locale) && translation.url) {
      links[translation.locale as Locale] = translation.url;
    }
  }
  if (page.url && (LOCALES as readonly string[]).includes(page.locale)) links[page.locale as Locale] = page.url;
  // A page shown as the fallback for another language is, for that language, this address.
  if (page.is_fallback && page.url) links[requested] = localePath(requested, page.url);
  return links;
}

/** The same route in every language (pages of the frontend's own, such as a country's). */
export function routeLanguageLinks(path: string): LanguageLinks {
  return Object.fromEntries(LOCALES.map((code) => [code, localePath(code, path)])) as LanguageLinks;
}

export function LanguageSwitcher({ locale, links }: { locale: Locale; links: LanguageLinks }) {
  const t = messages(locale);
  return (
    <nav className="language-switcher" aria-label={t.languages}>
      <ul>
        {LOCALES.map((code) => {
          const href = links[code] ?? localePath(code);
          return (
            <li key={code}>
              <Link
                href={href}
                hrefLang={code}
                lang={code}
                aria-current={code === locale ? "page" : undefined}
                prefetch={false}
              >
                {LANGUAGE_NAMES[code]}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** `alternates.languages` for Next's metadata: one `hreflang` link per real language version. */
export function hreflangs(links: LanguageLinks, fallbackLocale: Locale | null): Record<string, string> {
  const result: Record<string, string> = {};
  for (const code of LOCALES) {
    const href = links[code];
    if (href && code !== fallbackLocale) result[code] = href;
  }
  return result;
}
