import type { NextConfig } from "next";

/**
 * The frontend mirrors the Wagtail site's URLs (`/osce-impact/<story>/`, `/fr/...`), so
 * paths keep Wagtail's trailing slash and a page's `url` from the API is its path here.
 */
const nextConfig: NextConfig = {
  trailingSlash: true,
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // Rendered pages and API responses are cached in memory only: a restarted server starts
    // from the API's current state, never from pages a webhook missed while it was down.
    // Several servers behind one address need a shared `cacheHandler` instead (docs/frontend.md).
    isrFlushToDisk: false,
  },
};

export default nextConfig;
