/**
 * Where Wagtail's preview panel and "Preview in new tab" point
 * (`WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]`, docs/preview.md): checks the token with the
 * API, enters Next.js draft mode, and sends the editor to the draft's rendering in its
 * language. A token the API refuses (expired, tampered, or its preview gone) is a 401.
 */
import { draftMode } from "next/headers";
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";

import { getPreview } from "@/api/client";
import { DEFAULT_LOCALE, isLocale, localePath } from "@/i18n/config";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<Response> {
  const contentType = request.nextUrl.searchParams.get("content_type");
  const token = request.nextUrl.searchParams.get("token");
  if (!contentType || !token) return new Response("A preview needs content_type and token.", { status: 400 });
  const draft = await getPreview(contentType, token);
  if (!draft) return new Response("This preview has expired or is not valid: open it again from Wagtail.", { status: 401 });
  (await draftMode()).enable();
  const locale = isLocale(draft.locale) ? draft.locale : DEFAULT_LOCALE;
  const query = new URLSearchParams({ content_type: contentType, token });
  redirect(`${localePath(locale, "/draft.preview")}?${query}`);
}
