/**
 * The robustness corpus (tests/robustness/cases/CATEGORY/NAME/): what an
 * `expect.json` may say, and the helpers the runner uses to prepare a case
 * and read back what a build printed and wrote.
 *
 * A case is a small project folder. It is built in a temporary copy of
 * tests/robustness/base/ (one well-formed source) with the case's files
 * copied over it, plus any files `generate` describes — files that are large,
 * binary or in another encoding are generated rather than committed, so that
 * every case reads as text in a review.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** tests/fixtures, where generated documents (PDF, DOCX, EPUB) live with their generators. */
const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

/** One problem the build must print (stderr, "FILE:LINE:COL: SEVERITY [CODE] MESSAGE" + "  hint: …"). */
export interface ExpectedProblem {
  /** Default "error". */
  severity?: 'error' | 'warning';
  /** The problem code; "meta/*" accepts any code under meta/ (where the code is for src/ to choose). */
  code: string;
  /** "FILE", "FILE:LINE" or "FILE:LINE:COL" exactly as printed (FILE relative to the project). */
  at?: string;
  /** A fragment of the message. */
  message?: string;
  /** A fragment of the hint (a hint must then be present). */
  hint?: string;
}

/** A file made by the runner: text in an encoding, raw bytes, repetitions, random bytes. */
export type Part =
  | { text: string }
  | { hex: string }
  | { repeat: string; times: number }
  /** `count` lines: `prefix`, then `indent` spaces per line number (0-based), then `lines` with {n} the 1-based number. */
  | { lines: string; count: number; indent: number; prefix?: string }
  | { random: number; seed: number }
  | { zeros: number }
  /** The bytes of a file under tests/fixtures (a document made by its generator there), or its first `bytes` of them. */
  | { fixture: string; bytes?: number };

export interface FileSpec {
  /** How `text` and `repeat` parts are encoded (default utf-8). */
  encoding?: 'utf-8' | 'windows-1251' | 'koi8-r' | 'utf-16le';
  /** Start with the encoding's byte order mark. */
  bom?: boolean;
  parts: Part[];
}

export interface Expect {
  /** What the case is about, in a sentence. */
  about: string;
  /** Command line after `lectern` (default: build --format md,html, i.e. every outlines/*.yaml, no browser). */
  args?: string[];
  /** The exit code, or the codes that are acceptable (e.g. [0, 1] for "fails cleanly or does nothing"). */
  exit: number | number[];
  /** Problems that must be printed. Every error printed must be one of these (warnings may be extra). */
  problems?: ExpectedProblem[];
  /** The case must finish within BUDGET_MS (see corpus.test.ts). */
  budget?: boolean;
  /** Run in a child process that is killed when the budget is spent (for inputs that may hang in synchronous code). */
  isolate?: boolean;
  /** Besides `exit`, acceptable: exit 1 where every error says "too large". */
  acceptTooLarge?: boolean;
  /** Files to make in the project before the build (path → contents). */
  generate?: Record<string, FileSpec>;
  /** Checks of out/NAME.md and out/NAME.html (NAME from `output`, default "deck"), when they were written. */
  output?: string;
  md?: { contains?: string[]; lacks?: string[] };
  html?: { contains?: string[]; lacks?: string[] };
  /**
   * Slides checks (exit 0): out/NAME.md rendered by marp-core has this many
   * slides — the outline's slide count — and so does the HTML deck.
   */
  slides?: number;
  /** Text that must appear in the HTML deck's slides, tags removed, entities decoded, whitespace folded. */
  literal?: string[];
  /** Substrings (case-insensitive) that must not appear in the HTML of the deck's slides. */
  slidesLack?: string[];
  /** Names that must not be defined on globalThis after the build (exploit side effects). */
  globals?: string[];
}

export interface Case {
  category: string;
  name: string;
  dir: string;
  expect: Expect;
}

/** Copy the base project, then the case's files (not expect.json), then generate the rest. */
export async function prepareProject(base: string, c: Case, into: string): Promise<void> {
  await cp(base, into, { recursive: true, filter: (src) => path.basename(src) !== 'README.md' || path.dirname(src) !== base });
  await cp(c.dir, into, { recursive: true, filter: (src) => path.basename(src) !== 'expect.json' });
  for (const [rel, spec] of Object.entries(c.expect.generate ?? {})) {
    const file = path.join(into, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, makeBytes(spec));
  }
}

