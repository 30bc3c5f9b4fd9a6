/**
 * Bibliography files as reference managers export them — BibTeX/BibLaTeX
 * (`.bib`, `.biblatex`), CSL-JSON (`.json`) and RIS (`.ris`) — read into CSL
 * items keyed by citation key.
 *
 * Each file is cut into entries first (split.ts), so a broken entry is one
 * Problem at its file:line and the others are read; citation-js parses the
 * entries (loaded on first use: a build without a bibliography never loads
 * it). A key defined twice, in one file or two, is a problem naming both
 * places; the first definition wins. Parsed files are cached by content: in
 * memory for a running process (serve, watch), and on disk beside the
 * extracted sources, so a cold build whose bibliography did not change does
 * not load citation-js at all.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Problem } from '../errors.js';
import type { CslDate, CslName } from '../sources/metadata.js';
import { didYouMean } from '../suggest.js';
import { hashText } from '../util/hash.js';
import { writeAtomic } from '../util/write.js';
import { splitBibtex, splitCslJson, splitRis, type Chunk, type Split } from './split.js';
import { cacheDir } from '../util/cache-dir.js';

export type { CslDate, CslName } from '../sources/metadata.js';

/** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html): the fields Lectern reads, typed; any other CSL field passes through. */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: CslDate;
  accessed?: CslDate;
  'container-title'?: string;
  'collection-title'?: string;
  publisher?: string;
  'publisher-place'?: string;
  volume?: string;
  issue?: string;
  page?: string;
  edition?: string;
  genre?: string;
  URL?: string;
  DOI?: string;
  ISBN?: string;
  language?: string;
  [field: string]: unknown;
}

export interface BibItem {
  id: string;
  csl: CslItem;
  /** The file as given to loadLibrary. */
  file: string;
  /** 1-based line where the entry starts. */
  line: number;
}

export interface Library {
  items: Map<string, BibItem>;
  problems: Problem[];
}

export type BibFormat = 'bibtex' | 'csl-json' | 'ris';

/** What one file holds, independent of where it lies (so equal content shares it). */
interface ParsedFile {
  /** `hash`: of the entry's text (and the @strings before it), to reuse it when the file changes elsewhere. */
  items: Array<{ csl: CslItem; line: number; hash?: string }>;
  problems: Array<{ code: string; line: number; message: string; hint?: string; severity?: Problem['severity'] }>;
}

/** Bump when what a parse gives changes: the disk cache's old entries are then ignored. */
const PARSER_VERSION = 4;
const memory = new Map<string, ParsedFile>();

/** Read bibliography files into one library; a file that cannot be read is a problem, not an exception. */
export async function loadLibrary(files: string[]): Promise<Library> {
  const library: Library = { items: new Map(), problems: [] };
  const parsed = await Promise.all(files.map(async (file) => ({ file, result: await loadFile(file) })));
  for (const { file, result } of parsed) {
    if ('problem' in result) {
      library.problems.push(result.problem);
      continue;
    }
    for (const p of result.problems)
      library.problems.push({ severity: p.severity ?? 'error', code: p.code, message: p.message, hint: p.hint, file, line: p.line });
    for (const { csl, line } of result.items) {
      const first = library.items.get(csl.id);
      if (first) {
        library.problems.push({
          severity: 'error',
          code: 'bib/duplicate-key',
          // The other place as seen from this file's folder: "refs.bib:4", "../shared/refs.bib:4".
          message: `the key "${csl.id}" is defined twice: here and at ${first.file === file ? '' : `${path.relative(path.dirname(file), first.file)}:`}${first.file === file ? 'line ' : ''}${first.line}`,
          hint: 'rename one of them (the first is used)',
          file,
          line,
        });
        continue;
      }
      library.items.set(csl.id, { id: csl.id, csl, file, line });
    }
  }
  return library;
}

/** "did you mean …" for a key the library does not have. */
export function suggestKey(key: string, library: Library): string {
  if (library.items.size === 0) return 'the bibliography files have no entries';
  return didYouMean(key, library.items.keys(), 'a key of the bibliography');
}

