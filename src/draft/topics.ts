/**
 * What a text is about, for `lectern draft`: terms, their weights, central
 * sentences, topical parts and the phrases that name them.
 *
 * - Terms: words stemmed with the Snowball stemmers of @orama/stemmers
 *   (Russian for Cyrillic words, English for Latin ones), function words left
 *   out (the lists are data: stopwords/en.json, stopwords/ru.json), and pairs of
 *   adjacent content words ("Monroe Doctrine", "railroad rates") seen more than
 *   once.
 * - Weights: TF-IDF with sentences as documents; each sentence is a unit vector.
 * - Centrality: TextRank (PageRank over the graph of sentences, edges weighted
 *   by cosine similarity). A sentence is central when it shares weighted terms
 *   with many others — the text keeps coming back to what it says.
 * - Topic runs (lexical chains): the stretches where a term is mentioned
 *   again and again, much more densely than in the whole text — what the text
 *   dwells on, and the phrase that names it.
 *
 * Dates and numbers play no part here (a date does not make a sentence
 * important); they are for the timeline (dates.ts, timeline.ts).
 */
import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemRussian } from '@orama/stemmers/russian';
import enStopwords from './stopwords/en.json' with { type: 'json' };
import ruStopwords from './stopwords/ru.json' with { type: 'json' };

const STOPWORDS = new Set<string>([...enStopwords.words, ...ruStopwords.words]);
const DETERMINERS = new Set<string>(enStopwords.determiners);

