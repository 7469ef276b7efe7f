/**
 * Every Wagtail page at its Wagtail path, rendered on its first request and then served
 * from the cache until the webhook route revalidates it (`src/app/api/revalidate`).
 * Addresses with a query string (filters, pagination) go to `query.string/` instead.
 */
import type { Metadata } from "next";

import { WagtailPageView, wagtailPageMetadata } from "@/components/views/WagtailPageView";
import { routeLocale } from "@/lib/page";

type Props = PageProps<"/[lang]/[...path]">;

/** None at build time (the build does not need the API); each path is cached on first visit. */
export function generateStaticParams(): { path: string[] }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return wagtailPageMetadata(await routeLocale(params), (await params).path);
}

export default async function WagtailPage({ params }: Props) {
  return <WagtailPageView locale={await routeLocale(params)} segments={(await params).path} search={{}} />;
}
