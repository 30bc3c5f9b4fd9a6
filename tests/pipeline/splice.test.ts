/**
 * A large deck where a few slides changed prints just those slides, and their
 * pages replace the old ones in the previous PDF. What a reader of the PDF
 * sees must be exactly what a full print gives: the pages, their text, the
 * bookmarks, the tagged structure of every page (as pdf.js reads it), the
 * embedded fonts — and the file must not grow with each edit.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createEngine, type BuildEvent, type Engine } from '../../src/pipeline/build.js';
import type { Problem } from '../../src/errors.js';
import type { BrowserSession } from '../../src/print/browser/index.js';
import { pdfAnnotations, pdfBookmarks } from '../helpers/pdf-outline.js';
import { flat, pdfFacts, pdfText } from '../helpers/pdf.js';
import { exampleProject, sharedSession } from '../helpers/project.js';

const SLIDES = 24;
/** Slide 10 (0-based 9) has a bullet far longer than fits. */
const TOO_LONG = 9;

function outline(titles: Record<number, string> = {}, deckTitle = 'Большая лекция'): string {
  let text = `title: ${deckTitle}\nlang: ru\nsources:\n  conv: ../sources/ussr-japan-1925.txt\nslides:\n`;
  for (let i = 0; i < SLIDES; i++) {
    const title = titles[i] ?? `Слайд ${i + 1}`;
    if (i === TOO_LONG) {
      // One bullet far too long for a slide (bullets continue on further slides; one bullet cannot).
      text += `  - title: ${title}\n    bullets:\n      - text: ${Array.from({ length: 30 }, (_, n) => `Пункт номер ${n + 1}, достаточно длинный, чтобы занять строку.`).join(' ')}\n`;
    } else if (i % 6 === 0) {
      text += `  - layout: section\n    title: ${title}\n`;
    } else if (i % 3 === 1) {
      text += `  - title: ${title}\n    quote:\n      ref: conv#p2.s1\n`;
    } else {
      text += `  - title: ${title}\n    bullets:\n      - ref: conv#p2.s2\n      - ref: conv#p3.s1\n    notes:\n      - ref: conv#p2.s3\n`;
    }
  }
  return text;
}

/** Each page's tagged structure as pdf.js reads it (roles, nesting, how many pieces of content). */
async function structure(file: string): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  const out: string[] = [];
  type Node = { role?: string; type?: string; children?: Node[] };
  const shape = (n: Node): string => (n.type === 'content' ? 'c' : `${n.role}(${(n.children ?? []).map(shape).join(',')})`);
  for (let i = 1; i <= doc.numPages; i++) {
    const tree = (await (await doc.getPage(i)).getStructTree()) as Node | null;
    out.push(tree ? shape(tree) : 'none');
  }
  await doc.destroy();
  return out;
}

