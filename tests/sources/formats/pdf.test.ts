/**
 * The PDF reader on generated fixtures (tests/fixtures/sources/pdf/, made by
 * make-fixtures.mjs there): what a lecturer relies on when citing a PDF —
 * sentences on the right printed pages, columns in order, running heads and
 * notes kept out of the body, broken text layers reported and never cited.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LecternError } from '../../../src/errors.js';
import { readPdf } from '../../../src/sources/formats/pdf.js';
import type { ExtractedDocument, ReadingOptions, TextBlock } from '../../../src/sources/formats/types.js';

const DIR = path.resolve('tests/fixtures/sources/pdf');

async function read(name: string, options: Partial<ReadingOptions> = {}): Promise<ExtractedDocument> {
  const file = path.join(DIR, name);
  return readPdf(new Uint8Array(await readFile(file)), file, { lang: 'en', ocr: 'off', ...options });
}

async function failure(name: string, options: Partial<ReadingOptions> = {}): Promise<LecternError> {
  try {
    await read(name, options);
  } catch (err) {
    expect(err).toBeInstanceOf(LecternError);
    return err as LecternError;
  }
  throw new Error(`${name} was read without an error`);
}

const body = (doc: ExtractedDocument): TextBlock[] => doc.blocks.filter((b) => b.kind === 'body');
const holding = (doc: ExtractedDocument, text: string): TextBlock => {
  const found = doc.blocks.find((b) => b.text.includes(text));
  if (!found) throw new Error(`no block holds ${JSON.stringify(text)}`);
  return found;
};
const labelOf = (doc: ExtractedDocument, block: TextBlock): string | undefined => doc.pages?.[(block.page ?? 0) - 1]?.label;

describe('readPdf: a two-column journal article (pdf-lib, standard fonts)', () => {
  it('labels the pages from the PDF: roman front matter, then 45 and 46', async () => {
    const doc = await read('journal.pdf');
    expect(doc.pages).toEqual([
      { page: 1, label: 'i', state: 'text' },
      { page: 2, label: '45', state: 'text' },
      { page: 3, label: '46', state: 'text' },
    ]);
    const first = holding(doc, 'A compiler translates a program');
    expect(first.text.startsWith('A compiler translates a program written in one language into another.')).toBe(true);
    expect(first.page).toBe(2);
    expect(labelOf(doc, first)).toBe('45');
    expect(labelOf(doc, holding(doc, 'We measured how long'))).toBe('46');
  });

  it('page_offset overrides the labels: pages up to the offset are roman, the rest counted from 1', async () => {
    const doc = await read('journal.pdf', { pageOffset: 1 });
    expect(doc.pages?.map((p) => p.label)).toEqual(['i', '1', '2']);
  });

  it('reads the left column before the right one, and a paragraph goes on across the column break', async () => {
    const doc = await read('journal.pdf');
    const texts = doc.blocks.map((b) => b.text);
    const modern = texts.findIndex((t) => t.startsWith('Modern compilers are large programs.'));
    expect(modern).toBeGreaterThan(texts.findIndex((t) => t.startsWith('A compiler translates')));
    expect(texts[modern]).toContain(
      'waits for a build to finish on an ordinary laptop. This column continues the paragraph that began at the foot of the left one.',
    );
    expect(texts.findIndex((t) => t.startsWith('Some compilers generate'))).toBeGreaterThan(modern);
  });

  it('joins "com-" + "pile" into "compile" and keeps "type-specialized"', async () => {
    const doc = await read('journal.pdf');
    expect(holding(doc, 'choose instructions and').text).toContain('choose instructions and compile the whole program');
    expect(holding(doc, 'Such type').text).toContain('Such type-specialized code runs fast');
    expect(doc.blocks.some((b) => /com- ?pile|typespecialized/.test(b.text))).toBe(false);
  });

  it('drops the running header and the page numbers', async () => {
    const doc = await read('journal.pdf');
    for (const b of doc.blocks) {
      expect(b.text).not.toContain('Journal of Compiler Studies');
      expect(b.text).not.toMatch(/^(?:45|46|i)$/);
      expect(b.text).not.toMatch(/\b4[56]\b/);
    }
  });

  it('keeps footnote 1 apart from the body, with its mark, and the reference mark out of the sentence', async () => {
    const doc = await read('journal.pdf');
    const note = doc.blocks.find((b) => b.kind === 'footnote');
    expect(note).toEqual({ kind: 'footnote', text: 'The term is from an old textbook, which uses it loosely.', page: 2, note: '1' });
    for (const b of body(doc)) expect(b.text).not.toContain('old textbook');
    expect(holding(doc, 'machine code that the').text).toMatch(/processor runs\.$/);
  });

  it('keeps the figure and table captions as blocks of their own; the table cells are not body text', async () => {
    const doc = await read('journal.pdf');
    const captions = doc.blocks.filter((b) => b.kind === 'caption');
    expect(captions).toEqual([
      { kind: 'caption', text: 'Figure 1. The passes of a type-specialized compiler, from source text to machine code.', page: 2 },
      { kind: 'caption', text: 'Table 1. Build times in seconds.', page: 3 },
    ]);
    for (const b of body(doc)) expect(b.text).not.toMatch(/Figure 1|Table 1|lexer|Specialized/);
  });

  it('one block for the paragraph across the page break, with the later page where its text starts', async () => {
    const doc = await read('journal.pdf');
    const para = holding(doc, 'Some compilers generate');
    expect(para.page).toBe(2);
    expect(para.text.endsWith('after a few more words about the size of the generated code.')).toBe(true);
    expect(para.pageBreaks).toHaveLength(1);
    const brk = para.pageBreaks![0]!;
    expect(brk.page).toBe(3);
    expect(para.text.slice(brk.at).startsWith('page, where it ends')).toBe(true);
    expect(para.text.slice(0, brk.at).endsWith('goes on to the next ')).toBe(true);
  });

  it('finds headings, larger sizes at higher levels', async () => {
    const doc = await read('journal.pdf');
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    expect(headings.find((h) => h.text === 'Notes on Compilers')?.level).toBe(1);
    expect(headings.find((h) => h.text === '1 Introduction')).toMatchObject({ page: 2, level: 2 });
    expect(headings.find((h) => h.text === '2 Method')).toMatchObject({ page: 3, level: 2 });
    for (const b of body(doc)) expect(b.text).not.toMatch(/Introduction|Method/);
  });

  it('takes title, author and year from the info dictionary', async () => {
    const doc = await read('journal.pdf');
    expect(doc.meta).toEqual({ title: 'Notes on Compilers', author: 'Ada Lecturer', year: '2024' });
    expect(doc.warnings).toEqual([]);
  });

  it('honours the reading options: skipped pages, dropped lines, one column', async () => {
    const skipped = await read('journal.pdf', { skipPages: [1], dropLines: ['2 Method'] });
    expect(skipped.pages?.[0]).toEqual({ page: 1, label: 'i', state: 'no-text' });
    expect(skipped.blocks.some((b) => b.page === 1)).toBe(false);
    expect(skipped.blocks.some((b) => b.text.includes('2 Method'))).toBe(false);
    const across = await read('journal.pdf', { columns: 1 });
    // Read straight across, line by line: the right column's first line (higher on the page) comes before the left column's heading.
    const at = (text: string): number => across.blocks.findIndex((b) => b.text.includes(text));
    expect(at('ordinary laptop')).toBeGreaterThanOrEqual(0);
    expect(at('ordinary laptop')).toBeLessThan(at('1 Introduction'));
  });
});

describe('readPdf: a Russian text printed by Chromium (embedded fonts)', () => {
  it('one paragraph across the page break; heading, caption and margins apart', async () => {
    const doc = await read('russian.pdf', { lang: 'ru' });
    const long = holding(doc, 'Этот абзац намеренно длинный');
    expect(long.kind).toBe('body');
    expect(long.page).toBe(1);
    expect(long.text.endsWith('последнее предложение этого абзаца стоит уже на второй странице книги.')).toBe(true);
    expect(long.pageBreaks?.map((b) => b.page)).toEqual([2]);
    const at = long.pageBreaks![0]!.at;
    expect(long.text.slice(at)).toMatch(/^строк, а за ним/);
    expect(holding(doc, 'Глава первая')).toMatchObject({ kind: 'heading', level: 1, page: 1 });
    expect(holding(doc, 'Рис. 1.')).toEqual({ kind: 'caption', text: 'Рис. 1. Схема устройства источника.', page: 2 });
    for (const b of doc.blocks) expect(b.text).not.toMatch(/Вестник лектора|^\d+$/);
    expect(body(doc).map((b) => b.text.slice(0, 14))).toEqual(['Первый абзац к', 'Второй абзац р', 'Этот абзац нам', 'Последний абза']);
  });

  it('leaves out a title that is a file name ("Microsoft Word - glava1.docx")', async () => {
    const doc = await read('russian.pdf', { lang: 'ru' });
    expect(doc.meta.title).toBeUndefined();
    expect(doc.meta.lang).toBe('ru');
  });
});

describe('readPdf: pages without a usable text layer', () => {
  it('reports garbled pages in one warning and cites none of their text (ocr: off)', async () => {
    const doc = await read('garbled.pdf');
    expect(doc.pages?.map((p) => p.state)).toEqual(['text', 'no-text', 'no-text', 'text']);
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatchObject({ severity: 'warning', code: 'source/no-text-layer', page: 2 });
    expect(doc.warnings[0]!.message).toContain('pages 2–3 have no usable text layer');
    expect(doc.warnings[0]!.hint).toMatch(/ocr: (?:auto|force)/);
    expect(doc.blocks.map((b) => [b.page, b.text])).toEqual([
      [1, 'The first page has a good text layer. Its sentences can be cited.'],
      [1, 'The second paragraph on the first page is fine as well.'],
      [4, 'The last page can be read again.'],
    ]);
  });

  it('a font without any /ToUnicode (glyph ids read as codes: "7KLV\\u0003SDJH") is caught too', async () => {
    const doc = await read('no-unicode.pdf');
    expect(doc.pages?.map((p) => p.state)).toEqual(['text', 'no-text', 'text', 'text']);
    for (const b of doc.blocks) expect(b.text).not.toMatch(/[\u0000-\u001F]|KLV|SDJH/);
    expect(doc.warnings[0]!.message).toMatch(/^page 2 has no usable text layer/);
  });

  it('a page with no text at all is no-text, not an error; the warning names it', async () => {
    const doc = await read('scan.pdf');
    expect(doc.pages).toEqual([
      { page: 1, label: '1', state: 'text' },
      { page: 2, label: '2', state: 'no-text' },
    ]);
    expect(doc.blocks).toEqual([{ kind: 'body', text: 'A page with a real text layer comes first.', page: 1 }]);
    expect(doc.warnings.map((w) => [w.code, w.page])).toEqual([['source/no-text-layer', 2]]);
  });
});

describe('readPdf: the process around it', () => {
  it("leaves the engine's own Array.prototype.push and JSON in place (pdf.js's legacy polyfills replace them)", async () => {
    await read('scan.pdf');
    for (const fn of [Array.prototype.push, JSON.parse, JSON.stringify]) expect(Function.prototype.toString.call(fn)).toContain('[native code]');
  });
});

describe('readPdf: bad input', () => {
  it('an encrypted PDF without a password, or with a wrong one, is source/pdf-encrypted naming the sidecar', async () => {
    for (const options of [{}, { password: 'wrong' }]) {
      const err = await failure('encrypted.pdf', options);
      expect(err.code).toBe('source/pdf-encrypted');
      expect(err.problems[0]!.file).toBe(path.join(DIR, 'encrypted.pdf'));
      expect(err.problems[0]!.hint).toMatch(/password:.*sources\/NAME\.yaml|sources\/NAME\.yaml.*password:/);
    }
  });

  it('the right password opens it', async () => {
    const doc = await read('encrypted.pdf', { password: 'lectern' });
    expect(doc.blocks).toEqual([{ kind: 'body', text: 'This lecture text is protected by a password.', page: 1 }]);
  });

  it('a truncated PDF and a file that is no PDF are source/pdf-corrupt', async () => {
    expect((await failure('truncated.pdf')).code).toBe('source/pdf-corrupt');
    expect((await failure('not-a-pdf.pdf')).code).toBe('source/pdf-corrupt');
  });
});
