/**
 * A source without paragraph breaks (a speech on one line, a text from a
 * dataset or OCR): its metadata's `breaks:` splits it into paragraphs without
 * editing the file, and addresses after a break renumber.
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LecternError } from '../../src/errors.js';
import { parseAddress, selectAddress } from '../../src/sources/address.js';
import { loadSource } from '../../src/sources/source.js';
import { ROOT, tempDir, writeFiles } from '../helpers/project.js';

const SPEECH = path.join(ROOT, 'tests/fixtures/sources/gettysburg.txt');

/** The Gettysburg Address (one line, ten sentences) in a fresh folder, with the given sidecar. */
async function speech(sidecar?: string): Promise<string> {
  const dir = await tempDir();
  const file = path.join(dir, 'gettysburg.txt');
  await copyFile(SPEECH, file);
  if (sidecar !== undefined) await writeFiles(dir, { 'gettysburg.yaml': sidecar });
  return file;
}

async function loadError(file: string): Promise<LecternError> {
  const err = await loadSource(file).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LecternError);
  return err as LecternError;
}

describe('a source of one paragraph', () => {
  it('is one paragraph of ten sentences', async () => {
    const s = await loadSource(await speech('lang: en\n'));
    expect(s.paragraphs).toHaveLength(1);
    expect(s.paragraphs[0]!.sentences).toHaveLength(10);
  });

  it('names its sentences, not "p1–p1", when an address asks for another paragraph', async () => {
    const s = await loadSource(await speech('lang: en\n'), 'speech');
    const err = (() => {
      try {
        selectAddress(s, parseAddress('speech#p3.s2'));
      } catch (e) {
        return e as Error & { hint?: string };
      }
      throw new Error('expected an error');
    })();
    expect(err.message).toBe('paragraph p3 does not exist in "speech" (it has one paragraph, p1.s1–p1.s10)');
    expect(err.message).not.toContain('p1–p1');
    expect(err.hint).toContain('use p1.s1 to p1.s10');
    expect(err.hint).toContain('breaks:');
  });
});

