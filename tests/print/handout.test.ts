/**
 * Handouts and the reading pack as a student or lecturer checks them: the
 * number of pages and the paper, the notes and passages under each slide,
 * headers and footers on every page, ruled lines that print, the reading
 * pack's passages with their addresses and slides, fonts embedded, slides as
 * vectors and files of a sensible size.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComposer, loadTemplateSet } from '../../src/compose/templates.js';
import type { Deck } from '../../src/deck/model.js';
import { resolveOutline, type Resolved } from '../../src/deck/resolve.js';
import { loadOutline } from '../../src/outline/load.js';
import type { BrowserSession } from '../../src/print/browser/index.js';
import { HANDOUTS, handoutDocument, printHandout, readingDocument, slideSvgs, type Handout } from '../../src/print/handouts/index.js';
import { SlideRenderer, type RenderedSlides } from '../../src/render/marp.js';
import { printDocument, slideSize } from '../../src/render/page.js';
import { printPdf } from '../../src/print/pdf.js';
import { finishDeckPdf, slideLabel } from '../../src/print/pdf-meta.js';
import { flat, pdfFacts, pdfText } from '../helpers/pdf.js';
import { pdfImageCount, pdfInfo } from '../helpers/pdf-outline.js';
import { exampleProject, sharedSession } from '../helpers/project.js';

const SENTENCE = 'К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина.';
const TITLE = 'Установление дипломатических отношений между СССР и Японией';
const COURSE = 'История международных отношений в XX веке';
const PER_PAGE: Record<Exclude<Handout, 'reading'>, number> = { notes: 1, '2': 2, '3-lines': 3, '4': 4, '6': 6 };
// poppler-utils (installed by .ci/run): on PATH.
const PDFTOPPM = 'pdftoppm';

/**
 * Text compared without hyphens: a compound word broken at its hyphen
 * ("советско-\nяпонских") comes out of the PDF joined by flat().
 */
const loose = (text: string) => flat(text).replace(/-/g, '');

/** Points, as PDF page sizes are given. */
const A4 = { width: 595, height: 842 };
const LETTER = { width: 612, height: 792 };

