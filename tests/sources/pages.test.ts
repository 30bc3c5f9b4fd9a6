/**
 * Pages, footnotes and captions as every reader delivers them (issue 16):
 * blocks become paragraphs and sentences that know their physical page and
 * printed label; footnotes are numbered apart (fn1…); `pg45` and `fn3`
 * addresses; citations name pages ("pp. 45–46", "с. 45") for paginated
 * sources and paragraphs otherwise; `lectern passages --json` shows it all.
 */
import { describe, expect, it } from 'vitest';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSource, loadSource } from '../../src/sources/source.js';
import { parseAddress, selectAddress } from '../../src/sources/address.js';
import { citationFor, passageWhere } from '../../src/deck/cite.js';
import { stringsFor } from '../../src/deck/strings.js';
import { passagesJson, passagesText } from '../../src/sources/passages.js';
import { detectFormat, cacheDir, extractDocument } from '../../src/sources/formats/index.js';
import type { PageInfo, TextBlock } from '../../src/sources/formats/types.js';
import { LecternError } from '../../src/errors.js';
import { tempDir } from '../helpers/project.js';

const pages: PageInfo[] = [
  { page: 1, label: 'i', state: 'text' },
  { page: 2, label: '44', state: 'no-text' },
  { page: 3, label: '45', state: 'text' },
  { page: 4, label: '46', state: 'text' },
];

const first = 'The engine was first run in 1712. It pumped water from a mine. ';
const blocks: TextBlock[] = [
  { kind: 'heading', text: 'Preface', level: 1, page: 1 },
  { kind: 'body', text: 'This book is about engines. It has two chapters.', page: 1 },
  { kind: 'heading', text: 'Chapter 1. Steam', level: 1, page: 3 },
  // A paragraph that continues from page 45 onto page 46.
  { kind: 'body', text: `${first}Its boiler leaked often. Later engines were better.`, page: 3, pageBreaks: [{ at: first.length, page: 4 }] },
  { kind: 'caption', text: 'Figure 1. A beam engine.', page: 3 },
  { kind: 'footnote', text: 'Newcomen built it near Dudley. The site is now a museum.', page: 3, note: '1' },
  { kind: 'body', text: 'Watt improved it in 1769.', page: 4 },
  { kind: 'footnote', text: 'See chapter 2.', page: 4, note: '2' },
];

const book = () =>
  buildSource({ name: 'book', file: '/x/book.pdf', lang: 'en', meta: { title: 'Engines', short: 'Engines' }, blocks, pages, format: 'pdf', warnings: [] });

describe('paragraphs from blocks', () => {
  it('numbers body and captions as p1…, footnotes as fn1…, headings as sections, each with its page', () => {
    const s = book();
    expect(s.paragraphs.map((p) => [p.id, p.kind, p.section, p.page, p.pageLabel])).toEqual([
      ['p1', 'body', 'Preface', 1, 'i'],
      ['p2', 'body', 'Chapter 1. Steam', 3, '45'],
      ['p3', 'caption', 'Chapter 1. Steam', 3, '45'],
      ['p4', 'body', 'Chapter 1. Steam', 4, '46'],
    ]);
    expect(s.footnotes.map((p) => [p.id, p.kind, p.note, p.pageLabel, p.text])).toEqual([
      ['fn1', 'footnote', '1', '45', 'Newcomen built it near Dudley. The site is now a museum.'],
      ['fn2', 'footnote', '2', '46', 'See chapter 2.'],
    ]);
    // The sentence after the page break starts on page 46.
    expect(s.paragraphs[1]!.sentences.map((x) => [x.id, x.pageLabel])).toEqual([
      ['p2.s1', '45'],
      ['p2.s2', '45'],
      ['p2.s3', '46'],
      ['p2.s4', '46'],
    ]);
    expect(s.paragraphs[1]!.sentences[2]!.text).toBe('Its boiler leaked often.');
  });

  it('applies corrections within each page and keeps the pages true', () => {
    const s = buildSource({
      name: 'book',
      file: '/x/book.pdf',
      lang: 'en',
      meta: { corrections: [{ find: 'boiler', replace: 'old boiler' }] },
      blocks,
      pages,
      format: 'pdf',
      warnings: [],
    });
    const p2 = s.paragraphs[1]!;
    expect(p2.sentences[2]).toMatchObject({ text: 'Its old boiler leaked often.', pageLabel: '46' });
    expect(s.corrections[0]).toMatchObject({ count: 1, paragraphs: ['p2'] });
  });
});

