import Link from "next/link";

import type { LanguageLinks } from "@/components/LanguageSwitcher";
import { SiteHeader } from "@/components/SiteHeader";
import { localePath, type Locale } from "@/i18n/config";
import { messages } from "@/i18n/messages";

/** Header, main content and footer: every page of the site. */
export function Frame({
  locale,
  languages,
  children,
}: {
  locale: Locale;
  languages: LanguageLinks;
  children: React.ReactNode;
}) {
  const t = messages(locale);
  return (
    <>
      <SiteHeader locale={locale} languages={languages} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          <Link href={localePath(locale)}>{t.siteName}</Link> – {t.siteTagline}
        </p>
      </footer>
    </>
  );
}

/** The notice on a page shown in the default language because the requested one has none. */
export function FallbackNotice({ locale }: { locale: Locale }) {
  const t = messages(locale);
  return (
    <p className="notice" role="note">
      {t.fallback(locale)}
    </p>
  );
}
