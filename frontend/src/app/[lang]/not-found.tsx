/**
 * The 404 page, inside the site's layout. It does not call the API (it also answers when
 * the API is the reason), so its links are the home pages.
 */
import Link from "next/link";

import { messages } from "@/i18n/messages";

export default function NotFound() {
  const t = messages("en");
  return (
    <main id="main" className="not-found">
      <p className="eyebrow">404</p>
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundText}</p>
      <p>
        <Link href="/">{t.backHome}</Link>
      </p>
    </main>
  );
}
