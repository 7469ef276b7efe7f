/** Statically cached; `?page=` addresses render per request through `query.string/`. */
import type { Metadata } from "next";

import { CountryView, countryMetadata } from "@/components/views/CountryView";
import { routeLocale } from "@/lib/page";

type Props = PageProps<"/[lang]/countries/[slug]">;

export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return countryMetadata(await routeLocale(params), (await params).slug);
}

export default async function CountryPage({ params }: Props) {
  return <CountryView locale={await routeLocale(params)} slug={(await params).slug} page={1} />;
}