describe('breaks: in the metadata', () => {
  it('splits after a sentence and before a sentence found by its words; addresses after a break renumber', async () => {
    const file = await speech(['lang: en', 'breaks:', '  - after: p1.s2', '  - before: "It is for us the living"', ''].join('\n'));
    const s = await loadSource(file, 'speech');
    expect(s.paragraphs.map((p) => p.sentences.length)).toEqual([2, 6, 2]);
    expect(s.paragraphs.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(s.paragraphs[1]!.sentences[0]).toEqual({ id: 'p2.s1', index: 1, text: 'We are met on a great battle-field of that war.' });
    expect(s.paragraphs[2]!.sentences[0]!.id).toBe('p3.s1');
    expect(s.paragraphs[2]!.sentences[0]!.text.startsWith('It is for us the living')).toBe(true);
    // Paragraph texts are the sentences they hold, and nothing of the text is lost.
    expect(s.paragraphs[0]!.text).toBe(s.paragraphs[0]!.sentences.map((x) => x.text).join(' '));
    expect(s.paragraphs[1]!.text.endsWith('what they did here.')).toBe(true);
    expect(selectAddress(s, parseAddress('speech#p2.s1')).text).toBe('We are met on a great battle-field of that war.');
    // The old address is gone: p1 now has two sentences.
    expect(() => selectAddress(s, parseAddress('speech#p1.s3'))).toThrow('sentence p1.s3 does not exist (p1 has 2 sentences)');
  });

  it('counts `after:` in the text as it is, whatever the order of the entries', async () => {
    const a = await loadSource(await speech('breaks:\n  - after: p1.s8\n  - after: p1.s2\n'));
    const b = await loadSource(await speech('breaks:\n  - after: p1.s2\n  - after: p1.s8\n'));
    expect(a.paragraphs.map((p) => p.sentences.length)).toEqual([2, 6, 2]);
    expect(b.paragraphs.map((p) => p.text)).toEqual(a.paragraphs.map((p) => p.text));
  });

  it('finds `before:` text inside a sentence when no sentence begins with it, ignoring case and dash style', async () => {
    const s = await loadSource(await speech('breaks:\n  - before: "WE CAN NOT CONSECRATE–we can not hallow"\n'));
    expect(s.paragraphs).toHaveLength(2);
    expect(s.paragraphs[1]!.sentences[0]!.text.startsWith('But, in a larger sense')).toBe(true);
  });

  it('reads breaks from the front matter of a Markdown source, and reports at its line', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'talk.md': '---\ntitle: Talk\nbreaks:\n  - before: Nothing like this\n---\nOne. Two. Three.\n' });
    const err = await loadError(path.join(dir, 'talk.md'));
    expect(err.problems[0]).toMatchObject({ code: 'source/bad-break', file: path.join(dir, 'talk.md'), line: 4, column: 13 });
    await writeFiles(dir, { 'talk.md': '---\ntitle: Talk\nbreaks:\n  - before: Two\n---\nOne. Two. Three.\n' });
    const s = await loadSource(path.join(dir, 'talk.md'));
    expect(s.paragraphs.map((p) => p.text)).toEqual(['One.', 'Two. Three.']);
  });

  it('keeps the corrections report pointing at the paragraphs as numbered after the breaks', async () => {
    const s = await loadSource(await speech('corrections:\n  - find: battle-field\n    replace: battlefield\nbreaks:\n  - after: p1.s2\n'));
    expect(s.corrections[0]).toMatchObject({ count: 1, paragraphs: ['p2'] });
  });

  describe('a break that cannot apply is an error at its line and column in the sidecar', () => {
    const cases: Array<[string, string, number, number, string, string]> = [
      [
        'text not found',
        'breaks:\n  - before: "Fourscore years"\n',
        2,
        13,
        'break before "Fourscore years": no sentence begins with or contains this text',
        'lectern passages --grep',
      ],
      [
        'ambiguous text',
        'lang: en\nbreaks:\n  - after: p1.s2\n  - before: It is\n',
        4,
        13,
        'break before "It is" is ambiguous: 3 sentences begin with it (p1.s5, p1.s9, p1.s10)',
        'quote more words',
      ],
      ['a sentence past the end', 'breaks:\n  - after: p1.s11\n', 2, 12, 'break after p1.s11: p1 has 10 sentences', 'use p1.s1 to p1.s10'],
      [
        'a paragraph that is not there',
        'breaks:\n  - after: p2.s1\n',
        2,
        12,
        'break after p2.s1: there is no paragraph p2 (the text has one paragraph, p1.s1–p1.s10)',
        'without any of the breaks',
      ],
      [
        'the last sentence',
        'breaks:\n    - after: p1.s10\n',
        2,
        14,
        'break after p1.s10: that is the last sentence of p1, where a paragraph ends already',
        'remove this entry',
      ],
      ['the first sentence', 'breaks:\n  - before: Four score\n', 2, 13, 'break before "Four score": p1.s1 begins a paragraph already', 'remove this entry'],
      ['not an address', 'breaks:\n  - after: 12\n', 2, 12, 'break 1: "12" is not a sentence address (p1.s12)', 'after: p1.s12'],
      [
        'a misspelt field',
        'title: Speech\nbreaks:\n  - after: p1.s2\n  - befor: It is rather\n',
        4,
        5,
        'unknown field "befor" in break 2',
        'did you mean "before"?',
      ],
      ['both fields', 'breaks:\n  - { after: p1.s2, before: We are met }\n', 2, 5, 'break 1 says both after and before: one break per entry', 'after: p1.s12'],
      ['not a list', 'breaks: p1.s2\n', 1, 9, '"breaks" must be a list of paragraph breaks', 'before:'],
    ];
    it.each(cases)('%s', async (_name, sidecar, line, column, message, hint) => {
      const file = await speech(sidecar);
      const err = await loadError(file);
      expect(err.problems).toHaveLength(1);
      const p = err.problems[0]!;
      expect({ file: p.file, line: p.line, column: p.column }).toEqual({ file: path.join(path.dirname(file), 'gettysburg.yaml'), line, column });
      expect(p.message).toBe(message);
      expect(p.hint).toContain(hint);
    });
  });
});
