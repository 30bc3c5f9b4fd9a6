/**
 * The deck PDF as a reader opens it: the document's title, author, subject
 * and language in its properties; bookmarks with the sections and their
 * slides; speaker notes as comments when asked; still tagged, fonts embedded.
 */
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComposer, loadTemplateSet } from '../../src/compose/templates.js';
import type { Deck } from '../../src/deck/model.js';
import { resolveOutline } from '../../src/deck/resolve.js';
import { loadOutline } from '../../src/outline/load.js';
import type { BrowserSession } from '../../src/print/browser/index.js';
import { SlideRenderer } from '../../src/render/marp.js';
import { printDocument, slideSize } from '../../src/render/page.js';
import { printPdf } from '../../src/print/pdf.js';
import { deckOutline, finishDeckPdf, setPdfMetadata } from '../../src/print/pdf-meta.js';
import { pdfFacts } from '../helpers/pdf.js';
import { pdfAnnotations, pdfBookmarks, pdfInfo, pdfjsBookmarks } from '../helpers/pdf-outline.js';
import { exampleProject, sharedSession } from '../helpers/project.js';

const AUTHOR = 'И. И. Петров';
const DATE = new Date('2025-01-20T09:00:00Z');

describe('the deck PDF, finished', () => {
  let session: BrowserSession;
  let deck: Deck;
  let raw: Uint8Array;
  let plain: Uint8Array;
  let withNotes: Uint8Array;

  beforeAll(async () => {
    const dir = await exampleProject();
    session = sharedSession();
    const outline = await loadOutline(path.join(dir, 'outlines', 'ussr-japan-1925.yaml'));
    const set = await loadTemplateSet();
    const resolved = await resolveOutline(outline, { layouts: set.layouts });
    // The example names no author; a lecturer's outline would.
    deck = { ...resolved.deck, author: AUTHOR };
    const slides = new SlideRenderer(set).render(createComposer(set).compose(deck));
    raw = await printPdf(session, printDocument(deck, slides), slideSize(deck));
    plain = await finishDeckPdf(raw, deck, { date: DATE });
    withNotes = await finishDeckPdf(raw, deck, { notes: true, date: DATE });
  });
  afterAll(() => session.close());

  it('carries title, author, subject, keywords, language and creator', async () => {
    const info = await pdfInfo(plain);
    expect(info.title).toBe('Установление дипломатических отношений между СССР и Японией');
    expect(info.author).toBe(AUTHOR);
    expect(info.subject).toBe('Пекинская конвенция 20 января 1925 г.');
    expect(info.keywords).toBe('История международных отношений в XX веке; Путь к нормализации; Пекинская конвенция; Экономика и пределы сближения');
    expect(info.lang).toBe('ru');
    expect(info.creator).toBe('Lectern');
    expect(info.producer).toMatch(/Skia|Chrom/);
    expect(info.creationDate?.toISOString()).toBe(DATE.toISOString());
    expect(info.modificationDate?.toISOString()).toBe(DATE.toISOString());
    // The viewer shows the title rather than the file name, and opens the bookmarks.
    expect(info.displayDocTitle).toBe(true);
    expect(info.pageMode).toBe('UseOutlines');
  });

  it('has bookmarks: slides before the first section, then each section with its slides', async () => {
    const marks = await pdfBookmarks(plain);
    expect(marks.map((m) => [m.title, m.page])).toEqual([
      ['Установление дипломатических отношений между СССР и Японией', 1],
      ['План лекции', 2],
      ['Путь к нормализации', 3],
      ['Пекинская конвенция', 5],
      ['Экономика и пределы сближения', 10],
    ]);
    const section = (title: string) => marks.find((m) => m.title === title)!;
    expect(section('Путь к нормализации').children.map((c) => [c.title, c.page])).toEqual([['Предпосылки', 4]]);
    expect(section('Пекинская конвенция').children.map((c) => [c.title, c.page])).toEqual([
      ['Подписание конвенции', 6],
      ['Основные положения', 7],
      ['Портсмутский договор и советская декларация', 8],
      ['Хронология', 9],
    ]);
    expect(section('Экономика и пределы сближения').children.map((c) => c.title)).toEqual([
      'Экономические основы',
      'Итоги конвенции',
      'Напряжённость сохранялась',
      'Вопросы и обсуждение',
      'Источники',
    ]);
    // Open sections, each bookmark showing its whole page.
    expect(section('Пекинская конвенция').count).toBe(4);
    expect(marks.flatMap((m) => [m, ...m.children]).every((m) => m.fit === 'Fit')).toBe(true);
    // Every slide is reachable from exactly one bookmark.
    const pages = marks.flatMap((m) => [m.page, ...m.children.map((c) => c.page)]).sort((a, b) => a - b);
    expect(pages).toEqual(Array.from({ length: deck.slides.length }, (_, i) => i + 1));
  });

  it('reads the same in pdf.js (as Firefox shows them)', async () => {
    const marks = await pdfjsBookmarks(plain);
    expect(marks.map((m) => m.title)).toEqual([
      'Установление дипломатических отношений между СССР и Японией',
      'План лекции',
      'Путь к нормализации',
      'Пекинская конвенция',
      'Экономика и пределы сближения',
    ]);
    expect(marks[3]!.page).toBe(5);
    expect(marks[3]!.children).toContainEqual({ title: 'Основные положения', page: 7 });
  });

  it('keeps the tagged structure, the pages and the embedded fonts of the printed PDF', async () => {
    expect((await pdfInfo(raw)).tagged).toBe(true);
    expect((await pdfInfo(plain)).tagged).toBe(true);
    const before = await pdfFacts(raw);
    const after = await pdfFacts(plain);
    expect(after.pages).toBe(deck.slides.length);
    expect(after.sizes).toEqual(before.sizes);
    expect(after.fonts.length).toBeGreaterThan(0);
    expect(after.fonts.filter((f) => !f.embedded)).toEqual([]);
    // Metadata and bookmarks are small; pdf-lib's object streams even make the file smaller.
    expect(plain.byteLength).toBeLessThan(raw.byteLength * 1.1);
  });

  it('adds the speaker notes as closed, non-printing comments only when asked', async () => {
    expect(await pdfAnnotations(plain)).toEqual([]);
    const notes = await pdfAnnotations(withNotes);
    const withText = deck.slides.filter((s) => s.notes.length > 0).map((s) => s.number);
    expect(notes.map((n) => n.page)).toEqual(withText);
    expect(notes.every((n) => n.subtype === 'Text' && ((n.flags ?? 0) & 4) === 0)).toBe(true);
    const terms = notes.find((n) => n.page === 7)!;
    expect(terms.contents).toContain('Вывод войск с Северного Сахалина — главная уступка Японии.');
    expect(terms.contents).toContain('К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина.');
    expect(terms.contents).toContain('conv#p2.s2-s4');
    expect(terms.title).toBe('Заметки: Слайд 7');
    // The section slide 3 has no notes and no comment.
    expect(notes.some((n) => n.page === 3)).toBe(false);
  });

  it('is the same file for the same input and date', async () => {
    expect(Buffer.from(await finishDeckPdf(raw, deck, { date: DATE })).equals(Buffer.from(plain))).toBe(true);
  });

  it('sets metadata on any PDF, leaving out what is not given', async () => {
    const out = await setPdfMetadata(raw, { title: 'Handout', lang: 'en-GB', keywords: ['one', 'two words'], date: DATE });
    const info = await pdfInfo(out);
    expect(info).toMatchObject({ title: 'Handout', lang: 'en-GB', keywords: 'one; two words', creator: 'Lectern', author: undefined, subject: undefined });
    expect(await pdfBookmarks(out)).toEqual([]);
  });

  it('covers every slide once in its outline tree, and leaves out pages the PDF does not have', async () => {
    const tree = deckOutline(deck);
    expect(tree.flatMap((n) => [n, ...n.children]).length).toBe(deck.slides.length);
    const short = await PDFDocument.create();
    for (let i = 0; i < 3; i++) short.addPage([960, 540]);
    const marks = await pdfBookmarks(await finishDeckPdf(await short.save(), deck, { date: DATE }));
    expect(marks.map((m) => [m.title, m.page, m.children.length])).toEqual([
      ['Установление дипломатических отношений между СССР и Японией', 1, 0],
      ['План лекции', 2, 0],
      ['Путь к нормализации', 3, 0],
    ]);
  });
});
