import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { isLocale, LOCALES } from "@/i18n/config";
import { messages } from "@/i18n/messages";
import { SITE_URL } from "@/lib/urls";

import "../globals.css";

/**
 * Rendered per request from the API. With the revalidation webhook route (docs/frontend.md)
 * pages become statically cached and revalidated by tag instead.
 */
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  metadataBase: new URL(SITE_URL),
  title: { default: messages("en").siteName, template: `%s – ${messages("en").siteName}` },
};

export function generateStaticParams() {
  return LOCALES.map((lang) => ({ lang }));
}

export default async function RootLayout({ children, params }: LayoutProps<"/[lang]">) {
  const { lang } = await params;
  if (!isLocale(lang)) notFound();
  return (
    <html lang={lang}>
      <body>{children}</body>
    </html>
  );
}
