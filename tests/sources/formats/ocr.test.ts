import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LecternError } from '../../../src/errors.js';
import { forgetTesseractLanguages, ocrPdfPages, paragraphsFromTsv, tesseractLanguage, tesseractStatus } from '../../../src/sources/formats/ocr.js';
import type { TextBlock } from '../../../src/sources/formats/types.js';

const SCAN = path.resolve(import.meta.dirname, '../../fixtures/sources/scan');
const EN = path.join(SCAN, 'scan-en.pdf');
const RU = path.join(SCAN, 'scan-ru.pdf');
const bytes = (file: string) => new Uint8Array(readFileSync(file));
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** This test process's children of that name (other tests or agents may run Tesseract too). */
async function children(name: string): Promise<string[]> {
  try {
    const { stdout } = await promisify(execFile)('pgrep', ['-P', String(process.pid), '-x', name]);
    return stdout.split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

// Never skipped: .ci/run installs Tesseract with English and Russian data, and so must a developer.

describe('tesseractLanguage', () => {
  it('maps ISO 639-1 codes, with region and script subtags, to Tesseract names', () => {
    expect(['ru', 'en', 'en-GB', 'de', 'fr', 'uk', 'es', 'it', 'pl', 'ja', 'EN-us'].map(tesseractLanguage)).toEqual([
      'rus',
      'eng',
      'eng',
      'deu',
      'fra',
      'ukr',
      'spa',
      'ita',
      'pol',
      'jpn',
      'eng',
    ]);
    expect(tesseractLanguage('zh')).toBe('chi_sim');
    expect(tesseractLanguage('zh-TW')).toBe('chi_tra');
    expect(tesseractLanguage('zh-Hant')).toBe('chi_tra');
    expect(tesseractLanguage('sr-Latn')).toBe('srp_latn');
    expect(tesseractLanguage('sr')).toBe('srp');
  });

  it('passes unknown codes and Tesseract names through, and maps each part of a combination', () => {
    expect(tesseractLanguage('rus')).toBe('rus');
    expect(tesseractLanguage('chi_tra')).toBe('chi_tra');
    expect(tesseractLanguage('frk')).toBe('frk');
    expect(tesseractLanguage('ru+en')).toBe('rus+eng');
  });
});

describe('tesseractStatus', () => {
  it('finds Russian and English data', async () => {
    expect(await tesseractStatus('ru')).toEqual({ available: true });
    expect(await tesseractStatus('en-GB')).toEqual({ available: true });
    expect(await tesseractStatus('ru+en')).toEqual({ available: true });
  });

  it('says which package holds a language that is not installed', async () => {
    const status = await tesseractStatus('ja');
    expect(status.available).toBe(false);
    expect(status.missing).toMatch(/^Tesseract has no Japanese data: /);
    if (process.platform === 'linux') expect(status.missing).toContain('apt install tesseract-ocr-jpn');
    expect((await tesseractStatus('ru+ja')).missing).toMatch(/no Japanese data/);
  });

  it('says to install Tesseract when it is not on the PATH, asking once per process', async () => {
    const saved = process.env.PATH;
    forgetTesseractLanguages();
    try {
      process.env.PATH = '/nonexistent';
      const status = await tesseractStatus('ru');
      expect(status.available).toBe(false);
      expect(status.missing).toMatch(/^tesseract-ocr is not installed: /);
      if (process.platform === 'linux') expect(status.missing).toContain('apt install tesseract-ocr tesseract-ocr-rus');
      process.env.PATH = saved;
      // Cached: the answer stays until the cache is cleared.
      expect((await tesseractStatus('ru')).available).toBe(false);
    } finally {
      process.env.PATH = saved;
      forgetTesseractLanguages();
    }
    expect((await tesseractStatus('ru')).available).toBe(true);
  });

  it('says to install poppler when Tesseract is there but pdftoppm is not', async () => {
    const saved = process.env.PATH;
    const bin = mkdtempSync(path.join(os.tmpdir(), 'ocr-path-'));
    const { stdout } = await promisify(execFile)('which', ['tesseract']);
    symlinkSync(stdout.trim(), path.join(bin, 'tesseract'));
    forgetTesseractLanguages();
    try {
      process.env.PATH = bin;
      const status = await tesseractStatus('ru');
      expect(status.available).toBe(false);
      expect(status.missing).toMatch(/pdftoppm .* is not installed/);
      if (process.platform === 'linux') expect(status.missing).toContain('apt install poppler-utils');
    } finally {
      process.env.PATH = saved;
      forgetTesseractLanguages();
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('finds no languages when Tesseract cannot find its data', async () => {
    const saved = process.env.TESSDATA_PREFIX;
    forgetTesseractLanguages();
    try {
      process.env.TESSDATA_PREFIX = '/nonexistent';
      expect(await tesseractStatus('ru')).toEqual({ available: false, missing: expect.stringMatching(/^Tesseract has no Russian data: /) as unknown });
    } finally {
      if (saved === undefined) delete process.env.TESSDATA_PREFIX;
      else process.env.TESSDATA_PREFIX = saved;
      forgetTesseractLanguages();
    }
  });
});

describe('ocrPdfPages on scanned pages', () => {
  let tmp: string;
  let savedTmp: string | undefined;
  beforeEach(() => {
    // A TMPDIR of the test's own, to see that OCR's temporary folder is gone afterwards.
    savedTmp = process.env.TMPDIR;
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ocr-test-'));
    process.env.TMPDIR = tmp;
  });
  afterEach(async () => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    expect(readdirSync(tmp)).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
    expect(await children('tesseract')).toEqual([]);
    expect(await children('pdftoppm')).toEqual([]);
  });

  it('reads an English page: its paragraphs in order, hyphenation rejoined, the page number left out', async () => {
    const started = performance.now();
    const result = await ocrPdfPages(EN, bytes(EN), [1], { lang: 'en' });
    const seconds = (performance.now() - started) / 1000;
    console.log(`OCR of one English page (300 dpi, eng): ${seconds.toFixed(2)} s`);
    expect([...result.keys()]).toEqual([1]);
    const blocks = result.get(1)!;
    expect(blocks).toHaveLength(3);
    expect(blocks.every((b) => b.kind === 'body' && b.page === 1)).toBe(true);
    const [first, second, third] = blocks.map((b) => flat(b.text));
    expect(first).toContain('The river towns of the northern plain grew slowly at first.');
    expect(first).toContain('Nobody who lived there thought of it as a city, and the maps of the time rarely gave it a name.');
    expect(second).toContain('Everything changed when the railway reached the valley in the autumn of 1871.');
    // "Mer-" ends a line, "chants" begins the next.
    expect(second).toContain('Merchants who had once travelled for weeks to sell their wool could now send it to the coast in a single day.');
    expect(third).toContain('Historians still disagree about who gained most from these changes.');
    expect(third).toContain('What is certain is that the region never returned to its former quiet.');
    expect(blocks.some((b) => /\b12\b/.test(b.text))).toBe(false);
  });

  it('reads a Russian page with Russian data, paragraphs set apart by indents only', async () => {
    const started = performance.now();
    const result = await ocrPdfPages(RU, bytes(RU), [1], { lang: 'ru' });
    console.log(`OCR of one Russian page (300 dpi, rus): ${((performance.now() - started) / 1000).toFixed(2)} s`);
    const blocks = result.get(1)!;
    expect(blocks).toHaveLength(3);
    expect(blocks.every((b) => b.kind === 'body' && b.page === 1)).toBe(true);
    const [first, second, third] = blocks.map((b) => flat(b.text));
    expect(first).toContain('Весной тысяча восемьсот девяносто первого года в уездном городе открылась первая публичная библиотека.');
    // "соб-" ends a line, "ственные" begins the next.
    expect(first).toContain('Её основал местный учитель, который много лет собирал книги на собственные деньги.');
    expect(second).toContain('Читатели приходили по вечерам, после работы, и нередко засиживались до закрытия.');
    expect(second).toContain('Учитель записывал в тетрадь каждую выданную книгу и каждое пожелание посетителей.');
    expect(third).toContain('Так скромное начинание одного человека стало делом всего города.');
    expect(blocks.some((b) => /\b13\b/.test(b.text))).toBe(false);
  });

  it('reads several pages two at a time, each block with its page', async () => {
    const both = await PDFDocument.create();
    for (const file of [EN, RU]) {
      const source = await PDFDocument.load(bytes(file));
      const [copy] = await both.copyPages(source, [0]);
      both.addPage(copy!);
    }
    const started = performance.now();
    const result = await ocrPdfPages('both.pdf', await both.save(), [2, 1], { lang: 'ru+en' });
    console.log(`OCR of two pages (rus+eng, two at a time): ${((performance.now() - started) / 1000).toFixed(2)} s`);
    expect([...result.keys()]).toEqual([1, 2]);
    expect(result.get(1)!.map((b: TextBlock) => b.page)).toEqual([1, 1, 1]);
    expect(result.get(2)!.map((b: TextBlock) => b.page)).toEqual([2, 2, 2]);
    expect(flat(result.get(2)![2]!.text)).toContain('Так скромное начинание одного человека стало делом всего города.');
  });

  it('gives no pages nothing to do', async () => {
    expect(await ocrPdfPages(EN, bytes(EN), [], { lang: 'en' })).toEqual(new Map());
  });

  it('stops the other page when one fails, and reports the failed page', async () => {
    const error = await ocrPdfPages(EN, bytes(EN), [1, 99], { lang: 'en' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LecternError);
    const problem = (error as LecternError).problems[0]!;
    expect(problem.code).toBe('source/ocr-failed');
    expect(problem.page).toBe(99);
    expect(problem.file).toBe(EN);
    expect(problem.message).toMatch(/OCR of page 99 failed: pdftoppm failed/);
    // afterEach: no tesseract or pdftoppm left, the temporary folder gone.
  });

  it('kills a process that runs past its timeout', async () => {
    const started = performance.now();
    const error = await ocrPdfPages(EN, bytes(EN), [1], { lang: 'en', timeoutMs: 30 }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(LecternError);
    const problem = (error as LecternError).problems[0]!;
    expect(problem.code).toBe('source/ocr-failed');
    expect(problem.page).toBe(1);
    expect(problem.message).toMatch(/took longer than/);
    expect(problem.hint).toMatch(/skip_pages/);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = ocrPdfPages(EN, bytes(EN), [1], { lang: 'en', signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 100);
    const error = await pending;
    expect(error).toBeInstanceOf(LecternError);
    expect((error as LecternError).code).toBe('source/ocr-failed');
  });
});

/** Tesseract's TSV for hand-made lines: each word 20 px a letter wide, 30 px high; "word@40" has confidence 40. */
function tsv(lines: Array<{ block?: number; par?: number; left: number; top: number; text: string; conf?: number }>, pageHeight = 2000): string {
  const rows = [
    'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
    `1\t1\t0\t0\t0\t0\t0\t0\t1400\t${pageHeight}\t-1\t`,
  ];
  lines.forEach((line, i) => {
    let x = line.left;
    line.text.split(' ').forEach((written, w) => {
      const [word = '', conf = String(line.conf ?? 95)] = written.split('@');
      const width = 20 * word.length;
      rows.push([5, 1, line.block ?? 1, line.par ?? 1, i + 1, w + 1, x, line.top, width, 30, conf, word].join('\t'));
      x += width + 10;
    });
  });
  return rows.join('\n');
}

describe('paragraphsFromTsv', () => {
  it('splits a Tesseract paragraph where an indented line follows the end of a sentence', () => {
    const blocks = paragraphsFromTsv(
      tsv([
        { left: 160, top: 100, text: 'First paragraph starts here and' },
        { left: 100, top: 140, text: 'goes on to its end, like the road to' },
        { left: 100, top: 180, text: 'the sea.' },
        { left: 160, top: 220, text: 'Second one begins with an indented' },
        { left: 100, top: 260, text: 'line and ends.' },
      ]),
      7,
    );
    expect(blocks).toEqual([
      { kind: 'body', text: 'First paragraph starts here and goes on to its end, like the road to the sea.', page: 7 },
      { kind: 'body', text: 'Second one begins with an indented line and ends.', page: 7 },
    ]);
  });

  it('rejoins words hyphenated at a line end, keeps the hyphen of a compound, and drops noise and page numbers', () => {
    const blocks = paragraphsFromTsv(
      tsv([
        { block: 1, left: 600, top: 40, text: 'xii' },
        { block: 2, left: 100, top: 200, text: 'The Anglo- |@35' },
        { block: 2, left: 100, top: 240, text: 'Saxon chronicle was com-' },
        { block: 2, left: 100, top: 280, text: 'piled in ﬁve places.' },
        { block: 3, left: 100, top: 400, text: '~ ‖', conf: 20 },
        { block: 4, left: 100, top: 500, text: 'ee Sa', conf: 10 },
        { block: 5, left: 680, top: 1900, text: '— 45 —' },
      ]),
      1,
    );
    expect(blocks).toEqual([{ kind: 'body', text: 'The Anglo-Saxon chronicle was compiled in five places.', page: 1 }]);
  });
});
