import { distance } from 'fastest-levenshtein';

/**
 * The candidates closest to a misspelt name, best first, for "did you mean …"
 * hints. Only plausible ones: within a third of the word's length.
 */
export function nearest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.ceil(word.length / 3));
  const lower = word.toLowerCase();
  const close = [...new Set(candidates)]
    .map((c) => ({ c, d: distance(lower, c.toLowerCase()) }))
    .filter(({ d }) => d <= limit)
    .map(({ c, d }) => ({ c, d: d > 1 ? swapDistance(lower, c.toLowerCase()) : d }))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  // Only the nearest: "titel" is "title" (two letters swapped), not "cite" as well.
  return close
    .filter(({ d }) => d === close[0]!.d)
    .slice(0, max)
    .map(({ c }) => c);
}

/** Edit distance where two neighbouring letters swapped count as one edit (optimal string alignment). */
function swapDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
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
