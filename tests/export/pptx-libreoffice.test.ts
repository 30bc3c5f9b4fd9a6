/**
 * The PowerPoint files opened by a real client: LibreOffice Impress converts each PPTX (the
 * example lecture, every layout at 16:9 and at 4:3, an English lecture) to PDF with its notes pages, in a private
 * profile, and poppler reads the result: a slide page per deck slide then a notes page each;
 * every title, bullet, quote, event, column, caption, source and citation line extractable on
 * its page; the notes and cited passages on the notes pages; every word inside its page and no
 * two words on top of each other (text that overflowed its box would run into the next); the
 * theme's colours in the rendered pixels. Skipped where LibreOffice is not installed;
 * LECTERN_PPTX_PNG=DIR keeps PNGs of the slides.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulletItem, Deck, DeckSlide } from '../../src/deck/model.js';
import { writePptx } from '../../src/export/pptx.js';
import { allLayoutsDeck, englishDeck, exampleDeck, THEME_CSS } from '../fixtures/export/decks.js';
import { tempDir } from '../helpers/project.js';

// Never skipped: .ci/run installs LibreOffice Impress (with the PT fonts) and poppler; a developer needs them too.
const SOFFICE = ['soffice', 'libreoffice'].find((cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore', timeout: 60_000 }).status === 0) ?? 'soffice';

/** Runs a command to its end; on timeout its whole process group is killed, and awaited. */
function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new Error(`${cmd} timed out after ${timeoutMs} ms\n${stderr}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

async function poppler(cmd: string, args: string[]): Promise<string> {
  const r = await run(cmd, args, 60_000);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Text compared without its spaces: where a line breaks, pdftotext may add a space or drop one. */
const norm = (s: string): string => s.normalize('NFKC').replace(/[\s\u00ad]+/g, '');

interface Case {
  name: string;
  deck: Deck;
  pdf: string;
  pages: number;
}

/** What must be readable on a slide's page. */
function expectedText(deck: Deck, s: DeckSlide): string[] {
  const bullets = (items: BulletItem[]): string[] => items.flatMap((b) => [...(b.md === undefined ? [b.text] : []), ...bullets(b.bullets)]);
  const out: string[] = [];
  const fallback =
    s.layout === 'title'
      ? deck.title
      : s.layout === 'agenda'
        ? deck.strings.agenda
        : s.layout === 'questions'
          ? deck.strings.questionsPrompt
          : s.layout === 'sources'
            ? deck.strings.sources
            : undefined;
  const title = s.title ?? fallback;
  if (title) out.push(s.continued ? `${title} (${deck.strings.continued})` : title);
  if (s.layout === 'title') out.push(...[deck.subtitle, deck.author].filter((x): x is string => !!x));
  if (s.layout === 'section' && s.subtitle) out.push(s.subtitle);
  out.push(...s.paragraphs.filter((p) => p.md === undefined).map((p) => p.text));
  out.push(...bullets(s.bullets));
  if (s.quote) {
    out.push(s.quote.parts ? s.quote.parts.join('') : s.quote.text);
    if (s.quote.attribution) out.push(`— ${s.quote.attribution}`);
  }
  for (const t of s.timeline) out.push(t.date, t.text);
  for (const c of s.columns) {
    if (c.title) out.push(c.title);
    if (c.quote?.parts) out.push(c.quote.parts.join(''));
    out.push(...c.paragraphs.map((p) => p.text), ...bullets(c.bullets));
  }
  if (s.image?.caption) out.push(s.image.caption);
  if (s.layout === 'sources') out.push(...deck.bibliography.map((b) => b.entry));
  if (s.layout === 'agenda') out.push(...deck.sections.map((x) => x.title));
  if (s.citeLine) out.push(s.citeLine);
  return out;
}

interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function pagesOfBbox(html: string): Array<{ width: number; height: number; words: Word[] }> {
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
    words: [...m[3]!.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)].map((w) => ({
      x0: Number(w[1]),
      y0: Number(w[2]),
      x1: Number(w[3]),
      y1: Number(w[4]),
      text: w[5]!,
    })),
  }));
}

/** An RGB raster of one page (pdftoppm's PPM), for its colours. */
async function raster(
  pdf: string,
  page: number,
  dir: string,
): Promise<{ width: number; height: number; at: (x: number, y: number) => [number, number, number]; count: (hex: string, tol?: number) => number }> {
  const base = path.join(dir, `raster-${path.basename(pdf, '.pdf')}-${page}`);
  await poppler('pdftoppm', ['-r', '30', '-f', String(page), '-l', String(page), '-singlefile', pdf, base]);
  const b = await readFile(`${base}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(b.subarray(0, 50).toString('latin1'))!;
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = b.subarray(header[0].length);
  const at = (x: number, y: number): [number, number, number] => {
    const i = (y * width + x) * 3;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
  const count = (hex: string, tol = 24): number => {
    const want = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    let n = 0;
    for (let i = 0; i < width * height * 3; i += 3)
      if (Math.abs(data[i]! - want[0]!) + Math.abs(data[i + 1]! - want[1]!) + Math.abs(data[i + 2]! - want[2]!) <= tol) n++;
    return n;
  };
  return { width, height, at, count };
}

const near = (rgb: [number, number, number], hex: string, tol = 24): boolean =>
  rgb.reduce((d, v, i) => d + Math.abs(v - parseInt(hex.slice(i * 2, i * 2 + 2), 16)), 0) <= tol;

describe('the PowerPoint in LibreOffice Impress', () => {
  let dir: string;
  const cases: Case[] = [];

  beforeAll(async () => {
    dir = await tempDir('lectern pptx ');
    const decks: Array<[string, Deck]> = [
      ['example', await exampleDeck()],
      ['all-16x9', await allLayoutsDeck('16:9')],
      ['all-4x3', await allLayoutsDeck('4:3')],
      ['english', await englishDeck()],
    ];
    const files: string[] = [];
    for (const [name, deck] of decks) {
      const file = path.join(dir, `${name}.pptx`);
      await writeFile(file, await writePptx(deck, { themeCss: THEME_CSS, themeName: 'lectern' }));
      files.push(file);
      cases.push({ name, deck, pdf: path.join(dir, 'pdf', `${name}.pdf`), pages: 0 });
    }
    await mkdir(path.join(dir, 'pdf'));
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const filter = 'pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"}}';
    const r = await run(
      SOFFICE,
      ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', filter, '--outdir', path.join(dir, 'pdf'), ...files],
      120_000,
    );
    if (r.code !== 0) throw new Error(`LibreOffice failed (${r.code}): ${r.stderr}`);
    for (const c of cases) c.pages = Number(/Pages:\s+(\d+)/.exec(await poppler('pdfinfo', [c.pdf]))![1]);
    // LECTERN_PPTX_PNG=DIR keeps the slides as PNGs to look at (50 dpi).
    const keep = process.env.LECTERN_PPTX_PNG;
    if (keep) {
      await mkdir(keep, { recursive: true });
      for (const c of cases) await poppler('pdftoppm', ['-r', '50', '-png', '-l', String(c.deck.slides.length), c.pdf, path.join(keep, c.name)]);
    }
  }, 180_000);

  afterAll(() => {
    // The temporary folder is left to the system's cleaning, as the other tests leave theirs.
  });

  it('opens every file: a slide page per deck slide, then a notes page each', () => {
    for (const c of cases) expect(c.pages, c.name).toBe(2 * c.deck.slides.length);
  });

  it('shows every slide its title and its text, on its own page', async () => {
    for (const c of cases) {
      for (const s of c.deck.slides) {
        const page = norm(await poppler('pdftotext', ['-raw', '-f', String(s.number), '-l', String(s.number), c.pdf, '-']));
        for (const text of expectedText(c.deck, s)) expect(page, `${c.name} slide ${s.number}`).toContain(norm(text));
      }
    }
  });

  it("puts each slide's notes and cited passages on its notes page", async () => {
    for (const c of cases) {
      const n = c.deck.slides.length;
      for (const s of c.deck.slides) {
        const page = norm(await poppler('pdftotext', ['-raw', '-f', String(n + s.number), '-l', String(n + s.number), c.pdf, '-']));
        for (const note of s.notes) expect(page, `${c.name} notes ${s.number}`).toContain(norm(note.text).slice(0, 60));
        // A printed notes page holds what fits under the slide's picture: on 4:3 pages, long notes are cut.
        const cited = s.bullets.find((b) => b.passage && b.citation);
        if (cited && c.deck.size === '16:9')
          expect(page, `${c.name} notes ${s.number}`).toContain(norm(`[${cited.citation!.short}] ${cited.passage!}`).slice(0, 80));
      }
    }
  });

  it('keeps every word inside its slide, the body inside its box, and no word over another', async () => {
    for (const c of cases) {
      const html = await poppler('pdftotext', ['-bbox-layout', '-f', '1', '-l', String(c.deck.slides.length), c.pdf, '-']);
      const pages = pagesOfBbox(html);
      expect(pages.length).toBe(c.deck.slides.length);
      pages.forEach((page, i) => {
        const where = `${c.name} slide ${i + 1}`;
        expect(page.words.length, where).toBeGreaterThan(0);
        for (const w of page.words) {
          expect(
            w.x0 >= -0.5 && w.y0 >= -0.5 && w.x1 <= page.width + 0.5 && w.y1 <= page.height + 0.5,
            `${where}: "${w.text}" at ${w.x0},${w.y0}–${w.x1},${w.y1}`,
          ).toBe(true);
        }
        // Nothing runs out of the body's box on content slides: under its bottom (636 of 720 px) only
        // the citation line and the slide number.
        const s = c.deck.slides[i]!;
        if (s.layout !== 'title' && s.layout !== 'section') {
          const bottom = (636 / 720) * page.height + 3; // pdftotext boxes take in the whole descent
          for (const w of page.words.filter((x) => x.y1 > bottom)) {
            expect(/^\d+$/.test(w.text) || norm(s.citeLine).includes(norm(w.text)), `${where}: "${w.text}" below the body (${w.y1} > ${bottom})`).toBe(true);
          }
        }
        for (let a = 0; a < page.words.length; a++) {
          for (let b = a + 1; b < page.words.length; b++) {
            const p = page.words[a]!;
            const q = page.words[b]!;
            const ix = Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0);
            const iy = Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0);
            const smaller = Math.min((p.x1 - p.x0) * (p.y1 - p.y0), (q.x1 - q.x0) * (q.y1 - q.y0));
            expect(ix > 0 && iy > 0 && ix * iy > 0.2 * smaller, `${where}: "${p.text}" overlaps "${q.text}"`).toBe(false);
          }
        }
      });
    }
  });

  it("paints the theme's colours: dark title and section slides, paper content slides with the accent rule, the highlight", async () => {
    const c = cases.find((x) => x.name === 'example')!;
    for (const s of c.deck.slides) {
      const r = await raster(c.pdf, s.number, dir);
      const corner = r.at(2, 2);
      if (s.layout === 'title' || s.layout === 'section') expect(near(corner, '1F2937'), `slide ${s.number} ${corner.join(',')}`).toBe(true);
      else {
        expect(near(corner, 'FFFFFF'), `slide ${s.number} ${corner.join(',')}`).toBe(true);
        // The accent rule under the title: at least its length in pixels of the accent colour.
        expect(r.count('9A3412', 40), `slide ${s.number}`).toBeGreaterThan(r.width * 0.5);
      }
      if (s.quote?.parts) expect(r.count('FDE68A', 30), `slide ${s.number}`).toBeGreaterThan(50);
    }
  });
});