describe('handouts and the reading pack of the example lecture', () => {
  let session: BrowserSession;
  let deck: Deck;
  let slides: RenderedSlides;
  let cited: Resolved['citedPassages'];
  let ids: string[];
  let deckPdf: Uint8Array;
  const pdfs = new Map<Handout, Uint8Array>();
  const letter = new Map<Handout, Uint8Array>();
  const texts = new Map<Handout, string[]>();

  beforeAll(async () => {
    const dir = await exampleProject();
    session = sharedSession();
    const file = path.join(dir, 'outlines', 'ussr-japan-1925.yaml');
    const outline = await loadOutline(file);
    const set = await loadTemplateSet();
    const resolved = await resolveOutline(outline, { layouts: set.layouts });
    deck = resolved.deck;
    cited = resolved.citedPassages;
    slides = new SlideRenderer(set).render(createComposer(set).compose(deck));
    ids = [...(await readFile(file, 'utf8')).matchAll(/^ {2}- id: (\S+)/gm)].map((m) => m[1]!);
    deckPdf = await finishDeckPdf(await printPdf(session, printDocument(deck, slides), slideSize(deck)), deck);
    await Promise.all(
      HANDOUTS.map(async (layout) => {
        const pdf = await printHandout(session, deck, slides, layout, cited);
        pdfs.set(layout, pdf);
        texts.set(layout, (await pdfText(pdf)).map(flat));
      }),
    );
    for (const layout of ['2', '4', 'reading'] as const) letter.set(layout, await printHandout(session, deck, slides, layout, cited, { paper: 'Letter' }));
  });
  afterAll(() => session.close());

  it('has the example lecture with its 15 slides', () => {
    expect(deck.slides.length).toBe(15);
    expect(slides.slideCount).toBe(15);
    expect(slideSvgs(slides.html).length).toBe(15);
  });

  it('takes ceil(slides ÷ N) A4 pages, landscape only for 4 per page', async () => {
    for (const [layout, n] of Object.entries(PER_PAGE) as Array<[Exclude<Handout, 'reading'>, number]>) {
      const facts = await pdfFacts(pdfs.get(layout)!);
      expect(facts.pages, layout).toBe(Math.ceil(15 / n));
      const want = layout === '4' ? { width: A4.height, height: A4.width } : A4;
      for (const size of facts.sizes) {
        expect(size.width, layout).toBeCloseTo(want.width, 0);
        expect(size.height, layout).toBeCloseTo(want.height, 0);
      }
    }
    const reading = await pdfFacts(pdfs.get('reading')!);
    expect(reading.pages).toBeGreaterThanOrEqual(2);
    for (const size of reading.sizes) expect([Math.round(size.width), Math.round(size.height)]).toEqual([A4.width, A4.height]);
  });

  it('prints on Letter when asked', async () => {
    for (const [layout, pdf] of letter) {
      const facts = await pdfFacts(pdf);
      const want = layout === '4' ? { width: LETTER.height, height: LETTER.width } : LETTER;
      for (const size of facts.sizes) expect([Math.round(size.width), Math.round(size.height)], layout).toEqual([want.width, want.height]);
      if (layout !== 'reading') expect(facts.pages).toBe(Math.ceil(15 / PER_PAGE[layout]));
    }
  });

  it('puts each slide above its notes and the passages it cites, one slide per page', () => {
    const pages = texts.get('notes')!;
    const terms = ids.indexOf('terms');
    expect(terms).toBe(6);
    expect(pages[terms]).toContain(SENTENCE);
    expect(pages[terms]).toContain('Вывод войск с Северного Сахалина — главная уступка Японии.');
    expect(pages[terms]).toContain('conv#p2.s2-s4');
    expect(pages[terms]).toContain('Слайд 7 из 15 · Основные положения');
    // Every page has its own slide's notes, and the full text of what the slide cites.
    for (const slide of deck.slides) {
      const page = pages[slide.number - 1]!;
      for (const note of slide.notes) expect(loose(page), `slide ${slide.number}`).toContain(loose(note.text));
      // A `cite:` of a further reading has no passage to print.
      for (const c of slide.citations.filter((x) => cited.has(x.address)))
        expect(loose(page), `slide ${slide.number}: ${c.address}`).toContain(loose(cited.get(c.address)!.passage.text));
    }
    // Slide 12's citations are not in its notes: they are printed under "Cited passages", each with its address.
    const balance = pages[ids.indexOf('balance')]!;
    expect(balance).toContain('ЦИТИРУЕМЫЕ ФРАГМЕНТЫ');
    for (const address of ['conv#p2.s2', 'conv#p2.s3', 'conv#p3.s3', 'conv#p4.s4', 'conv#p5.s1', 'conv#p5.s2']) expect(balance).toContain(address);
    // A passage that is already in the notes is not printed twice.
    expect(pages[terms]!.split(SENTENCE).length - 1).toBe(2); // on the slide and once below it
  });

  it('has the lecture title, course and date in the header and "стр. X из Y" in the footer of every page', () => {
    for (const layout of HANDOUTS) {
      const pages = texts.get(layout)!;
      pages.forEach((page, i) => {
        expect(page, `${layout} p.${i + 1}`).toContain(TITLE);
        expect(page, `${layout} p.${i + 1}`).toContain(`${COURSE} · Лекция 7`);
        expect(page, `${layout} p.${i + 1}`).toContain(`стр. ${i + 1} из ${pages.length}`);
      });
    }
  });

  it('shows every slide exactly once in each handout, in order, with its number and title', () => {
    for (const layout of ['2', '3-lines', '4', '6'] as const) {
      const all = texts.get(layout)!.join(' ');
      let at = -1;
      for (const slide of deck.slides) {
        const caption = `${slide.number} · ${slideLabel(deck, slide)}`;
        const next = all.indexOf(caption, at + 1);
        expect(next, `${layout}: ${caption}`).toBeGreaterThan(at);
        at = next;
      }
      // The page of the slide "terms" has its quoted sentence as text (a vector slide, not a picture).
      expect(texts.get(layout)![Math.floor(ids.indexOf('terms') / PER_PAGE[layout])]).toContain(SENTENCE);
    }
  });

  it('builds the reading pack: each cited passage, its address and the slides citing it, in source order, then the bibliography', () => {
    const all = texts.get('reading')!.join(' ');
    expect(all).toContain('Хрестоматия к лекции');
    for (const [address, { passage, slides: citing }] of cited) {
      expect(loose(all), address).toContain(loose(passage.text));
      const at = all.search(new RegExp(`${address.replace(/[.#]/g, '\\$&')}(?![-\\w])`));
      expect(at, address).toBeGreaterThanOrEqual(0);
      const label =
        (citing.length === 1 ? 'слайд ' : 'слайды ') +
        [...citing]
          .sort((a, b) => a - b)
          .map((n) => `${n} «${slideLabel(deck, deck.slides[n - 1]!)}»`)
          .join(', ');
      expect(all.slice(at, at + 400), address).toContain(label);
    }
    // Whole paragraphs come in paragraph order; shorter passages inside them are listed, not repeated.
    const order = ['conv#p1 ', 'conv#p2.s1 ', 'conv#p2.s2-s4 ', 'conv#p2.s5 ', 'conv#p3 ', 'conv#p4 ', 'conv#p5.s1 ', 'conv#p5.s2 ', 'conv#p5.s3 '].map((a) =>
      all.indexOf(a),
    );
    expect(order.every((n) => n >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(all.split(SENTENCE).length - 1).toBe(1);
    // The bibliography closes the pack.
    const bib = all.lastIndexOf('Источники');
    expect(bib).toBeGreaterThan(all.lastIndexOf('conv#'));
    expect(all.slice(bib)).toContain(deck.bibliography[0]!.entry);
  });

  it('embeds every font, draws slides as vectors and stays within twice the size of the deck PDF', async () => {
    const sizes: Record<string, number> = { deck: deckPdf.byteLength };
    for (const [layout, pdf] of pdfs) {
      const facts = await pdfFacts(pdf);
      expect(facts.fonts.length, layout).toBeGreaterThan(0);
      expect(
        facts.fonts.filter((f) => !f.embedded),
        layout,
      ).toEqual([]);
      expect(
        facts.fonts.some((f) => /PTSerif/.test(f.name)),
        layout,
      ).toBe(true);
      expect(await pdfImageCount(pdf), layout).toBe(0);
      expect(pdf.byteLength, layout).toBeLessThanOrEqual(2 * deckPdf.byteLength);
      sizes[layout] = pdf.byteLength;
    }
    console.info('PDF sizes (bytes):', JSON.stringify(sizes));
  });

  it('gives every handout its metadata', async () => {
    for (const [layout, pdf] of pdfs) {
      const info = await pdfInfo(pdf);
      expect(info.title, layout).toBe(TITLE);
      expect(info.lang, layout).toBe('ru');
      expect(info.creator, layout).toBe('Lectern');
      expect(info.tagged, layout).toBe(true);
    }
    expect((await pdfInfo(pdfs.get('4')!)).subject).toBe('Раздаточный материал: 4 слайда на странице — Пекинская конвенция 20 января 1925 г.');
    expect((await pdfInfo(pdfs.get('reading')!)).subject).toMatch(/^Хрестоматия к лекции/);
  });

  it('rules lines beside each slide of the 3-lines handout, as HTML', () => {
    const html = handoutDocument(deck, slides, '3-lines');
    const pages = html.split('<section class="lectern-page"').slice(1);
    expect(pages.length).toBe(5);
    for (const page of pages) {
      expect(page.match(/<svg data-marpit-svg/g)?.length).toBe(3);
      expect(page.match(/class="lectern-lines"/g)?.length).toBe(3);
      expect(page.match(/class="lectern-rule"/g)!.length).toBeGreaterThanOrEqual(3 * 8);
    }
    // Slides are Marp's SVG, never pictures of slides.
    expect(html).not.toMatch(/<img\b|data:image\/(png|jpe?g)/);
  });

  it('prints the ruled lines: thin gray rows on the right of the page', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-lines-'));
    try {
      const file = path.join(dir, 'lines.pdf');
      await writeFile(file, pdfs.get('3-lines')!);
      await promisify(execFile)(PDFTOPPM, ['-r', '50', '-gray', '-f', '1', '-l', '1', file, path.join(dir, 'page')]);
      const image = readPgm(await readFile(path.join(dir, 'page-1.pgm')));
      // The right-hand part of the page (beside the slides), below the header and above the footer.
      const x0 = Math.round(image.width * 0.62);
      const x1 = Math.round(image.width * 0.9);
      const ruled: number[] = [];
      for (let y = Math.round(image.height * 0.06); y < image.height * 0.92; y++) {
        let dark = 0;
        for (let x = x0; x < x1; x++) if (image.pixel(x, y) < 235) dark++;
        if (dark > 0.9 * (x1 - x0)) ruled.push(y);
      }
      // Lines are single thin rows (a 0.3 mm line is under a pixel at 50 dpi), about 7.5 mm (~15 px) apart.
      const lines = ruled.filter((y, i) => ruled[i - 1] !== y - 1);
      expect(lines.length).toBeGreaterThanOrEqual(30);
      expect(ruled.length).toBeLessThanOrEqual(lines.length * 2);
      const gaps = lines
        .slice(1)
        .map((y, i) => y - lines[i]!)
        .filter((g) => g < 30);
      for (const g of gaps) expect(g).toBeGreaterThanOrEqual(13);
      // And they are gray, not black.
      const y = lines[0]!;
      const shade = image.pixel(Math.round((x0 + x1) / 2), y);
      expect(shade).toBeGreaterThan(60);
      expect(shade).toBeLessThan(235);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps a slide with very long notes on one page, with smaller text', async () => {
    const long = 'Очень длинная заметка к первому слайду, которую лектор написал на несколько страниц. '.repeat(60);
    const heavy: Deck = { ...deck, slides: deck.slides.map((s, i) => (i === 0 ? { ...s, notes: [{ text: long }] } : s)) };
    const pdf = await printHandout(session, heavy, slides, 'notes', cited);
    const pages = (await pdfText(pdf)).map(flat);
    expect(pages.length).toBe(15);
    expect(pages[0]).toContain('Очень длинная заметка к первому слайду');
    expect(pages[0]).toContain('стр. 1 из 15');
    expect(pages[1]).toContain('План лекции');
  });

  it('escapes text into HTML and names the language', () => {
    const odd: Deck = { ...deck, title: 'A <b>bold</b> & "quoted" title', lang: 'en' };
    const html = handoutDocument(odd, slides, '6', { paper: 'Letter' });
    expect(html).toContain('A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; title');
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('page 1 of 3');
    expect(html).toContain('size: 215.9mm 279.4mm');
    const reading = readingDocument(odd, cited);
    expect(reading).not.toContain('<b>bold</b>');
    expect(reading).toContain('counter(pages)');
    // A lecture that cites nothing still gets a pack with its bibliography.
    const empty = readingDocument(deck, new Map());
    expect(empty).toContain('Фрагментов: 0');
    expect(empty).toContain(deck.bibliography[0]!.entry);
  });
});

/** A binary PGM (P5) as pdftoppm -gray writes it. */
function readPgm(data: Buffer): { width: number; height: number; pixel: (x: number, y: number) => number } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a PGM file');
  const [whole, w, h] = header;
  const width = Number(w);
  const height = Number(h);
  const offset = Buffer.byteLength(whole!, 'latin1');
  return { width, height, pixel: (x, y) => data[offset + y * width + x]! };
}
