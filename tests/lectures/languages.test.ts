/**
 * Lectures in the languages with a message catalogue (issue 22), built end to
 * end and read back as their audience reads them:
 *
 *   de   German: the slides cite "Zollverein, Abs. 2, Satz 2–4", the handouts count
 *        "Seite 1 von 3", the reading pack is a "Reader zur Vorlesung"
 *   uk   Ukrainian throughout: the text of every PDF (pdftotext) holds no word of
 *        the English or Russian catalogues and no letter Ukrainian lacks (ы, э, ъ, ё)
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../src/messages/index.js';
import type { DeckConfig } from '../../src/render/runtime/lib/protocol.js';
import { pdfInfo } from '../helpers/pdf-outline.js';
import { buildProject, session, type Built } from './build-project.js';

let de: Built;
let uk: Built;

afterAll(() => session.close());

beforeAll(async () => {
  // Formats by default (md, html, pdf) and the handouts each outline names.
  [de, uk] = await Promise.all([buildProject('de', {}), buildProject('uk', {})]);
});

/** The deck's settings as its script reads them from out/NAME.html. */
async function deckConfig(built: Built, name: string): Promise<DeckConfig> {
  const html = await readFile(path.join(built.dir, 'out', `${name}.html`), 'utf8');
  const json = /<script type="application\/json" id="lectern-config">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return JSON.parse(json ?? 'null') as DeckConfig;
}

/** A PDF's text as pdftotext (poppler) gives it: another reader than the pdf.js of the other tests. */
async function pdftotext(built: Built, file: string): Promise<string> {
  const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', path.join(built.dir, 'out', file), '-'], { maxBuffer: 1 << 24 });
  return stdout;
}

type Json = string | Json[] | { [key: string]: Json };
const texts = (value: Json): string[] => (typeof value === 'string' ? [value] : Object.values(value).flatMap(texts));

/** A catalogue message as a pattern for whole words in extracted text, in any case (headings are set in capitals): placeholders are numbers, any space may be a line break. */
function wordPattern(message: string): RegExp {
  const body = message
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'))
    .join('\\d+');
  return new RegExp(`(?<!\\p{L})${body}(?!\\p{L})`, 'iu');
}

describe('de: a German lecture', () => {
  it('cites by Absatz and Satz on the slides, with German titles Lectern supplies', async () => {
    const pages = await de.pages('zollverein.pdf');
    expect(pages[1]).toMatch(/^Gliederung/);
    expect(pages[3]).toContain('Zollverein, Abs. 2, Satz 2–4');
    expect(pages[4]).toContain('Zollverein, Abs. 1');
    expect(pages[8]).toMatch(/^Fragen und Diskussion/);
    expect(pages[9]).toMatch(/^Quellen/);
    expect(pages.join(' ')).not.toMatch(/\bpara\.|\bsent\.|Sources|Questions/);
    expect(de.overflow).toEqual([]);
  });

  it('counts handout pages in German: "Seite 1 von 3", slides as "Folie 4 von 10"', async () => {
    const four = await de.pages('zollverein.handout-4.pdf');
    expect(four).toHaveLength(3);
    expect(four[0]).toContain('Seite 1 von 3');
    expect(four[2]).toContain('Seite 3 von 3');
    const notes = (await de.pages('zollverein.handout-notes.pdf')).join(' ');
    expect(notes).toContain('Folie 4 von 10');
    // Headings are set in capitals (CSS): the PDF's text has them so.
    expect(notes).toContain('NOTIZEN');
    expect(notes).toContain('ZITIERTE STELLEN');
    expect(notes).toContain('Zollverein, Abs. 2, Satz 4–5');
    expect(notes).not.toMatch(/\bpage \d+ of\b|Slide \d+ of|\bNotes\b/);
    expect((await pdfInfo(path.join(de.dir, 'out/zollverein.handout-4.pdf'))).subject).toBe(
      'Handout: 4 Folien pro Seite — Wirtschaftliche Einigung vor der Reichsgründung',
    );
  });

  it('makes a German reading pack: title, counts, the slides citing each passage in German quotation marks', async () => {
    const reading = (await de.pages('zollverein.reading.pdf')).join(' ');
    expect(reading).toContain('Reader zur Vorlesung');
    expect(reading).toMatch(/Stellen: \d+; Quellen: 1\./);
    expect(reading).toContain('Folie 4 „Ein zerteiltes Land“');
    expect(reading).toContain('Seite 1 von');
  });

  it('gives the HTML deck German controls and labels from the German catalogue', async () => {
    const config = await deckConfig(de, 'zollverein');
    expect(config.ui).toEqual({ ...CATALOGUES.de.ui, slide: 'Folie', of: 'von', notes: 'Notizen' });
    expect(config.labels[3]).toBe('Folie 4 von 10: Ein zerteiltes Land');
  });
});

