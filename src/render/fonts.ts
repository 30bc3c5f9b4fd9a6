/**
 * Fonts shipped with the package (@fontsource PT Sans and PT Serif, made for
 * Cyrillic), inlined as data URLs so that the HTML deck works offline and the
 * PDF looks the same on every machine. Built once per process.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { hashText } from '../util/hash.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';

const require = createRequire(import.meta.url);

/** family package → the CSS files (weight/style) we embed. */
const FACES: Record<string, string[]> = {
  '@fontsource/pt-sans': ['400.css', '700.css', '400-italic.css'],
  '@fontsource/pt-serif': ['400.css', '400-italic.css'],
  // Code: a monospaced face with Cyrillic (PT Sans's sibling).
  '@fontsource/pt-mono': ['400.css'],
};
/**
 * Subsets worth their weight for Russian and English lectures (the -ext
 * subsets would double the size of every deck for rare letters; those fall
 * back to the system's fonts).
 */
const SUBSETS = ['cyrillic', 'latin'];

let cached: string | undefined;

/** Each @font-face block of @fontsource's CSS for the faces and subsets Lectern embeds, with its package folder. */
function* faceBlocks(): Generator<{ dir: string; block: string }> {
  for (const [pkg, files] of Object.entries(FACES)) {
    const dir = path.dirname(require.resolve(`${pkg}/package.json`));
    for (const file of files) {
      for (const block of readFileSync(path.join(dir, file), 'utf8').split(/(?=\/\* )/)) {
        const name = /\/\* (\S+) \*\//.exec(block)?.[1];
        if (name && SUBSETS.some((s) => new RegExp(`-${s}-\\d`).test(name))) yield { dir, block };
      }
    }
  }
}

export function fontFaceCss(): string {
  if (cached !== undefined) return cached;
  const out: string[] = [];
  for (const { dir, block } of faceBlocks()) {
    out.push(
      block
        .replace(/src: url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)[^;]*;/, (_m, woff2: string) => {
          const data = readFileSync(path.join(dir, 'files', woff2)).toString('base64');
          return `src: url(data:font/woff2;base64,${data}) format('woff2');`;
        })
        .replace(/font-display: swap;/, 'font-display: block;'),
    );
  }
  cached = out.join('\n');
  return cached;
}

/**
 * Print documents carry this comment where the fonts go, not the fonts
 * themselves (half a megabyte to build, hash and hand to Chromium for every
 * document): a print page that holds the fonts document needs nothing more,
 * any other page gets the document withFonts().
 */
export const FONTS_PLACEHOLDER = '<!--lectern:fonts-->';

export function withFonts(html: string): string {
  const at = html.indexOf(FONTS_PLACEHOLDER);
  return at < 0 ? html : `${html.slice(0, at)}<style>${fontFaceCss()}</style>${html.slice(at + FONTS_PLACEHOLDER.length)}`;
}

/**
 * The document every pooled print page holds between prints: decoding the
 * embedded fonts is most of the first load of a print document, so a page
 * decodes them once, and print documents that carry the same fonts are put
 * into it instead of replacing it (see printPdf).
 */
export function fontsDocument(): string {
  return `<!DOCTYPE html><html data-lectern-fonts=""><head><meta charset="utf-8"><style data-lectern-fonts="">${fontFaceCss()}</style>${warmUpStyle()}</head><body>${WARM_UP_SLIDE}</body></html>`;
}

/**
 * A slide laid out while Chromium waits for the first print, in the lectern
 * theme at 16:9 as packed at build time (dist/styles/warm-up.css): the first
 * print's style and layout then take half the time, and a deck in that theme
 * finds its style sheet already parsed (see putIntoFontsDocument).
 */
const WARM_UP_SLIDE = `<div class="marpit"><svg data-marpit-svg="" viewBox="0 0 1280 720"><foreignObject width="1280" height="720"><section class="lectern" data-theme="lectern" style="font-family: 'PT Sans'"><h1>Заголовок <em>Title</em></h1><h2>Раздел <strong>Section</strong></h2><ul><li>Пункт <small>item</small></li></ul><blockquote style="font-family: 'PT Serif'"><p>«Цитата» — <em>quote</em></p></blockquote></section></foreignObject></svg></div>`;

