/**
 * The language to use when nobody named one (issue 14): the project config's `lang`, else the
 * script of the source text — Cyrillic letters → ru, otherwise en. The config is applied by the
 * caller (the settings, src/settings.ts, for outlines; `loadConfig` for `lectern passages`).
 */
import { open } from 'node:fs/promises';

/** Letters looked at: enough to decide, and a large source costs no more than a small one. */
const SAMPLE_LETTERS = 20_000;
const SAMPLE_BYTES = 256 * 1024;

/**
 * "ru" when at least a third of a text's Latin and Cyrillic letters are Cyrillic, else "en" (no
 * letters at all: "en"). Not a simple majority: Russian texts carry Latin names, URLs and markup.
 */
export function scriptLang(text: string): 'ru' | 'en' {
  let cyrillic = 0;
  let latin = 0;
  for (const ch of text) {
    if (/[\u0400-\u04FF]/.test(ch)) cyrillic++;
    else if (/[A-Za-z]/.test(ch)) latin++;
    if (cyrillic + latin >= SAMPLE_LETTERS) break;
  }
  return cyrillic > 0 && cyrillic * 3 >= cyrillic + latin ? 'ru' : 'en';
}

/** The start of a file as text, or '' when it cannot be read (reading it properly reports that). */
async function head(file: string): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(SAMPLE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
      // PDF, ZIP (DOCX, EPUB) and OLE files are compressed binaries: their bytes say nothing of the language.
      if (/^(?:%PDF-|PK\x03\x04|\xD0\xCF\x11\xE0)/.test(buffer.subarray(0, 5).toString('latin1'))) return '';
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

/** The script language of some files taken together; `fallback` text decides when they have no letters. */
export async function filesLang(files: string[], fallback = ''): Promise<'ru' | 'en'> {
  const texts = await Promise.all(files.map(head));
  const joined = texts.join('\n');
  return scriptLang(/[A-Za-z\u0400-\u04FF]/.test(joined) ? joined : fallback);
}

/** The primary subtag of a language tag, lower case: "ru-RU" → "ru", " EN_us" → "en". */
export function primaryLanguage(lang: string): string {
  return lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * "ru" or "en" when a language tag names Russian or English (any region), else undefined: the two
 * languages Lectern has its own rules and strings for. Every language check goes through here.
 */
export function languageOf(lang: string): 'ru' | 'en' | undefined {
  const primary = primaryLanguage(lang);
  return primary === 'ru' || primary === 'en' ? primary : undefined;
}

/** Russian (any region)? Everything else gets English strings. */
export function isRussian(lang: string): boolean {
  return languageOf(lang) === 'ru';
}
