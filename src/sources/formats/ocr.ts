/**
 * OCR of PDF pages that have no usable text layer (scans): poppler's
 * `pdftoppm` renders each page to a grayscale image at 300 dpi, Tesseract
 * reads it (`tsv` output: blocks, paragraphs, lines and words with their
 * boxes and confidences), and its paragraphs become TextBlocks of kind
 * "body" in Tesseract's reading order, with line-end hyphenation rejoined,
 * noise and lone page numbers dropped.
 *
 * Both programs are external: each run has a timeout after which it is
 * killed, at most two pages are read at a time, and the first failure kills
 * whatever else is still running before the caller hears of it, so that no
 * process outlives the call. The temporary folder (the PDF's copy and the
 * page images) is removed in every case. Whether Tesseract and the language
 * data are installed is asked once per process (`tesseract --list-langs`).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inputError, LecternError } from '../../errors.js';
import { trace } from '../../trace.js';
import type { TextBlock } from './types.js';

export interface OcrOptions {
  /** The text's language ("ru", "en", "ru+en"), mapped to Tesseract's codes by tesseractLanguage(). */
  lang: string;
  /** The password of an encrypted PDF. */
  password?: string;
  /** Milliseconds each external process may run before it is killed (60 s). */
  timeoutMs?: number;
  /** Pages read at the same time (2 at most). */
  concurrency?: number;
  /** Stops the OCR (running processes killed) when the caller no longer wants it. */
  signal?: AbortSignal;
}

