/**
 * Print pages are kept warm between prints: each holds a document with the
 * embedded fonts decoded, and a print document carrying the same fonts is put
 * into it instead of loading whole. Whatever the route, the PDF must be the
 * same: pages, text, language, tagged structure, images (in <img> and in CSS),
 * scripts run — and nothing of an earlier document may remain.
 */
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/print/browser/index.js';
import { FONTS_PLACEHOLDER, fontsDocument } from '../../src/render/fonts.js';
import { printPdf } from '../../src/print/pdf.js';
import { pdfImageCount, pdfInfo } from '../helpers/pdf-outline.js';
import { flat, pdfFacts, pdfText } from '../helpers/pdf.js';
import { inject } from 'vitest';

/** A small PNG of noise (so that Chromium keeps it as an image), as a data URL. */
function pngDataUrl(seed: number): string {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 255]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(32, 0);
  ihdr.writeUInt32BE(32, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((32 * 3 + 1) * 32);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919 + seed) % 251;
  const png = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

const doc = (lang: string, body: string, head = '') =>
  `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>Документ</title>${FONTS_PLACEHOLDER}${head}<style>@page { size: 400px 300px; margin: 0; } body { margin: 0; font-family: 'PT Sans'; } section { height: 300px; overflow: hidden; display: flow-root; break-after: page; } section:last-of-type { break-after: auto; }</style></head><body>${body}</body></html>`;

const russian = doc('ru', '<section><h1>Пекинская конвенция</h1><p>Подписана 20 января 1925 г.</p></section><section><h2>Вторая страница</h2></section>');
const images = doc(
  'en',
  `<section><h1>Pictures</h1><img alt="noise" src="${pngDataUrl(1)}" width="64" height="64"><div class="bg" style="width:64px;height:64px"></div></section>`,
  `<style>.bg { background-image: url('${pngDataUrl(2)}'); }</style>`,
);
const scripted = doc('en', '<section><h1 id="x">Before</h1></section><script>document.getElementById("x").textContent = "Written by the script";</script>');

const print = (session: BrowserSession, html: string) => printPdf(session, html, { width: 400, height: 300 });

describe('printing through warm pages', () => {
  // One page each, so that every print reuses the page the previous one used.
  const warm = new BrowserSession({ wsEndpoint: inject('browserWSEndpoint'), preload: fontsDocument, pages: 1 });
  const cold = new BrowserSession({ wsEndpoint: inject('browserWSEndpoint'), pages: 1 });
  afterAll(() => Promise.all([warm.close(), cold.close()]));

  /** Whether the (only) page still holds the fonts document, i.e. the print went into it. */
  const holdsFonts = () => warm.withPage((page) => page.evaluate(() => document.documentElement.hasAttribute('data-lectern-fonts')));

  it('gives the same PDF as a document loaded whole: pages, text, language, tags, fonts', async () => {
    const [a, b] = [await print(warm, russian), await print(cold, russian)];
    expect(await holdsFonts()).toBe(true);
    expect(await pdfText(a)).toEqual(await pdfText(b));
    expect((await pdfText(a)).map(flat)).toEqual(['Пекинская конвенция Подписана 20 января 1925 г.', 'Вторая страница']);
    const [infoA, infoB] = [await pdfInfo(a), await pdfInfo(b)];
    expect(infoA).toMatchObject({ lang: 'ru', tagged: true, title: 'Документ' });
    expect({ ...infoA, creationDate: 0, modificationDate: 0 }).toEqual({ ...infoB, creationDate: 0, modificationDate: 0 });
    expect((await pdfFacts(a)).fonts.every((f) => f.embedded)).toBe(true);
  });

  it('prints images in <img> and in CSS right after the document is put in', async () => {
    const [a, b] = [await pdfImageCount(await print(warm, images)), await pdfImageCount(await print(cold, images))];
    expect(a).toBe(b);
    expect(a).toBeGreaterThanOrEqual(2);
    // Without the two images, none: the count above is theirs.
    expect(await pdfImageCount(await print(warm, doc('en', '<section><h1>No pictures</h1></section>')))).toBe(0);
  });

  it('runs the document’s scripts, and keeps nothing of the previous document', async () => {
    const text = (await pdfText(await print(warm, scripted))).map(flat);
    expect(text).toEqual(['Written by the script']);
    const next = await print(warm, images);
    expect((await pdfText(next)).map(flat).join(' ')).not.toMatch(/script|Пекинская/);
    expect((await pdfInfo(next)).lang).toBe('en');
    expect(await holdsFonts()).toBe(true);
  });

  it('loads a document with other fonts whole', async () => {
    const other = russian.replace(FONTS_PLACEHOLDER, '');
    expect((await pdfText(await print(warm, other))).map(flat)[0]).toContain('Пекинская конвенция');
    expect(await holdsFonts()).toBe(false);
    // …and the page still prints the usual documents afterwards.
    expect((await pdfText(await print(warm, russian))).map(flat)[1]).toBe('Вторая страница');
  });
});
