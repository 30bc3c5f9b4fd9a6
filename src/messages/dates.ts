/**
 * Dates Lectern writes itself, in the reader's language. The outline's `date:`
 * is shown as written ("Vorlesung 4", "весна 2026"), but a calendar date in
 * ISO form (2026-03-14) is a date for Lectern to write: "14. März 2026",
 * "14 березня 2026 р.", "March 14, 2026" — by `Intl.DateTimeFormat` for the
 * outline's language tag (en-GB: "14 March 2026"). Dates quoted from sources
 * are never touched.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date for the language, or undefined when `value` is not an ISO date (YYYY-MM-DD) that exists. */
export function calendarDate(value: string, lang: string): string | undefined {
  const match = ISO_DAY.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  // 2026-02-30 is no date: Date would roll it over into March.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return new Intl.DateTimeFormat(supported(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The lecture's date as the reader sees it: an ISO date written in the language, anything else as the lecturer wrote it. */
export function shownDate(value: string, lang: string): string {
  return calendarDate(value, lang) ?? value;
}

/** The tag itself when Intl knows it, else English (a malformed tag must not stop the build). */
function supported(lang: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([lang]).length ? lang : 'en';
  } catch {
    return 'en';
  }
}
