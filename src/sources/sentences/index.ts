/**
 * Sentence segmentation for one paragraph of source text.
 *
 * Russian, English, German, French, Spanish, Italian, Ukrainian and Polish
 * get a hand-written scanner (scanner.ts) with each language's rules
 * (rules.ts, word lists in data/<lang>.json); every other language is handed
 * to Intl.Segmenter (intl.ts). Abbreviations a user adds (config or sidecar
 * `abbreviations:`) count in both.
 */
import { primaryLanguage } from '../../util/lang.js';
import { hasNonSpace } from './chars.js';
import { splitWithIntl } from './intl.js';
import { isRuledLanguage, rulesFor } from './rules.js';
import { Scanner } from './scanner.js';
import type { SentenceSpan } from './types.js';

export type { SentenceSpan } from './types.js';

/**
 * Split one paragraph (no newlines expected, but tolerate them) into sentences. lang is a
 * BCP-47-ish code: 'ru', 'en', 'ru-RU', 'de', ...; `abbreviations` are the user's own, as written
 * ("z. B.", "Abb.").
 */
export function splitSentences(text: string, lang: string, abbreviations: readonly string[] = []): SentenceSpan[] {
  if (!hasNonSpace(text)) return [];
  const primary = primaryLanguage(lang);
  if (isRuledLanguage(primary)) return new Scanner(text, rulesFor(primary, abbreviations)).run();
  return splitWithIntl(text, lang, abbreviations);
}