describe('uk: a Ukrainian lecture, Ukrainian throughout', () => {
  const PDFS = ['kobzar.pdf', 'kobzar.handout-notes.pdf', 'kobzar.handout-2.pdf', 'kobzar.handout-6.pdf', 'kobzar.reading.pdf'];
  const ukrainian = new Set(texts(CATALOGUES.uk as unknown as Json));
  // Every English and Russian message Ukrainian does not share ("абз.", "с.", "Слайд" are Ukrainian too).
  const foreign = [...new Set([...texts(CATALOGUES.en as unknown as Json), ...texts(CATALOGUES.ru as unknown as Json)])].filter((t) => !ukrainian.has(t));

  it('the list of foreign messages catches what a Russian or English deck would print', () => {
    const caught = (text: string) => foreign.filter((m) => wordPattern(m).test(text)).sort();
    expect(caught('Перший «Кобзар», абз. 2, предл. 1–2 · стр. 1 из 4')).toEqual(['из', 'предл.', 'стр. {page} из {pages}']);
    expect(caught('ЗАМЕТКИ')).toEqual(['Заметки']);
    expect(caught('Hrestomatiia, para. 2 · page 3 of 4')).toEqual(['of', 'page {page} of {pages}', 'para.']);
    expect(caught('Перший «Кобзар», абз. 2, речення 1–2 · стор. 1 з 4 · близько')).toEqual([]);
  });

  it.each(PDFS)('%s: no English or Russian word of Lectern’s, no Russian letter', async (file) => {
    const text = await pdftotext(uk, file);
    expect(text.length).toBeGreaterThan(100);
    expect(foreign.filter((m) => wordPattern(m).test(text))).toEqual([]);
    expect(text.match(/[ыэъёЫЭЪЁ]/g) ?? []).toEqual([]);
  });

  it('says in Ukrainian what Lectern writes: citations, titles, page and slide counts, the reading pack', async () => {
    const deck = await uk.pages('kobzar.pdf');
    expect(deck[1]).toMatch(/^План лекції/);
    expect(deck[3]).toContain('Перший «Кобзар», абз. 2, речення 1–2, 5');
    expect(deck[8]).toMatch(/^Питання та обговорення/);
    expect(deck[9]).toMatch(/^Джерела/);
    const notes = (await uk.pages('kobzar.handout-notes.pdf')).join(' ');
    expect(notes).toContain('Слайд 4 з 10');
    expect(notes).toContain('НОТАТКИ');
    expect(notes).toContain('ЦИТОВАНІ ФРАГМЕНТИ');
    expect(notes).toMatch(/стор\. 1 з \d+/);
    const reading = (await uk.pages('kobzar.reading.pdf')).join(' ');
    expect(reading).toContain('Хрестоматія до лекції');
    expect(reading).toMatch(/Фрагментів: \d+; джерел: 1\./);
    expect((await pdfInfo(path.join(uk.dir, 'out/kobzar.handout-6.pdf'))).subject).toMatch(/^Роздатковий матеріал: 6 слайдів на сторінці/);
    expect((await pdfInfo(path.join(uk.dir, 'out/kobzar.handout-2.pdf'))).subject).toMatch(/^Роздатковий матеріал: 2 слайди на сторінці/);
    expect(uk.overflow).toEqual([]);
  });

  it('gives the HTML deck Ukrainian controls and labels', async () => {
    const config = await deckConfig(uk, 'kobzar');
    expect(config.ui).toEqual({ ...CATALOGUES.uk.ui, slide: 'Слайд', of: 'з', notes: 'Нотатки' });
    expect(config.labels[4]).toBe('Слайд 5 з 10: Перше видання');
  });
});
