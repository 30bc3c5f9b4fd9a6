/**
 * Joining a paragraph's lines: a word broken at a line end by the typesetter
 * ("com-" / "pile") is one word again, while a word that is hyphenated anyway
 * ("type-" / "specialized") keeps its hyphen.
 *
 * The document itself is the dictionary: every word written on one line,
 * hyphenated or not, is counted first (`WordEvidence`). At a line-end hyphen
 * before a lowercase letter the joined form wins if it occurs elsewhere, the
 * hyphenated form if it does and the joined one does not. Without evidence:
 * a capital or a digit after the hyphen, a first part that is hyphenated
 * already ("state-of-the-" / "art"), and the Russian particles ("кто-" /
 * "нибудь", "по-" / "русски") keep the hyphen; anything else is joined, the
 * usual case in typeset prose.
 */

const WORD = /[\p{L}\p{M}]+(?:[-‐][\p{L}\p{M}]+)*/gu;
const RU_SUFFIX = new Set(['то', 'либо', 'нибудь', 'таки', 'ка', 'де']);
const RU_ADVERB = /^(?:по|во)$/;
const RU_ADVERB_END = /(?:ски|цки|ому|ему|ьи|ски[йх]?)$/;

export class WordEvidence {
  private readonly counts = new Map<string, number>();

  /** Counts the words of one line (a hyphen at its end is a line break, not part of a word). */
  add(line: string): void {
    for (const m of line.matchAll(WORD)) {
      const w = m[0].toLowerCase().replace(/‐/g, '-');
      this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
    }
  }

  count(word: string): number {
    return this.counts.get(word.toLowerCase()) ?? 0;
  }
}

/** `prev` followed by the next line's `next`: the text with the line break taken out. */
export function joinLines(prev: string, next: string, evidence: WordEvidence): string {
  if (!prev) return next;
  // Only the end of the paragraph so far matters (it grows line by line).
  const broken = /[-‐\u00AD]$/.test(prev) ? /([\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*)[-‐\u00AD]$/u.exec(prev.slice(-120)) : null;
  if (broken) {
    const head = broken[1]!;
    const tail = /^[\p{L}\p{M}]+/u.exec(next)?.[0];
    const stem = prev.slice(0, -1);
    if (prev.endsWith('\u00AD')) return stem + next;
    if (!tail) return /^\d/.test(next) ? `${prev}${next}` : `${prev} ${next}`;
    if (!/^\p{Ll}/u.test(tail)) return prev + next;
    const last = head.split('-').pop()!;
    const joined = last + tail;
    const hyphenated = `${head}-${tail}`;
    const joinedSeen = evidence.count(head.includes('-') ? `${head.slice(0, head.length - last.length)}${joined}` : joined) > 0;
    const hyphenSeen = evidence.count(hyphenated) > 0 || evidence.count(`${last}-${tail}`) > 0;
    if (joinedSeen) return stem + next;
    if (hyphenSeen) return prev + next;
    if (head.includes('-')) return prev + next;
    const lower = last.toLowerCase();
    if (RU_SUFFIX.has(tail.toLowerCase()) || (RU_ADVERB.test(lower) && RU_ADVERB_END.test(tail))) return prev + next;
    return stem + next;
  }
  // A dash at the line end: written against the word before it, it joins without a space.
  if (/\S[–—]$/u.test(prev)) return prev + next;
  return `${prev} ${next}`;
}
