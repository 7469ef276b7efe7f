import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { isLocale } from "@/i18n/config";
import { messages } from "@/i18n/messages";
import { SITE_URL } from "@/lib/urls";

import "../globals.css";

export const metadata: Metadata = {
  metadataBase: new URL(SITE_URL),
  title: { default: messages("en").siteName, template: `%s – ${messages("en").siteName}` },
};

/**
 * No page is rendered at build time (the build does not need the API): each is rendered on
 * its first request, cached, and revalidated by tag (`src/app/api/revalidate`).
 */
export function generateStaticParams(): { lang: string }[] {
  return [];
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
