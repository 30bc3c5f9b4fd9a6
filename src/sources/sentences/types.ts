/** A sentence as a half-open span [start, end) of the paragraph text, trimmed of surrounding whitespace. */
export interface SentenceSpan {
  start: number;
  end: number;
}
