import { DATE_LOCALES, type Locale } from "@/i18n/config";

/** "1 October 2025" for a `YYYY-MM-DD` date, in the page's language. */
export function formatDate(locale: Locale, isoDate: string): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${isoDate.slice(0, 10)}T00:00:00Z`),
  );
}

/** A meeting's dates: one day, or a range; with times unless it lasts all day. */
export function formatMeetingDates(locale: Locale, start: string, end: string, allDay: boolean): string {
  const format = new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    dateStyle: "long",
    ...(allDay ? {} : { timeStyle: "short" }),
    timeZone: "Europe/Vienna",
  });
  const from = new Date(start);
  const to = new Date(end);
  if (allDay && from.toDateString() === to.toDateString()) return format.format(from);
  return format.formatRange(from, to);
}

/** "1.2 MB" */
export function formatBytes(size: number | null): string {
  if (size === null) return "";
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(0)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}
