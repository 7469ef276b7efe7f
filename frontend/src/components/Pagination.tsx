import Link from "next/link";

import type { Locale } from "@/i18n/config";
import { messages } from "@/i18n/messages";

/**
 * Previous and next links that keep the other query parameters. A listing counted only
 * up to the API's limit (`count_exact` false) has more pages than `numPages`: its
 * `next` link says so, and the page count is shown as a lower bound ("84+").
 */
export function Pagination({
  locale,
  basePath,
  query,
  page,
  numPages,
  exact = true,
  hasNext = page < numPages,
}: {
  locale: Locale;
  basePath: string;
  query: Record<string, string | undefined>;
  page: number;
  numPages: number;
  exact?: boolean;
  hasNext?: boolean;
}) {
  if (numPages <= 1 && !hasNext) return null;
  const t = messages(locale);
  const href = (target: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    if (target > 1) params.set("page", String(target));
    const search = params.toString();
    return search ? `${basePath}?${search}` : basePath;
  };
  return (
    <nav className="pagination" aria-label={t.pagination}>
      {page > 1 ? <Link href={href(page - 1)} rel="prev">{t.previous}</Link> : <span />}
      <span>{t.pageOf(page, exact ? numPages : `${Math.max(numPages, page)}+`)}</span>
      {hasNext ? <Link href={href(page + 1)} rel="next">{t.next}</Link> : <span />}
    </nav>
  );
}
