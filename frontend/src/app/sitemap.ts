/**
 * sitemap.xml: every live, public page in every language, from the API's `sitemap` listing,
 * each with its translations as `hreflang` alternates. Cached like the pages, and
 * revalidated when a page is published or unpublished.
 */
import type { MetadataRoute } from "next";

import { listSitemap } from "@/api/client";
import { pathOf } from "@/lib/tags";
import { SITE_URL } from "@/lib/urls";

// Rendered on its first request, not at build time: the build does not need the API.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const entries: MetadataRoute.Sitemap = [];
  for (let page = 1; ; page += 1) {
    const listing = await listSitemap(page);
    for (const item of listing.results) {
      const languages = Object.fromEntries(item.alternates.map((other) => [other.locale, `${SITE_URL}${pathOf(other.url)}`]));
      entries.push({
        url: `${SITE_URL}${pathOf(item.url)}`,
        lastModified: item.last_published_at ?? undefined,
        alternates: item.alternates.length ? { languages: { [item.locale]: `${SITE_URL}${pathOf(item.url)}`, ...languages } } : undefined,
      });
    }
    if (!listing.next) break;
  }
  return entries;
}
