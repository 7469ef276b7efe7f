/** The home page in a language; statically cached, revalidated by the webhook route. */
import type { Metadata } from "next";

import { HomeView, homeMetadata } from "@/components/views/HomeView";
import { routeLocale } from "@/lib/page";

export async function generateMetadata({ params }: PageProps<"/[lang]">): Promise<Metadata> {
  return homeMetadata(await routeLocale(params));
}

export default async function HomePage({ params }: PageProps<"/[lang]">) {
  return <HomeView locale={await routeLocale(params)} />;
}
