/**
 * Cache tags: which cached API responses a page was rendered from, and which of them an
 * event of the package's webhooks makes stale.
 *
 * Every API response the site caches is tagged from its request URL alone (see `tagsFor`),
 * with the names the API itself uses in its `Cache-Tag` header where they exist. A page's
 * cache entry carries the tags of every response it used, so revalidating a tag re-renders
 * exactly the pages that showed that response, on their next request.
 */
import { DEFAULT_LOCALE, LOCALES, localePath } from "@/i18n/config";

/** On every cached API response: revalidating it empties the whole cache. */
export const ALL_TAG = "osce-api";

/** Next.js ignores tags longer than this. */
const MAX_TAG_LENGTH = 256;

/** The tag of `pages/find?html_path=<path>`: the page at that path in its language. */
export function pathTag(htmlPath: string): string {
  return `osce-path:${htmlPath}`;
}

/** The tag of a listing endpoint, whatever its filters or page: `osce-listing-stories`. */
export function listingTag(endpoint: string): string {
  return `osce-listing-${endpoint}`;
}

/** The tags of one API request, from its URL relative to the API's mount (`/stories?...`). */
export function tagsFor(apiPath: string): string[] {
  const url = new URL(apiPath, "http://api.invalid");
  const [endpoint = "", second] = url.pathname.split("/").filter(Boolean);
  const tags = [ALL_TAG];
  if (endpoint === "pages" && second === "find") {
    const htmlPath = url.searchParams.get("html_path");
    if (htmlPath) tags.push(pathTag(htmlPath));
  } else if (endpoint === "redirects") {
    tags.push("osce-redirects");
  } else if (endpoint) {
    tags.push(listingTag(endpoint));
  }
  return tags.filter((tag) => tag.length <= MAX_TAG_LENGTH);
}

/** The package's page types whose publication changes a listing of the site. */
const LISTINGS_BY_TYPE: Record<string, string[]> = {
  "wagtail_osce.StoryPage": ["stories"],
  "wagtail_osce.MeetingPage": ["meetings"],
  "wagtail_osce.StoryIndexPage": ["navigation"],
  "wagtail_osce.MeetingIndexPage": ["navigation"],
};

type PageRef = { type: string; locale: string | null; url: string | null; previous_url?: string | null };
export type WebhookEvent =
  | { event: string; page: PageRef; timestamp: string }
  | { event: string; snippet: { type: string; id: number }; timestamp: string };

/** The path of a URL from the API or a webhook (absolute or root-relative). */
export function pathOf(url: string): string {
  return url.startsWith("/") ? url : new URL(url).pathname;
}

/**
 * The tags an event makes stale: for a published page, its own path (and the
 * same path under every other language prefix when it is in the default language, since
 * those languages show it as the fallback until translated), the sitemap and page listings,
 * and the listing of its type (stories: the home page, the story index, every story's
 * "discover more" teasers, the country and field pages). Unpublishing, a move or a view
 * restriction hides pages that any cached page may link to, and a snippet (a country, a field of work) is shown
 * on any page: those empty the cache. `null` for an event this site does not know.
 */
export function tagsForEvent(payload: WebhookEvent): string[] | null {
  if ("snippet" in payload) {
    return payload.event === "snippet.saved" || payload.event === "snippet.deleted" ? [ALL_TAG] : null;
  }
  const { event, page } = payload;
  // Each of these can hide a page that other cached pages link to or show as a card.
  if (event === "page.unpublished" || event === "page.moved" || event === "page.restricted" || event === "page.unrestricted") {
    return [ALL_TAG];
  }
  if (event !== "page.published") return null;
  if (!page.url) return [ALL_TAG];
  const path = pathOf(page.url);
  const tags = new Set([pathTag(path), listingTag("pages"), listingTag("sitemap"), "osce-redirects"]);
  if (page.locale === DEFAULT_LOCALE) {
    for (const locale of LOCALES) tags.add(pathTag(localePath(locale, path)));
  }
  for (const endpoint of LISTINGS_BY_TYPE[page.type] ?? []) tags.add(listingTag(endpoint));
  return [...tags].filter((tag) => tag.length <= MAX_TAG_LENGTH);
}
