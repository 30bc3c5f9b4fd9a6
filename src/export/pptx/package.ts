/**
 * Finishing the package pptxgenjs writes, part by part (fflate): what its options cannot say.
 * - Paragraphs: pptxgenjs writes a paragraph's properties before each of its runs; only the
 *   first is valid OOXML (PowerPoint asks to repair the file otherwise), so the rest go.
 * - Bullets and numbers take the theme's accent colour (`li::marker` in the CSS).
 * - Fonts: OOXML names one typeface per run and has no fallback list. What it has is the PANOSE
 *   class and pitch family of a typeface, which PowerPoint uses to substitute a similar installed
 *   font when PT Sans or PT Serif is missing (Arial for a swiss sans, Georgia/Times New Roman for
 *   a roman serif). pptxgenjs marks every run's font "swiss" (pitchFamily 34): serif and mono
 *   runs are corrected, and the theme's fonts get PANOSE numbers read from the PT fonts and the
 *   explicit fallback for scripts PowerPoint looks up (Cyrillic is covered by the Latin slot).
 * - Notes: pptxgenjs writes the notes as one run with its line breaks inside; PowerPoint wants a
 *   paragraph a line. Each line becomes a paragraph in the deck's language.
 * - Section ids are numbered instead of random, so that one deck always gives the same file.
 * - The colour scheme is the theme's (ink, paper, accent…), so that what someone adds in
 *   PowerPoint takes Lectern's colours, not Office's blue.
 * - The document's language (`dc:language`) in docProps/core.xml, with the deck's keywords.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { ExportTheme } from '../theme.js';

export const PANOSE: Record<string, string> = {
  'PT Sans': '020B0503020203020204',
  'PT Serif': '020A0603040505020204',
  'PT Mono': '02060509020205020204',
};

export interface PackageFixes {
  /** The deck's language, and as PowerPoint names it in runs (ru-RU). */
  lang: string;
  runLang: string;
  keywords?: string;
  accent: string;
  fonts: { sans: string; serif: string; mono: string };
  /** The theme's colours, for the presentation's colour scheme. */
  colors: ExportTheme['colors'];
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Keeps only the first `<a:pPr>` of each paragraph (when it comes before the first run). */
export function fixParagraphs(xml: string): string {
  return xml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (_m, body: string) => {
    const first = body.search(/<a:(r|br|fld)\b/);
    if (first < 0) return `<a:p>${body}</a:p>`;
    const tail = body.slice(first).replace(/<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g, '');
    return `<a:p>${body.slice(0, first)}${tail}</a:p>`;
  });
}

function fixSlide(xml: string, fixes: PackageFixes): string {
  let out = fixParagraphs(xml);
  out = out.replace(/<a:buSzPct /g, `<a:buClr><a:srgbClr val="${fixes.accent}"/></a:buClr><a:buSzPct `);
  // Serif and monospace runs: the roman (18) and modern (49) pitch families, not swiss (34).
  for (const [face, pitch] of [
    [fixes.fonts.serif, '18'],
    [fixes.fonts.mono, '49'],
  ] as const) {
    const name = xmlEscape(face);
    out = out.replaceAll(`typeface="${name}" pitchFamily="34"`, `typeface="${name}" pitchFamily="${pitch}"`);
  }
  return out;
}

/** The notes placeholder's one run, split into a paragraph a line. */
export function fixNotes(xml: string, lang: string): string {
  return xml.replace(/<a:p><a:r><a:rPr lang="en-US" dirty="0"\/><a:t>([^<]*)<\/a:t><\/a:r>(?:<a:endParaRPr[^>]*\/>)?<\/a:p>/g, (_m, text: string) =>
    text
      .split(/\r?\n/)
      .map((line) =>
        line ? `<a:p><a:r><a:rPr lang="${lang}" dirty="0"/><a:t>${line}</a:t></a:r></a:p>` : `<a:p><a:endParaRPr lang="${lang}" dirty="0"/></a:p>`,
      )
      .join(''),
  );
}

/** Section ids by their position instead of random ones: the same deck gives the same file. */
export function fixSectionIds(xml: string): string {
  let n = 0;
  return xml.replace(
    /(<p14:section [^>]*id=")\{[0-9A-Fa-f-]{36}\}"/g,
    (_m, head: string) => `${head}{00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}}"`,
  );
}

function fixTheme(xml: string, fixes: PackageFixes): string {
  const latin = (face: string, pitch: string): string =>
    `<a:latin typeface="${xmlEscape(face)}"${PANOSE[face] ? ` panose="${PANOSE[face]}"` : ''} pitchFamily="${pitch}" charset="0"/>`;
  const c = fixes.colors;
  const slot = (name: string, hex: string): string => `<a:${name}><a:srgbClr val="${hex}"/></a:${name}>`;
  const scheme =
    '<a:clrScheme name="Lectern">' +
    [
      ['dk1', c.ink],
      ['lt1', c.paper],
      ['dk2', c.dark],
      ['lt2', c.byline],
      ['accent1', c.accent],
      ['accent2', c.darkAccent],
      ['accent3', c.muted],
      ['accent4', c.mark],
      ['accent5', c.darkEnd],
      ['accent6', c.darkInk],
      ['hlink', c.accent],
      ['folHlink', c.muted],
    ]
      .map(([name, hex]) => slot(name!, hex!))
      .join('') +
    '</a:clrScheme>';
  return xml
    .replace(/<a:clrScheme name="[^"]*">[\s\S]*?<\/a:clrScheme>/, scheme)
    .replace(/(<a:majorFont>)<a:latin [^>]*\/>/, `$1${latin(fixes.fonts.sans, '34')}`)
    .replace(/(<a:minorFont>)<a:latin [^>]*\/>/, `$1${latin(fixes.fonts.sans, '34')}`);
}

function fixCore(xml: string, fixes: PackageFixes): string {
  const extra = `<dc:language>${xmlEscape(fixes.lang)}</dc:language>${fixes.keywords ? `<cp:keywords>${xmlEscape(fixes.keywords)}</cp:keywords>` : ''}`;
  return xml.replace(/<\/cp:coreProperties>/, `${extra}</cp:coreProperties>`);
}

/** The package with the fixes applied, zipped again (deflated, entries in their order). */
export function finishPackage(bytes: Uint8Array, fixes: PackageFixes): Uint8Array {
  const parts = unzipSync(bytes);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(parts)) {
    let fixed: string | undefined;
    if (/^ppt\/notesSlides\/[^/]+\.xml$/.test(name)) fixed = fixNotes(strFromU8(data), fixes.runLang);
    else if (/^ppt\/(slides|slideLayouts|slideMasters)\/[^/]+\.xml$/.test(name)) fixed = fixSlide(strFromU8(data), fixes);
    else if (/^ppt\/theme\/theme\d+\.xml$/.test(name)) fixed = fixTheme(strFromU8(data), fixes);
    else if (name === 'docProps/core.xml') fixed = fixCore(strFromU8(data), fixes);
    else if (name === 'ppt/presentation.xml') fixed = fixSectionIds(strFromU8(data));
    out[name] = fixed === undefined ? data : strToU8(fixed);
  }
  return zipSync(out, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}
