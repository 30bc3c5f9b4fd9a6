/**
 * Sentence segmentation for one paragraph of source text.
 *
 * Russian and English get a hand-written scanner (scanner.ts, with its word
 * lists in data/ru.json and data/en.json); every other language is handed to
 * Intl.Segmenter (intl.ts).
 */
import { languageOf } from '../../util/lang.js';
import { hasNonSpace } from './chars.js';
import { splitWithIntl } from './intl.js';
import { Scanner } from './scanner.js';
import type { SentenceSpan } from './types.js';

export type { SentenceSpan } from './types.js';

/** Split one paragraph (no newlines expected, but tolerate them) into sentences. lang is a BCP-47-ish code: 'ru', 'en', 'ru-RU', 'de', ... */
export function splitSentences(text: string, lang: string): SentenceSpan[] {
  if (!hasNonSpace(text)) return [];
  if (languageOf(lang) !== undefined) return new Scanner(text).run();
  return splitWithIntl(text, lang);
}
