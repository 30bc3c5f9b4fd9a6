/**
 * The PDF reader: a PDF's text layer as blocks in reading order (pdf.js, the
 * legacy Node build, run in this process), with a label and a state for
 * every physical page.
 *
 * pdf.js is given the bytes and nothing else to reach: no network, no system
 * fonts, no font faces, no eval; its standard fonts and character maps come
 * from its own package folder. Pages are read one at a time and each is
 * cleaned up after its text is taken, and the document is destroyed on every
 * path, so that a long book stays small in memory.
 *
 * Each page's text items become lines (pdf/lines.ts) and each page is judged
 * (pdf/quality.ts): a page without text, or whose text is not real characters
 * (fonts without a Unicode map), is never cited as text. Such pages are read
 * by OCR (ocr.ts) when `ocr` is not "off" and Tesseract is installed (every
 * page with `ocr: force`), else left out with one warning naming them. The
 * lines of the other pages become paragraphs, headings, footnotes and
 * captions (pdf/layout.ts).
 *
 * Page labels: `page_offset:` (printed = physical − offset; pages up to the
 * offset get lowercase roman numerals, as front matter is printed), else the
 * PDF's own page labels, else the physical number. Metadata defaults (title,
 * author, year) come from the info dictionary when they look like a real
 * title and name, not a file name or a program's placeholder.
 *
 * Bad input is a located error: an encrypted PDF without its password or
 * with a wrong one (`source/pdf-encrypted`), a file pdf.js cannot open or
 * whose pages cannot be read (`source/pdf-corrupt`).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { inputError, LecternError, type Problem } from '../../errors.js';
import { trace } from '../../trace.js';
import { ocrPdfPages, tesseractStatus } from './ocr.js';
import { layoutBlocks, type PageInput } from './pdf/layout.js';
import { pageLines, type PageLines, type RawItem } from './pdf/lines.js';
import { judgeText } from './pdf/quality.js';
import type { FileMeta, PageInfo, ReadingOptions, Reader, TextBlock } from './types.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: Promise<{ pdfjs: PdfJs; folder: string }> | undefined;

/**
 * pdf.js with its worker in this process (the worker module registers itself
 * as globalThis.pdfjsWorker). The legacy build's core-js polyfills replace
 * Array.prototype.push, JSON.parse and JSON.stringify with slower versions for
 * the whole process (for details of the newest specs that pdf.js does not
 * need): the engine's own are put back, which makes extraction about a third
 * faster and leaves the rest of the program as it was.
 */
function loadPdfJs(): Promise<{ pdfjs: PdfJs; folder: string }> {
  loaded ??= (async () => {
    const folder = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    const { push } = Array.prototype;
    const { parse, stringify } = JSON;
    try {
      await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      return { pdfjs, folder };
    } finally {
      restore(Array.prototype, 'push', push);
      restore(JSON, 'parse', parse);
      restore(JSON, 'stringify', stringify);
    }
  })();
  return loaded;
}

function restore<T extends object>(target: T, key: keyof T & string, native: unknown): void {
  if (target[key] === native) return;
  const current = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value: native, writable: true, configurable: true, enumerable: current?.enumerable ?? false });
}

const ENCRYPTED_HINT = 'give the password in the source\'s sidecar file (sources/NAME.yaml): `password: "…"`';

export const readPdf: Reader = async (bytes, file, options) => {
  const { pdfjs, folder } = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js may transfer (detach) the buffer it is given: it gets a copy.
    data: new Uint8Array(bytes),
    password: options.password,
    isEvalSupported: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
    standardFontDataUrl: `${path.join(folder, 'standard_fonts')}${path.sep}`,
    cMapUrl: `${path.join(folder, 'cmaps')}${path.sep}`,
    cMapPacked: true,
  });
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (err) {
      throw openError(err, file, options);
    }
    const count = doc.numPages;
    const skip = new Set(options.skipPages ?? []);
    const read: PageInput[] = [];
    const bad: number[] = [];
    for (let n = 1; n <= count; n++) {
      if (skip.has(n)) {
        read.push({ page: n, skip: true });
        continue;
      }
      let lines: PageLines;
      try {
        const page = await doc.getPage(n);
        try {
          const viewport = page.getViewport({ scale: 1 });
          const content = await page.getTextContent({ disableNormalization: false });
          const items = content.items.filter((it): it is RawItem & (typeof content.items)[number] => 'str' in it);
          lines = pageLines(items, n, viewport.width, viewport.height, (x, y) => viewport.convertToViewportPoint(x, y) as [number, number]);
        } finally {
          page.cleanup();
        }
      } catch (err) {
        throw inputError(
          'source/pdf-corrupt',
          `page ${n} of the PDF cannot be read (${messageOf(err)})`,
          { file, page: n },
          'the file may be damaged: open it in a PDF viewer and save or print it to a new PDF',
        );
      }
      const quality = judgeText(lines.lines.map((l) => l.text).join('\n'), lines.blankWidth, lines.inkWidth);
      if (!quality.ok) {
        trace(`pdf: page ${n} has no usable text (${quality.reason})`);
        bad.push(n);
      }
      read.push({ page: n, lines });
    }

    const warnings: Problem[] = [];
    const states = new Map<number, PageInfo['state']>();
    const wanted = options.ocr === 'force' ? read.filter((p) => !('skip' in p)).map((p) => p.page) : bad;
    const ocr = wanted.length ? await ocrPages(bytes, file, wanted, options) : undefined;
    for (const [at, input] of read.entries()) {
      const blocks = ocr?.get(input.page);
      if (blocks) {
        read[at] = { page: input.page, blocks: blocks.map((b) => ({ ...b, page: b.page ?? input.page })) };
        states.set(input.page, 'ocr');
      } else if (bad.includes(input.page)) {
        read[at] = { page: input.page, skip: true };
        states.set(input.page, 'no-text');
      }
    }
    const unread = bad.filter((n) => states.get(n) === 'no-text');
    if (unread.length) warnings.push(noTextWarning(unread, file, options.ocr !== 'off'));
    for (const n of skip) states.set(n, 'no-text');

    const blocks = layoutBlocks(read, { columns: options.columns, dropLines: options.dropLines });
    const labels = pageLabels(count, options.pageOffset, await doc.getPageLabels().catch(() => null));
    const pages: PageInfo[] = labels.map((label, i) => ({ page: i + 1, label, state: states.get(i + 1) ?? 'text' }));
    const meta = await doc.getMetadata().then(
      (m) => fileMeta(m.info as Record<string, unknown>),
      () => ({}),
    );
    return { blocks, pages, meta, warnings };
  } finally {
    await task.destroy();
  }
};