/** The format a file is in: by its extension, else by its first characters. */
export function formatOf(file: string, text: string): BibFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.bib' || ext === '.biblatex' || ext === '.bibtex') return 'bibtex';
  if (ext === '.json') return 'csl-json';
  if (ext === '.ris') return 'ris';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'csl-json';
  if (/^TY {2}-/m.test(text)) return 'ris';
  if (/^\s*@\s*[A-Za-z]+\s*[{(]/m.test(text)) return 'bibtex';
  return undefined;
}

async function loadFile(file: string): Promise<ParsedFile | { problem: Problem }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      problem: {
        severity: 'error',
        code: 'bib/read',
        message: code === 'ENOENT' ? 'the bibliography file does not exist' : `the bibliography file cannot be read (${code ?? (err as Error).message})`,
        hint: code === 'ENOENT' ? 'check the path under `bibliography:`; it is relative to the file that names it' : undefined,
        file,
      },
    };
  }
  const format = formatOf(file, text);
  if (!format) {
    return {
      problem: {
        severity: 'error',
        code: 'bib/format',
        message: 'not a bibliography file Lectern reads',
        hint: 'export BibTeX/BibLaTeX (.bib), CSL-JSON (.json) or RIS (.ris) from your reference manager',
        file,
      },
    };
  }
  return parseCached(format, text, file);
}

/** A file's entries, from memory or the disk cache when this content was read before. */
export async function parseCached(format: BibFormat, text: string, file?: string): Promise<ParsedFile> {
  const key = hashText(String(PARSER_VERSION), packageVersions(), format, text);
  const known = memory.get(key);
  if (known) return known;
  const cached = path.join(cacheDir(), 'bib', `${key}.json`);
  try {
    const parsed = JSON.parse(await readFile(cached, 'utf8')) as ParsedFile;
    if (Array.isArray(parsed.items) && Array.isArray(parsed.problems)) {
      remember(key, parsed);
      return parsed;
    }
  } catch {
    // Not cached: parse it.
  }
  // The file's last version, if it was read before: its unchanged entries need no parsing.
  const pointer = file ? path.join(cacheDir(), 'bib', `last-${hashText(path.resolve(file))}.txt`) : undefined;
  const reuse = new Map<string, CslItem>();
  if (pointer) {
    try {
      const last = JSON.parse(await readFile(path.join(cacheDir(), 'bib', `${(await readFile(pointer, 'utf8')).trim()}.json`), 'utf8')) as ParsedFile;
      for (const item of last.items) if (item.hash) reuse.set(item.hash, item.csl);
    } catch {
      // Never read before.
    }
  }
  const parsed = await parseText(format, text, reuse);
  // A file with problems is read again next time: a failure of the environment (a parser that could
  // not load) must not stay cached as a broken file.
  if (parsed.problems.length > 0) return parsed;
  remember(key, parsed);
  try {
    await mkdir(path.dirname(cached), { recursive: true });
    await writeAtomic(cached, JSON.stringify(parsed));
    if (pointer) await writeAtomic(pointer, key);
  } catch {
    // A cache that cannot be written only costs time.
  }
  return parsed;
}

function remember(key: string, parsed: ParsedFile): void {
  // A long serve session sees many versions of a file being edited: keep the recent ones.
  if (memory.size >= 32) memory.delete(memory.keys().next().value!);
  memory.set(key, parsed);
}

/** The versions of the packages that format or parse, part of every cache key: an upgrade reads everything again. */
export function packageVersions(): string {
  if (versions) return versions;
  // Found where @citation-js/plugin-csl finds citeproc (format.ts does the same).
  const nodeRequire = createRequire(createRequire(import.meta.url).resolve('@citation-js/plugin-csl'));
  versions = ['@citation-js/core', '@citation-js/plugin-bibtex', '@citation-js/plugin-ris', 'citeproc']
    .map((name) => {
      try {
        return `${name}@${(JSON.parse(readFileSync(nodeRequire.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version}`;
      } catch {
        return name;
      }
    })
    .join(' ');
  return versions;
}
let versions: string | undefined;

export { cacheDir };

