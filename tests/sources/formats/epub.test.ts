import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LecternError } from '../../../src/errors.js';
import { readEpub } from '../../../src/sources/formats/epub.js';

const DIR = path.resolve(__dirname, '../../fixtures/sources/epub');
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(DIR, name)));
const read = (name: string) => readEpub(bytesOf(name), path.join(DIR, name), { lang: 'en' });

async function failure(run: Promise<unknown>): Promise<LecternError> {
  try {
    await run;
  } catch (err) {
    expect(err).toBeInstanceOf(LecternError);
    return err as LecternError;
  }
  throw new Error('expected an error');
}

describe('readEpub', () => {
  it('reads the chapters in spine order, headings first, the chapter title where a chapter has none', async () => {
    const doc = await read('lamps.epub');
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Chapter One: The Candle'],
      ['body', 'The candle was the light of the poor for many centuries. It was made of tallow or, in richer houses, of wax.'],
      ['body', 'A tallow candle smoked and smelled, and its wick had to be trimmed every few minutes with special scissors.'],
      ['body', 'Still, people read by candlelight every evening.'],
      ['footnote', 'Before the nineteenth century, that is.'],
      ['heading', 'Chapter Two: The Lamp'],
      ['body', 'The oil lamp gave a brighter and steadier flame.'],
      ['body', 'Kerosene made the lamp cheap enough for every home.'],
      ['heading', 'Chapter Three: Electric Light'],
      ['body', 'Electric light came last, and it changed the evening for good.'],
      ['body', 'Nobody trims a wick any more.'],
    ]);
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.level)).toEqual([1, 1, 1]);
    expect(doc.blocks[4]!.note).toBe('1');
    expect(doc.warnings).toEqual([]);
  });

  it('gives the printed pages of the page list, each block its page and the break inside a paragraph', async () => {
    const doc = await read('lamps.epub');
    expect(doc.pages).toEqual(['11', '12', '13', '14', '15'].map((label, i) => ({ page: i + 1, label, state: 'text' })));
    expect(doc.blocks.map((b) => b.page)).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4, 4, 4]);
    const trimmed = doc.blocks[2]!;
    expect(trimmed.pageBreaks).toEqual([{ at: 67, page: 2 }]);
    expect(trimmed.text.slice(67)).toBe('every few minutes with special scissors.');
    // The page number printed inside a marker is not text.
    expect(doc.blocks[10]!.pageBreaks).toEqual([{ at: 20, page: 5 }]);
    expect(doc.blocks[10]!.text.slice(20)).toBe('any more.');
    for (const b of doc.blocks) expect(b.pageBreaks === undefined || b === trimmed || b === doc.blocks[10]).toBe(true);
  });

  it('takes the metadata from the package document', async () => {
    expect((await read('lamps.epub')).meta).toEqual({ title: 'Lamps and Candles', author: 'Jane Doe', year: '1923', publisher: 'Example Press', lang: 'en' });
  });

  it('has no pages without a page list', async () => {
    const names = ['mimetype', 'META-INF/container.xml', 'OEBPS/content.opf', 'OEBPS/text/zeta.xhtml'];
    const entries = Object.fromEntries(names.map((n) => [n, [strToU8(n === 'mimetype' ? 'application/epub+zip' : ''), { level: 0 }]]));
    // Borrow the container and a chapter from the fixture, with a package of one chapter and no navigation.
    const original = bytesOf('lamps.epub');
    const { unzipSync } = await import('fflate');
    const files = unzipSync(original);
    entries['META-INF/container.xml'] = [files['META-INF/container.xml']!, { level: 0 }];
    entries['OEBPS/text/zeta.xhtml'] = [files['OEBPS/text/zeta.xhtml']!, { level: 0 }];
    entries['OEBPS/content.opf'] = [
      strToU8(
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></metadata><manifest><item id="a" href="text/zeta.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>',
      ),
      { level: 0 },
    ];
    const doc = await readEpub(zipSync(entries as Parameters<typeof zipSync>[0]), 'one.epub', { lang: 'en' });
    expect(doc.pages).toBeUndefined();
    expect(doc.blocks.every((b) => b.page === undefined && b.pageBreaks === undefined)).toBe(true);
    expect(doc.blocks[0]).toEqual({ kind: 'heading', text: 'Chapter One: The Candle', level: 1 });
  });

  it('refuses a DRM-protected book; font obfuscation alone is fine', async () => {
    const err = await failure(read('drm.epub'));
    expect(err.code).toBe('source/epub-drm');
    expect(err.message).toMatch(/DRM-protected.*Lectern cannot read it/);
    await expect(read('lamps.epub')).resolves.toBeTruthy(); // its encryption.xml obfuscates a font
  });

  it('refuses XML with entity declarations, zip bombs and paths leaving the archive, writing nothing', async () => {
    const before = readdirSync(DIR).sort();
    expect((await failure(read('xxe.epub'))).code).toBe('source/archive-unsafe');
    expect((await failure(read('bomb.epub'))).code).toBe('source/archive-unsafe');
    const traversal = await failure(read('traversal.epub'));
    expect(traversal.code).toBe('source/archive-unsafe');
    expect(traversal.message).toContain('../evil.txt');
    expect(readdirSync(DIR).sort()).toEqual(before);
    expect(existsSync(path.join(DIR, '..', 'evil.txt'))).toBe(false);
    expect(existsSync(path.resolve('..', 'evil.txt'))).toBe(false);
  });

  it('says what is missing from a corrupt book', async () => {
    const noContainer = await failure(read('no-container.epub'));
    expect(noContainer.code).toBe('source/epub-corrupt');
    expect(noContainer.message).toContain('META-INF/container.xml');
    const missing = await failure(read('missing-chapter.epub'));
    expect(missing.code).toBe('source/epub-corrupt');
    expect(missing.message).toContain('OEBPS/text/alpha.xhtml');
    const notZip = await failure(readEpub(strToU8('PK\x03\x04 but nothing after it'), 'x.epub', { lang: 'en' }));
    expect(notZip.code).toBe('source/epub-corrupt');
    const truncated = await failure(readEpub(bytesOf('lamps.epub').subarray(0, 2000), 'x.epub', { lang: 'en' }));
    expect(truncated.code).toBe('source/epub-corrupt');
  });
});
