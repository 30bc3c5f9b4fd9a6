/** What the date finder reports (index.ts). */

export type DatePrecision = 'day' | 'month' | 'year' | 'decade' | 'century' | 'range';

/** Which part of the period a qualifier ("в начале", "the late") points at. */
export type DatePart = 'early' | 'first-half' | 'mid' | 'second-half' | 'late';

export interface DateMention {
  /** Offsets of the date expression in the given text, half-open [start, end). */
  start: number;
  end: number;
  /** The expression as written, e.g. "20 января 1925 г." */
  text: string;
  precision: DatePrecision;
  /** Sortable ISO-like key of the start of the period: "1925-01-20", "1925-05", "1925", "1920", "1801". */
  sortKey: string;
  /** For ranges, decades and centuries: the end of the period ("1905", "1929", "1900"). */
  endKey?: string;
  /**
   * Short readable label in the sentence's language: "20 января 1925", "1920s", "XIX в.". An English
   * day keeps the source's order: "February 23, 1904" as the source writes it, "23 February 1904" if so.
   */
  label: string;
  /** Set when a qualifier such as "в начале" / "the late" narrows the period. */
  part?: DatePart;
}
