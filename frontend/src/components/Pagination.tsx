import Link from "next/link";

import type { Locale } from "@/i18n/config";
import { messages } from "@/i18n/messages";

/** Previous and next links that keep the other query parameters. */
export function Pagination({
  locale,
  basePath,
  query,
  page,
  numPages,
}: {
  locale: Locale;
  basePath: string;
  query: Record<string, string | undefined>;
  page: number;
  numPages: number;
}) {
  if (numPages <= 1) return null;
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
      <span>{t.pageOf(page, numPages)}</span>
      {page < numPages ? <Link href={href(page + 1)} rel="next">{t.next}</Link> : <span />}
    </nav>
  );
}