describe('printing again only the slides that changed', () => {
  let dir: string;
  let file: string;
  let pdf: string;
  let session: BrowserSession;
  let engine: Engine;

  const run = async (force = false, pdfNotes = false) => {
    const events: BuildEvent[] = [];
    const warnings: Problem[] = [];
    engine.sources.clear();
    await build({
      cwd: dir,
      outlines: [file],
      formats: ['pdf'],
      session,
      engine,
      force,
      pdfNotes,
      onEvent: (e) => (e.type === 'warning' ? warnings.push(e.problem) : events.push(e)),
    });
    const output = events.find((e) => e.type === 'output' && e.format === 'pdf') as Extract<BuildEvent, { type: 'output' }>;
    return { printed: output.printed, cached: output.cached, overflow: warnings.filter((w) => w.code === 'render/overflow') };
  };

  /** What a reader sees, from a full print of the same outline (in a folder of its own). */
  const fullPrint = async () => {
    const copy = path.join(dir, 'full');
    const { cp } = await import('node:fs/promises');
    await cp(path.join(dir, 'outlines'), path.join(copy, 'outlines'), { recursive: true });
    await cp(path.join(dir, 'sources'), path.join(copy, 'sources'), { recursive: true });
    await build({ cwd: copy, outlines: [path.join(copy, 'outlines', 'big.yaml')], formats: ['pdf'], session, engine: createEngine(copy), force: true });
    return path.join(copy, 'out', 'big.pdf');
  };

  beforeAll(async () => {
    dir = await exampleProject();
    file = path.join(dir, 'outlines', 'big.yaml');
    pdf = path.join(dir, 'out', 'big.pdf');
    session = sharedSession();
    engine = createEngine(dir);
    await writeFile(file, outline());
    const first = await run();
    expect(first.printed).toBeUndefined();
    expect(first.overflow.map((w) => w.message)).toEqual([expect.stringMatching(/^slide 10 «Слайд 10» does not fit: its content is \d+px too tall/)]);
  });
  afterAll(() => session.close());

  it('prints one changed slide, and the PDF reads as a full print: pages, text, bookmarks, structure, fonts', async () => {
    await writeFile(file, outline({ 4: 'Новое название четвёртого' }));
    const result = await run();
    expect(result.printed).toBe(1);
    // Slide 10 still overflows, though it was not printed again.
    expect(result.overflow).toHaveLength(1);
    expect(result.overflow[0]!.message).toMatch(/^slide 10 /);

    const spliced = await pdfText(pdf);
    expect(spliced).toHaveLength(SLIDES);
    expect(flat(spliced[4]!)).toContain('Новое название четвёртого');
    expect(spliced.filter((p) => flat(p).includes('Новое название'))).toHaveLength(1);

    const full = await fullPrint();
    expect(spliced).toEqual(await pdfText(full));
    const bookmarks = await pdfBookmarks(pdf);
    expect(bookmarks).toEqual(await pdfBookmarks(full));
    expect(JSON.stringify(bookmarks)).toContain('Новое название четвёртого');
    const tags = await structure(pdf);
    expect(tags).toEqual(await structure(full));
    expect(tags[4]).toMatch(/^Root\(Document\(.*H[12]\(/);
    const facts = await pdfFacts(pdf);
    expect(facts.pages).toBe(SLIDES);
    expect(facts.fonts.length).toBeGreaterThan(0);
    expect(facts.fonts.every((f) => f.embedded)).toBe(true);
    expect(facts.title).toBe('Большая лекция');
  });

  it('does not grow edit after edit: what the replaced pages used is dropped', async () => {
    const sizes: number[] = [];
    for (const name of ['Первое', 'Второе', 'Третье', 'Четвёртое']) {
      await writeFile(file, outline({ 4: name, 7: `${name} ещё` }));
      expect((await run()).printed).toBe(2);
      sizes.push((await readFile(pdf)).byteLength);
    }
    const full = (await readFile(await fullPrint())).byteLength;
    // Each reprinted page carries its own font subsets (~17 KB here): larger than a full print by that, and no more after more edits.
    for (const size of sizes) expect(size).toBeLessThan(full + 2 * 25_000);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(full * 0.05);
  });

  it('reprints the overflowing slide itself when it changes, and still reports it', async () => {
    await writeFile(file, outline({ 4: 'Четвёртое', 7: 'Четвёртое ещё', [TOO_LONG]: 'Всё ещё слишком длинный' }));
    const result = await run();
    expect(result.printed).toBe(1);
    expect(result.overflow.map((w) => w.message)).toEqual([expect.stringMatching(/^slide 10 «Всё ещё слишком длинный» does not fit/)]);
  });

  it('prints the whole deck when many slides changed, or anything around the slides', async () => {
    const many = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [i + 1, `Иное ${i}`]));
    await writeFile(file, outline(many));
    expect((await run()).printed).toBeUndefined();
    await writeFile(file, outline(many, 'Другая лекция'));
    const retitled = await run();
    expect(retitled.printed).toBeUndefined();
    expect((await pdfFacts(pdf)).title).toBe('Другая лекция');
    // Unchanged: nothing printed, and the overflow is still reported.
    const again = await run();
    expect(again.cached).toBe(true);
    expect(again.overflow).toHaveLength(1);
  });

  it('prints everything with --force', async () => {
    await writeFile(file, outline({ 2: 'Сила' }, 'Другая лекция'));
    expect((await run(true)).printed).toBeUndefined();
    expect(flat((await pdfText(pdf))[2]!)).toContain('Сила');
  });

  it('with --pdf-notes: a changed note alone prints again, and no page gets a second notes annotation', async () => {
    await writeFile(file, outline({ 2: 'С заметками' }));
    expect((await run(false, true)).printed).toBeUndefined();
    const notesPages = (await pdfAnnotations(pdf)).map((a) => a.page);
    expect(notesPages.length).toBeGreaterThan(0);
    // One title changed: notes annotations are on many pages, so the deck prints whole.
    await writeFile(file, outline({ 2: 'С заметками', 5: 'Ещё одна правка' }));
    expect((await run(false, true)).printed).toBeUndefined();
    expect((await pdfAnnotations(pdf)).map((a) => a.page)).toEqual(notesPages);
    // Only a note's text changed: the slides look the same, the PDF does not.
    await writeFile(
      file,
      outline({ 2: 'С заметками', 5: 'Ещё одна правка' }).replace('notes:\n      - ref: conv#p2.s3\n', 'notes:\n      - text: Новая заметка к слайду\n'),
    );
    const again = await run(false, true);
    expect(again.cached).toBeFalsy();
    expect((await pdfAnnotations(pdf)).some((a) => a.contents?.includes('Новая заметка к слайду'))).toBe(true);
  });
});
