/** Statically cached; `?page=` addresses render per request through `query.string/`. */
import type { Metadata } from "next";

import { FieldOfWorkView, fieldOfWorkMetadata } from "@/components/views/FieldOfWorkView";
import { routeLocale } from "@/lib/page";

type Props = PageProps<"/[lang]/fields-of-work/[slug]">;

export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return fieldOfWorkMetadata(await routeLocale(params), (await params).slug);
}

export default async function FieldOfWorkPage({ params }: Props) {
  return <FieldOfWorkView locale={await routeLocale(params)} slug={(await params).slug} page={1} />;
}