describe('addresses', () => {
  it('selects a footnote, its sentences, and what starts on a printed page', () => {
    const s = book();
    expect(selectAddress(s, parseAddress('book#fn1')).text).toBe('Newcomen built it near Dudley. The site is now a museum.');
    expect(selectAddress(s, parseAddress('book#fn1.s2')).text).toBe('The site is now a museum.');
    expect(selectAddress(s, parseAddress('book#fn1-fn2')).parts.map((p) => p.paragraph.id)).toEqual(['fn1', 'fn2']);
    const pg46 = selectAddress(s, parseAddress('book#pg46'));
    expect(pg46.address).toBe('book#pg46');
    expect(pg46.text).toBe('Its boiler leaked often. Later engines were better.\n\nWatt improved it in 1769.');
    expect(selectAddress(s, parseAddress('book#pg45-pg46')).parts.map((p) => p.paragraph.id)).toEqual(['p2', 'p3', 'p4']);
  });

  it('says what exists when a footnote or page does not', () => {
    const s = book();
    expect(() => selectAddress(s, parseAddress('book#fn3'))).toThrow('footnote fn3 does not exist in "book" (it has fn1–fn2)');
    expect(() => selectAddress(s, parseAddress('book#pg99'))).toThrow('"book" has no printed page "99" (its pages are i, 44, 45, 46)');
    expect(() => selectAddress(s, parseAddress('book#pg44'))).toThrow('nothing starts on page 44 of "book"');
    expect(() => parseAddress('book#p2-fn1')).toThrow('a range runs within paragraphs or within footnotes');
  });
});

describe('citations', () => {
  it('name the pages of a paginated source (pp. with a dash, с. in Russian) and footnotes by number', () => {
    const s = book();
    const cite = (ref: string, lang = 'en') => citationFor(selectAddress(s, parseAddress(ref)), stringsFor(lang)).short;
    expect(cite('book#p2.s1')).toBe('Engines, p. 45');
    // The page break falls between p2.s2 and p2.s3; a sentence across it would cite both pages.
    expect(cite('book#p2')).toBe('Engines, pp. 45–46');
    expect(cite('book#p2', 'ru')).toBe('Engines, с. 45–46');
    expect(cite('book#fn1')).toBe('Engines, p. 45, n. 1');
    expect(cite('book#p1')).toBe('Engines, p. i');
    expect(passageWhere(selectAddress(s, parseAddress('book#pg46')), stringsFor('en'))).toBe('p. 46');
  });

  it('name paragraphs where a source has no pages, and footnotes as notes', () => {
    const s = buildSource({
      name: 'doc',
      file: '/x/doc.docx',
      lang: 'en',
      meta: { title: 'Notes' },
      blocks: blocks.map((b) => ({ kind: b.kind, text: b.text, ...(b.note ? { note: b.note } : {}) })),
      format: 'docx',
      warnings: [],
    });
    const cite = (ref: string) => citationFor(selectAddress(s, parseAddress(ref)), stringsFor('en')).short;
    expect(cite('doc#p2')).toBe('Notes, para. 2');
    expect(cite('doc#fn2')).toBe('Notes, n. 2');
  });
});

describe('lectern passages --json', () => {
  it('gives page and pageLabel on every paragraph and sentence, kind on paragraphs, and the pages with their state', () => {
    const json = passagesJson(book(), 'sources/book.pdf');
    expect(json.format).toBe('pdf');
    expect(json.pages).toEqual(pages);
    for (const p of json.paragraphs) {
      expect(typeof p.page).toBe('number');
      expect(typeof p.pageLabel).toBe('string');
      for (const s of p.sentences) expect([typeof s.page, typeof s.pageLabel]).toEqual(['number', 'string']);
    }
    expect(json.paragraphs.map((p) => `${p.id}:${p.kind}`)).toEqual(['p1:body', 'p2:body', 'p3:caption', 'p4:body', 'fn1:footnote', 'fn2:footnote']);
  });

  it('--page N lists what is on that physical page only', () => {
    const json = passagesJson(book(), 'sources/book.pdf', { page: 4 });
    expect(json.pages).toEqual([pages[3]]);
    expect(json.paragraphs.map((p) => [p.id, p.sentences.map((s) => s.id)])).toEqual([
      ['p2', ['p2.s3', 'p2.s4']],
      ['p4', ['p4.s1']],
      ['fn2', ['fn2.s1']],
    ]);
    const text = passagesText(book(), { page: 2 });
    expect(text).toContain('no usable text layer, left out (a scan, or fonts without a Unicode map): page 2');
  });
});

