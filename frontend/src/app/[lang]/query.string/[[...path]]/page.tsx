/**
 * Addresses with a query string (a filtered or paginated listing), rendered per request:
 * `src/proxy.ts` rewrites `/osce-impact/?field=policing` to
 * `/en/query.string/osce-impact/?field=policing`. The API responses they use are still
 * cached and tagged, so they show a published change as soon as the cached pages do.
 * (Wagtail slugs have no dots, so `query.string` never hides a page of the site.)
 */
import type { Metadata } from "next";

import { CountryView, countryMetadata } from "@/components/views/CountryView";
import { FieldOfWorkView, fieldOfWorkMetadata } from "@/components/views/FieldOfWorkView";
import { HomeView, homeMetadata } from "@/components/views/HomeView";
import { WagtailPageView, wagtailPageMetadata } from "@/components/views/WagtailPageView";
import { pageNumber, routeLocale } from "@/lib/page";

export const dynamic = "force-dynamic";

type Props = PageProps<"/[lang]/query.string/[[...path]]">;

/** The frontend's own routes with a slug, as `[lang]/<route>/[slug]` has them. */
function ownRoute(path: string[]): { route: "countries" | "fields-of-work"; slug: string } | null {
  const [route, slug, ...rest] = path;
  if (slug === undefined || rest.length) return null;
  if (route === "countries" || route === "fields-of-work") return { route, slug };
  return null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await routeLocale(params);
  const path = (await params).path ?? [];
  const own = ownRoute(path);
  if (own?.route === "countries") return countryMetadata(locale, own.slug);
  if (own?.route === "fields-of-work") return fieldOfWorkMetadata(locale, own.slug);
  return path.length ? wagtailPageMetadata(locale, path) : homeMetadata(locale);
}

export default async function WithQueryString({ params, searchParams }: Props) {
  const locale = await routeLocale(params);
  const path = (await params).path ?? [];
  const search = await searchParams;
  const own = ownRoute(path);
  if (own?.route === "countries") return <CountryView locale={locale} slug={own.slug} page={pageNumber(search.page)} />;
  if (own?.route === "fields-of-work") return <FieldOfWorkView locale={locale} slug={own.slug} page={pageNumber(search.page)} />;
  if (!path.length) return <HomeView locale={locale} />;
  return <WagtailPageView locale={locale} segments={path} search={search} />;
}
