import { API_ORIGIN } from "@/api/client";

/** A media or document URL from the API, made absolute against the Django site's origin. */
export function mediaUrl(url: string): string {
  return url.startsWith("/") ? `${API_ORIGIN}${url}` : url;
}

/**
 * Whether an `href` from the API is a page of this frontend. Page URLs are root-relative
 * paths of the Wagtail site, which this frontend mirrors; documents and media are served
 * by Django.
 */
export function isInternalPath(href: string): boolean {
  return href.startsWith("/") && !href.startsWith("//") && !/^\/(documents|media|static|admin|api)\//.test(href);
}

/** The public URL of this frontend, for sitemap.xml and `hreflang` links. */
export const SITE_URL = (process.env.OSCE_SITE_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