/** A word: letters and digits, with inner apostrophes and hyphens. */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}]|['’-](?=[\p{L}\p{N}]))*/gu;

export type Vector = Map<string, number>;

/** Lower case, ё→е, typographic apostrophes plain, a possessive 's dropped. */
function normalWord(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е').replace(/’/g, "'").replace(/'s$/, '');
}

/** Whether a word (as written) says nothing about a topic: a function word, a number, a letter or two. */
export function isStopword(word: string): boolean {
  const w = normalWord(word);
  return STOPWORDS.has(w) || w.length < 3 || !/\p{L}/u.test(w);
}

/** A word's stem: the Russian stemmer for Cyrillic words, the English one for Latin words. */
export function stemWord(word: string): string {
  const w = normalWord(word).replace(/'/g, '');
  if (/[\u0400-\u04FF]/.test(w)) return stemRussian(w);
  if (/^[a-z-]+$/.test(w))
    return w
      .split('-')
      .map((part) => (part ? stemEnglish(part) : part))
      .join('-');
  return w;
}

interface Token {
  /** The stem, or undefined for a function word. */
  stem?: string;
  /** As written. */
  word: string;
  start: number;
  end: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    tokens.push({ word, start: m.index, end: m.index + word.length, stem: isStopword(word) ? undefined : stemWord(word) });
  }
  return tokens;
}

/** Counts of the ways a term is written, to show it as the text most often does. */
class Surfaces {
  private readonly counts = new Map<string, Map<string, number>>();
  add(term: string, written: string, weight: number): void {
    let forms = this.counts.get(term);
    if (!forms) this.counts.set(term, (forms = new Map()));
    forms.set(written, (forms.get(written) ?? 0) + weight);
  }
  all(term: string): ReadonlyMap<string, number> {
    return this.counts.get(term) ?? new Map();
  }
  best(term: string): string {
    const forms = this.counts.get(term);
    if (!forms) return term;
    let best = term;
    let n = -1;
    for (const [form, c] of forms) if (c > n || (c === n && form < best)) [best, n] = [form, c];
    return best;
  }
}

export interface TopicModel {
  /** Number of sentences. */
  n: number;
  /** Unigram stems of each sentence (content words only, in order). */
  stems: string[][];
  /** Each sentence's TF-IDF vector of unigrams and kept bigrams, of length 1 (or empty). */
  vectors: Vector[];
  /** Occurrences of each term in the whole text. */
  tf: Map<string, number>;
  /** In how many sentences each term occurs. */
  df: Map<string, number>;
  /** TextRank centrality of each sentence over the whole text; the highest is 1. */
  rank: number[];
  /** A term as the text most often writes it ("Monroe Doctrine", "corporations"). */
  surface: (term: string) => string;
  /** Every way the text writes a term, with how often (a sentence's first word counts half). */
  forms: (term: string) => ReadonlyMap<string, number>;
  /**
   * How often a term ends a noun phrase that an (English) determiner opens: "the navy is", "a
   * corporation.", "the Monroe Doctrine" — but not "the secret treaty" or "meanwhile". A term
   * never so used is probably not a noun, and names no section.
   */
  nounUses: (term: string) => number;
}

/** Terms in more sentences than this are left out of the similarity graph: they tell few sentences apart and make it quadratic. */
const GRAPH_DF_LIMIT = 400;

/** Terms, weights and centrality for a sequence of sentences. Near-linear in the text's size. */
export function topicModel(sentences: readonly string[]): TopicModel {
  const n = sentences.length;
  const surfaces = new Surfaces();
  const stems: string[][] = [];
  const bags: Map<string, number>[] = [];
  const pairs = new Map<string, number>();
  const nouns = new Map<string, number>();
  const tokenized = sentences.map((text) => {
    const tokens = tokenize(text);
    const joined = (i: number) => i >= 0 && i + 1 < tokens.length && /^\s+$/.test(text.slice(tokens[i]!.end, tokens[i + 1]!.start));
    // A phrase from token `from` to `to` ends a noun phrase: a determiner right before it, no content word right after it.
    const endsNounPhrase = (from: number, to: number) =>
      joined(from - 1) && DETERMINERS.has(normalWord(tokens[from - 1]!.word)) && !(joined(to) && tokens[to + 1]!.stem);
    tokens.forEach((t, i) => {
      if (!t.stem) return;
      if (endsNounPhrase(i, i)) nouns.set(t.stem, (nouns.get(t.stem) ?? 0) + 1);
      if (tokens[i + 1]?.stem && joined(i) && endsNounPhrase(i, i + 1)) {
        const pair = `${t.stem} ${tokens[i + 1]!.stem}`;
        nouns.set(pair, (nouns.get(pair) ?? 0) + 1);
      }
      // Mid-sentence spelling shows whether a word is a name ("Monroe") or not ("navy").
      surfaces.add(t.stem, i === 0 ? t.word.toLowerCase() : t.word, i === 0 ? 0.5 : 1);
      const next = tokens[i + 1];
      if (next?.stem && /^\s+$/.test(text.slice(t.end, next.start))) {
        const pair = `${t.stem} ${next.stem}`;
        pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
      }
    });
    return tokens;
  });
  tokenized.forEach((tokens, si) => {
    const text = sentences[si]!;
    const bag = new Map<string, number>();
    const own: string[] = [];
    tokens.forEach((t, i) => {
      if (!t.stem) return;
      own.push(t.stem);
      bag.set(t.stem, (bag.get(t.stem) ?? 0) + 1);
      const next = tokens[i + 1];
      if (next?.stem && /^\s+$/.test(text.slice(t.end, next.start))) {
        const pair = `${t.stem} ${next.stem}`;
        // A pair counts as a term of its own when the text uses it more than once.
        if ((pairs.get(pair) ?? 0) >= 2) {
          bag.set(pair, (bag.get(pair) ?? 0) + 1);
          const written = text.slice(t.start, next.end).replace(/\s+/g, ' ');
          surfaces.add(pair, i === 0 ? written.charAt(0).toLowerCase() + written.slice(1) : written, i === 0 ? 0.5 : 1);
        }
      }
    });
    stems.push(own);
    bags.push(bag);
  });

  const tf = new Map<string, number>();
  const df = new Map<string, number>();
  for (const bag of bags) {
    for (const [term, c] of bag) {
      tf.set(term, (tf.get(term) ?? 0) + c);
      df.set(term, (df.get(term) ?? 0) + 1);
    }
  }
  const vectors = bags.map((bag) => {
    const v: Vector = new Map();
    let norm = 0;
    for (const [term, c] of bag) {
      const w = (1 + Math.log(c)) * Math.log((n + 1) / df.get(term)!);
      if (w <= 0) continue;
      v.set(term, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    for (const [term, w] of v) v.set(term, w / norm);
    return v;
  });
  const model: TopicModel = {
    n,
    stems,
    vectors,
    tf,
    df,
    rank: [],
    surface: (term) => surfaces.best(term),
    forms: (term) => surfaces.all(term),
    nounUses: (term) => nouns.get(term) ?? 0,
  };
  model.rank = textRank(model, [...Array(n).keys()]);
  return model;
}

export function cosine(a: Vector, b: Vector): number {
  if (a.size > b.size) [a, b] = [b, a];
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, w] of a) {
    dot += w * (b.get(t) ?? 0);
    na += w * w;
  }
  for (const w of b.values()) nb += w * w;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** The sum of the sentences' vectors. */
export function centroid(model: TopicModel, indexes: Iterable<number>): Vector {
  const sum: Vector = new Map();
  for (const i of indexes) for (const [t, w] of model.vectors[i]!) sum.set(t, (sum.get(t) ?? 0) + w);
  return sum;
}

/**
 * TextRank over the given sentences: PageRank (damping 0.85) on the graph whose edges are the
 * cosine similarities of their vectors. Returns one value per given sentence, the highest 1
 * (all 0 when no two sentences share a term).
 */
export function textRank(model: TopicModel, indexes: readonly number[]): number[] {
  const m = indexes.length;
  if (m === 0) return [];
  // Similarities through an inverted index: only pairs that share a term are visited.
  const postings = new Map<string, number[]>();
  indexes.forEach((si, k) => {
    for (const t of model.vectors[si]!.keys()) {
      if ((model.df.get(t) ?? 0) > GRAPH_DF_LIMIT) continue;
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push(k);
    }
  });
  const edges: Map<number, number>[] = indexes.map(() => new Map());
  for (const [t, list] of postings) {
    for (let x = 0; x < list.length; x++) {
      const a = list[x]!;
      const wa = model.vectors[indexes[a]!]!.get(t)!;
      for (let y = x + 1; y < list.length; y++) {
        const b = list[y]!;
        const w = wa * model.vectors[indexes[b]!]!.get(t)!;
        edges[a]!.set(b, (edges[a]!.get(b) ?? 0) + w);
        edges[b]!.set(a, (edges[b]!.get(a) ?? 0) + w);
      }
    }
  }
  const out = edges.map((e) => [...e.values()].reduce((s, w) => s + w, 0));
  let rank = new Array<number>(m).fill(1 / m);
  const d = 0.85;
  for (let iter = 0; iter < 40; iter++) {
    const next = new Array<number>(m).fill((1 - d) / m);
    let dangling = 0;
    for (let a = 0; a < m; a++) {
      if (out[a] === 0) {
        dangling += rank[a]!;
        continue;
      }
      const share = (d * rank[a]!) / out[a]!;
      for (const [b, w] of edges[a]!) next[b]! += share * w;
    }
    for (let a = 0; a < m; a++) next[a]! += (d * dangling) / m;
    const delta = next.reduce((s, v, a) => s + Math.abs(v - rank[a]!), 0);
    rank = next;
    if (delta < 1e-9) break;
  }
  if (out.every((o) => o === 0)) return rank.map(() => 0);
  const top = Math.max(...rank);
  return rank.map((r) => r / top);
}

export interface TopicRun {
  /** A stem, or two stems side by side ("monro doctrin"). */
  term: string;
  /** As the text writes it ("Monroe Doctrine"). */
  label: string;
  /** First and last sentence (indexes) of the run. */
  from: number;
  to: number;
  /** Sentences of the run that have the term. */
  count: number;
  /** How much denser the term is here than in the whole text, in bits of evidence: count · ln(count / expected). */
  keyness: number;
}

/**
 * The stretches of text that are about something: for each term, its runs of sentences with no
 * more than `maxGap` sentences between two mentions; a run with at least three mentions, at least
 * twice as dense as the term is in the whole text, is a topic run. A word used everywhere
 * ("government", "law") is no denser anywhere, so it names no run; "corporations" over the
 * twenty sentences that discuss them does. Best (most keyness) first; a pair of words beats its
 * own words on a tie. Linear in the number of term occurrences.
 */
export function topicRuns(model: TopicModel, maxGap: number): TopicRun[] {
  const postings = new Map<string, number[]>();
  model.vectors.forEach((v, i) => {
    for (const term of v.keys()) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push(i);
    }
  });
  const runs: TopicRun[] = [];
  for (const [term, list] of postings) {
    if (list.length < 3) continue;
    const rate = list.length / model.n;
    let start = 0;
    for (let k = 1; k <= list.length; k++) {
      if (k < list.length && list[k]! - list[k - 1]! <= maxGap + 1) continue;
      const count = k - start;
      const from = list[start]!;
      const to = list[k - 1]!;
      const expected = (to - from + 1) * rate;
      if (count >= 3 && count >= 2 * expected) {
        runs.push({ term, label: model.surface(term), from, to, count, keyness: count * Math.log(count / expected) });
      }
      start = k;
    }
  }
  return runs.sort((a, b) => b.keyness - a.keyness || b.term.split(' ').length - a.term.split(' ').length || a.from - b.from || a.term.localeCompare(b.term));
}
