import { distance } from 'fastest-levenshtein';

/**
 * The candidates closest to a misspelt name, best first, for "did you mean …"
 * hints. Only plausible ones: within a third of the word's length.
 */
export function nearest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.ceil(word.length / 3));
  const lower = word.toLowerCase();
  return [...new Set(candidates)]
    .map((c) => ({ c, d: distance(lower, c.toLowerCase()) }))
    .filter(({ d }) => d <= limit)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map(({ c }) => c);
}

/** "did you mean `a` or `b`?" — or a list of what is valid when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>, what = 'one of'): string {
  const all = [...candidates];
  const close = nearest(word, all);
  if (close.length > 0) return `did you mean ${close.map((c) => `"${c}"`).join(' or ')}?`;
  if (all.length === 0) return '';
  const shown = all
    .slice(0, 12)
    .map((c) => `"${c}"`)
    .join(', ');
  return `use ${what}: ${shown}${all.length > 12 ? ', …' : ''}`;
}
