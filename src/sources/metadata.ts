/**
 * A source's metadata: a sidecar `NAME.yaml` beside `NAME.txt`, or YAML front
 * matter in a Markdown source. It says what the text is (for citations and
 * the bibliography) and how to read it (language, OCR corrections, a title
 * fused to the first paragraph, printed pages).
 */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { inputError, type LecternError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import type { ReadingOptions } from './formats/types.js';
import { CSL_TYPES, SIDECAR_KEYS } from './sidecar-schema.js';

export interface Correction {
  find: string;
  replace: string;
}

/**
 * A paragraph break the metadata adds to the text (the file is not edited):
 * after a sentence, by its address in the text as it is (before any break),
 * or before the sentence that begins with, or else contains, some words.
 */
export interface BreakRule {
  after?: { paragraph: number; sentence: number };
  before?: string;
  /** Where the entry is written, for errors. */
  at: { file: string; line: number; column: number };
}

/** A CSL name: a person (family and given names, particles) or an institution (`literal`). */
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  suffix?: string;
  'dropping-particle'?: string;
  'non-dropping-particle'?: string;
}

/** A CSL date: `date-parts` [[year, month, day]] (a range: two of them), or literal text. */
export interface CslDate {
  'date-parts'?: number[][];
  literal?: string;
  raw?: string;
  season?: number | string;
  circa?: boolean | number | string;
}

/**
 * The CSL-JSON fields a sidecar gives, with CSL's names. Names are kept as
 * written: a string ("Иванов И. И.", "Smith, John; Doe, Jane") is split into
 * family and given names by src/bib/source-item.ts.
 */
export interface SidecarCsl {
  type?: string;
  author?: Array<string | CslName>;
  editor?: Array<string | CslName>;
  issued?: CslDate;
  'container-title'?: string;
  'publisher-place'?: string;
  volume?: string;
  issue?: string;
  page?: string;
  edition?: string;
  URL?: string;
  DOI?: string;
  ISBN?: string;
  language?: string;
}

export interface SourceMeta {
  title?: string;
  /** Short title used in slide citations. */
  short?: string;
  author?: string;
  year?: string;
  publisher?: string;
  url?: string;
  lang?: string;
  /** The sidecar's `abbreviations`: no sentence ends after them ("z. B.", "Abb."). */
  abbreviations?: string[];
  /** Paragraph ("p3" or 3) → printed page where that paragraph starts. */
  pages?: Record<string, string>;
  corrections?: Correction[];
  /** The text begins with `title`, fused to the first paragraph: cut it off. */
  splitTitle?: boolean;
  /** Paragraph breaks to add (a speech on one line, an OCR text without blank lines). */
  breaks?: BreakRule[];
  /** Plain text: rejoin hard-wrapped lines and find headings (auto), or read it as written (off). */
  structure?: 'auto' | 'off';
  /** How a PDF or other document is read (page offset, columns, OCR, password…). */
  reading?: Omit<ReadingOptions, 'lang'>;
  /** CSL fields for the bibliography (the sidecar's `type`, `issued`, `container-title`, …). */
  csl?: SidecarCsl;
  /** `bib: KEY`: the source is this entry of the outline's or config's bibliography files. */
  bib?: { key: string; at: { file: string; line: number; column: number } };
  /** Where the metadata came from, if anywhere. */
  file?: string;
}

const STRING_FIELDS = ['title', 'short', 'year', 'publisher', 'url', 'lang'] as const;
/** CSL fields of plain text, kept as written. */
const CSL_TEXT_FIELDS = ['container-title', 'publisher-place', 'volume', 'issue', 'page', 'edition', 'DOI', 'ISBN', 'language'] as const;
const NAME_KEYS = ['family', 'given', 'literal', 'suffix', 'dropping-particle', 'non-dropping-particle'];
const KNOWN = SIDECAR_KEYS;

const BREAK_HINT = 'write `- after: p1.s12` (a sentence of the text as it is, before any break) or `- before: "the words a sentence begins with"`';

