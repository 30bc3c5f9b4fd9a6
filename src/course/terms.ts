/**
 * How the course page's search reads words, the same at build time (the
 * index) and in the page (the query): case and ё/е folded, then stemmed for
 * the course's language with the Snowball stemmers of @orama/stemmers (as
 * src/draft/ does), so that «переговоров» finds «переговоры» and "treaties"
 * finds "treaty". Languages without a stemmer here are only folded. This file
 * is bundled into the page's script: it imports nothing of Node.
 */
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';

const STEMMERS: Record<string, (word: string) => string> = {
  en: english,
  ru: russian,
  de: german,
  fr: french,
  es: spanish,
  it: italian,
  uk: ukrainian,
};

/** Words are separated by spaces and punctuation (MiniSearch's own rule), keeping hyphenated words apart too. */
export const WORD_BREAK = /[\n\r\p{Z}\p{P}\p{S}]+/u;

/** Lower case, ё → е, soft hyphens and accents of stressed Russian vowels dropped. */
export function foldWord(word: string): string {
  return word
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u00ad\u0301]/g, '')
    .replace(/ё/g, 'е');
}

/** The term a word is indexed and searched as; null for nothing to index. */
export function termProcessor(lang: string): (word: string) => string | null {
  const stem = STEMMERS[lang.toLowerCase().split('-')[0]!];
  return (word) => {
    const folded = foldWord(word);
    if (!folded) return null;
    // A stemmer is written for its own alphabet; a Latin word in a Russian text keeps its letters (and vice versa, English stemming leaves Cyrillic alone).
    return stem ? stem(folded) : folded;
  };
}

export function hasStemmer(lang: string): boolean {
  return lang.toLowerCase().split('-')[0]! in STEMMERS;
}
