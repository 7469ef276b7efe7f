import { notFound } from "next/navigation";

import { isLocale, localePath, type Locale } from "@/i18n/config";

/** The route's language, or the not-found page for a segment that is not one. */
export async function routeLocale(params: Promise<{ lang: string }>): Promise<Locale> {
  const { lang } = await params;
  if (!isLocale(lang)) notFound();
  return lang;
}

/** The Wagtail path the API's `pages/find` takes for a route of this frontend. */
export function wagtailPath(locale: Locale, segments: string[] = []): string {
  const path = segments.length ? `/${segments.map(encodeURIComponent).join("/")}/` : "/";
  return localePath(locale, path);
}

/** A page's link in this language: an item that is a fallback keeps the visitor's language. */
export function hrefIn(locale: Locale, item: { url: string | null; locale: string }): string | null {
  if (!item.url) return null;
  return item.locale === locale ? item.url : localePath(locale, item.url);
}

/** One value of a query parameter (the first, if repeated). */
export function single(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first ? first : undefined;
}

/** A `page` query parameter as a positive integer (1 when absent or not a number). */
export function pageNumber(value: string | string[] | undefined): number {
  const parsed = Number.parseInt(single(value) ?? "1", 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : 1;
}