/** The sidecar path for a source text: same folder and base name, `.yaml`. */
export function sidecarPath(textFile: string): string {
  return textFile.replace(/\.[^./\\]+$/, '') + '.yaml';
}

/** A document's sidecar (PDF, DOCX, HTML, EPUB: no front matter), or nothing. */
export async function readSidecar(documentFile: string): Promise<SourceMeta> {
  return (await loadSourceMeta(documentFile, '', false)).meta;
}

export async function loadSourceMeta(textFile: string, text: string, isMarkdown: boolean): Promise<{ meta: SourceMeta; body: string }> {
  if (isMarkdown) {
    const fm = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
    if (fm) return { meta: parseMeta(fm[1]!, textFile, 1), body: text.slice(fm[0].length) };
  }
  const side = sidecarPath(textFile);
  let yamlText: string;
  try {
    yamlText = await readFile(side, 'utf8');
  } catch {
    return { meta: {}, body: text };
  }
  return { meta: { ...parseMeta(yamlText, side, 0), file: side }, body: text };
}

/** Parse and check metadata YAML; `lineOffset` shifts reported lines (front matter starts after `---`). */
export function parseMeta(yamlText: string, file: string, lineOffset: number): SourceMeta {
  const doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined) => lineCol(yamlText, offset ?? 0, lineOffset);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw inputError('meta/yaml', e.message.split('\n')[0]!, { file, ...at(e.pos[0]) });
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw inputError(
      'meta/alias',
      `the metadata could not be read: ${(err as Error).message} (too many aliases?)`,
      { file, line: 1 + lineOffset, column: 1 },
      'write the values out instead of repeating aliases',
    );
  }
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw inputError('meta/type', 'source metadata must be a mapping of fields', { file, line: 1 + lineOffset });
  }
  const obj = raw as Record<string, unknown>;
  const meta: SourceMeta = {};
  const fail = (key: string, message: string, hint?: string): LecternError => {
    const node = doc.get(key, true) as { range?: [number, number] } | undefined;
    return inputError('meta/field', message, { file, ...at(node?.range?.[0]) }, hint);
  };
  for (const key of Object.keys(obj)) {
    if (!KNOWN.includes(key)) {
      const pair = (doc.contents as { items?: Array<{ key: { range?: [number, number]; value?: unknown } }> }).items?.find((p) => p.key?.value === key);
      throw inputError('meta/unknown-key', `unknown metadata field "${key}"`, { file, ...at(pair?.key.range?.[0]) }, didYouMean(key, KNOWN, 'a known field'));
    }
  }
  for (const key of STRING_FIELDS) {
    const v = obj[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'number') throw fail(key, `"${key}" must be text`);
    meta[key] = String(v);
  }
  readCsl(
    obj,
    meta,
    (key, message, hint) => fail(key, message, hint),
    (path, message, hint) => {
      const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
      return inputError('meta/field', message, { file, ...at(node?.range?.[0]) }, hint);
    },
  );
  if (obj.bib !== undefined && obj.bib !== null) {
    const key = typeof obj.bib === 'string' || typeof obj.bib === 'number' ? String(obj.bib).trim() : '';
    if (!/^[^\s,{}"#%'()=\\]+$/.test(key))
      throw fail('bib', '"bib" must be the key of an entry of the bibliography files', 'e.g. `bib: tarle1941` (the key after `@book{` in the .bib)');
    const node = doc.get('bib', true) as { range?: [number, number] } | undefined;
    meta.bib = { key, at: { file, ...at(node?.range?.[0]) } };
  }
  if (obj.split_title !== undefined) {
    if (typeof obj.split_title !== 'boolean') throw fail('split_title', '"split_title" must be true or false');
    meta.splitTitle = obj.split_title;
  }
  if (obj.pages !== undefined) {
    if (typeof obj.pages !== 'object' || obj.pages === null || Array.isArray(obj.pages)) {
      throw fail('pages', '"pages" must map paragraphs to printed pages', 'e.g. `pages: { p1: 112, p4: 113 }`');
    }
    meta.pages = {};
    for (const [p, page] of Object.entries(obj.pages as Record<string, unknown>)) {
      if (!/^p?\d+$/.test(p)) throw fail('pages', `"${p}" in pages is not a paragraph (p1, p2, …)`);
      meta.pages[p.startsWith('p') ? p : `p${p}`] = String(page);
    }
  }
  if (obj.corrections !== undefined) {
    if (!Array.isArray(obj.corrections)) throw fail('corrections', '"corrections" must be a list of {find, replace}');
    meta.corrections = obj.corrections.map((c: unknown, i: number) => {
      const item = c as Record<string, unknown> | null;
      if (!item || typeof item.find !== 'string' || item.find === '' || typeof item.replace !== 'string') {
        throw fail('corrections', `correction ${i + 1} must have text "find" and "replace"`, 'e.g. `- { find: "интер венции", replace: "интервенции" }`');
      }
      return { find: item.find.normalize('NFC'), replace: item.replace.normalize('NFC') };
    });
  }
  const choice = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || !allowed.includes(v as T))
      throw fail(key, `"${key}" must be one of ${allowed.join(', ')}`, didYouMean(String(v), [...allowed], 'one of'));
    return v as T;
  };
  const whole = (key: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined => {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      throw fail(key, `"${key}" must be a whole number${max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : ` of at least ${min}`}`);
    return v;
  };
  meta.structure = choice('structure', ['auto', 'off'] as const);
  const reading: NonNullable<SourceMeta['reading']> = {};
  const offset = whole('page_offset', 0);
  if (offset !== undefined) reading.pageOffset = offset;
  const columns = whole('columns', 1, 4);
  if (columns !== undefined) reading.columns = columns;
  const ocr = choice('ocr', ['auto', 'off', 'force'] as const);
  if (ocr) reading.ocr = ocr;
  if (obj.password !== undefined) {
    if (typeof obj.password !== 'string' && typeof obj.password !== 'number') throw fail('password', '"password" must be text');
    reading.password = String(obj.password);
  }
  if (obj.skip_pages !== undefined) {
    const list = obj.skip_pages;
    if (!Array.isArray(list) || !list.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 1))
      throw fail('skip_pages', '"skip_pages" must be a list of physical page numbers (1, 2, …)', 'e.g. `skip_pages: [1, 2, 240]`');
    reading.skipPages = list as number[];
  }
  if (obj.drop_lines !== undefined) {
    const list = obj.drop_lines;
    if (!Array.isArray(list) || !list.every((n) => typeof n === 'string' || typeof n === 'number'))
      throw fail('drop_lines', '"drop_lines" must be a list of lines of text', 'e.g. `drop_lines: ["Journal of Examples · 2024"]`');
    reading.dropLines = list.map((n) => String(n).normalize('NFC').trim());
  }
  if (obj.abbreviations !== undefined) {
    const list = obj.abbreviations;
    if (!Array.isArray(list) || !list.every((a) => typeof a === 'string' && a.trim() !== ''))
      throw fail('abbreviations', '"abbreviations" must be a list of abbreviations as the text writes them', 'e.g. `abbreviations: ["z. B.", "Abb."]`');
    meta.abbreviations = list.map((a: string) => a.normalize('NFC').trim());
  }
  if (Object.keys(reading).length) meta.reading = reading;
  if (meta.structure === undefined) delete meta.structure;
  if (obj.breaks !== undefined)
    meta.breaks = parseBreaks(obj.breaks, (path) => ({ file, ...at((doc.getIn(path, true) as { range?: [number, number] } | undefined)?.range?.[0]) }));
  return meta;
}