/** Parse a file's text (no cache but `reuse`: entries parsed before, by the hash of their text). */
export async function parseText(format: BibFormat, text: string, reuse = new Map<string, CslItem>()): Promise<ParsedFile> {
  if (format === 'csl-json') return parseCslJson(splitCslJson(text));
  const split = format === 'bibtex' ? splitBibtex(text) : splitRis(text);
  const result: ParsedFile = { items: [], problems: split.problems.map((p) => ({ code: 'bib/entry', ...p })) };
  const prefix = split.strings.map((s) => s.text + '\n').join('');
  const hashes = new Map(split.entries.map((e) => [e, hashText(String(PARSER_VERSION), format, prefix, e.text)]));
  const fresh: Chunk[] = [];
  for (const entry of split.entries) {
    const known = reuse.get(hashes.get(entry)!);
    if (known) result.items.push({ csl: known, line: entry.line, hash: hashes.get(entry) });
    else fresh.push(entry);
  }
  if (fresh.length) {
    const chain = await citationJs();
    const before = result.items.length;
    if (format === 'bibtex') parseBibtex({ ...split, entries: fresh }, chain, result);
    else parseRis({ ...split, entries: fresh }, chain, result, new Set(result.items.map((i) => i.csl.id)));
    // Entries read by citation-js: keep their hashes (the item's line finds its entry).
    const byLine = new Map(fresh.map((e) => [e.line, hashes.get(e)!]));
    for (const item of result.items.slice(before)) item.hash = byLine.get(item.line);
  }
  result.items.sort((a, b) => a.line - b.line);
  result.problems.sort((a, b) => a.line - b.line);
  return result;
}

type Chain = (text: string, type: string) => Array<Record<string, unknown>>;
let loading: Promise<Chain> | undefined;

/** citation-js with its BibTeX and RIS plugins, loaded once, on first use. */
function citationJs(): Promise<Chain> {
  loading ??= (async () => {
    // Node gives a CommonJS module's exports as named exports, a bundle as the default one.
    const mod = (await import('@citation-js/core')) as typeof import('@citation-js/core') & { default?: typeof import('@citation-js/core') };
    const core = mod.plugins ? mod : mod.default!;
    await Promise.all([import('@citation-js/plugin-bibtex'), import('@citation-js/plugin-ris')]);
    return (text: string, type: string) => {
      try {
        return core.plugins.input.chain(text, { forceType: type, generateGraph: false });
      } finally {
        // The logger keeps every message it was given: a long session would hoard them.
        if (Array.isArray(core.logger?._log)) core.logger._log.length = 0;
      }
    };
  })();
  return loading;
}

/**
 * All entries in one parse (the common case: nothing is wrong); if that
 * fails or gives other keys than the entries have, each entry alone, so
 * that a broken one is found and the others are kept.
 */
function parseBibtex(split: Split, chain: Chain, result: ParsedFile): void {
  const prefix = split.strings.map((s) => s.text + '\n').join('');
  const prefixLines = prefix.split('\n').length - 1;
  try {
    const all = chain(prefix + split.entries.map((e) => e.text).join('\n'), '@biblatex/text');
    if (all.length === split.entries.length && all.every((item, i) => item.id === split.entries[i]!.key)) {
      all.forEach((item, i) => addItem(result, split.entries[i]!, item));
      return;
    }
  } catch {
    // One of the entries is broken: find which.
  }
  for (const entry of split.entries) {
    try {
      const items = chain(prefix + entry.text, '@biblatex/text');
      if (items.length !== 1 || items[0]!.id !== entry.key) {
        result.problems.push({ code: 'bib/entry', line: entry.line, message: `@${entry.type}{${entry.key}} cannot be read as one entry` });
        continue;
      }
      addItem(result, entry, items[0]!);
    } catch (err) {
      const { line, what } = syntaxError(err, entry, prefixLines);
      result.problems.push({
        code: 'bib/entry',
        line,
        message: `@${entry.type}{${entry.key}} cannot be read: ${what}`,
        hint: 'each field is `name = {value},` or `name = "value",`; braces must balance',
      });
    }
  }
}

/** Token names of citation-js's BibTeX grammar, as a reader knows them. */
const TOKENS: Record<string, string> = {
  rbrace: 'a closing brace',
  lbrace: 'an opening brace',
  comma: 'a comma',
  equals: '"="',
  identifier: 'a field name',
  quote: 'a quote',
  number: 'a number',
  hash: '"#"',
};

