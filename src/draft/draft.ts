/**
 * `lectern draft SOURCE`: a first outline for a source, extractively.
 *
 * The draft follows the source's structure (Markdown headings) or, without
 * headings, its topics (the stretches it dwells on — in a text of one long
 * line as well), and fills each part with its key sentences, each cited by address
 * (`ref:`), so that the outline builds as it is and every line on a slide can
 * be traced to the source. Nothing is generated: all text on the slides is
 * the source's own words, at most shortened with "…".
 *
 * What goes in is chosen by the text's topics (topics.ts: TF-IDF over
 * stemmed sentences, TextRank centrality, topic runs; no network, no model):
 * in a text without headings the stretches where a term keeps coming back
 * much more densely than elsewhere ("corporations", "the Monroe Doctrine")
 * become the sections, the strongest first, named by that term (English) or
 * their key sentence, and each slide's bullets are the sentences most central
 * to its part. Fragments, very long sentences and list lead-ins
 * lose; dates and numbers earn nothing — they go to the timeline only.
 *
 * The outline text is built line by line: every text scalar is written as a
 * JSON string (valid YAML, safe with `#`, `: `, leading `-`, quotes…), and
 * comments say how to edit it.
 *
 * Here: the command (options, reading the source, writing the file). The
 * parts: items.ts (sentences with features), sections.ts, slides.ts,
 * titles.ts, plan.ts (all of it within the slides asked for), write.ts and
 * words.ts (the YAML and its comments), limits.ts.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError, usageError } from '../errors.js';
import { loadSource, type Source } from '../sources/source.js';
import { filesLang } from '../util/lang.js';
import { writeAtomic } from '../util/write.js';
import cyrillicLatin from './data/cyrillic-latin.json' with { type: 'json' };
import { DRAFT_LIMITS } from './limits.js';
import { planDraft } from './plan.js';
import { writeYaml } from './write.js';

export interface DraftOptions {
  /** About how many slides in total (default 12; clamped to 6–60). */
  slides?: number;
  /** Language of the lecture (default: the source's metadata, else guessed from its letters). */
  lang?: string;
  /** Absolute path of the outline to write. */
  output: string;
  /** Overwrite an existing outline. */
  force?: boolean;
}

/** Build the outline text (YAML with comments) for a source. Pure apart from reading the source. */
export async function draftOutline(sourceFile: string, options: DraftOptions): Promise<string> {
  const file = path.resolve(sourceFile);
  const output = path.resolve(options.output);
  const name = sourceSlug(file);
  // Read exactly as the build will: the metadata's language, else the outline's (which the draft
  // writes: --lang, else the text's script), so that every address written here points at the
  // same sentence when the outline is built.
  const source = { ...(await loadSource(file, undefined, { defaultLang: options.lang ?? (await filesLang([file])) })), name };
  const lang = outlineLang(options.lang, source);
  const heading = /\.(md|markdown)$/i.test(file) ? firstHeading(await readFile(file, 'utf8')) : undefined;
  const plan = planDraft(source, lang, targetSlides(options.slides), heading);
  return writeYaml(plan, source, lang, output);
}

/** draftOutline + write (never overwrites an existing file without force: LecternError code 'draft/exists', exit 1). Returns the path written. */
export async function writeDraft(sourceFile: string, options: DraftOptions): Promise<string> {
  const output = path.resolve(options.output);
  if (!options.force && existsSync(output)) {
    throw inputError('draft/exists', `${output} already exists`, { file: output }, 'pass --force to overwrite it, or choose another name with -o');
  }
  const text = await draftOutline(sourceFile, { ...options, output });
  if (options.force) {
    await writeAtomic(output, text);
    return output;
  }
  // Exclusive creation: a file that appeared while the source was read is not overwritten either.
  await mkdir(path.dirname(output), { recursive: true });
  try {
    await writeFile(output, text, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw inputError('draft/exists', `${output} already exists`, { file: output }, 'pass --force to overwrite it, or choose another name with -o');
    }
    throw err;
  }
  return output;
}

/**
 * The first ATX heading of a Markdown text (after any front matter). The Source only records
 * headings as the sections of the paragraphs under them, so a title heading followed directly
 * by another heading ("# Title" then "## Part 1") is only seen here.
 */
function firstHeading(text: string): string | undefined {
  const body = text
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(/^\uFEFF?---\n[\s\S]*?\n---[ \t]*(?:\n|$)/, '');
  const m = /^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$/m.exec(body);
  return m ? m[1] : undefined;
}

function targetSlides(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return DRAFT_LIMITS.defaultSlides;
  return Math.min(DRAFT_LIMITS.maxSlides, Math.max(DRAFT_LIMITS.minSlides, Math.round(n)));
}

function outlineLang(given: string | undefined, source: Source): string {
  if (given !== undefined) {
    const parts = given.trim().split(/[-_]/);
    const code = [parts[0]!.toLowerCase(), ...parts.slice(1)].join('-');
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(code)) throw usageError(`--lang must be a language code such as ru or en, not "${given}"`);
    return code;
  }
  if (source.meta.lang) return source.meta.lang;
  // No metadata: the letters decide between the two languages Lectern knows best.
  let cyr = 0;
  let lat = 0;
  outer: for (const p of source.paragraphs) {
    for (const ch of p.text) {
      if (/[\u0400-\u04FF]/.test(ch)) cyr++;
      else if (/[A-Za-z]/.test(ch)) lat++;
      if (cyr + lat > 20000) break outer;
    }
  }
  return cyr >= lat ? 'ru' : 'en';
}

/** Cyrillic letters as Latin ones (data/cyrillic-latin.json). */
const CYRILLIC_TO_LATIN: Record<string, string> = cyrillicLatin.letters;
/** A short name for the source under `sources:` ("ussr-japan-1925.txt" → "ussr"): the first word(s) of the file name, ASCII. */
export function sourceSlug(file: string): string {
  const base = path
    .basename(file)
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
  const ascii = [...base].map((ch) => CYRILLIC_TO_LATIN[ch] ?? ch).join('');
  const words = ascii.split(/[^a-z0-9]+/).filter(Boolean);
  let slug = '';
  for (const w of words) {
    if (slug.length >= 4) break;
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > 20) break;
    slug = next;
  }
  return slug.slice(0, 20) || 'src';
}
