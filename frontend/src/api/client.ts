/**
 * The API client: openapi-fetch typed by the generated `schema.d.ts`, and the few
 * requests the pages make, each deduplicated per render with React's `cache()`.
 *
 * Nothing here touches a database: everything the site shows comes from these calls.
 */
import "server-only";

import createClient from "openapi-fetch";
import { notFound } from "next/navigation";
import { cache } from "react";

import { localePath, type Locale } from "@/i18n/config";
import { tagsFor } from "@/lib/tags";

import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type StoryDetail = Schemas["StoryDetailOut"];
export type MeetingDetail = Schemas["MeetingDetailOut"];
export type PageDetail = Schemas["PageDetailOut"];
export type StoryIndexDetail = Schemas["StoryIndexPageDetailOut"];
export type MeetingIndexDetail = Schemas["MeetingIndexPageDetailOut"];
export type AnyPageDetail = StoryDetail | MeetingDetail | StoryIndexDetail | MeetingIndexDetail | PageDetail;
export type StorySummary = Schemas["StorySummaryOut"];
export type MeetingSummary = Schemas["MeetingSummaryOut"];
export type Translation = Schemas["PageTranslationOut"];
export type ApiError = Schemas["ErrorOut"]["error"];
/** A page model the API knows, as its `type` parameter takes it. */
export type PageType = NonNullable<NonNullable<paths["/pages"]["get"]["parameters"]["query"]>["type"]>;

/** Where the API is mounted; the example site's by default. */
export const API_URL = (process.env.OSCE_API_URL ?? "http://127.0.0.1:8000/api/osce").replace(/\/+$/, "");
/** The Django site's origin, which serves the media files the API's URLs point to. */
export const API_ORIGIN = new URL(API_URL).origin;

/**
 * Seconds a cached API response is kept when no webhook names it: the backstop for what
 * events do not announce (a meeting turning from upcoming to past, a changed title on a
 * page that links to it). `OSCE_CACHE_SECONDS`, an hour by default.
 */
const CACHE_SECONDS = Math.max(Number.parseInt(process.env.OSCE_CACHE_SECONDS ?? "3600", 10) || 3600, 1);

/**
 * Options for every fetch: cached by Next.js and tagged from the URL (`src/lib/tags.ts`),
 * so the revalidation webhook (`src/app/api/revalidate/route.ts`) empties exactly the
 * responses an event changes, and with them the pages rendered from them.
 */
function fetchOptions(url: string): RequestInit {
  return { next: { tags: tagsFor(url.slice(API_URL.length)), revalidate: CACHE_SECONDS } };
}

const client = createClient<paths>({
  baseUrl: API_URL,
  // openapi-fetch hands Next a Request object, whose caching options Next does not read:
  // pass them as the second argument instead.
  fetch: (request: Request) => fetch(request, fetchOptions(request.url)),
});

