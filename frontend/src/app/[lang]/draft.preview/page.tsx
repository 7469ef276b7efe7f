/**
 * A draft in preview: `src/app/api/preview` checks the token, enters draft mode and sends
 * the editor here with it; the draft comes from the API's `preview` endpoint, uncached.
 * The token in the address is what grants access (the preview panel's iframe may not keep
 * the draft-mode cookie), so a page without a valid token is a 404.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { getPreview } from "@/api/client";
import { PageContent } from "@/components/views/WagtailPageView";
import { isLocale } from "@/i18n/config";
import { messages } from "@/i18n/messages";
import { routeLocale, single } from "@/lib/page";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { robots: { index: false, follow: false } };

export default async function DraftPreview({ params, searchParams }: PageProps<"/[lang]/draft.preview">) {
  const requested = await routeLocale(params);
  const search = await searchParams;
  const contentType = single(search.content_type);
  const token = single(search.token);
  if (!contentType || !token) notFound();
  const draft = await getPreview(contentType, token);
  if (!draft) notFound();
  const locale = isLocale(draft.locale) ? draft.locale : requested;
  return (
    <>
      <p className="notice preview-notice" role="status">
        {messages(locale).draftPreview}
      </p>
      <PageContent page={draft} locale={locale} search={{}} />
    </>
  );
}