type Fail = (key: string, message: string, hint?: string) => LecternError;
type FailAt = (path: Array<string | number>, message: string, hint?: string) => LecternError;

/**
 * The bibliographic fields: today's `author` (text, or now a list of names),
 * and CSL's own (`type`, `editor`, `issued`, `container-title`, … `URL`,
 * `DOI`). `year`/`issued` and `url`/`URL` say the same thing: one of each.
 */
function readCsl(obj: Record<string, unknown>, meta: SourceMeta, fail: Fail, failAt: FailAt): void {
  const csl: SidecarCsl = {};
  const author = obj.author;
  if (author !== undefined && author !== null) {
    if (typeof author === 'string' || typeof author === 'number') meta.author = String(author);
    else {
      csl.author = readNames('author', author, fail, failAt);
      meta.author = csl.author.map(nameText).join(csl.author.some((n) => typeof n === 'string' && n.includes(',')) ? '; ' : ', ');
    }
  }
  if (obj.editor !== undefined && obj.editor !== null) {
    csl.editor = typeof obj.editor === 'string' || typeof obj.editor === 'number' ? [String(obj.editor)] : readNames('editor', obj.editor, fail, failAt);
  }
  if (obj.type !== undefined && obj.type !== null) {
    if (typeof obj.type !== 'string' || !(CSL_TYPES as readonly string[]).includes(obj.type))
      throw fail('type', `"${String(obj.type)}" is not a CSL item type`, didYouMean(String(obj.type), CSL_TYPES, 'one of'));
    csl.type = obj.type;
  }
  if (obj.issued !== undefined && obj.issued !== null) {
    if (obj.year !== undefined && obj.year !== null) throw fail('issued', '"issued" and "year" both say when it was published', 'keep one of them');
    csl.issued = readDate(obj.issued, fail);
    const year = csl.issued['date-parts']?.[0]?.[0];
    meta.year = year !== undefined ? String(year) : csl.issued.literal;
  }
  for (const key of CSL_TEXT_FIELDS) {
    const v = obj[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'number')
      throw fail(
        key,
        `"${key}" must be text`,
        key === 'page' ? 'the pages of the text within its book or journal ("173–198"); the printed pages of paragraphs are `pages:`' : undefined,
      );
    csl[key] = String(v).trim();
  }
  if (obj.URL !== undefined && obj.URL !== null) {
    if (obj.url !== undefined && obj.url !== null) throw fail('URL', '"URL" and "url" are the same field', 'keep one of them');
    if (typeof obj.URL !== 'string') throw fail('URL', '"URL" must be text');
    csl.URL = obj.URL.trim();
    meta.url = csl.URL;
  }
  if (Object.keys(csl).length) meta.csl = csl;
}

