/**
 * A Source is a text the lecturer cites: its metadata, and its text cut into
 * addressable paragraphs (p1, p2, …) and sentences (p1.s1, …).
 *
 * Loading order: bytes → strict UTF-8 text → metadata corrections (OCR fixes,
 * applied to a copy; the file is never edited) → title split → paragraphs →
 * sentences.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError, type Problem } from '../errors.js';
import { decodeSourceText } from './text.js';
import { loadSourceMeta, type SourceMeta } from './metadata.js';
import { splitSentences } from './sentences.js';

export interface Sentence {
  /** "p2.s3" */
  id: string;
  index: number;
  text: string;
}

export interface Paragraph {
  /** "p2" */
  id: string;
  index: number;
  text: string;
  sentences: Sentence[];
  /** The heading this paragraph falls under (Markdown sources). */
  section?: string;
  /** Printed page, from the metadata's page map. */
  page?: string;
}

export interface Source {
  /** The name the outline gives it ("conv"), or the file's base name. */
  name: string;
  /** Absolute path of the text file. */
  file: string;
  lang: string;
  meta: SourceMeta;
  /** Where each correction applied (paragraph ids), for reports. */
  corrections: Array<{ find: string; replace: string; count: number; paragraphs: string[] }>;
  paragraphs: Paragraph[];
  warnings: Problem[];
}

/** Upper bound on a source's size: anything larger is almost surely not a lecture text. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

/**
 * `lang` overrides the metadata's language (`lectern passages --lang`);
 * `defaultLang` applies only when the metadata names none (the outline's lang).
 */
export async function loadSource(file: string, name?: string, options: { lang?: string; defaultLang?: string } = {}): Promise<Source> {
  const abs = path.resolve(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw inputError(
      'source/unreadable',
      code === 'ENOENT' ? `source file not found: ${abs}` : `cannot read source file ${abs} (${code})`,
      { file: abs },
      'check the path under `sources:` (paths are relative to the outline)',
    );
  }
  if (bytes.length > MAX_SOURCE_BYTES) {
    throw inputError('source/too-large', `source is too large (${bytes.length} bytes, limit ${MAX_SOURCE_BYTES})`, { file: abs });
  }
  const decoded = decodeSourceText(bytes, abs);
  const isMarkdown = /\.(md|markdown)$/i.test(abs);
  const { meta, body } = await loadSourceMeta(abs, decoded.text, isMarkdown);
  const lang = options.lang ?? meta.lang ?? options.defaultLang ?? 'ru';
  return buildSource({
    name: name ?? path.basename(abs).replace(/\.[^.]+$/, ''),
    file: abs,
    lang,
    meta,
    body,
    isMarkdown,
    warnings: decoded.warnings,
  });
}

interface BuildInput {
  name: string;
  file: string;
  lang: string;
  meta: SourceMeta;
  body: string;
  isMarkdown: boolean;
  warnings: Problem[];
}

/** Everything after reading: pure, so tests can build sources from strings. */
export function buildSource(input: BuildInput): Source {
  const { meta } = input;
  let body = input.body;
  if (meta.splitTitle && meta.title) body = splitOffTitle(body, meta.title, input.file);
  const blocks = input.isMarkdown ? markdownBlocks(body) : textBlocks(body);
  const corrections = (meta.corrections ?? []).map((c) => ({ ...c, count: 0, paragraphs: [] as string[] }));
  const paragraphs: Paragraph[] = [];
  for (const block of blocks) {
    const id = `p${paragraphs.length + 1}`;
    let text = block.text;
    for (const c of corrections) {
      const parts = text.split(c.find);
      if (parts.length > 1) {
        c.count += parts.length - 1;
        c.paragraphs.push(id);
        text = parts.join(c.replace);
      }
    }
    text = text.replace(/[ \u00A0]{2,}/g, ' ').trim();
    if (!text) continue;
    const sentences = splitSentences(text, input.lang).map((span, i) => ({
      id: `${id}.s${i + 1}`,
      index: i + 1,
      text: text.slice(span.start, span.end),
    }));
    paragraphs.push({
      id,
      index: paragraphs.length + 1,
      text,
      sentences,
      section: block.section,
      page: pageOf(meta, paragraphs.length + 1),
    });
  }
  const warnings = [...input.warnings];
  for (const c of corrections) {
    if (c.count === 0) {
      warnings.push({
        severity: 'warning',
        code: 'source/correction-unused',
        message: `correction "${c.find}" → "${c.replace}" matches nothing`,
        hint: 'the text may have been fixed already; remove the correction from the metadata',
        file: input.file,
      });
    }
  }
  return { name: input.name, file: input.file, lang: input.lang, meta, corrections, paragraphs, warnings };
}

/** The printed page of paragraph n: the page of the nearest mapped paragraph at or before it. */
function pageOf(meta: SourceMeta, n: number): string | undefined {
  let best: { at: number; page: string } | undefined;
  for (const [p, page] of Object.entries(meta.pages ?? {})) {
    const at = Number(p.replace(/^p/, ''));
    if (at <= n && (!best || at > best.at)) best = { at, page: String(page) };
  }
  return best?.page;
}

/**
 * OCR and copy-paste often fuse a title to the first paragraph
 * ("…СССР и Японией После окончания…"). The metadata names the title; we cut
 * it off the start of the text so that p1 is the first real paragraph.
 */
function splitOffTitle(body: string, title: string, file: string): string {
  const start = body.search(/\S/);
  const head = body.slice(Math.max(start, 0));
  if (!head.startsWith(title)) {
    throw inputError(
      'source/title-not-found',
      `split_title is set, but the text does not start with the title "${title}"`,
      { file },
      'make `title` in the metadata match the first words of the text exactly, or remove split_title',
    );
  }
  return head.slice(title.length).replace(/^[ \t.:—–-]*\n?/, '');
}

interface Block {
  text: string;
  section?: string;
}

/** Plain text: paragraphs are separated by blank lines if the file has any, else by single newlines. */
export function textBlocks(body: string): Block[] {
  const blankSeparated = /\n[ \t]*\n/.test(body.trim());
  const parts = blankSeparated ? body.split(/\n[ \t]*\n/) : body.split('\n');
  // Linear: newlines become spaces, then runs of whitespace one space (a regex
  // like /\s*\n\s*/ is quadratic on a long run of spaces).
  return parts.map((p) => ({ text: p.replace(/\n/g, ' ').replace(/\s+/g, ' ').trim() })).filter((b) => b.text.length > 0);
}

/** An ATX heading's text, or undefined; written without regexes that backtrack on long runs of spaces. */
function headingText(line: string): string | undefined {
  const m = /^ {0,3}(#{1,6})(?=[ \t]|$)/.exec(line);
  if (!m) return undefined;
  let text = line.slice(m[0].length).replace(/\s+/g, ' ').trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === 0 || text[end - 1] === ' ') text = text.slice(0, end).trim();
  return text;
}

/** Markdown: blocks separated by blank lines; headings are not paragraphs but name the section that follows. */
export function markdownBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  let section: string | undefined;
  for (const raw of body.split(/\n[ \t]*\n/)) {
    const lines = raw.split('\n');
    const rest: string[] = [];
    for (const line of lines) {
      const h = headingText(line);
      if (h !== undefined) {
        if (rest.length) blocks.push({ text: rest.join(' ').trim(), section });
        rest.length = 0;
        section = h;
      } else {
        rest.push(line.replace(/^ {0,3}(?:[-*+]|\d+[.)]|>)\s+/, '').trim());
      }
    }
    const text = rest.join(' ').trim();
    if (text) blocks.push({ text, section });
  }
  return blocks;
}
