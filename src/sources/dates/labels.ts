/** Keys (sortable, ISO-like) and labels (short, in the sentence's language) of a matched date. */
import { ROMAN } from './grammar.js';
import type { Hit, When } from './matchers.js';
import type { Lang, Scan } from './tokens.js';
import type { DateMention, DatePart, DatePrecision } from './types.js';
import { EN_MONTH_NAMES, RU_MONTH_GEN, RU_MONTH_NOM, RU_PART } from './vocabulary.js';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function precisionOf(w: When): DatePrecision {
  return w.kind === 'hundreds' ? 'century' : w.kind;
}

function keysOf(w: When): { sortKey: string; endKey?: string } {
  switch (w.kind) {
    case 'day':
      return { sortKey: `${pad(w.y, 4)}-${pad(w.m, 2)}-${pad(w.d, 2)}` };
    case 'month':
      return { sortKey: `${pad(w.y, 4)}-${pad(w.m, 2)}` };
    case 'year':
      return { sortKey: pad(w.y, 4) };
    case 'range':
      return { sortKey: pad(w.y1, 4), endKey: pad(w.y2, 4) };
    case 'decade':
      return { sortKey: pad(w.y1, 4), endKey: pad(w.y2 + 9, 4) };
    case 'century':
      return { sortKey: pad((w.c1 - 1) * 100 + 1, 4), endKey: pad(w.c2 * 100, 4) };
    case 'hundreds':
      return { sortKey: pad(w.y, 4), endKey: pad(w.y + 99, 4) };
  }
}

function roman(n: number): string {
  return ROMAN[n - 1] ?? String(n);
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Russian label; `gen` gives the genitive form that follows "начало", "конец"… */
function ruLabel(w: When, gen: boolean): string {
  switch (w.kind) {
    case 'day':
      return `${w.d} ${RU_MONTH_GEN[w.m - 1]} ${w.y}`;
    case 'month':
      return `${(gen ? RU_MONTH_GEN : RU_MONTH_NOM)[w.m - 1]} ${w.y}`;
    case 'year':
      return gen ? `${w.y} г.` : `${w.y}`;
    case 'range':
      return `${w.y1}–${w.y2}${gen ? ' гг.' : ''}`;
    case 'decade':
      return `${w.y1 === w.y2 ? w.y1 : `${w.y1}–${w.y2}`}-${gen ? 'х' : 'е'}`;
    case 'century':
      return w.c1 === w.c2 ? `${roman(w.c1)} в.` : `${roman(w.c1)}–${roman(w.c2)} вв.`;
    case 'hundreds':
      return `${w.y}–${w.y + 99}${gen ? ' гг.' : ''}`;
  }
}

function enLabel(w: When): string {
  switch (w.kind) {
    // In the order the source writes it: "February 23, 1904" stays so, "23 February 1904" too.
    case 'day':
      return w.mdy ? `${EN_MONTH_NAMES[w.m - 1]} ${w.d}, ${w.y}` : `${w.d} ${EN_MONTH_NAMES[w.m - 1]} ${w.y}`;
    case 'month':
      return `${EN_MONTH_NAMES[w.m - 1]} ${w.y}`;
    case 'year':
      return `${w.y}`;
    case 'range':
      return `${w.y1}–${w.y2}`;
    case 'decade':
      return w.y1 === w.y2 ? `${w.y1}s` : `${w.y1}s–${w.y2}s`;
    case 'century':
      return w.c1 === w.c2 ? `${ordinal(w.c1)} century` : `${ordinal(w.c1)}–${ordinal(w.c2)} centuries`;
    case 'hundreds':
      return `${w.y}s`;
  }
}

function enPartLabel(w: When, part: DatePart): string {
  const base = enLabel(w);
  if (part === 'mid') return `mid-${base}`;
  if (part === 'early' || part === 'late') return `${part} ${base}`;
  const the = w.kind === 'century' || w.kind === 'decade' || w.kind === 'hundreds' ? 'the ' : '';
  return `${part === 'first-half' ? 'first' : 'second'} half of ${the}${base}`;
}

function labelOf(w: When, lang: Lang, part: DatePart | undefined, written: string): string {
  if (lang === 'ru') return part ? `${RU_PART[part]} ${ruLabel(w, true)}` : ruLabel(w, false);
  if (lang === 'as-written') return written;
  return part ? enPartLabel(w, part) : enLabel(w);
}

export function toMention(s: Scan, i: number, hit: Hit): DateMention {
  const start = s.toks[i]?.start ?? 0;
  const end = s.toks[hit.end - 1]?.end ?? start;
  const text = s.text.slice(start, end);
  const mention: DateMention = {
    start,
    end,
    text,
    precision: precisionOf(hit.when),
    ...keysOf(hit.when),
    label: labelOf(hit.when, s.lang, hit.part, text),
  };
  if (hit.part) mention.part = hit.part;
  return mention;
}