/** OCR of the unreadable pages, or undefined when OCR is off or Tesseract is missing. */
async function ocrPages(bytes: Uint8Array, file: string, pages: number[], options: ReadingOptions): Promise<Map<number, TextBlock[]> | undefined> {
  if (options.ocr === 'off') return undefined;
  const status = await tesseractStatus(options.lang);
  if (!status.available) {
    trace(`pdf: no OCR (${status.missing ?? 'Tesseract is not installed'})`);
    return undefined;
  }
  return ocrPdfPages(file, bytes, pages, { lang: options.lang, password: options.password });
}

function noTextWarning(pages: number[], file: string, ocrMissing: boolean): Problem {
  const list = ranges(pages);
  const which = pages.length === 1 ? `page ${list} has` : `pages ${list} have`;
  return {
    severity: 'warning',
    code: 'source/no-text-layer',
    message: `${which} no usable text layer (a scan, or fonts without a Unicode map); ${pages.length === 1 ? 'it is' : 'they are'} left out`,
    file,
    page: pages[0],
    hint: ocrMissing
      ? 'install Tesseract to read them by OCR (`apt install tesseract-ocr tesseract-ocr-rus`, or `brew install tesseract tesseract-lang`)'
      : 'set `ocr: auto` (with Tesseract installed: `apt install tesseract-ocr tesseract-ocr-rus`) or `ocr: force` in the sidecar (sources/NAME.yaml) to read them by OCR',
  };
}

/** "3, 7–9, 12" */
export function ranges(pages: number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return parts.join(', ');
}

function openError(err: unknown, file: string, options: ReadingOptions): LecternError {
  const name = (err as { name?: string } | undefined)?.name;
  if (name === 'PasswordException') {
    const wrong = (err as { code?: number }).code === 2;
    return inputError(
      'source/pdf-encrypted',
      wrong || options.password ? 'the PDF is encrypted and the password given does not open it' : 'the PDF is encrypted and needs a password',
      { file },
      ENCRYPTED_HINT,
    );
  }
  return inputError(
    'source/pdf-corrupt',
    `the PDF cannot be read: ${messageOf(err)}`,
    { file },
    'the file may be truncated or damaged: download it again, or open it in a PDF viewer and print it to a new PDF',
  );
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// ---------------------------------------------------------------- page labels

const ROMAN: Array<[number, string]> = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

export function roman(n: number): string {
  let out = '';
  for (const [value, digits] of ROMAN) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}

/** One label per physical page: `page_offset:` first, then the PDF's labels, then the number itself. */
export function pageLabels(count: number, offset: number | undefined, labels: string[] | null): string[] {
  return Array.from({ length: count }, (_, i) => {
    const physical = i + 1;
    if (offset !== undefined) return physical > offset ? String(physical - offset) : roman(physical);
    const own = labels?.[i]?.trim();
    return own ? own : String(physical);
  });
}

// ------------------------------------------------------------------- metadata

const PLACEHOLDER =
  /^(?:untitled|unknown|none|null|title|document\d*|doc\d*|microsoft word|print|slide ?\d*|about:blank|user|admin(?:istrator)?|owner|author|[a-z]?:?\\.*)$/i;
const FILE_NAME = /\.(?:docx?|pdf|rtf|odt|tex|dvi|indd|qxd|pages|txt|html?|ps|eps|pptx?|xlsx?)\b/i;

function plausible(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text.length < 2 || text.length > 300 || !/\p{L}/u.test(text)) return undefined;
  if (PLACEHOLDER.test(text) || FILE_NAME.test(text) || /^(?:microsoft|writer|adobe|acrobat|pdf|untitled)\b/i.test(text) || /[\\/]/.test(text))
    return undefined;
  return text;
}

export function fileMeta(info: Record<string, unknown>): FileMeta {
  const meta: FileMeta = {};
  const title = plausible(info.Title);
  const author = plausible(info.Author);
  if (title) meta.title = title;
  if (author) meta.author = author;
  const date = typeof info.CreationDate === 'string' ? info.CreationDate : typeof info.ModDate === 'string' ? info.ModDate : undefined;
  const year = date && /^(?:D:)?((?:19|20)\d\d)/.exec(date)?.[1];
  if (year) meta.year = year;
  const lang = typeof info.Language === 'string' ? /^([a-z]{2,3})(?:[-_]|$)/i.exec(info.Language)?.[1] : undefined;
  if (lang) meta.lang = lang.toLowerCase();
  return meta;
}