let warmUpCss: string | undefined;
function warmUpStyle(): string {
  if (warmUpCss === undefined) {
    try {
      warmUpCss = readFileSync(path.join(PACKAGE_ROOT, 'dist', 'styles', 'warm-up.css'), 'utf8');
    } catch {
      warmUpCss = '';
    }
  }
  return warmUpCss ? `<style>${warmUpCss}</style>` : '';
}

/** One face file of the embedded fonts: a @fontsource subset (cyrillic or latin) of a family, weight and style. */
interface FaceFile {
  family: string;
  weight: string;
  style: string;
  unicodeRange: string;
  /** The woff2 file. */
  file: string;
}

let faceFiles: FaceFile[] | undefined;

/** The face files fontFaceCss embeds whole, read from @fontsource's CSS. */
function embeddedFaces(): FaceFile[] {
  if (faceFiles) return faceFiles;
  const out: FaceFile[] = [];
  for (const { dir, block } of faceBlocks()) {
    const woff2 = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const field = (key: string) => new RegExp(`${key}:\\s*([^;]+);`).exec(block)?.[1]?.trim() ?? '';
    if (woff2)
      out.push({
        family: field('font-family'),
        weight: field('font-weight'),
        style: field('font-style'),
        unicodeRange: field('unicode-range'),
        file: path.join(dir, 'files', woff2),
      });
  }
  faceFiles = out;
  return out;
}

/**
 * The code points a WOFF2 font maps (its cmap), read without decoding the
 * font: the table directory, then the tables' one Brotli stream (the cmap is
 * never transformed), formats 4 and 12.
 */
export function woff2Cmap(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  if (view.getUint32(0) !== 0x774f4632) throw new Error('not a WOFF2 font');
  const numTables = view.getUint16(12);
  const compressedLength = view.getUint32(20);
  let at = 48;
  const base128 = () => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = view.getUint8(at++);
      value = value * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) return value;
    }
    throw new Error('bad UIntBase128');
  };
  const KNOWN = [
    'cmap',
    'head',
    'hhea',
    'hmtx',
    'maxp',
    'name',
    'OS/2',
    'post',
    'cvt ',
    'fpgm',
    'glyf',
    'loca',
    'prep',
    'CFF ',
    'VORG',
    'EBDT',
    'EBLC',
    'gasp',
    'hdmx',
    'kern',
    'LTSH',
    'PCLT',
    'VDMX',
    'vhea',
    'vmtx',
    'BASE',
    'GDEF',
    'GPOS',
    'GSUB',
    'EBSC',
    'JSTF',
    'MATH',
    'CBDT',
    'CBLC',
    'COLR',
    'CPAL',
    'SVG ',
    'sbix',
    'acnt',
    'avar',
    'bdat',
    'bloc',
    'bsln',
    'cvar',
    'fdsc',
    'feat',
    'fmtx',
    'fvar',
    'gvar',
    'hsty',
    'just',
    'lcar',
    'mort',
    'morx',
    'opbd',
    'prop',
    'trak',
    'Zapf',
    'Silf',
    'Glat',
    'Gloc',
    'Feat',
    'Sill',
  ];
  let offset = 0;
  let cmap: { offset: number; length: number } | undefined;
  for (let t = 0; t < numTables; t++) {
    const flags = view.getUint8(at++);
    let tag = KNOWN[flags & 0x3f];
    if ((flags & 0x3f) === 0x3f) {
      tag = String.fromCharCode(font[at]!, font[at + 1]!, font[at + 2]!, font[at + 3]!);
      at += 4;
    }
    const length = base128();
    const version = (flags >> 6) & 3;
    const transformed = tag === 'glyf' || tag === 'loca' ? version !== 3 : version !== 0;
    const stored = transformed ? base128() : length;
    if (tag === 'cmap') cmap = { offset, length };
    offset += stored;
  }
  if (!cmap) return new Set();
  const tables = brotliDecompressSync(font.subarray(at, at + compressedLength));
  const table = new DataView(tables.buffer, tables.byteOffset + cmap.offset, cmap.length);
  const points = new Set<number>();
  const count = table.getUint16(2);
  for (let i = 0; i < count; i++) {
    const sub = table.getUint32(4 + i * 8 + 4);
    const format = table.getUint16(sub);
    if (format === 4) {
      const segX2 = table.getUint16(sub + 6);
      const ends = sub + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const ranges = deltas + segX2;
      for (let s = 0; s < segX2 / 2; s++) {
        const end = table.getUint16(ends + s * 2);
        const start = table.getUint16(starts + s * 2);
        const delta = table.getUint16(deltas + s * 2);
        const rangeOffset = table.getUint16(ranges + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph: number;
          if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
          else {
            const g = table.getUint16(ranges + s * 2 + rangeOffset + (c - start) * 2);
            glyph = g === 0 ? 0 : (g + delta) & 0xffff;
          }
          if (glyph) points.add(c);
        }
      }
    } else if (format === 12) {
      const groups = table.getUint32(sub + 12);
      for (let g = 0; g < groups; g++) {
        const start = table.getUint32(sub + 16 + g * 12);
        const end = table.getUint32(sub + 20 + g * 12);
        if (end - start > 0x10000) continue;
        for (let c = start; c <= end; c++) points.add(c);
      }
    }
  }
  return points;
}

