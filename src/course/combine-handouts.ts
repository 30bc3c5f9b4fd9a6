/**
 * out/course.handouts.pdf: every published lecture's handouts (the layouts
 * its outline, the course or the config ask for), one after another, with a
 * bookmark per lecture — made of the pages each lecture already printed
 * (pdf-lib copyPages), never printed again. Which pages came from which
 * lecture is kept in a small JSON in the cache folder; when one lecture
 * changes, only its pages are replaced in the previous combined PDF.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, ParseSpeeds } from 'pdf-lib';
import { setPdfInfo, writeBookmarks } from './combine-pdf.js';
import { hashText } from '../util/hash.js';
import { writeAtomic } from '../util/write.js';

/** One lecture's part of a combined PDF. */
export interface CombinedPart {
  /** The lecture's output name (NAME of out/NAME.pdf): its identity in the record. */
  name: string;
  /** Its bookmark ("3. The Treaty of Peking"). */
  title: string;
  /** Its PDFs, in order (absolute paths). */
  files: string[];
}

/** Where a lecture's pages are in the combined PDF, and of what they were made. */
export interface PartRecord {
  name: string;
  title: string;
  /** Hash of its PDFs' bytes. */
  key: string;
  /** First page (0-based) and how many. */
  first: number;
  pages: number;
}

export interface CombinedRecord {
  /** The combined PDF as written (to tell that it is still there, untouched). */
  size: number;
  /** Hash of everything else in it: title, language. */
  meta: string;
  parts: PartRecord[];
}

export interface CombineOptions {
  /** The combined PDF (out/course.handouts.pdf). */
  output: string;
  /** The JSON of page ranges (CACHE/course/NAME.json). */
  record: string;
  /** Its title (the course's) and language. */
  title: string;
  lang: string;
  date?: Date;
}

export interface CombineResult {
  pages: number;
  /** Lectures whose pages were (re)placed; none: the file was up to date. */
  replaced: string[];
  /** Whether the whole PDF was assembled anew (no usable previous one). */
  whole: boolean;
}

const LOAD = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest } as const;
const SAVE = { updateFieldAppearances: false, objectsPerTick: Infinity } as const;

async function readRecord(file: string): Promise<CombinedRecord | undefined> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as CombinedRecord;
    return Array.isArray(data.parts) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** The previous combined PDF, if it is still as written and holds the same lectures in the same order. */
async function previousPdf(options: CombineOptions, record: CombinedRecord | undefined, parts: CombinedPart[], meta: string): Promise<PDFDocument | undefined> {
  if (!record || record.meta !== meta || record.parts.map((p) => p.name).join('\n') !== parts.map((p) => p.name).join('\n')) return undefined;
  const st = await stat(options.output).catch(() => undefined);
  if (!st || st.size !== record.size) return undefined;
  try {
    const doc = await PDFDocument.load(await readFile(options.output), LOAD);
    return doc.getPageCount() === record.parts.reduce((n, p) => n + p.pages, 0) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Copies a lecture's pages into `doc` at `at`; how many. */
async function placePart(doc: PDFDocument, files: Uint8Array[], at: number): Promise<number> {
  let index = at;
  for (const bytes of files) {
    const source = await PDFDocument.load(bytes, LOAD);
    const pages = await doc.copyPages(source, source.getPageIndices());
    for (const page of pages) doc.insertPage(index++, page);
  }
  return index - at;
}

/** Writes (or brings up to date) the combined PDF of `parts`; a part without files has no pages and no bookmark. */
export async function combinePdfs(parts: CombinedPart[], options: CombineOptions): Promise<CombineResult> {
  const bytes = await Promise.all(parts.map((p) => Promise.all(p.files.map((f) => readFile(f).then((b) => new Uint8Array(b))))));
  const keys = bytes.map((files) => hashText(...files.map((b) => hashText(b))));
  const meta = hashText(options.title, options.lang);
  const record = await readRecord(options.record);
  const previous = await previousPdf(options, record, parts, meta);
  const doc = previous ?? (await PDFDocument.create({ updateMetadata: false }));
  const replaced: string[] = [];
  const records: PartRecord[] = [];
  let first = 0;
  for (const [i, part] of parts.entries()) {
    const old = previous ? record?.parts[i] : undefined;
    if (old && old.key === keys[i]) {
      records.push({ ...old, title: part.title, first });
      first += old.pages;
      continue;
    }
    // Its old pages go; the new ones take their place.
    for (let n = 0; n < (old?.pages ?? 0); n++) doc.removePage(first);
    const pages = await placePart(doc, bytes[i]!, first);
    records.push({ name: part.name, title: part.title, key: keys[i]!, first, pages });
    replaced.push(part.name);
    first += pages;
  }
  const titlesChanged = !!previous && records.some((r, i) => r.title !== record?.parts[i]?.title);
  if (previous && replaced.length === 0 && !titlesChanged) return { pages: first, replaced, whole: false };
  writeBookmarks(
    doc,
    records.filter((r) => r.pages > 0).map((r) => ({ title: r.title, page: r.first, children: [] })),
  );
  setPdfInfo(doc, { title: options.title, lang: options.lang, date: options.date });
  const data = await doc.save(SAVE);
  await writeAtomic(options.output, data);
  await writeAtomic(options.record, JSON.stringify({ size: data.byteLength, meta, parts: records } satisfies CombinedRecord));
  return { pages: first, replaced, whole: !previous };
}

/** The record's path for a combined output (in the cache folder's course/). */
export function combinedRecordFile(cacheDir: string, output: string): string {
  return path.join(cacheDir, 'course', `${path.basename(output, '.pdf')}.json`);
}