export interface TesseractStatus {
  available: boolean;
  /** What to install, in words a user can act on; set when not available. */
  missing?: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_CONCURRENCY = 2;
const DPI = 300;

// ---------------------------------------------------------------------------
// Languages

/** ISO 639-1 (and the ISO 639-2/B codes that differ) to Tesseract's traineddata names. */
const TESSERACT_CODES: ReadonlyMap<string, string> = new Map(
  (
    'af:afr am:amh ar:ara as:asm az:aze be:bel bg:bul bn:ben bo:bod br:bre bs:bos ca:cat co:cos cs:ces cy:cym da:dan de:deu dv:div ' +
    'dz:dzo el:ell en:eng eo:epo es:spa et:est eu:eus fa:fas fi:fin fo:fao fr:fra fy:fry ga:gle gd:gla gl:glg gu:guj he:heb hi:hin ' +
    'hr:hrv ht:hat hu:hun hy:hye id:ind is:isl it:ita iu:iku iw:heb ja:jpn jv:jav ka:kat kk:kaz km:khm kn:kan ko:kor ku:kmr ky:kir ' +
    'la:lat lb:ltz lo:lao lt:lit lv:lav mi:mri mk:mkd ml:mal mn:mon mr:mar ms:msa mt:mlt my:mya nb:nor ne:nep nl:nld nn:nor no:nor ' +
    'oc:oci or:ori pa:pan pl:pol ps:pus pt:por qu:que ro:ron ru:rus sa:san sd:snd si:sin sk:slk sl:slv sq:sqi sr:srp su:sun sv:swe ' +
    'sw:swa ta:tam te:tel tg:tgk th:tha ti:tir tl:fil to:ton tr:tur tt:tat ug:uig uk:ukr ur:urd uz:uzb vi:vie yi:yid yo:yor zh:chi_sim ' +
    'alb:sqi arm:hye baq:eus bur:mya chi:chi_sim cze:ces dut:nld fre:fra geo:kat ger:deu gre:ell ice:isl mac:mkd may:msa per:fas ' +
    'rum:ron slo:slk tib:bod wel:cym zho:chi_sim'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** Scripts that have traineddata of their own ("sr-Latn" → srp_latn). */
const SCRIPT_VARIANTS: Record<string, string> = {
  'srp-latn': 'srp_latn',
  'aze-cyrl': 'aze_cyrl',
  'uzb-cyrl': 'uzb_cyrl',
};

/**
 * Tesseract's language for a BCP-47-ish code: "ru" → "rus", "en-GB" → "eng",
 * "zh-TW" → "chi_tra", "sr-Latn" → "srp_latn"; "ru+en" → "rus+eng". A code
 * it does not know passes through (lowercased), so a Tesseract name works too.
 */
export function tesseractLanguage(lang: string): string {
  return lang
    .split('+')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(oneLanguage)
    .join('+');
}

function oneLanguage(code: string): string {
  // Already Tesseract's name of a script variant ("chi_tra", "srp_latn").
  if (code.includes('_')) return code;
  const [first = '', ...subtags] = code.split('-');
  const base = first.toLowerCase();
  const mapped = TESSERACT_CODES.get(base);
  if (mapped === undefined) return subtags.length === 0 ? base : code;
  const tags = subtags.map((s) => s.toLowerCase());
  if (mapped === 'chi_sim' && tags.some((t) => t === 'hant' || t === 'tw' || t === 'hk' || t === 'mo')) return 'chi_tra';
  for (const tag of tags) {
    const variant = SCRIPT_VARIANTS[`${mapped}-${tag}`];
    if (variant) return variant;
  }
  return mapped;
}

/** "Russian" for "rus", the code itself when Intl does not know it. */
function languageName(code: string): string {
  const base = code === 'chi_sim' ? 'zh-Hans' : code === 'chi_tra' ? 'zh-Hant' : (code.split('_')[0] ?? code);
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(base);
    if (name && name.toLowerCase() !== base.toLowerCase()) return name;
  } catch {
    // not a language code Intl accepts
  }
  return code;
}

/** The package (per platform) that holds a Tesseract language's data. */
function installHint(tessCodes: string[], withProgram: boolean): string {
  if (process.platform === 'darwin') return withProgram ? 'brew install tesseract tesseract-lang' : 'brew install tesseract-lang';
  if (process.platform === 'win32') {
    return `install Tesseract from https://github.com/UB-Mannheim/tesseract/wiki${withProgram ? '' : ' again'}, choosing the ${tessCodes.join(', ')} language data`;
  }
  const packages = tessCodes.filter((c) => c !== 'eng').map((c) => `tesseract-ocr-${c.toLowerCase().replace(/_/g, '-')}`);
  return `apt install ${[...(withProgram ? ['tesseract-ocr'] : []), ...packages].join(' ') || 'tesseract-ocr-eng'}`;
}

interface Installation {
  /** Tesseract's languages; null when `tesseract` is not on the PATH. */
  langs: Set<string> | null;
  /** Whether poppler's `pdftoppm` is on the PATH. */
  pdftoppm: boolean;
}

let installation: Promise<Installation> | undefined;

/** What OCR needs that is installed, asked once per process. */
function installed(): Promise<Installation> {
  installation ??= Promise.all([
    run('tesseract', ['--list-langs'], { timeoutMs: 20_000 }).then(
      ({ stdout, stderr }) => {
        // Tesseract 5 lists on stdout, older ones on stderr; the first line is a heading.
        const text = `${stdout.toString('utf8')}\n${stderr}`;
        const langs = text
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => /^[A-Za-z0-9_]+$/.test(line));
        return new Set(langs);
      },
      // Not on the PATH; or there, but failing to list its data (no languages usable).
      (error: unknown) => (error instanceof RunError && error.reason === 'spawn' ? null : new Set<string>()),
    ),
    run('pdftoppm', ['-v'], { timeoutMs: 20_000 }).then(
      () => true,
      (error: unknown) => !(error instanceof RunError && error.reason === 'spawn'),
    ),
  ]).then(([langs, pdftoppm]) => ({ langs, pdftoppm }));
  return installation;
}

/** Forgets what is installed, so that the next tesseractStatus() asks again (tests). */
export function forgetTesseractLanguages(): void {
  installation = undefined;
}

/**
 * Whether OCR in `lang` can run: `tesseract` on the PATH with the language's
 * data installed, and poppler's `pdftoppm` to render pages. `missing` says
 * what to install.
 */
export async function tesseractStatus(lang: string): Promise<TesseractStatus> {
  const codes = tesseractLanguage(lang || 'en').split('+');
  const { langs, pdftoppm } = await installed();
  if (langs === null) {
    return { available: false, missing: `tesseract-ocr is not installed: ${installHint(codes, true)}` };
  }
  const absent = codes.filter((c) => !langs.has(c));
  if (absent.length > 0) {
    const names = absent.map(languageName);
    return { available: false, missing: `Tesseract has no ${names.join(' or ')} data: ${installHint(absent, false)}` };
  }
  if (!pdftoppm) {
    const how =
      process.platform === 'darwin'
        ? 'brew install poppler'
        : process.platform === 'win32'
          ? 'install poppler and put its bin folder on the PATH'
          : 'apt install poppler-utils';
    return { available: false, missing: `poppler's pdftoppm (which renders pages for OCR) is not installed: ${how}` };
  }
  return { available: true };
}

// ---------------------------------------------------------------------------
// Processes

interface RunResult {
  stdout: Buffer;
  stderr: string;
}

class RunError extends Error {
  constructor(
    message: string,
    readonly reason: 'spawn' | 'exit' | 'timeout' | 'aborted',
  ) {
    super(message);
  }
}

/**
 * One external program, arguments as an array (no shell). Killed (SIGKILL)
 * after `timeoutMs` or when `signal` aborts; settles only once the process
 * has gone.
 */
function run(command: string, args: string[], options: { timeoutMs: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new RunError(`${command} not started: another page failed`, 'aborted'));
      return;
    }
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, windowsHide: true });
    const out: Buffer[] = [];
    let err = '';
    let why: 'timeout' | 'aborted' | undefined;
    let spawnError: Error | undefined;
    let settled = false;
    const kill = (reason: 'timeout' | 'aborted') => {
      why ??= reason;
      child.kill('SIGKILL');
    };
    const onAbort = () => kill('aborted');
    const timer = setTimeout(() => kill('timeout'), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (error?: RunError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve({ stdout: Buffer.concat(out), stderr: err });
    };
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 64_000) err += chunk.toString('utf8');
    });
    child.on('error', (error) => {
      spawnError = error;
      // Not started at all (ENOENT): there will be no 'close' to wait for.
      if (child.pid === undefined) finish(new RunError(`${command} could not be started: ${error.message}`, 'spawn'));
      else child.kill('SIGKILL');
    });
    child.on('close', (code, signal) => {
      if (why === 'timeout')
        finish(
          new RunError(
            `${command} took longer than ${options.timeoutMs < 1000 ? `${options.timeoutMs} ms` : `${Math.round(options.timeoutMs / 1000)} s`} and was stopped`,
            'timeout',
          ),
        );
      else if (why === 'aborted') finish(new RunError(`${command} stopped: another page failed`, 'aborted'));
      else if (spawnError) finish(new RunError(`${command} failed: ${spawnError.message}`, 'spawn'));
      else if (code !== 0) {
        const detail = lastLines(err) || (signal ? `killed by ${signal}` : `exit code ${code}`);
        finish(new RunError(`${command} failed: ${detail}`, 'exit'));
      } else finish();
    });
  });
}

