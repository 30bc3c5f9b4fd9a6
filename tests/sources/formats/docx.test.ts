/**
 * The DOCX reader on small, real Word documents written part by part by
 * tests/fixtures/sources/docx/make-docx.mjs, and on the bad files it must
 * refuse before mammoth sees them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LecternError } from '../../../src/errors.js';
import { isOleDoc, noteMark, readDocx } from '../../../src/sources/formats/docx.js';
import type { ExtractedDocument } from '../../../src/sources/formats/types.js';
import { splitSentences } from '../../../src/sources/sentences/index.js';
import { ROOT } from '../../helpers/project.js';

const DIR = path.join(ROOT, 'tests/fixtures/sources/docx');
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(DIR, name)));
const read = (name: string, lang = 'en'): Promise<ExtractedDocument> => readDocx(bytes(name), path.join(DIR, name), { lang });

async function failure(name: string): Promise<LecternError> {
  try {
    await read(name);
  } catch (err) {
    expect(err).toBeInstanceOf(LecternError);
    return err as LecternError;
  }
  throw new Error(`${name} was read without an error`);
}

describe('readDocx on an English lecture text', () => {
  it('gives the headings and paragraphs in order, the Title above Heading 1 and 2', async () => {
    const doc = await read('printing.docx');
    const notes = doc.blocks.filter((b) => b.kind === 'footnote');
    expect(doc.blocks.filter((b) => b.kind !== 'footnote')).toEqual([
      { kind: 'heading', level: 1, text: 'The Printing Press and Its Readers' },
      { kind: 'heading', level: 2, text: 'Introduction' },
      {
        kind: 'body',
        text: 'Johannes Gutenberg began printing with movable type in Mainz around 1450. Within fifty years presses were at work in more than two hundred towns. The change was slow at first and then very fast.',
      },
      { kind: 'body', text: 'Historians still disagree about what the press changed. Some stress the speed of copying; others stress the fixity of texts.' },
      { kind: 'heading', level: 3, text: 'Early Printers' },
      {
        kind: 'body',
        text: 'Most early printers were skilled craftsmen who had learned the trade in Mainz. They travelled from town to town with their type.',
      },
      { kind: 'body', text: 'They printed what would sell:' },
      { kind: 'body', text: 'Bibles and prayer books' },
      { kind: 'body', text: 'Grammars for schools' },
      { kind: 'body', text: 'Latin grammars by Donatus' },
      { kind: 'body', text: 'Calendars and almanacs' },
      { kind: 'body', text: 'Output grew quickly in the first decades.' },
      { kind: 'body', text: 'Year | Towns with presses' },
      { kind: 'body', text: '1470 | about thirty' },
      { kind: 'body', text: '1500 | over two hundred' },
      { kind: 'caption', text: 'Table 1. Towns with printing presses.' },
      { kind: 'body', text: 'After 1500 the pace slowed. Printing had become an ordinary trade.' },
      { kind: 'heading', level: 2, text: 'Readers' },
      { kind: 'body', text: 'Cheaper books made new readers. Reading aloud remained common for a long time.' },
    ]);
    // The notes come after the body, none of them in between.
    expect(doc.blocks.slice(-notes.length)).toEqual(notes);
    expect(doc.warnings).toEqual([]);
    expect(doc.pages).toBeUndefined();
  });

  it('keeps footnotes (*, 1, 2) and the endnote (i) apart, their marks out of the body text', async () => {
    const doc = await read('printing.docx');
    expect(doc.blocks.filter((b) => b.kind === 'footnote')).toEqual([
      // A mark of its own ("*" on the title) is not counted in the numbering.
      { kind: 'footnote', note: '*', text: 'Read at a summer school in 2019.' },
      { kind: 'footnote', note: '1', text: 'Estimates vary between authors. The figure here is a rough one.' },
      { kind: 'footnote', note: '2', text: 'On the Mainz workshops, see the standard histories.' },
      { kind: 'footnote', note: 'i', text: 'Reading aloud in households is well attested in letters.' },
    ]);
    const body = doc.blocks.filter((b) => b.kind !== 'footnote').map((b) => b.text);
    for (const text of body) {
      expect(text).not.toMatch(/\[\d+\]|↑|\*/);
      expect(text).not.toContain('Estimates vary');
      expect(text).not.toContain('Mainz workshops');
      expect(text).not.toContain('households');
    }
    // "towns." and "Mainz." end their sentences: the mark did not fuse into them.
    const first = splitSentences(body[2]!, 'en').map((s) => body[2]!.slice(s.start, s.end));
    expect(first[1]).toBe('Within fifty years presses were at work in more than two hundred towns.');
  });

  it('leaves out the comment, everywhere', async () => {
    const doc = await read('printing.docx');
    const all = JSON.stringify(doc);
    expect(all).not.toContain('REVIEWER');
    expect(all).not.toContain('sourced');
    // The commented words themselves stay.
    expect(all).toContain('fixity of texts');
  });

  it('reads tracked changes as accepted: the deletion gone, the insertion kept', async () => {
    const all = JSON.stringify(await read('printing.docx'));
    expect(all).not.toContain('wealthy');
    expect(all).not.toContain('merchants');
    expect(all).toContain('skilled craftsmen who had learned');
  });

  it('reads a table row by row, never inside a sentence of a paragraph', async () => {
    const doc = await read('printing.docx');
    const rows = ['Year | Towns with presses', '1470 | about thirty', '1500 | over two hundred'];
    const paragraphs = doc.blocks.filter((b) => b.kind === 'body' && !rows.includes(b.text));
    for (const p of paragraphs) {
      for (const s of splitSentences(p.text, 'en')) {
        const sentence = p.text.slice(s.start, s.end);
        for (const cell of ['Towns with presses', 'about thirty', 'over two hundred', '1470']) expect(sentence).not.toContain(cell);
      }
    }
  });

  it('takes its metadata defaults from docProps/core.xml', async () => {
    expect((await read('printing.docx')).meta).toEqual({ title: 'The Printing Press and Its Readers', author: 'A. N. Lecturer', year: '2019', lang: 'en' });
  });
});

