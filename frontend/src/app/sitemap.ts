/**
 * sitemap.xml: every live page in every language, from the API's `pages` listing.
 * When the API's `sitemap` endpoint exists (issue 11: `last_published_at` and translations
 * per page, paginated), this reads it instead and adds `alternates.languages`.
 */
import type { MetadataRoute } from "next";

import { listPages } from "@/api/client";
import { LOCALES } from "@/i18n/config";
import { SITE_URL } from "@/lib/urls";

export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const entries: MetadataRoute.Sitemap = [];
  for (const locale of LOCALES) {
    for (let page = 1; ; page += 1) {
      const listing = await listPages(locale, page);
      for (const item of listing.results) {
        // A listing in a language holds the default language's pages it lacks: skip those.
        if (item.locale !== locale || !item.url) continue;
        entries.push({ url: `${SITE_URL}${item.url}`, lastModified: item.last_published_at ?? undefined });
      }
      if (!listing.next) break;
    }
  }
  return entries;
}