export function makeBytes(spec: FileSpec): Buffer {
  const encoding = spec.encoding ?? 'utf-8';
  const chunks: Buffer[] = [];
  if (spec.bom) chunks.push(encoding === 'utf-16le' ? Buffer.from([0xff, 0xfe]) : encoding === 'utf-8' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0));
  for (const part of spec.parts) {
    if ('text' in part) chunks.push(encode(part.text, encoding));
    else if ('hex' in part) chunks.push(Buffer.from(part.hex.replace(/\s+/g, ''), 'hex'));
    else if ('fixture' in part) {
      const bytes = readFileSync(path.join(FIXTURES, part.fixture));
      chunks.push(part.bytes === undefined ? bytes : bytes.subarray(0, part.bytes));
    } else if ('repeat' in part) chunks.push(encode(part.repeat.repeat(part.times), encoding));
    else if ('lines' in part)
      chunks.push(
        encode(
          Array.from(
            { length: part.count },
            (_, i) => `${part.prefix ?? ''}${' '.repeat(i * part.indent)}${part.lines.replace(/\{n\}/g, String(i + 1))}\n`,
          ).join(''),
          encoding,
        ),
      );
    else if ('random' in part) chunks.push(randomBytes(part.random, part.seed));
    else chunks.push(Buffer.alloc(part.zeros));
  }
  return Buffer.concat(chunks);
}

/** Text in an encoding; single-byte code pages by inverting Node's decoder (every character must exist in it). */
export function encode(text: string, encoding: NonNullable<FileSpec['encoding']>): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-16le') return Buffer.from(text, 'utf16le');
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from(
    [...text].map((ch) => {
      const b = table.get(ch);
      if (b === undefined) throw new Error(`"${ch}" has no byte in ${encoding}`);
      return b;
    }),
  );
}

/** Deterministic bytes (mulberry32), so that a failing case fails the same way again. */
export function randomBytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let a = seed >>> 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

export interface Printed {
  file?: string;
  line?: number;
  column?: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  hint?: string;
}

/** Problems as `lectern` prints them on stderr (src/errors.ts formatProblem); a message may run over several lines. */
export function parseProblems(stderr: string): Printed[] {
  const list: Printed[] = [];
  let last: Printed | undefined;
  for (const line of stderr.split('\n')) {
    const head = /^(?:(.+?)(?::(\d+)(?::(\d+))?)?: )?(error|warning) \[([^\]]+)\] (.*)$/.exec(line);
    if (head) {
      last = {
        file: head[1],
        line: head[2] ? Number(head[2]) : undefined,
        column: head[3] ? Number(head[3]) : undefined,
        severity: head[4] as Printed['severity'],
        code: head[5]!,
        message: head[6]!,
      };
      list.push(last);
    } else if (last && line.startsWith('  hint: ')) {
      last.hint = line.slice('  hint: '.length);
    } else if (last && last.hint === undefined && line.trim() && !/^\s*(wrote|unchanged) /.test(line) && !/^built /.test(line)) {
      last.message += `\n${line}`;
    }
  }
  return list;
}

export function locationOf(p: Printed): string {
  return [p.file ?? '', p.line, p.column].filter((x) => x !== undefined).join(':');
}

/** "FILE" matches any place in FILE, "FILE:LINE" any column of that line, "FILE:LINE:COL" only that spot. */
export function matchesAt(p: Printed, at: string): boolean {
  const want = at.split(':');
  const got = [p.file ?? '', p.line === undefined ? undefined : String(p.line), p.column === undefined ? undefined : String(p.column)];
  return want.every((w, i) => got[i] === w);
}

export function matches(p: Printed, e: ExpectedProblem): boolean {
  if (p.severity !== (e.severity ?? 'error')) return false;
  if (e.code.endsWith('*') ? !p.code.startsWith(e.code.slice(0, -1)) : p.code !== e.code) return false;
  if (e.at !== undefined && !matchesAt(p, e.at)) return false;
  if (e.message !== undefined && !p.message.includes(e.message)) return false;
  if (e.hint !== undefined && !(p.hint ?? '').includes(e.hint)) return false;
  return true;
}

/** The `<section>` of every slide of an HTML deck (what marp-core made; the page's own scripts and styles excluded). */
export function slideSections(html: string): string[] {
  return html.match(/<section\b[\s\S]*?<\/section>/g) ?? [];
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Visible text of HTML: tags removed, entities decoded once, whitespace runs folded to a space. */
export function visibleText(html: string): string {
  return (
    html
      .replace(/<[^>]*>/g, ' ')
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
        if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
        return NAMED[e.toLowerCase()] ?? all;
      })
      // Soft hyphens are where the deck may break a word (render/hyphenate.ts), not text.
      .replace(/\u00AD/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
