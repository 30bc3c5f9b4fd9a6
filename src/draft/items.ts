/**
 * Reading the source for a draft: every sentence with its stems, centrality, dates, quotation and
 * a score for how well it reads on a slide.
 */
import { formatAddress } from '../sources/address.js';
import { findDates, type DateMention } from '../sources/dates/index.js';
import type { Paragraph, Sentence, Source } from '../sources/source.js';
import { DRAFT_LIMITS } from './limits.js';
import { topicModel, type TopicModel } from './topics.js';

export interface Item {
  paragraph: Paragraph;
  sentence: Sentence;
  /** Position in the source, 0-based. */
  pos: number;
  address: string;
  text: string;
  /** Content-word stems (topics.ts). */
  stems: string[];
  /** Centrality in the whole text (TextRank, 0–1). */
  rank: number;
  dates: DateMention[];
  quotation?: { start: number; end: number; inner: string };
  score: number;
}

/** A quotation inside a sentence: «…», “…”, „…“ or "…" with a few words in it. */
function findQuotation(text: string): Item['quotation'] {
  const patterns = [/«([^«»]{12,})»/u, /“([^“”]{12,})”/u, /„([^„“”]{12,})[“”]/u, /"([^"]{12,})"/u];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m && m[1]!.trim().split(/\s+/).length >= 3) return { start: m.index, end: m.index + m[0].length, inner: m[1]! };
  }
  return undefined;
}

/** Every sentence with its stems, dates, quotation and score, and the text's topic model. */
export function analyse(source: Source, lang: string): { items: Item[]; model: TopicModel } {
  const items: Item[] = [];
  for (const paragraph of source.paragraphs) {
    paragraph.sentences.forEach((sentence) => {
      items.push({
        paragraph,
        sentence,
        pos: items.length,
        address: `${source.name}#${sentence.id}`,
        text: sentence.text,
        stems: [],
        rank: 0,
        dates: findDates(sentence.text, lang),
        quotation: findQuotation(sentence.text),
        score: 0,
      });
    });
  }
  const model = topicModel(items.map((it) => it.text));
  items.forEach((it, i) => {
    it.stems = model.stems[i]!;
    it.rank = model.rank[i]!;
    it.score = 3 * it.rank + quality(it);
  });
  return { items, model };
}

/**
 * How well a sentence reads on a slide, apart from what it says: fragments, very long sentences,
 * lead-ins to a list and questions lose; the opening sentence of a short paragraph (its topic
 * sentence, often) gains a little. Dates and numbers count for nothing here.
 */
function quality(it: Item): number {
  const len = it.text.length;
  const sentences = it.paragraph.sentences.length;
  let s = 0;
  if (it.sentence.index === 1 && sentences > 1 && sentences <= DRAFT_LIMITS.longParagraph) s += 0.5;
  if (len < 30) s -= 2;
  else if (len < 50) s -= 0.5;
  if (len > 220) s -= 0.5;
  if (len > 350) s -= 1;
  if (/[:：]\s*$/.test(it.text)) s -= 1;
  if (/\?\s*[»”"]?$/.test(it.text)) s -= 0.3;
  if (!/\p{L}{2}/u.test(it.text)) s -= 5;
  return s;
}

export function rangeAddress(source: Source, run: Item[]): string {
  const a = run[0]!;
  const b = run[run.length - 1]!;
  const whole = a.sentence.index === 1 && b.sentence.index === b.paragraph.sentences.length;
  return formatAddress({
    source: source.name,
    from: { paragraph: a.paragraph.index, sentence: whole ? undefined : a.sentence.index },
    to: { paragraph: b.paragraph.index, sentence: whole ? undefined : b.sentence.index },
  });
}
