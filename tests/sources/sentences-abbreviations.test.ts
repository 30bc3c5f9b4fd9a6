/**
 * A user's own abbreviations (the sidecar's `abbreviations:`) keep a sentence
 * from ending after them, in a language with rules of its own and in one that
 * ICU segments; and the rules of each language stay apart.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/sources/sentences/index.js';
import { loadSource } from '../../src/sources/source.js';

const sentences = (text: string, lang: string, abbreviations?: string[]): string[] =>
  splitSentences(text, lang, abbreviations).map((s) => text.slice(s.start, s.end));

describe('abbreviations a user adds', () => {
  it('join the sentence after them in a language with rules (German)', () => {
    const text = 'Siehe Abschn. Drei für die Quellen. Dann folgt der Text.';
    expect(sentences(text, 'de')).toEqual(['Siehe Abschn.', 'Drei für die Quellen.', 'Dann folgt der Text.']);
    expect(sentences(text, 'de', ['Abschn.'])).toEqual(['Siehe Abschn. Drei für die Quellen.', 'Dann folgt der Text.']);
    // A user's abbreviation still ends a sentence before a typical opener.
    expect(sentences('Das steht im Abschn. Dann folgt mehr.', 'de', ['Abschn.'])).toEqual(['Das steht im Abschn.', 'Dann folgt mehr.']);
  });

  it('join ICU’s sentences after them in a language without rules (Dutch)', () => {
    const text = 'Zie blz. Drie voor de bronnen. Dan volgt de tekst.';
    expect(sentences(text, 'nl', ['blz.'])).toEqual(['Zie blz. Drie voor de bronnen.', 'Dan volgt de tekst.']);
    expect(sentences('Het is zo bijv. Groot. Klaar.', 'nl', ['b.v.', 'bijv.'])).toEqual(['Het is zo bijv. Groot.', 'Klaar.']);
  });

  it('are read from the source’s sidecar', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lectern-abbr-'));
    try {
      writeFileSync(path.join(dir, 'quelle.txt'), 'Siehe Abschn. Drei für die Quellen. Dann folgt der Text.\n');
      writeFileSync(path.join(dir, 'quelle.yaml'), 'lang: de\nabbreviations: ["Abschn."]\n');
      const source = await loadSource(path.join(dir, 'quelle.txt'));
      expect(source.paragraphs[0]?.sentences.map((s) => s.text)).toEqual(['Siehe Abschn. Drei für die Quellen.', 'Dann folgt der Text.']);
      writeFileSync(path.join(dir, 'quelle.yaml'), 'lang: de\nabbreviations: "Abschn."\n');
      await expect(loadSource(path.join(dir, 'quelle.txt'))).rejects.toThrow(/"abbreviations" must be a list/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('each language keeps its own rules', () => {
  it('reads a German ordinal, not a Spanish or Russian one', () => {
    expect(sentences('Am 12. Juni kam er.', 'de')).toEqual(['Am 12. Juni kam er.']);
    expect(sentences('Er kam am 12. Dann ging er.', 'de')).toEqual(['Er kam am 12.', 'Dann ging er.']);
    expect(sentences('German »Anführung.« Dann mehr.', 'de')).toEqual(['German »Anführung.«', 'Dann mehr.']);
    expect(sentences('Fin de phrase．Suite．', 'fr')).toEqual(['Fin de phrase．', 'Suite．']);
  });
});
