/**
 * Language prefixes as the Wagtail site has them: `/fr/...` for French, no prefix for the
 * default language. Paths without a prefix are served by the `[lang]` routes as `en`;
 * `/en/...` redirects to the unprefixed address.
 *
 * Addresses with a query string (filtered or paginated listings) are rewritten to the
 * `[lang]/query.string/` routes, rendered per request; every other address is a statically
 * cached page.
 */
import { NextResponse, type NextRequest } from "next/server";

import { DEFAULT_LOCALE, isLocale } from "@/i18n/config";

/** Set on the rewritten request, so the proxy (which sees it again) leaves it alone. */
const REWRITTEN = "x-osce-rewritten";
/**
 * Routes of their own under `[lang]` that take a query string themselves. (Their dotted
 * names are no Wagtail slug; Next.js serves dotted paths without the trailing slash.)
 */
const OWN_QUERY_ROUTES = /^\/(query\.string|draft\.preview)(\/|$)/;

function hasQuery(request: NextRequest): boolean {
  const params = new URLSearchParams(request.nextUrl.search);
  params.delete("_rsc"); // Next's own, on client-side navigations
  return params.size > 0;
}

export function proxy(request: NextRequest) {
  if (request.headers.get(REWRITTEN)) return NextResponse.next();
  const { pathname } = request.nextUrl;
  const first = pathname.split("/")[1] ?? "";
  if (first === DEFAULT_LOCALE) {
    const url = request.nextUrl.clone();
    url.pathname = pathname.slice(DEFAULT_LOCALE.length + 1) || "/";
    return NextResponse.redirect(url, 308);
  }
  const prefixed = isLocale(first);
  const locale = prefixed ? first : DEFAULT_LOCALE;
  const rest = prefixed ? pathname.slice(first.length + 1) || "/" : pathname;
  const withQuery = hasQuery(request) && !OWN_QUERY_ROUTES.test(rest);
  if (prefixed && !withQuery) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = `/${locale}${withQuery ? `/query.string${rest}` : rest}`;
  const headers = new Headers(request.headers);
  headers.set(REWRITTEN, "1");
  return NextResponse.rewrite(url, { request: { headers } });
}

export const config = {
  // Everything but Next's own files, the route handlers and the sitemap.
  matcher: ["/((?!_next/|api/|sitemap\\.xml|robots\\.txt|favicon\\.ico).*)"],
};
