/**
 * Language prefixes as the Wagtail site has them: `/fr/...` for French, no prefix for the
 * default language. Paths without a prefix are served by the `[lang]` routes as `en`;
 * `/en/...` redirects to the unprefixed address.
 */
import { NextResponse, type NextRequest } from "next/server";

import { DEFAULT_LOCALE, isLocale } from "@/i18n/config";

/** Set on the rewritten request, so the proxy (which sees it again) leaves it alone. */
const REWRITTEN = "x-osce-default-locale";

export function proxy(request: NextRequest) {
  if (request.headers.get(REWRITTEN)) return NextResponse.next();
  const { pathname } = request.nextUrl;
  const first = pathname.split("/")[1] ?? "";
  if (first === DEFAULT_LOCALE) {
    const url = request.nextUrl.clone();
    url.pathname = pathname.slice(DEFAULT_LOCALE.length + 1) || "/";
    return NextResponse.redirect(url, 308);
  }
  if (isLocale(first)) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = `/${DEFAULT_LOCALE}${pathname}`;
  const headers = new Headers(request.headers);
  headers.set(REWRITTEN, "1");
  return NextResponse.rewrite(url, { request: { headers } });
}

export const config = {
  // Everything but Next's own files and the sitemap.
  matcher: ["/((?!_next/|sitemap\\.xml|robots\\.txt|favicon\\.ico).*)"],
};
