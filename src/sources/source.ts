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
import { decodeSourceText, foldForMatch } from './text.js';
import { loadSourceMeta, type BreakRule, type SourceMeta } from './metadata.js';
import { splitSentences, type SentenceSpan } from './sentences/index.js';

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
  // The paragraphs of the text as it is (the numbering `breaks: - after:` refers to).
  const drafts: Draft[] = [];
  const corrected = new Map<(typeof corrections)[number], number[]>();
  for (const block of blocks) {
    let text = block.text;
    const touched: Array<(typeof corrections)[number]> = [];
    for (const c of corrections) {
      const parts = text.split(c.find);
      if (parts.length > 1) {
        c.count += parts.length - 1;
        touched.push(c);
        text = parts.join(c.replace);
      }
    }
    text = text.replace(/[ \u00A0]{2,}/g, ' ').trim();
    if (!text) continue;
    for (const c of touched) corrected.set(c, [...(corrected.get(c) ?? []), drafts.length]);
    drafts.push({ text, section: block.section, spans: splitSentences(text, input.lang), starts: new Set() });
  }
  for (const rule of meta.breaks ?? []) applyBreak(drafts, rule);

  const paragraphs: Paragraph[] = [];
  /** Original paragraph → the paragraphs it became. */
  const became: Paragraph[][] = [];
  for (const d of drafts) {
    const cuts = [0, ...[...d.starts].sort((a, b) => a - b), d.spans.length];
    const pieces: Paragraph[] = [];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const lo = cuts[k]!;
      const hi = cuts[k + 1]!;
      const index = paragraphs.length + 1;
      const id = `p${index}`;
      // Without breaks a paragraph is its whole text, even where the sentence splitter found nothing.
      const text = cuts.length === 2 ? d.text : d.text.slice(d.spans[lo]!.start, d.spans[hi - 1]!.end).trim();
      const sentences = d.spans.slice(lo, hi).map((span, i) => ({ id: `${id}.s${i + 1}`, index: i + 1, text: d.text.slice(span.start, span.end) }));
      const p: Paragraph = { id, index, text, sentences, section: d.section, page: pageOf(meta, index) };
      paragraphs.push(p);
      pieces.push(p);
    }
    became.push(pieces);
  }
  for (const c of corrections) {
    for (const n of corrected.get(c) ?? []) {
      const pieces = became[n]!;
      // A split paragraph: name the pieces that hold the replacement (the first, if none visibly does).
      const holding = pieces.length === 1 || c.replace === '' ? [] : pieces.filter((p) => p.text.includes(c.replace));
      for (const p of holding.length ? holding : [pieces[0]!]) if (!c.paragraphs.includes(p.id)) c.paragraphs.push(p.id);
    }
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

/** A paragraph of the text as read, before the metadata's breaks: `starts` are the sentences (0-based) that begin a new paragraph. */
interface Draft {
  text: string;
  section?: string;
  spans: SentenceSpan[];
  starts: Set<number>;
}

/** Marks where a `breaks:` entry of the metadata starts a paragraph; an entry that cannot apply is an error at its line. */
function applyBreak(drafts: Draft[], rule: BreakRule): void {
  const fail = (message: string, hint: string) => inputError('source/bad-break', message, rule.at, hint);
  const sentenceCount = (d: Draft) => `${d.spans.length} sentence${d.spans.length === 1 ? '' : 's'}`;
  const range = () => (drafts.length === 1 ? `the text has one paragraph, p1.s1–p1.s${drafts[0]!.spans.length}` : `the text has p1–p${drafts.length}`);
  if (rule.after) {
    const { paragraph, sentence } = rule.after;
    const d = drafts[paragraph - 1];
    const where = `p${paragraph}.s${sentence}`;
    if (!d)
      throw fail(
        `break after ${where}: there is no paragraph p${paragraph} (${range()})`,
        '`after:` counts paragraphs and sentences as the text has them without any of the breaks',
      );
    if (sentence > d.spans.length)
      throw fail(`break after ${where}: p${paragraph} has ${sentenceCount(d)}`, `use p${paragraph}.s1 to p${paragraph}.s${d.spans.length}`);
    if (sentence === d.spans.length)
      throw fail(`break after ${where}: that is the last sentence of p${paragraph}, where a paragraph ends already`, 'remove this entry');
    d.starts.add(sentence);
    return;
  }
  const needle = foldForMatch(rule.before!).folded;
  const hits: Array<{ paragraph: number; sentence: number; begins: boolean }> = [];
  drafts.forEach((d, pi) => {
    const { folded, origin } = foldForMatch(d.text);
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
      const char = origin[at]!;
      let si = d.spans.findIndex((span) => char < span.end);
      if (si < 0) si = d.spans.length - 1;
      const begins = /^[\s"'«»„“”‘’([—–-]*$/.test(d.text.slice(d.spans[si]!.start, char));
      if (!hits.some((h) => h.paragraph === pi && h.sentence === si)) hits.push({ paragraph: pi, sentence: si, begins });
    }
  });
  const starting = hits.filter((h) => h.begins);
  const chosen = starting.length > 0 ? starting : hits;
  const show = (h: { paragraph: number; sentence: number }) => `p${h.paragraph + 1}.s${h.sentence + 1}`;
  if (chosen.length === 0) {
    throw fail(
      `break before "${rule.before}": no sentence begins with or contains this text`,
      'copy a few words of the sentence exactly (`lectern passages --grep WORD` finds it), or write `after: pN.sM`',
    );
  }
  if (chosen.length > 1) {
    const list = chosen.slice(0, 5).map(show).join(', ') + (chosen.length > 5 ? ', …' : '');
    throw fail(
      `break before "${rule.before}" is ambiguous: ${chosen.length} sentences ${starting.length ? 'begin with' : 'contain'} it (${list})`,
      `quote more words, or write \`after:\` with the sentence before the one you mean (e.g. after: ${show({ paragraph: chosen[0]!.paragraph, sentence: Math.max(0, chosen[0]!.sentence - 1) })})`,
    );
  }
  const hit = chosen[0]!;
  if (hit.sentence === 0) throw fail(`break before "${rule.before}": ${show(hit)} begins a paragraph already`, 'remove this entry');
  drafts[hit.paragraph]!.starts.add(hit.sentence);
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