const cmaps = new Map<string, Set<number>>();
function cmapOf(file: string): Set<number> {
  let found = cmaps.get(file);
  if (!found) {
    found = woff2Cmap(readFileSync(file));
    cmaps.set(file, found);
  }
  return found;
}

/** Every code point some embedded font draws (the PT faces: KaTeX's draw formulas only, see katexCodePoints). */
export function embeddedCodePoints(): Set<number> {
  const all = new Set<number>();
  for (const face of embeddedFaces()) for (const c of cmapOf(face.file)) all.add(c);
  return all;
}

/** What the HTML deck uses of the fonts: its text, and whether anything is set in italics. */
export interface FontUse {
  /** Every character the document may show (its slides, notes, titles and interface words). */
  text: string;
  italic: boolean;
  /** A folder where subsets are kept between builds (OUT/.lectern/fonts); none: only in memory. */
  cacheDir?: string;
}

/** What the HTML deck shows in PT Mono: the text of its code (`<pre>`); '' when there is none. */
function codeText(html: string): string {
  return [...html.matchAll(/<pre\b[^>]*>([\s\S]*?)<\/pre>/gi)].map((m) => m[1]!.replace(/<[^>]*>/g, '')).join('');
}

/** Always embedded: what the deck's interface shows whatever the slides say (counter, timer, go-to, printable ASCII). */
const ALWAYS = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('') + '\u00a0\u00ad\u2010\u2013\u2014\u2026';

const subsets = new Map<string, Promise<Buffer>>();

/**
 * The @font-face rules of the HTML deck: each face file cut down to the
 * glyphs the document uses (harfbuzz's hb-subset, through subset-font), in
 * WOFF2; italic faces only when something is set in italics; a face file
 * none of whose glyphs is used is left out. Without the TrueType hinting
 * instructions: they were three quarters of each subset, and slide text is
 * large (the printed PDF keeps the whole fonts). Subsets are kept by face and
 * glyph set in memory and in `cacheDir`, so a rebuild whose text uses no new
 * character subsets nothing.
 */
export async function subsetFontFaceCss(use: FontUse): Promise<string> {
  const shown = new Set<number>();
  for (const ch of use.text) if (!/\s/.test(ch)) shown.add(ch.codePointAt(0)!);
  const wanted = new Set(shown);
  for (const ch of ALWAYS) wanted.add(ch.codePointAt(0)!);
  const rules: string[] = [];
  const jobs: Array<Promise<void>> = [];
  // PT Mono draws only code: cut down to the code's characters, left out of a deck without code.
  const code = codeText(use.text);
  const mono = new Set<number>();
  if (code) for (const ch of code + ALWAYS) mono.add(ch.codePointAt(0)!);
  for (const face of embeddedFaces()) {
    if (face.style === 'italic' && !use.italic) continue;
    const cmap = cmapOf(face.file);
    const glyphs = face.family.includes('PT Mono') ? mono : wanted;
    const points = [...glyphs].filter((c) => cmap.has(c)).sort((a, b) => a - b);
    // A face file none of whose characters the document shows (Cyrillic in an English deck): left out.
    if (!points.some((c) => shown.has(c))) continue;
    const at = rules.push('') - 1;
    jobs.push(
      subsetOf(face.file, points, use.cacheDir).then((data) => {
        rules[at] = [
          '@font-face {',
          `  font-family: ${face.family};`,
          `  font-style: ${face.style};`,
          '  font-display: block;',
          `  font-weight: ${face.weight};`,
          `  src: url(data:font/woff2;base64,${data.toString('base64')}) format('woff2');`,
          `  unicode-range: ${face.unicodeRange};`,
          '}',
        ].join('\n');
      }),
    );
  }
  await Promise.all(jobs);
  return rules.join('\n');
}

