/**
 * A lecture whose sources are the files lecturers really have (issue 16):
 * a two-column journal PDF with page labels (i, 45, 46), a scanned page read
 * by Tesseract, a DOCX with footnotes and a comment, a saved web page with
 * scripts, and an EPUB with a page list. Built in Chromium; each slide's
 * page is read back for the quoted sentence and its citation with the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject, session, type Built } from './build-project.js';

let lecture: Built;
afterAll(() => session.close());

beforeAll(async () => {
  lecture = await buildProject(
    'formats',
    { formats: ['md', 'pdf'], handouts: ['reading'] },
    {
      'sources/journal.pdf': 'sources/pdf/journal.pdf',
      'sources/scan-en.pdf': 'sources/scan/scan-en.pdf',
      'sources/printing.docx': 'sources/docx/printing.docx',
      'sources/tallow-candle.html': 'sources/html/tallow-candle.html',
      'sources/lamps.epub': 'sources/epub/lamps.epub',
    },
  );
}, 150_000);

describe('a lecture citing PDF, a scan, DOCX, HTML and EPUB', () => {
  const page = async (title: string) => (await lecture.pages('formats.pdf')).find((p) => p.startsWith(title)) ?? '';

  it('cites the PDF by its printed pages, a footnote by its mark, a caption on its own', async () => {
    const first = await page('What a compiler does');
    expect(first).toContain('A compiler translates a program written in one language into another.');
    expect(first).toContain('The term is from an old textbook, which uses it loosely.');
    expect(first).toContain('Notes on Compilers, p. 45');
    expect(first).toContain('p. 45, n. 1');
    // The sentence runs from printed page 45 onto 46: both pages. "type-specialized" keeps its hyphen across the line end.
    const across = await page('Across a page break');
    expect(across).toContain('Such type-specialized code runs fast but takes space');
    expect(across).toContain('Notes on Compilers, pp. 45–46');
    const figure = await page('The figure');
    expect(figure).toContain('Figure 1. The passes of a type-specialized compiler, from source text to machine code.');
    expect(await page('What page 46 says')).toContain('Notes on Compilers, p. 46');
  });

  it('cites the scanned page through OCR, with its page', async () => {
    const scan = await page('A scanned page');
    expect(scan).toContain('Everything changed when the railway reached the valley in the autumn of 1871.');
    expect(scan).toContain('p. 1');
  });

  it('cites the DOCX by paragraph and its footnote by its mark; the comment appears nowhere', async () => {
    const press = await page('The press');
    expect(press).toContain('Johannes Gutenberg began printing with movable type in Mainz around 1450.');
    expect(press).toContain('Estimates vary between authors.');
    expect(press).toContain('The Printing Press and Its Readers, para. 1, n. 1');
  });

  it('cites the web page’s article and the e-book by its printed page', async () => {
    const candles = await page('Candles');
    expect(candles).toContain('A tallow candle is a candle made from tallow, the rendered fat of cattle or sheep.');
    expect(candles).toContain('Tallow candle, para. 1');
    const book = await page('By candlelight');
    expect(book).toContain('Still, people read by candlelight every evening.');
    expect(book).toContain('Lamps and Candles, p. 12');
    expect(book).toContain('Before the nineteenth century, that is.');
    const all = (await lecture.pages('formats.pdf')).join(' ');
    expect(all).not.toMatch(/SCRIPT|example\.invalid/);
  });

  it('lists every source, and the reading pack gives each passage with its pages', async () => {
    const sources = await page('Sources');
    for (const title of [
      'Ada Lecturer. Notes on Compilers. 2024.',
      'The Printing Press and Its Readers',
      'Tallow candle',
      'Jane Doe. Lamps and Candles. Example Press, 1923.',
    ])
      expect(sources).toContain(title);
    const reading = (await lecture.pages('formats.reading.pdf')).join(' ');
    expect(reading).toContain('A compiler translates a program written in one language into another.');
    expect(reading).toContain('p. 45');
    expect(reading).toContain('p. 12');
    expect(reading).toContain('Everything changed when the railway reached the valley');
  });

  it('builds without errors, and warns of nothing but what the sources are', () => {
    expect(lecture.result.warnings.filter((w) => w.code === 'render/overflow')).toEqual([]);
    expect(lecture.result.outputs.map((o) => o.format).sort()).toEqual(['md', 'pdf', 'reading']);
  });
});