describe('readDocx on a Russian text', () => {
  it('gives its headings, paragraphs, footnote and metadata', async () => {
    const doc = await read('russian.docx', 'ru');
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Книгопечатание в Москве' },
      { kind: 'heading', level: 2, text: 'Начало' },
      {
        kind: 'body',
        text: 'Первая датированная московская книга, «Апостол», вышла в 1564 г. Её напечатали Иван Фёдоров и Пётр Мстиславец. Работа заняла почти год.',
      },
      { kind: 'body', text: 'Позже Фёдоров работал во Львове и Остроге. Там он выпустил Острожскую Библию.' },
      { kind: 'footnote', note: '1', text: 'Выходные данные приведены в послесловии книги.' },
    ]);
    expect(doc.meta).toEqual({ title: 'Книгопечатание в Москве', author: 'И. И. Иванов', year: '2020', lang: 'ru' });
    const p = doc.blocks[2]!.text;
    expect(splitSentences(p, 'ru').map((s) => p.slice(s.start, s.end))).toEqual([
      'Первая датированная московская книга, «Апостол», вышла в 1564 г.',
      'Её напечатали Иван Фёдоров и Пётр Мстиславец.',
      'Работа заняла почти год.',
    ]);
  });
});

/** A fixture's parts, changed by `edit`, zipped again. */
async function edited(name: string, edit: (parts: Record<string, Uint8Array>, text: (part: string) => string) => void): Promise<Uint8Array> {
  const { strFromU8, unzipSync, zipSync } = await import('fflate');
  const parts = unzipSync(bytes(name));
  edit(parts, (part) => strFromU8(parts[part]!));
  return zipSync(parts);
}