/** `from`: the packages the face files come from, for the key (default: the PT faces'). */
function subsetOf(file: string, points: number[], cacheDir: string | undefined, from = fontPackages().join()): Promise<Buffer> {
  const key = hashText(VERSION, from, 'woff2 without hinting', path.basename(file), String.fromCodePoint(...points)).slice(0, 32);
  let found = subsets.get(key);
  if (!found) {
    found = (async () => {
      const cached = cacheDir ? path.join(cacheDir, `${key}.woff2`) : undefined;
      if (cached) {
        try {
          return await readFile(cached);
        } catch {
          // not kept yet
        }
      }
      // Loaded by name at run time: the subsetter (harfbuzz and woff2 in WebAssembly) reads its .wasm files from its package.
      const subsetFont = require(SUBSETTER) as (font: Buffer, text: string, options: { targetFormat: string; noHinting: boolean }) => Promise<Buffer>;
      const sfnt = await sfntOf(file);
      const data = await oneAtATime(async () =>
        Buffer.from(await subsetFont(sfnt, String.fromCodePoint(...points), { targetFormat: 'woff2', noHinting: true })),
      );
      if (cached) await writeQuietly(cached, data);
      return data;
    })();
    if (subsets.size > 256) subsets.clear();
    subsets.set(key, found);
    found.catch(() => subsets.get(key) === found && subsets.delete(key));
  }
  return found;
}

/**
 * The WebAssembly encoders (woff2's above all) hand back views of their own
 * memory, which a second call running meanwhile overwrites: one call at a time.
 */
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

const SUBSETTER = 'subset-font';
const CONVERTER = 'fontverter';

/** The face file decoded from WOFF2 once per process (decoding is most of a subset's time). */
const sfnts = new Map<string, Promise<Buffer>>();
function sfntOf(file: string): Promise<Buffer> {
  let found = sfnts.get(file);
  if (!found) {
    const data = readFileSync(file);
    let fontverter: { convert: (font: Buffer, to: string) => Promise<Buffer> } | undefined;
    try {
      // subset-font's own converter (installed with it); without it, subset-font decodes the file each time.
      fontverter = require(CONVERTER) as typeof fontverter;
    } catch {
      fontverter = undefined;
    }
    const convert = fontverter?.convert;
    found = convert ? oneAtATime(async () => Buffer.from(await convert(data, 'truetype'))) : Promise.resolve(data);
    sfnts.set(file, found);
  }
  return found;
}

/** A cache that cannot be written is only slower: never an error. Atomic, so readers see all or nothing. */
async function writeQuietly(file: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch {
    await rm(tmp, { force: true });
  }
}

/** The files behind fontFaceCss, for cache keys. */
export function fontPackages(): string[] {
  return Object.keys(FACES).map((pkg) => `${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`);
}

/** One of KaTeX's faces: its family, style and weight, and its woff2 file. */
interface KatexFace {
  family: string;
  style: string;
  weight: string;
  file: string;
}

let katexFaces: { faces: KatexFace[]; rules: Array<{ classes: string[]; face: string }> } | undefined;

/** CSS's weight keywords as numbers (KaTeX's style sheet writes both). */
const weightOf = (weight = '400') => (weight === 'bold' ? '700' : weight === 'normal' ? '400' : weight);
const faceKey = (family: string, style = 'normal', weight?: string) => `${family}|${style}|${weightOf(weight)}`;

/** KaTeX's faces and which of its classes set which face, read from its own style sheet. */
function katexStyles(): NonNullable<typeof katexFaces> {
  if (katexFaces) return katexFaces;
  const dir = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');
  const css = readFileSync(path.join(dir, 'katex.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const faces: KatexFace[] = [];
  const rules: Array<{ classes: string[]; face: string }> = [];
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selector = m[1]!.trim();
    const field = (key: string) => new RegExp(`(?:^|;|\\s)${key}:\\s*([^;]+)`).exec(m[2]!)?.[1]?.trim().replace(/^"|"$/g, '');
    const family = field('font-family');
    if (selector === '@font-face') {
      const woff2 = /url\(fonts\/([^)]+\.woff2)\)/.exec(m[2]!)?.[1];
      if (family && woff2)
        faces.push({ family, style: field('font-style') ?? 'normal', weight: weightOf(field('font-weight')), file: path.join(dir, 'fonts', woff2) });
      continue;
    }
    if (!family?.startsWith('KaTeX_')) continue;
    const face = faceKey(family, field('font-style'), field('font-weight'));
    for (const one of selector.split(',')) {
      const classes = [...one.matchAll(/\.([\w-]+)/g)].map((c) => c[1]!).filter((c) => c !== 'katex');
      if (classes.length) rules.push({ classes, face });
    }
  }
  katexFaces = { faces, rules };
  return katexFaces;
}

