/**
 * Golden-rule sentence cases per language (tests/fixtures/sentences/*.json): the share of cases
 * split exactly as expected must reach the fixture's floor, and the cases that fail must be
 * exactly the fixture's `knownFailures`, so a case that starts failing fails the test (and one
 * that starts passing asks to be taken off the list).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/sources/sentences/index.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/sentences');

interface GoldenCase {
  from: string;
  text: string;
  sentences: string[];
}
interface GoldenSet {
  floor: number;
  knownFailures: string[];
  cases: GoldenCase[];
}

/** The expected sentences may differ from the input in whitespace only (pySBD joins hard-wrapped lines). */
const squeeze = (s: string): string => s.replace(/\s+/g, '');

function passes(lang: string, c: GoldenCase): boolean {
  const got = splitSentences(c.text, lang).map((s) => squeeze(c.text.slice(s.start, s.end)));
  const want = c.sentences.map(squeeze);
  return got.length === want.length && got.every((s, k) => s === want[k]);
}

const languages = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

describe('golden-rule sentence cases', () => {
  it('has a set for every language with its own rules', () => {
    expect(languages).toEqual(['de', 'en', 'es', 'fr', 'it', 'pl', 'uk']);
  });

  it.each(languages)('%s: reaches its floor, and fails only its known failures', (lang) => {
    const set = JSON.parse(readFileSync(path.join(FIXTURES, `${lang}.json`), 'utf8')) as GoldenSet;
    expect(set.cases.every((c) => squeeze(c.sentences.join('')) === squeeze(c.text))).toBe(true);
    const failing = set.cases.filter((c) => !passes(lang, c)).map((c) => c.from);
    const share = (set.cases.length - failing.length) / set.cases.length;
    console.log(`sentences ${lang}: ${(share * 100).toFixed(1)}% of ${set.cases.length} golden-rule cases`);
    expect(failing).toEqual(set.knownFailures);
    expect(share).toBeGreaterThanOrEqual(set.floor);
  });
});
