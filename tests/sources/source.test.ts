/** Reading sources the way lecturers have them: messy encodings, OCR, Markdown. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LecternError } from '../../src/errors.js';
import { loadSource } from '../../src/sources/source.js';
import { decodeSourceText, firstInvalidUtf8 } from '../../src/sources/text.js';
import { ROOT, tempDir, writeFiles } from '../helpers/project.js';

const EXAMPLE = path.join(ROOT, 'sources/ussr-japan-1925.txt');

describe('the example source', () => {
  it('has 5 paragraphs once the fused title is split off, and p2.s3 is the Sakhalin sentence', async () => {
    const s = await loadSource(EXAMPLE);
    expect(s.paragraphs).toHaveLength(5);
    expect(s.paragraphs[0]!.text.startsWith('После окончания японской интервенции')).toBe(true);
    expect(s.paragraphs[1]!.sentences[2]!.text).toBe('К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина.');
    expect(s.paragraphs[1]!.sentences[2]!.id).toBe('p2.s3');
    expect(s.paragraphs[1]!.sentences.find((x) => x.text.includes('20 января 1925 г. в Пекине'))!.id).toBe('p2.s1');
  });

  it('applies the corrections of its metadata and says where', async () => {
    const s = await loadSource(EXAMPLE);
    expect(s.paragraphs[0]!.text).toContain('интервенции');
    expect(s.paragraphs[0]!.text).not.toContain('интер венции');
    expect(s.corrections).toEqual([
      { find: 'интер венции', replace: 'интервенции', count: 1, paragraphs: ['p1'] },
      { find: 'никоимобразом', replace: 'никоим образом', count: 1, paragraphs: ['p2'] },
    ]);
    expect(s.meta.title).toBe('Установление дипломатических отношений между СССР и Японией');
  });
});

describe('decoding', () => {
  it.each([
    ['CP1251', Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), 0],
    ['KOI8-R', Buffer.from([0x41, 0x20, 0xf0, 0xd2, 0xc9, 0xd7]), 2],
    ['UTF-16LE with BOM', Buffer.from([0xff, 0xfe, 0x41, 0x00]), 0],
    ['a truncated sequence', Buffer.from([0x41, 0x42, 0xd0]), 2],
    ['an overlong encoding', Buffer.from([0x41, 0xc0, 0xaf]), 1],
    ['a surrogate', Buffer.from([0x41, 0xed, 0xa0, 0x80]), 1],
  ])('refuses %s with the byte offset', (_name, bytes, offset) => {
    expect(firstInvalidUtf8(bytes)).toBe(offset);
    expect(() => decodeSourceText(bytes, 'x.txt')).toThrow(`not UTF-8 at byte ${offset}`);
  });

  it('tolerates a BOM, reads CRLF and CR as LF, normalises to NFC and drops soft hyphens', () => {
    const bytes = Buffer.from('\uFEFFпер\u00ADвый\r\nвто\u200Bрой\rтре\u0438\u0306\n', 'utf8');
    expect(decodeSourceText(bytes, 'x.txt').text).toBe('первый\nвторой\nтрей\n');
  });

  it('strips bidirectional controls with a warning', () => {
    const { text, warnings } = decodeSourceText(Buffer.from('abc\u202Edef\u2066g', 'utf8'), 'x.txt');
    expect(text).toBe('abcdefg');
    expect(warnings[0]!.code).toBe('source/bidi-controls');
  });

  it('names the file and byte when loading', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'cp1251.txt': Buffer.from([0x41, 0x42, 0xcf, 0xf0]) });
    const err = await loadSource(path.join(dir, 'cp1251.txt')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LecternError);
    expect((err as LecternError).problems[0]).toMatchObject({ code: 'source/not-utf8', file: path.join(dir, 'cp1251.txt') });
    expect((err as LecternError).message).toContain('not UTF-8 at byte 2');
  });
});

describe('paragraphs', () => {
  it('splits .txt by blank lines when the file has them, joining wrapped lines', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a.txt': 'First line\nwraps here.\n\nSecond paragraph.\n\n\nThird.' });
    const s = await loadSource(path.join(dir, 'a.txt'), undefined, { lang: 'en' });
    expect(s.paragraphs.map((p) => p.text)).toEqual(['First line wraps here.', 'Second paragraph.', 'Third.']);
  });

  it('splits .txt by single newlines when there are no blank lines', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a.txt': 'One.\nTwo.\nThree.\n' });
    const s = await loadSource(path.join(dir, 'a.txt'), undefined, { lang: 'en' });
    expect(s.paragraphs.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('reads Markdown blocks with headings as sections and front matter as metadata', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'a.md':
        '---\ntitle: Notes\nlang: en\npages: { p2: 17 }\n---\n# Origins\n\nThe press came in 1440.\n\n## Spread\n\nBy 1500 it was everywhere. Many cities had it.\n',
    });
    const s = await loadSource(path.join(dir, 'a.md'));
    expect(s.meta.title).toBe('Notes');
    expect(s.lang).toBe('en');
    expect(s.paragraphs.map((p) => [p.id, p.section, p.pageLabel, p.sentences.length])).toEqual([
      ['p1', 'Origins', undefined, 1],
      ['p2', 'Spread', '17', 2],
    ]);
  });
});

describe('metadata', () => {
  it('reports a correction that matches nothing', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a.txt': 'Text.', 'a.yaml': 'corrections:\n  - { find: "zzz", replace: "y" }\n' });
    const s = await loadSource(path.join(dir, 'a.txt'));
    expect(s.warnings.map((w) => w.code)).toContain('source/correction-unused');
  });

  it('locates a typo in the metadata with a suggestion', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a.txt': 'Text.', 'a.yaml': 'title: T\nauthr: X\n' });
    const err = (await loadSource(path.join(dir, 'a.txt')).catch((e: unknown) => e)) as LecternError;
    expect(err.problems[0]).toMatchObject({ code: 'meta/unknown-key', line: 2, column: 1 });
    expect(err.problems[0]!.hint).toContain('"author"');
  });

  it('refuses a split_title that is not at the start of the text', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a.txt': 'Something else. Text.', 'a.yaml': 'title: Title\nsplit_title: true\n' });
    await expect(loadSource(path.join(dir, 'a.txt'))).rejects.toThrow('does not start with the title');
  });
});