/** A list of names: strings as written, or CSL names ({ family, given } or { literal }). */
function readNames(key: string, raw: unknown, fail: Fail, failAt: FailAt): Array<string | CslName> {
  const hint = `e.g. \`${key}: [Иванов И. И., "Smith, John"]\` or \`- { family: Тарле, given: Евгений Викторович }\``;
  if (!Array.isArray(raw)) throw fail(key, `"${key}" must be a name or a list of names`, hint);
  return raw.map((n: unknown, i: number) => {
    if (typeof n === 'string' || typeof n === 'number') return String(n).trim();
    if (typeof n !== 'object' || n === null || Array.isArray(n)) throw failAt([key, i], `${key} ${i + 1} must be a name`, hint);
    const name = n as Record<string, unknown>;
    for (const part of Object.keys(name)) {
      if (!NAME_KEYS.includes(part)) throw failAt([key, i], `unknown part "${part}" of a name`, didYouMean(part, NAME_KEYS, 'one of'));
      if (typeof name[part] !== 'string') throw failAt([key, i, part], `"${part}" of a name must be text`);
    }
    if (!name.family && !name.literal) throw failAt([key, i], `${key} ${i + 1} has no "family" (or "literal", for an institution)`, hint);
    return name as CslName;
  });
}

/** A name as people read it: "Евгений Викторович Тарле", "World Health Organization". */
function nameText(n: string | CslName): string {
  if (typeof n === 'string') return n;
  return n.literal ?? [n.given, n['dropping-particle'], n['non-dropping-particle'], n.family, n.suffix].filter(Boolean).join(' ');
}