/** For drafts: never cached. */
const uncachedClient = createClient<paths>({
  baseUrl: API_URL,
  fetch: (request: Request) => fetch(request, { cache: "no-store" }),
});

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly detail: ApiError | null,
  ) {
    super(detail?.message ?? `The API answered ${status}.`);
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The response's data; a 404 becomes Next's not-found page, any other error is thrown. */
function unwrap<T>({ data, error, response }: Result<T>): T {
  if (data !== undefined) return data;
  if (response.status === 404) notFound();
  const detail = (error as { error?: ApiError } | undefined)?.error ?? null;
  throw new ApiRequestError(response.status, detail);
}

/** Like `unwrap`, but a bad filter in the visitor's query string (a 400, or a 404 naming no
 * object) is returned, not thrown. */
function unwrapOrBadRequest<T>(result: Result<T>): { data: T; error: null } | { data: null; error: ApiError } {
  const detail = (result.error as { error?: ApiError } | undefined)?.error;
  // A filter naming nothing is a 404 `unknown_value`: a notice on the listing, not a 404 page.
  const badFilter = result.response.status === 404 && detail?.code === "unknown_value";
  if (result.data === undefined && (result.response.status === 400 || badFilter)) {
    return { data: null, error: detail ?? { code: "invalid_parameter", message: "Bad request.", parameter: null } };
  }
  return { data: unwrap(result), error: null };
}

export const findPage = cache(async (htmlPath: string): Promise<AnyPageDetail> =>
  unwrap(await client.GET("/pages/find", { params: { query: { html_path: htmlPath } } })),
);

export const getNavigation = cache(async (locale: Locale) =>
  unwrap(await client.GET("/navigation", { params: { query: { locale } } })),
);

export type StoryFilters = {
  field?: string;
  country?: string;
  source?: string;
  date_from?: string;
  date_to?: string;
  /** Page ids to leave out, with their translations. */
  exclude?: number[];
  page?: number;
  page_size?: number;
};

/** A filter value as the API takes it: a list, whose values it combines with OR. */
const asList = (value?: string): string[] | undefined => (value ? [value] : undefined);

export const listStories = cache(async (locale: Locale, filters: StoryFilters) =>
  unwrapOrBadRequest(
    await client.GET("/stories", {
      params: {
        query: {
          locale,
          ...filters,
          field: asList(filters.field),
          country: asList(filters.country),
          source: asList(filters.source),
        },
      },
    }),
  ),
);

export type MeetingFilters = {
  status?: "upcoming" | "past";
  series?: string;
  page?: number;
  page_size?: number;
};

export const listMeetings = cache(async (locale: Locale, filters: MeetingFilters) =>
  unwrapOrBadRequest(
    await client.GET("/meetings", {
      params: { query: { locale, ...filters, series: asList(filters.series) } },
    }),
  ),
);

export const listPagesOfType = cache(async (locale: Locale, type: PageType) =>
  unwrap(await client.GET("/pages", { params: { query: { locale, type, page_size: 10 } } })),
);

/** One page of the sitemap listing: live public pages of every language, with their translations. */
export const listSitemap = async (page: number) =>
  unwrap(await client.GET("/sitemap", { params: { query: { page, page_size: 100 } } }));

/** The redirect Wagtail keeps for a path, or null. */
export const findRedirect = cache(async (path: string): Promise<Schemas["RedirectOut"] | null> => {
  const result = await client.GET("/redirects", { params: { query: { path } } });
  if (result.data) return result.data;
  if (result.response.status === 404) return null;
  return unwrap(result) ?? null; // throws: neither data nor a 404
});

/** Like `findPage`, but null for a path with no page (to look for a redirect before the 404). */
export const findPageOrNull = cache(async (htmlPath: string): Promise<AnyPageDetail | null> => {
  const result = await client.GET("/pages/find", { params: { query: { html_path: htmlPath } } });
  if (result.response.status === 404) return null;
  return unwrap(result) ?? null; // the page, or throws for an error other than a 404
});

/**
 * The draft a preview token names (docs/preview.md), never cached. `null` when the API
 * refuses the token (expired, tampered: 401) or the preview is gone (404).
 */
export async function getPreview(contentType: string, token: string): Promise<AnyPageDetail | null> {
  const result = await uncachedClient.GET("/preview", { params: { query: { content_type: contentType, token } } });
  if (result.data) return result.data;
  if ([400, 401, 404].includes(result.response.status)) return null;
  return unwrap(result) ?? null; // throws: neither data nor a refusal
}

export const getFieldsOfWork = cache(async (locale: Locale) =>
  unwrap(await client.GET("/fields-of-work", { params: { query: { locale } } })),
);
export const getFieldOfWork = cache(async (locale: Locale, slug: string) =>
  unwrap(await client.GET("/fields-of-work/{slug}", { params: { path: { slug }, query: { locale } } })),
);
export const getStates = cache(async (locale: Locale) =>
  unwrap(await client.GET("/states", { params: { query: { locale } } })),
);
export const getPartners = cache(async (locale: Locale) =>
  unwrap(await client.GET("/partners", { params: { query: { locale } } })),
);
export const getStructures = cache(async (locale: Locale) =>
  unwrap(await client.GET("/structures", { params: { query: { locale } } })),
);
export const getMeetingSeries = cache(async (locale: Locale) =>
  unwrap(await client.GET("/meeting-series", { params: { query: { locale } } })),
);

/** A participating State or a Partner for Co-operation, by slug: both have a country page. */
export const getCountry = cache(async (locale: Locale, slug: string) => {
  const state = await client.GET("/states/{slug}", { params: { path: { slug }, query: { locale } } });
  if (state.data) return { kind: "state" as const, country: state.data };
  const partner = await client.GET("/partners/{slug}", { params: { path: { slug }, query: { locale } } });
  return { kind: "partner" as const, country: unwrap(partner) };
});

/** The first live index page of a type in a language: where story and meeting links lead. */
export const sectionUrl = cache(async (locale: Locale, type: PageType): Promise<string | null> => {
  const listing = await listPagesOfType(locale, type);
  const own = listing.results.find((page) => page.locale === locale) ?? listing.results[0];
  if (!own?.url) return null;
  // The default language's index, shown as a fallback, keeps the visitor's language prefix.
  return own.locale === locale ? own.url : localePath(locale as Locale, own.url);
});

export function isStory(page: AnyPageDetail): page is StoryDetail {
  return "body" in page && "date" in page;
}

export function isMeeting(page: AnyPageDetail): page is MeetingDetail {
  return "start" in page;
}
