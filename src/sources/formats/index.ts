/**
 * Which reader a source file needs, and its extraction cached by content.
 *
 * The format is decided by the file's first bytes, not only its name: a
 * ".pdf" that is really a ZIP, or a ".docx" that is a Word 97 file, is an
 * error that says what the file is. Extraction (the slow part: a PDF's text
 * layer, OCR) is cached on disk as JSON, keyed by the file's SHA-256, the
 * reading options and the reader version, so only the first build after a
 * change pays for it. The cache lives in $LECTERN_CACHE_DIR, else
 * $XDG_CACHE_HOME/lectern, else ~/.cache/lectern; it is never required (an
 * unwritable cache only costs time).
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../../errors.js';
import { hashText } from '../../util/hash.js';
import { writeAtomic } from '../../util/write.js';
import type { ExtractedDocument, ReadingOptions, Reader } from './types.js';
import { cacheDir } from '../../util/cache-dir.js';

export type SourceFormat = 'text' | 'markdown' | 'pdf' | 'docx' | 'html' | 'epub';

/** Bump when any reader's output changes: old cache entries are then ignored. */
const READERS_VERSION = 1;

const EXTENSIONS: Record<string, SourceFormat> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.epub': 'epub',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

const NAMES: Record<SourceFormat, string> = {
  text: 'a text file',
  markdown: 'a Markdown file',
  pdf: 'a PDF',
  docx: 'a Word document (DOCX)',
  html: 'a web page (HTML)',
  epub: 'an e-book (EPUB)',
};

/** What the first bytes say the file is (undefined: text of some kind). */
function sniff(bytes: Uint8Array): SourceFormat | 'zip' | 'doc' | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'pdf';
  if (head.startsWith('PK\x03\x04')) {
    // An EPUB's first entry is its uncompressed "mimetype"; a DOCX names word/ early on.
    if (head.slice(30, 38) === 'mimetype' && head.includes('application/epub+zip')) return 'epub';
    if (head.includes('word/') || head.includes('[Content_Types].xml')) return 'docx';
    return 'zip';
  }
  if (head.startsWith('\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1')) return 'doc';
  const start = head
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .slice(0, 200)
    .toLowerCase();
  if (/^(?:<!doctype html|<html[\s>]|<\?xml[^>]*>\s*(?:<!doctype html|<html))/.test(start)) return 'html';
  return undefined;
}

/** The format of a source file; an error when its extension and its content disagree. */
export function detectFormat(bytes: Uint8Array, file: string): SourceFormat {
  const ext = path.extname(file).toLowerCase();
  const named: SourceFormat = EXTENSIONS[ext] ?? 'text';
  if (bytes.length === 0) {
    throw inputError('source/empty', 'the source file is empty (0 bytes)', { file }, 'check that the file was saved or downloaded completely');
  }
  const seen = sniff(bytes);
  if (seen === 'doc') {
    throw inputError(
      'source/doc-binary',
      'this is an old binary Word file (.doc), which Lectern cannot read',
      { file },
      `convert it to DOCX: soffice --headless --convert-to docx "${path.basename(file)}"`,
    );
  }
  const claimed = ext === '' ? 'a file without an extension' : `a "${ext}" file`;
  // Other binary content is left to the text decoder, which names the first byte that is not UTF-8 (a stray NUL in a text is a space).
  if (seen === 'zip') {
    throw inputError(
      'source/unknown-format',
      `${claimed} whose content is a ZIP archive that is neither a DOCX nor an EPUB`,
      { file },
      'sources can be text (.txt), Markdown (.md), PDF, DOCX, HTML or EPUB',
    );
  }
  if (seen === undefined || seen === 'html') {
    // Text-like content: fine for text, Markdown and HTML names (a .txt of markup is read as text,
    // as before); a lie for the binary formats.
    if (named === 'pdf' || named === 'docx' || named === 'epub') {
      throw inputError(
        'source/wrong-extension',
        `${claimed} that is not ${NAMES[named]}: its content is ${seen === 'html' ? 'a web page (HTML)' : 'plain text'}`,
        { file },
        seen === 'html' ? 'rename it to .html' : `rename it to .txt (or .md), or replace it with the real ${NAMES[named]}`,
      );
    }
    return named;
  }
  // A PDF, DOCX or EPUB by its content.
  if (seen === named || ext === '') return seen;
  throw inputError(
    'source/wrong-extension',
    `${claimed} whose content is ${NAMES[seen]}`,
    { file },
    `rename it to .${seen} (Lectern reads a file by what it is, and its name should say so)`,
  );
}

async function readerFor(format: SourceFormat): Promise<Reader> {
  switch (format) {
    case 'pdf':
      return (await import('./pdf.js')).readPdf;
    case 'docx':
      return (await import('./docx.js')).readDocx;
    case 'html':
      return (await import('./html.js')).readHtml;
    case 'epub':
      return (await import('./epub.js')).readEpub;
    default:
      throw new Error(`no reader for ${format}`);
  }
}

export { cacheDir };

/** The cache key of an extraction: the bytes, and everything that changes what is read from them. */
export function cacheKey(format: SourceFormat, bytes: Uint8Array, options: ReadingOptions): string {
  const { lang, password, columns, skipPages, dropLines, pageOffset, ocr } = options;
  return hashText(String(READERS_VERSION), format, bytes, JSON.stringify({ lang, password, columns, skipPages, dropLines, pageOffset, ocr }));
}

/** A cached JSON value, or undefined (absent, unreadable, or not what `valid` expects). */
export async function readCached<T>(key: string, valid: (value: T) => boolean): Promise<T | undefined> {
  try {
    const value = JSON.parse(await readFile(path.join(cacheDir(), 'sources', `${key}.json`), 'utf8')) as T;
    return valid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a JSON value in the cache; a cache that cannot be written only costs time. */
export async function writeCached(key: string, value: unknown): Promise<void> {
  const file = path.join(cacheDir(), 'sources', `${key}.json`);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeAtomic(file, JSON.stringify(value));
  } catch {
    // Only time is lost.
  }
}

/**
 * A document's blocks, pages and metadata: from the cache when these bytes were read the same way
 * before. `key` names the extraction, for caches of what is made from it.
 */
export async function extractDocument(
  format: SourceFormat,
  bytes: Uint8Array,
  file: string,
  options: ReadingOptions,
): Promise<ExtractedDocument & { key: string }> {
  const key = cacheKey(format, bytes, options);
  const cached = await readCached<ExtractedDocument>(key, (doc) => Array.isArray(doc.blocks) && Array.isArray(doc.warnings));
  // Warnings name the file as it was first read; the same bytes may sit elsewhere now.
  if (cached) return { ...cached, warnings: cached.warnings.map((w) => ({ ...w, file })), key };
  const read = await readerFor(format);
  const doc = await read(bytes, file, options);
  await writeCached(key, doc);
  return { ...doc, key };
}
