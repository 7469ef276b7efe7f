import type { NextConfig } from "next";

/**
 * The frontend mirrors the Wagtail site's URLs (`/osce-impact/<story>/`, `/fr/...`), so
 * paths keep Wagtail's trailing slash and a page's `url` from the API is its path here.
 */
const nextConfig: NextConfig = {
  trailingSlash: true,
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