describe('readDocx on unusual documents', () => {
  it('gives Heading 1 level 1 in a document without a Title', async () => {
    const { strToU8 } = await import('fflate');
    const docx = await edited('russian.docx', (parts, text) => {
      parts['word/document.xml'] = strToU8(text('word/document.xml').replace('<w:pStyle w:val="Title"/>', ''));
    });
    const doc = await readDocx(docx, 'untitled.docx', { lang: 'ru' });
    expect(doc.blocks.slice(0, 2)).toEqual([
      { kind: 'body', text: 'Книгопечатание в Москве' },
      { kind: 'heading', level: 1, text: 'Начало' },
    ]);
  });

  it('ignores a style map embedded in the file (one that would show the comments)', async () => {
    const { strToU8 } = await import('fflate');
    const docx = await edited('printing.docx', (parts) => {
      parts['mammoth/style-map'] = strToU8('comment-reference => sup\n');
    });
    expect(JSON.stringify(await readDocx(docx, 'styled.docx', { lang: 'en' }))).not.toContain('REVIEWER');
  });

  it('skips blank metadata, taking the year from the modification date when there is no creation date', async () => {
    const doc = await read('empty-meta.docx');
    expect(doc.meta).toEqual({ year: '2022' });
    expect(doc.blocks).toEqual([{ kind: 'body', text: 'Only one paragraph here.' }]);
  });

  it("turns mammoth's notes about unknown elements into a few warnings, and never reads images", async () => {
    const doc = await read('odd.docx');
    expect(doc.blocks.map((b) => b.text)).toEqual(['Strange elements follow.', 'A picture: and text after it.', 'The end.']);
    expect(doc.warnings.map((w) => [w.code, w.severity, w.message])).toEqual([
      ['source/docx-note', 'warning', 'DOCX: An unrecognised element was ignored: w:alpha'],
      ['source/docx-note', 'warning', 'DOCX: An unrecognised element was ignored: w:beta'],
      ['source/docx-note', 'warning', 'DOCX: An unrecognised element was ignored: w:gamma'],
      ['source/docx-note', 'warning', 'DOCX: and 2 more notes like these'],
    ]);
  });

  it('writes note marks in Word’s number formats', () => {
    expect(['decimal', 'lowerRoman', 'upperRoman', 'lowerLetter', 'upperLetter', 'chicago'].map((f) => noteMark(4, f))).toEqual([
      '4',
      'iv',
      'IV',
      'd',
      'D',
      '§',
    ]);
    expect(noteMark(28, 'lowerLetter')).toBe('bb');
    expect(noteMark(6, 'chicago')).toBe('††');
    expect(noteMark(1994, 'upperRoman')).toBe('MCMXCIV');
  });
});

describe('readDocx refuses bad files', () => {
  it('an entity declaration (XXE): refused, and nothing of /etc/passwd anywhere', async () => {
    const err = await failure('xxe.docx');
    expect(err.code).toBe('source/archive-unsafe');
    expect(err.problems[0]!.file).toBe(path.join(DIR, 'xxe.docx'));
    const shown = JSON.stringify(err.problems) + err.message;
    expect(shown).not.toMatch(/root:|nologin|\/bin\/(ba)?sh/);
    let passwd = '';
    try {
      passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? '';
    } catch {
      // No /etc/passwd here: nothing could have leaked from it.
    }
    if (passwd) expect(shown).not.toContain(passwd);
  });

  it('a DOCTYPE without entities in another part (footnotes.xml)', async () => {
    const err = await failure('external-dtd.docx');
    expect(err.code).toBe('source/archive-unsafe');
    expect(err.message).toContain('word/footnotes.xml');
  });

  it('a zip bomb, honest or lying about its size', async () => {
    expect((await failure('bomb.docx')).code).toBe('source/archive-unsafe');
    const lying = await failure('bomb-lying.docx');
    expect(lying.code).toBe('source/archive-unsafe');
    expect(lying.message).toContain('word/document.xml');
  });

  it('a truncated download', async () => {
    expect((await failure('truncated.docx')).code).toBe('source/archive-corrupt');
  });

  it('a ZIP without word/document.xml', async () => {
    const err = await failure('not-docx.docx');
    expect(err.code).toBe('source/docx-corrupt');
    expect(err.message).toContain('word/document.xml');
  });

  it('an old binary .doc, with the command that converts it', async () => {
    expect(isOleDoc(bytes('old.doc'))).toBe(true);
    expect(isOleDoc(bytes('printing.docx'))).toBe(false);
    expect(isOleDoc(new Uint8Array([0xd0, 0xcf]))).toBe(false);
    const err = await failure('old.doc');
    expect(err.code).toBe('source/doc-binary');
    expect(err.problems[0]!.hint).toBe('convert it: soffice --headless --convert-to docx FILE.doc');
  });

  it('broken XML inside a sound archive', async () => {
    // Reuse the English document's parts with a cut-off main part, zipped here.
    const { strToU8, unzipSync, zipSync } = await import('fflate');
    const parts = unzipSync(bytes('printing.docx'));
    parts['word/document.xml'] = strToU8(
      '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>',
    );
    const err = await readDocx(zipSync(parts), 'broken.docx', { lang: 'en' }).catch((e: unknown) => e as LecternError);
    expect(err).toBeInstanceOf(LecternError);
    expect((err as LecternError).code).toBe('source/docx-corrupt');
  });
});
