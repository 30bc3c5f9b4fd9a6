/** Titles of drafted slides and sections: a topic's term, or the first words of a key sentence. */
import { messagesFor } from '../messages/index.js';
import leadingWords from './data/leading-words.json' with { type: 'json' };
import type { Item } from './items.js';
import { isStopword, type TopicModel, type TopicRun } from './topics.js';

/** A word that a shortened title should not end on: a function word, or a word of one or two letters. */
function isFunctionWord(word: string): boolean {
  const letters = word.replace(/[^\p{L}\p{N}]/gu, '');
  return (isStopword(word) && /\p{L}/u.test(letters)) || (letters.length <= 2 && /^\p{L}+$/u.test(letters));
}

/** Connectives that only make sense after the previous sentence (data/leading-words.json). */
const LEADING_WORDS = new Set(leadingWords.words);

/**
 * An English section title from its topic, as the text writes it ("Monroe Doctrine",
 * "Corporations"), when the text uses it as a noun ("the navy", not "meanwhile" or "secret"). Other languages get key-sentence titles (keyTitle): a Russian key word may
 * stand in any case.
 */
export function topicTitle(model: TopicModel, topic: TopicRun | undefined, english: boolean, usedTitles: Set<string>): string | undefined {
  if (!english || !topic || !/\p{L}{3}/u.test(topic.label) || model.nounUses(topic.term) === 0) return undefined;
  let label = topic.label;
  // A subject in general reads better in the plural ("Corporations"), when the text uses it too.
  if (/^\p{Ll}+$/u.test(label)) {
    const forms = model.forms(topic.term);
    const plural = [`${label}s`, `${label}es`].find((f) => (forms.get(f) ?? 0) >= 0.5 * (forms.get(label) ?? 0));
    if (plural) label = plural;
  }
  const title = label.charAt(0).toUpperCase() + label.slice(1);
  return usedTitles.has(title.toLowerCase()) ? undefined : title;
}

/**
 * A title from the first words of a run's key sentence: the most central one, best if it has the
 * section's topic term; a sentence that opens with a date ("In its note of December 16…") comes last.
 */
export function keyTitle(items: Item[], local: Map<number, number>, term: string | undefined, usedTitles: Set<string>, lang: string): string {
  const worth = (it: Item) => it.score + 3 * (local.get(it.pos) ?? 0) + (term !== undefined && sentenceHas(it, term) ? 1 : 0);
  const datedStart = (it: Item) => (it.dates.some((d) => d.start < 48) ? 1 : 0);
  const ranked = [...items].sort((a, b) => datedStart(a) - datedStart(b) || worth(b) - worth(a) || a.pos - b.pos);
  for (const it of ranked) {
    const t = titleFrom(it.text);
    if (t && !usedTitles.has(t.toLowerCase())) return t;
  }
  const fallback = messagesFor(lang).draft.keyPoints;
  let t = fallback;
  for (let n = 2; usedTitles.has(t.toLowerCase()); n++) t = `${fallback} (${n})`;
  return t;
}

/** Whether a sentence has a term (a stem, or a pair of stems side by side). */
function sentenceHas(it: Item, term: string): boolean {
  const parts = term.split(' ');
  if (parts.length === 1) return it.stems.includes(term);
  return it.stems.some((s, i) => s === parts[0] && it.stems[i + 1] === parts[1]);
}

/** A slide title from the first words of a sentence (at most `max` characters, cut at a word, with "…"). */
export function titleFrom(sentence: string, max = 48): string {
  const words = sentence
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[\s.!?…]+$/u, '')
    .split(/\s+/)
    .filter(Boolean);
  // Leave out connectives that only make sense after the previous sentence ("Однако", "Так,", "However,").
  while (words.length > 3 && LEADING_WORDS.has(words[0]!.toLowerCase().replace(/[^\p{L}]/gu, ''))) words.shift();
  const kept: string[] = [];
  let length = -1;
  let cut = false;
  for (const w of words) {
    if (length + 1 + w.length > max) {
      cut = true;
      break;
    }
    kept.push(w);
    length += 1 + w.length;
    // A clause boundary after a few words makes a natural end.
    if (/[,;:]$/.test(w) && length >= 20) break;
  }
  // A cut title does not end on a preposition or conjunction ("… в…").
  while (cut && kept.length > 2 && isFunctionWord(kept[kept.length - 1]!)) kept.pop();
  let out = kept.length ? kept.join(' ') : (words[0] ?? '').slice(0, max);
  out = out.replace(/[\s,;:—–-]+$/u, '');
  // Unbalanced quotes or brackets left by the cut are dropped.
  out = out.replace(/[«“„"([]([^»”"\])]*)$/u, '$1');
  if (cut) out += '…';
  return out.charAt(0).toUpperCase() + out.slice(1);
}
