/**
 * The formulas lecture (tests/fixtures/formulas) built as a lecturer builds it:
 * HTML deck, PDF, a handout and slide images. Formulas and code are set in
 * embedded fonts everywhere (KaTeX's faces, PT Mono) with nothing fetched and
 * no system font standing in; revealed bullets are marked in the HTML deck
 * and every printed output shows the finished slide.
 */
import { cp, readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import type { Problem } from '../../src/errors.js';
import { flat, pdfFacts, pdfText } from '../helpers/pdf.js';
import { pngSize } from '../helpers/png.js';
import { ROOT, sharedSession, tempDir } from '../helpers/project.js';
import { woff2Cmap } from '../../src/render/fonts.js';

const session = sharedSession();
afterAll(() => session.close());

let dir = '';
let warnings: Problem[] = [];
const out = (file: string) => path.join(dir, 'out', file);

beforeAll(async () => {
  dir = await tempDir();
  await cp(path.join(ROOT, 'tests/fixtures/formulas'), dir, { recursive: true });
  const result = await build({ cwd: dir, formats: ['html', 'pdf', 'png'], handouts: ['4'], session, force: true });
  warnings = result.warnings;
}, 120_000);

/** Fonts a PDF names, without their subset prefix. */
async function fontNames(file: string): Promise<Array<{ name: string; embedded: boolean }>> {
  return (await pdfFacts(file)).fonts.map((f) => ({ name: f.name.replace(/^\/?[A-Z]{6}\+/, ''), embedded: f.embedded }));
}

describe('the formulas lecture', () => {
  it('prints formulas in KaTeX’s embedded faces and code in PT Mono, in the deck and the handout, with no other font', async () => {
    for (const file of ['formulas.pdf', 'formulas.handout-4.pdf']) {
      const fonts = await fontNames(out(file));
      const names = new Set(fonts.map((f) => f.name));
      for (const face of ['KaTeX_Main-Regular', 'KaTeX_Math-Italic', 'KaTeX_AMS-Regular', 'KaTeX_Caligraphic-Regular', 'PTMono-Regular'])
        expect(names).toContain(face);
      expect(fonts.filter((f) => !f.embedded)).toEqual([]);
      expect([...names].filter((n) => !/^(PT(Sans|Serif|Mono)|KaTeX_)/.test(n))).toEqual([]);
    }
  });

  it('embeds only the KaTeX faces the formulas use, as data URLs, and names no font file to fetch', async () => {
    const html = await readFile(out('formulas.html'), 'utf8');
    const katexFaces = [
      ...html.matchAll(/font-family: (KaTeX_\w+);\s*font-style: (\w+);\s*font-weight: (\d+);\s*font-display: block;\s*src: url\(data:font\/woff2;base64,/g),
    ].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(katexFaces).toEqual(expect.arrayContaining(['KaTeX_Main normal 400', 'KaTeX_Math italic 400', 'KaTeX_AMS normal 400']));
    expect(katexFaces).not.toContain('KaTeX_Fraktur normal 400');
    // Each cut down to the characters the formulas draw, as the PT faces are (the PDFs keep whole faces: see above).
    const katexDir = path.join(path.dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist/fonts');
    const embedded = new Map(
      [...html.matchAll(/font-family: (KaTeX_\w+);\s*font-style: (\w+);[^}]*?base64,([A-Za-z0-9+/=]+)/g)].map((m) => [
        `${m[1]!}-${m[2] === 'italic' ? 'Italic' : 'Regular'}`,
        Buffer.from(m[3]!, 'base64'),
      ]),
    );
    for (const [face, data] of embedded) expect(data.length, face).toBeLessThan((await readFile(path.join(katexDir, `${face}.woff2`))).length / 4);
    const drawn = (face: string, ch: string) => woff2Cmap(embedded.get(face)!).has(ch.codePointAt(0)!);
    expect(
      ['=', '1', '3', '∫', '∑', '→'].filter((ch) => !drawn('KaTeX_Main-Regular', ch) && !drawn('KaTeX_Size1-Regular', ch) && !drawn('KaTeX_Size2-Regular', ch)),
    ).toEqual([]);
    expect(['π', 'E', 'x', 'n'].filter((ch) => !drawn('KaTeX_Math-Italic', ch))).toEqual([]);
    expect(drawn('KaTeX_Main-Regular', 'Q') || drawn('KaTeX_Math-Italic', 'a')).toBe(false);
    expect(html).not.toMatch(/url\(\s*['"]?(?!data:)[^)'"]*\.(woff2?|ttf)/);
    expect(html).toMatch(/font-family: 'PT Mono';/);
    // With every KaTeX face whole the deck weighed 369 KB.
    expect(Buffer.byteLength(html)).toBeLessThan(300_000);
    // The glyph check (render/page.ts) takes formulas as KaTeX's embedded faces draw them (π, ∫, ∑, ∞, →): no warning.
    expect(warnings.filter((w) => w.code === 'render/missing-glyph')).toEqual([]);
  });

  it('reads the formulas’ scripts and limits as small print: nothing too small to read', () => {
    expect(warnings.filter((w) => w.code === 'render/too-small')).toEqual([]);
  });

  it('marks revealed bullets for the deck, and prints every one of them', async () => {
    const html = await readFile(out('formulas.html'), 'utf8');
    expect([...html.matchAll(/data-marpit-fragment="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5, 1, 2]);
    const pages = (await pdfText(out('formulas.pdf'))).map(flat);
    expect(pages).toHaveLength(4);
    for (const text of ['Энергия покоя', 'Эйлер, 1734', 'Задача Базеля']) expect(pages[1]).toContain(text);
    expect(pages[3]).toContain('Второй');
    expect(pages[0]).toContain('$5 (это доллар, не формула)');
    expect(pages[2]).toContain('<!-- не комментарий -->');
    expect(pages[2]).toContain('</section>');
  });

  it('shoots every slide, formulas and code included', async () => {
    const images = (await readdir(out('formulas'))).filter((f) => f.endsWith('.png')).sort();
    expect(images).toEqual(['001.png', '002.png', '003.png', '004.png']);
    for (const image of images) expect(pngSize(await readFile(path.join(out('formulas'), image)))).toEqual({ width: 1280, height: 720 });
  });
});