/**
 * The @font-face rules of KaTeX's fonts for slides with formulas, as data
 * URLs (decks fetch nothing): only the faces the formulas' classes use —
 * KaTeX_Main always (the formula's own font), its bold and italic for
 * \textbf and \textit, the others by KaTeX's own rules (.mathnormal is
 * KaTeX_Math italic, .mathbb KaTeX_AMS, .delimsizing.size2 KaTeX_Size2…).
 * '' when the slides have no formula.
 */
export function katexFontCss(html: string): string {
  return katexFacesUsed(html)
    .map((f) => katexFaceRule(f, readFileSync(f.file)))
    .join('\n');
}

/** The KaTeX faces the formulas of some slides HTML use (none without a formula). */
function katexFacesUsed(html: string): KatexFace[] {
  if (!/class="katex\b/.test(html)) return [];
  const used = new Set<string>();
  for (const m of html.matchAll(/class="([^"]*)"/g)) for (const c of m[1]!.split(/\s+/)) used.add(c);
  const { faces, rules } = katexStyles();
  const wanted = new Set([faceKey('KaTeX_Main')]);
  if (used.has('textbf')) wanted.add(faceKey('KaTeX_Main', 'normal', '700'));
  if (used.has('textit')) wanted.add(faceKey('KaTeX_Main', 'italic', '400'));
  for (const rule of rules) if (rule.classes.every((c) => used.has(c))) wanted.add(rule.face);
  return faces.filter((f) => wanted.has(faceKey(f.family, f.style, f.weight)));
}

function katexFaceRule(face: KatexFace, woff2: Uint8Array): string {
  return [
    '@font-face {',
    `  font-family: ${face.family};`,
    `  font-style: ${face.style};`,
    `  font-weight: ${face.weight};`,
    '  font-display: block;',
    `  src: url(data:font/woff2;base64,${Buffer.from(woff2).toString('base64')}) format('woff2');`,
    '}',
  ].join('\n');
}

/** KaTeX's faces as katexFontCss writes them into the slides' CSS. */
const KATEX_FACE_RULE = /@font-face\s*\{[^}]*KaTeX_[^}]*\}\n?/g;

/**
 * The slides' CSS for the HTML deck: KaTeX's whole faces (katexFontCss)
 * replaced by each face the formulas use cut down to the characters they
 * draw (`drawn`: the formulas' text, their MathML copies aside), as
 * subsetFontFaceCss does for the PT faces; a face none of whose characters
 * is drawn is left out. Print documents keep the whole faces.
 */
export async function subsetKatexFontCss(css: string, html: string, drawn: string, cacheDir?: string): Promise<string> {
  const faces = katexFacesUsed(html);
  if (!faces.length) return css;
  const chars = new Set<number>([0x20, 0xa0]);
  for (const ch of drawn) chars.add(ch.codePointAt(0)!);
  const from = `katex@${(require('katex/package.json') as { version: string }).version}`;
  const rules = await Promise.all(
    faces.map(async (face) => {
      const cmap = cmapOf(face.file);
      const points = [...chars].filter((c) => cmap.has(c)).sort((a, b) => a - b);
      if (!points.some((c) => c !== 0x20 && c !== 0xa0)) return '';
      return katexFaceRule(face, await subsetOf(face.file, points, cacheDir, from));
    }),
  );
  return css.replace(KATEX_FACE_RULE, '') + rules.filter(Boolean).join('\n');
}

/** Every code point KaTeX's fonts draw (formulas are set in them, not in the PT faces). */
export function katexCodePoints(): Set<number> {
  const all = new Set<number>();
  for (const face of katexStyles().faces) for (const c of cmapOf(face.file)) all.add(c);
  return all;
}