/** 1905, "1905-09-05", "сентябрь 1905" (literal) or { date-parts: [[1905, 9, 5]] }. */
function readDate(raw: unknown, fail: Fail): CslDate {
  const hint = 'e.g. `issued: 1905`, `issued: "1905-09-05"` or `issued: { date-parts: [[1905, 9, 5]] }`';
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) throw fail('issued', '"issued" must be a year or a date', hint);
    return { 'date-parts': [[raw]] };
  }
  if (typeof raw === 'string') {
    const m = /^\s*(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$/.exec(raw);
    if (!m) return { literal: raw.trim() };
    return { 'date-parts': [[m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number)] };
  }
  if (raw instanceof Date) return { 'date-parts': [[raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate()]] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail('issued', '"issued" must be a year or a date', hint);
  const date = raw as Record<string, unknown>;
  for (const part of Object.keys(date)) {
    if (!['date-parts', 'literal', 'season', 'circa'].includes(part))
      throw fail('issued', `unknown part "${part}" of a date`, didYouMean(part, ['date-parts', 'literal', 'season', 'circa'], 'one of'));
  }
  const out: CslDate = {};
  if (date['date-parts'] !== undefined) {
    const parts = date['date-parts'];
    if (
      !Array.isArray(parts) ||
      parts.length < 1 ||
      parts.length > 2 ||
      !parts.every((p) => Array.isArray(p) && p.length >= 1 && p.length <= 3 && p.every((x) => /^-?\d+$/.test(String(x))))
    )
      throw fail('issued', '"date-parts" must be [[year, month, day]] (a range: two of them)', hint);
    out['date-parts'] = (parts as unknown[][]).map((p) => p.map(Number));
  }
  if (date.literal !== undefined) out.literal = String(date.literal);
  if (date.season !== undefined) out.season = date.season as string | number;
  if (date.circa !== undefined) out.circa = date.circa as boolean | number | string;
  if (!out['date-parts'] && !out.literal) throw fail('issued', '"issued" has neither "date-parts" nor "literal"', hint);
  return out;
}

function parseBreaks(raw: unknown, where: (path: Array<string | number>) => BreakRule['at']): BreakRule[] {
  const fail = (path: Array<string | number>, message: string, hint = BREAK_HINT) => inputError('meta/field', message, where(path), hint);
  if (!Array.isArray(raw)) throw fail(['breaks'], '"breaks" must be a list of paragraph breaks');
  return raw.map((item: unknown, i: number): BreakRule => {
    const n = `break ${i + 1}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw fail(['breaks', i], `${n} must be \`after: pN.sM\` or \`before: "text"\``);
    const entry = item as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (key !== 'after' && key !== 'before') throw fail(['breaks', i], `unknown field "${key}" in ${n}`, didYouMean(key, ['after', 'before'], 'one of'));
    }
    if ((entry.after === undefined) === (entry.before === undefined)) {
      throw fail(['breaks', i], entry.after === undefined ? `${n} says neither after nor before` : `${n} says both after and before: one break per entry`);
    }
    if (entry.after !== undefined) {
      const m = typeof entry.after === 'string' ? /^\s*p(\d+)\.s(\d+)\s*$/.exec(entry.after) : null;
      if (!m || Number(m[1]) === 0 || Number(m[2]) === 0)
        throw fail(['breaks', i, 'after'], `${n}: "${String(entry.after)}" is not a sentence address (p1.s12)`);
      return { after: { paragraph: Number(m[1]), sentence: Number(m[2]) }, at: where(['breaks', i, 'after']) };
    }
    if (typeof entry.before !== 'string' || entry.before.trim() === '')
      throw fail(['breaks', i, 'before'], `${n}: "before" must be the text a sentence begins with`);
    return { before: entry.before.normalize('NFC'), at: where(['breaks', i, 'before']) };
  });
}

/** 1-based line and column of a character offset. */
export function lineCol(text: string, offset: number, lineOffset = 0): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line: line + lineOffset, column: offset - last };
}