/** A citation-js error (its line counts from the parsed text) moved to the file's line, and said plainly with the text there. */
function syntaxError(err: unknown, entry: Chunk, prefixLines: number): { line: number; what: string } {
  const first = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
  const m = /^(.*?)\s*at line (\d+) col (\d+)/.exec(first);
  if (!m) return { line: entry.line, what: first };
  const inEntry = Math.max(1, Number(m[2]) - prefixLines);
  const text = entry.text.split('\n')[inEntry - 1]?.trim() ?? '';
  const expected = /^expected "(\w+)", got "(\w+)"/.exec(m[1]!);
  const said = expected
    ? `expected ${TOKENS[expected[1]!] ?? expected[1]}, found ${TOKENS[expected[2]!] ?? expected[2]}`
    : m[1]!.replace(/^invalid syntax$/, 'unexpected text') || 'unexpected text';
  return { line: entry.line + inEntry - 1, what: `${said}${text ? ` in "${text.length > 60 ? text.slice(0, 57) + '…' : text}"` : ''} (column ${m[3]})` };
}

function parseRis(split: Split, chain: Chain, result: ParsedFile, used: Set<string>): void {
  for (const record of split.entries) {
    let items: Array<Record<string, unknown>>;
    try {
      items = chain(record.text, '@ris/file');
    } catch (err) {
      result.problems.push({ code: 'bib/entry', line: record.line, message: `this RIS record cannot be read: ${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    if (items.length !== 1) {
      result.problems.push({ code: 'bib/entry', line: record.line, message: 'this RIS record cannot be read' });
      continue;
    }
    const item = items[0]!;
    // Zotero writes no ID: make a key as a reference manager would, first author's family name and year.
    const written = /^ID {2}- ?(.+)$/m.exec(record.text)?.[1]?.trim();
    item.id = written || risKey(item, used);
    used.add(String(item.id));
    addItem(result, record, item);
  }
}

/** "ключевский1904", "smith2009a": the first author's family name (or the title's first word) and the year. */
function risKey(item: Record<string, unknown>, used: Set<string>): string {
  const names = (item.author ?? item.editor) as CslName[] | undefined;
  const who = names?.[0]?.family ?? names?.[0]?.literal ?? String(item.title ?? 'item').split(/\s+/)[0]!;
  const year = (item.issued as CslDate | undefined)?.['date-parts']?.[0]?.[0] ?? '';
  const base = `${who.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')}${year}` || 'item';
  if (!used.has(base)) return base;
  for (let i = 0; ; i++) {
    const next = base + String.fromCharCode(97 + (i % 26)) + (i >= 26 ? Math.floor(i / 26) : '');
    if (!used.has(next)) return next;
  }
}

/** Each CSL-JSON item checked alone: JSON, an id, a type, names and dates in CSL's shapes. */
function parseCslJson(split: Split): ParsedFile {
  const result: ParsedFile = { items: [], problems: split.problems.map((p) => ({ code: 'bib/entry', ...p })) };
  for (const entry of split.entries) {
    let value: unknown;
    try {
      value = JSON.parse(entry.text);
    } catch (err) {
      const message = (err as Error).message;
      const at = /position (\d+)/.exec(message);
      const line = at ? entry.line + (entry.text.slice(0, Number(at[1])).match(/\n/g)?.length ?? 0) : entry.line;
      result.problems.push({ code: 'bib/entry', line, message: `this item is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}` });
      continue;
    }
    const item = value as Record<string, unknown>;
    const fail = (message: string, hint?: string) => result.problems.push({ code: 'bib/entry', line: entry.line, message, hint });
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      fail('a CSL-JSON item must be an object { "id": …, "type": … }');
      continue;
    }
    if ((typeof item.id !== 'string' || item.id === '') && typeof item.id !== 'number') {
      fail('this item has no "id"', 'give each item an "id": the key outlines cite it by');
      continue;
    }
    if (typeof item.type !== 'string' || item.type === '') {
      fail(`item "${item.id}" has no "type"`, 'e.g. "type": "book", "article-journal", "chapter", "thesis", "webpage"');
      continue;
    }
    const wrong = checkCslShapes(item);
    if (wrong) {
      fail(`item "${item.id}": ${wrong}`);
      continue;
    }
    addItem(result, entry, { ...item, id: String(item.id) });
  }
  return result;
}

const NAME_FIELDS = ['author', 'editor', 'translator', 'container-author', 'collection-editor', 'director', 'interviewer', 'recipient', 'reviewed-author'];
const DATE_FIELDS = ['issued', 'accessed', 'event-date', 'original-date', 'submitted'];

/** What is wrong with an item's names and dates (CSL-JSON's shapes), or nothing. Dates given as text are made CSL dates. */
function checkCslShapes(item: Record<string, unknown>): string | undefined {
  for (const field of NAME_FIELDS) {
    const names = item[field];
    if (names === undefined) continue;
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'object' && n !== null && !Array.isArray(n)))
      return `"${field}" must be a list of names ({ "family": …, "given": … } or { "literal": … })`;
  }
  for (const field of DATE_FIELDS) {
    const date = item[field];
    if (date === undefined) continue;
    if (typeof date === 'string' || typeof date === 'number') {
      item[field] = textDate(String(date));
      continue;
    }
    const d = date as CslDate;
    if (typeof d !== 'object' || d === null || (d['date-parts'] === undefined && d.literal === undefined && d.raw === undefined))
      return `"${field}" must be a date: { "date-parts": [[2009, 5, 3]] } or { "literal": "…" }`;
    if (d['date-parts'] !== undefined) {
      const parts = d['date-parts'];
      if (!Array.isArray(parts) || !parts.every((p) => Array.isArray(p) && p.every((n) => /^-?\d+$/.test(String(n)))))
        return `"${field}" has date-parts that are not numbers: write [[year, month, day]]`;
      d['date-parts'] = parts.map((p) => p.map(Number));
    }
  }
  return undefined;
}

/** "2009", "2009-05", "2009-05-03" as date-parts; anything else as literal text. */
export function textDate(text: string): CslDate {
  const m = /^\s*(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$/.exec(text);
  if (!m) return { literal: text.trim() };
  return { 'date-parts': [[m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number)] };
}

/** BibLaTeX `langid`/`language` names and ISO 639-2 codes as BCP 47, which CSL's `language` is. */
const LANGUAGES: Record<string, string> = {
  russian: 'ru',
  rus: 'ru',
  english: 'en',
  eng: 'en',
  american: 'en-US',
  usenglish: 'en-US',
  british: 'en-GB',
  ukenglish: 'en-GB',
  german: 'de',
  ngerman: 'de',
  ger: 'de',
  deu: 'de',
  french: 'fr',
  fre: 'fr',
  fra: 'fr',
  ukrainian: 'uk',
  ukr: 'uk',
  italian: 'it',
  ita: 'it',
  spanish: 'es',
  spa: 'es',
  polish: 'pl',
  pol: 'pl',
  latin: 'la',
  lat: 'la',
};

/** BibLaTeX's `type` keys for theses and reports (citation-js passes them on as they are) as words. */
const GENRES: Record<string, string> = {
  phdthesis: 'PhD thesis',
  mathesis: 'Master’s thesis',
  candthesis: 'Candidate thesis',
  techreport: 'Technical report',
  resreport: 'Research report',
  software: 'Computer software',
  datacd: 'CD-ROM',
  audiocd: 'Audio CD',
};

/** An item as Lectern keeps it: id and type as text, BibLaTeX language names as codes, nothing of citation-js's own. */
function addItem(result: ParsedFile, chunk: Chunk, raw: Record<string, unknown>): void {
  const csl = { ...raw } as CslItem;
  delete csl._graph;
  csl.id = String(raw.id);
  if (typeof csl.language === 'string') csl.language = LANGUAGES[csl.language.toLowerCase()] ?? csl.language;
  if (typeof csl.genre === 'string') csl.genre = GENRES[csl.genre.toLowerCase()] ?? csl.genre;
  result.items.push({ csl, line: chunk.line });
}