describe('formats', () => {
  const fail = (bytes: Uint8Array, file: string) => {
    try {
      detectFormat(bytes, file);
    } catch (err) {
      return (err as LecternError).problems[0]!;
    }
    throw new Error('no error');
  };

  it('reads a file by its content and says so when the extension lies', () => {
    expect(detectFormat(Buffer.from('%PDF-1.7\n…'), '/x/a.pdf')).toBe('pdf');
    expect(detectFormat(Buffer.from('%PDF-1.7\n…'), '/x/noext')).toBe('pdf');
    expect(detectFormat(Buffer.from('Plain words.'), '/x/a.txt')).toBe('text');
    expect(detectFormat(Buffer.from('<!doctype html><p>x'), '/x/a.html')).toBe('html');
    // Markup in a .txt stays text: shown as written, never interpreted.
    expect(detectFormat(Buffer.from('<!doctype html><p>x'), '/x/a.txt')).toBe('text');
    expect(fail(Buffer.from('%PDF-1.7'), '/x/a.txt')).toMatchObject({ code: 'source/wrong-extension', message: 'a ".txt" file whose content is a PDF' });
    expect(fail(Buffer.from('Just text.'), '/x/a.pdf')).toMatchObject({
      code: 'source/wrong-extension',
      message: 'a ".pdf" file that is not a PDF: its content is plain text',
    });
    expect(fail(Buffer.from('PK\x03\x04junk'), '/x/a.docx')).toMatchObject({ code: 'source/unknown-format' });
    expect(fail(new Uint8Array(0), '/x/a.pdf')).toMatchObject({ code: 'source/empty', message: 'the source file is empty (0 bytes)' });
    const doc = fail(Buffer.from('\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1' + '\0'.repeat(100), 'latin1'), '/x/old.doc');
    expect(doc).toMatchObject({ code: 'source/doc-binary' });
    expect(doc.hint).toContain('soffice --headless --convert-to docx "old.doc"');
  });

  it('an empty or lying file is a located error when loaded', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'empty.pdf'), '');
    await expect(loadSource(path.join(dir, 'empty.pdf'))).rejects.toMatchObject({ problems: [{ code: 'source/empty', file: path.join(dir, 'empty.pdf') }] });
  });

  it('caches an extraction by content in LECTERN_CACHE_DIR', async () => {
    const dir = await tempDir();
    const old = process.env.LECTERN_CACHE_DIR;
    process.env.LECTERN_CACHE_DIR = path.join(dir, 'cache');
    try {
      expect(cacheDir()).toBe(path.join(dir, 'cache'));
      expect(cacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/lectern');
      const html = Buffer.from('<!doctype html><html lang="en"><head><title>T</title></head><body><article><p>One sentence here.</p></article></body></html>');
      const a = await extractDocument('html', html, path.join(dir, 'a.html'), { lang: 'en' });
      const files = await readdir(path.join(dir, 'cache', 'sources'));
      expect(files).toHaveLength(1);
      // The same bytes elsewhere: read from the cache (a marker written into the entry shows it).
      const entry = path.join(dir, 'cache', 'sources', files[0]!);
      await writeFile(entry, JSON.stringify({ ...a, blocks: [{ kind: 'body', text: 'from the cache' }] }));
      const b = await extractDocument('html', html, path.join(dir, 'b.html'), { lang: 'en' });
      expect(b.blocks).toEqual([{ kind: 'body', text: 'from the cache' }]);
      // Other reading options: read again.
      const c = await extractDocument('html', html, path.join(dir, 'c.html'), { lang: 'ru' });
      expect(c.blocks.map((x) => x.text)).toContain('One sentence here.');
      await mkdir(path.join(dir, 'cache'), { recursive: true });
    } finally {
      if (old === undefined) delete process.env.LECTERN_CACHE_DIR;
      else process.env.LECTERN_CACHE_DIR = old;
    }
  });
});

describe('a sentence across a page break', () => {
  it('is cited with both pages', () => {
    const text = 'The boiler was made of copper and it leaked at every joint. Later ones were iron.';
    const s = buildSource({
      name: 'book',
      file: '/x/book.pdf',
      lang: 'en',
      meta: { title: 'Engines' },
      blocks: [{ kind: 'body', text, page: 3, pageBreaks: [{ at: text.indexOf('it leaked'), page: 4 }] }],
      pages,
      format: 'pdf',
      warnings: [],
    });
    expect(s.paragraphs[0]!.sentences.map((x) => [x.pageLabel, x.lastPageLabel])).toEqual([
      ['45', '46'],
      ['46', undefined],
    ]);
    expect(citationFor(selectAddress(s, parseAddress('book#p1.s1')), stringsFor('en')).short).toBe('Engines, pp. 45–46');
  });
});