/** The last few meaningful lines of a program's stderr, for a message. */
function lastLines(stderr: string): string {
  return stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(Warning|Estimating resolution|Detected \d+ diacritics)/i.test(l))
    .slice(-3)
    .join('; ');
}

// ---------------------------------------------------------------------------
// OCR

/**
 * The text of PDF pages (physical, 1-based) read by Tesseract: for each page
 * its paragraphs as "body" blocks in reading order. Throws a LecternError
 * `source/ocr-failed` naming the page when a page cannot be rendered or read.
 */
export async function ocrPdfPages(file: string, bytes: Uint8Array, pages: number[], options: OcrOptions): Promise<Map<number, TextBlock[]>> {
  const lang = tesseractLanguage(options.lang || 'en');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const concurrency = Math.max(1, Math.min(MAX_CONCURRENCY, options.concurrency ?? MAX_CONCURRENCY));
  const queue = [...new Set(pages)].sort((a, b) => a - b);
  const result = new Map<number, TextBlock[]>();
  if (queue.length === 0) return result;

  const controller = new AbortController();
  let failure: LecternError | undefined;
  const onCallerAbort = () => {
    failure ??= inputError('source/ocr-failed', 'OCR stopped before it finished', { file });
    controller.abort();
  };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-ocr-'));
  try {
    if (options.signal?.aborted) onCallerAbort();
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const pdf = path.join(dir, 'source.pdf');
    await writeFile(pdf, bytes);
    // One thread per Tesseract: its OpenMP threads compete with the other page's
    // process and with each other (a page took 4 s with them, 0.9 s without).
    const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
    const worker = async () => {
      for (let page = queue.shift(); page !== undefined && !controller.signal.aborted; page = queue.shift()) {
        try {
          result.set(page, await ocrPage(pdf, dir, page, lang, options.password, { timeoutMs, signal: controller.signal, env }));
        } catch (error) {
          // The first failure is the one to report; the others were stopped because of it.
          failure ??= toLecternError(error, file, page);
          controller.abort();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  } finally {
    options.signal?.removeEventListener('abort', onCallerAbort);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
  if (failure) throw failure;
  return new Map([...result].sort((a, b) => a[0] - b[0]));
}

function toLecternError(error: unknown, file: string, page: number): LecternError {
  if (error instanceof LecternError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const hint =
    error instanceof RunError && error.reason === 'timeout'
      ? 'a very large or complex page; leave it out with skip_pages:, or set ocr: off in the sidecar'
      : error instanceof RunError && error.reason === 'spawn'
        ? 'install poppler-utils and tesseract-ocr, or set ocr: off in the sidecar'
        : undefined;
  return inputError('source/ocr-failed', `OCR of page ${page} failed: ${message}`, { file, page }, hint);
}

async function ocrPage(
  pdf: string,
  dir: string,
  page: number,
  lang: string,
  password: string | undefined,
  proc: { timeoutMs: number; signal: AbortSignal; env: NodeJS.ProcessEnv },
): Promise<TextBlock[]> {
  const started = performance.now();
  const prefix = path.join(dir, `page-${page}`);
  const renderArgs = ['-r', String(DPI), '-gray', '-f', String(page), '-l', String(page), '-singlefile'];
  if (password !== undefined) renderArgs.push('-upw', password);
  await run('pdftoppm', [...renderArgs, pdf, prefix], proc);
  const image = `${prefix}.pgm`;
  const { stdout } = await run('tesseract', [image, 'stdout', '-l', lang, '--dpi', String(DPI), 'tsv'], proc);
  await rm(image, { force: true });
  const blocks = paragraphsFromTsv(stdout.toString('utf8'), page);
  trace(`ocr page ${page}: ${blocks.length} paragraphs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return blocks;
}

// ---------------------------------------------------------------------------
// Tesseract's TSV to paragraphs

interface Word {
  text: string;
  conf: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Line {
  words: Word[];
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Below this confidence a "word" with no letter or digit in it is noise (a speck, a rule, a stamp's edge). */
const NOISE_CONF = 60;
/** A paragraph whose words average below this is read off a picture, not text. */
const PICTURE_CONF = 25;
/** Characters that end a sentence (and so may end a paragraph), closing quotes and brackets allowed after. */
const SENTENCE_END = /[.!?…:;][»"”’')\]]*$/u;
const LIGATURES: Record<string, string> = { ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl', ﬅ: 'st', ﬆ: 'st' };

/**
 * Tesseract's `tsv` output for one page to body blocks: one per paragraph
 * (Tesseract's paragraphs, split again where an indented line follows a
 * sentence's end), in Tesseract's reading order.
 */
export function paragraphsFromTsv(tsv: string, page: number): TextBlock[] {
  const paragraphs = new Map<string, Map<string, Line>>();
  let pageHeight = 0;
  for (const row of tsv.split(/\r?\n/)) {
    const cells = row.split('\t');
    if (cells.length < 12 || cells[0] === 'level') continue;
    const [level, , block, par, line, , left, top, width, height, conf] = cells.slice(0, 11).map(Number) as number[];
    if (level === 1) pageHeight = Math.max(pageHeight, (top ?? 0) + (height ?? 0));
    if (level !== 5) continue;
    const text = cells.slice(11).join('\t').trim();
    if (text === '') continue;
    const pkey = `${block}/${par}`;
    let lines = paragraphs.get(pkey);
    if (!lines) paragraphs.set(pkey, (lines = new Map()));
    const lkey = String(line);
    let l = lines.get(lkey);
    const word: Word = { text, conf: conf ?? 0, left: left ?? 0, top: top ?? 0, right: (left ?? 0) + (width ?? 0), bottom: (top ?? 0) + (height ?? 0) };
    if (!l) lines.set(lkey, (l = { words: [], left: word.left, top: word.top, right: word.right, bottom: word.bottom }));
    l.words.push(word);
    l.left = Math.min(l.left, word.left);
    l.top = Math.min(l.top, word.top);
    l.right = Math.max(l.right, word.right);
    l.bottom = Math.max(l.bottom, word.bottom);
  }

  const blocks: TextBlock[] = [];
  for (const lineMap of paragraphs.values()) {
    const lines = [...lineMap.values()].map((l) => ({ ...l, words: l.words.filter((w) => !isNoise(w)) })).filter((l) => l.words.length > 0);
    for (const group of splitAtIndents(lines)) {
      const words = group.flatMap((l) => l.words);
      if (words.length === 0) continue;
      if (words.reduce((sum, w) => sum + w.conf, 0) / words.length < PICTURE_CONF) continue;
      const text = joinLines(group.map((l) => l.words.map((w) => w.text).join(' ')));
      if (text === '' || isPageNumber(text, group, pageHeight)) continue;
      blocks.push({ kind: 'body', text, page });
    }
  }
  return blocks;
}

function isNoise(word: Word): boolean {
  return word.conf < NOISE_CONF && !/[\p{L}\p{N}]/u.test(word.text);
}

/** A lone page number: digits (between dashes), or a roman numeral in the top or bottom margin. */
function isPageNumber(text: string, lines: Line[], pageHeight: number): boolean {
  if (lines.length !== 1) return false;
  if (/^[-–—\s[(]*\d{1,4}[-–—\s\])]*$/u.test(text)) return true;
  const line = lines[0]!;
  const inMargin = pageHeight > 0 && (line.bottom < pageHeight * 0.12 || line.top > pageHeight * 0.88);
  return inMargin && /^[-–—\s]*[ivxlcdm]{1,7}[-–—\s]*$/iu.test(text);
}

/**
 * Tesseract's paragraph detection often leaves a book's paragraphs (first
 * line indented, no space between) in one: a new paragraph starts where a
 * line is indented past the others and the line before ends a sentence.
 */
function splitAtIndents(lines: Line[]): Line[][] {
  if (lines.length < 3) return [lines];
  // The paragraph's left margin: most lines start there, only first lines further in.
  const lefts = lines.map((l) => l.left).sort((a, b) => a - b);
  const margin = lefts[Math.floor((lefts.length - 1) / 4)]!;
  const heights = lines.map((l) => l.bottom - l.top).sort((a, b) => a - b);
  const lineHeight = heights[Math.floor(heights.length / 2)]!;
  const right = Math.max(...lines.map((l) => l.right));
  const groups: Line[][] = [[lines[0]!]];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const prev = lines[i - 1]!;
    const indented = line.left - margin > lineHeight * 0.8 && line.left - margin < lineHeight * 8;
    const prevText = prev.words[prev.words.length - 1]!.text;
    const prevEnds = SENTENCE_END.test(prevText) || prev.right < right - lineHeight * 3;
    const startsNew = /^[\p{Lu}\p{N}«"“„'‘(—–-]/u.test(line.words[0]!.text);
    if (indented && prevEnds && startsNew) groups.push([line]);
    else groups[groups.length - 1]!.push(line);
  }
  return groups;
}

/** Lines of one paragraph to its text: "com-" + "pile" is "compile", "Anglo-" + "Saxon" stays "Anglo-Saxon". */
function joinLines(lines: string[]): string {
  let text = '';
  for (const raw of lines) {
    const line = clean(raw);
    if (line === '') continue;
    if (text === '') text = line;
    else if (/\p{L}[-‐­¬]$/u.test(text) && /^\p{Ll}/u.test(line)) text = text.slice(0, -1) + line;
    else if (/\p{L}[-‐]$/u.test(text) && /^\p{L}/u.test(line)) text += line;
    else text += ` ${line}`;
  }
  return text;
}

function clean(line: string): string {
  return line
    .normalize('NFC')
    .replace(/[ﬀﬁﬂﬃﬄﬅﬆ]/g, (l) => LIGATURES[l] ?? l)
    .replace(/\s+/g, ' ')
    .trim();
}
