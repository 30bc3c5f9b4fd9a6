/**
 * CSL styles and locales: where they come from and how a name finds one.
 *
 * Styles and locales are not bundled: they come from Debian's
 * `citation-style-language-styles` and `citation-style-language-locales`
 * packages (/usr/share/citation-style-language/{styles,locales}; another
 * folder of the same layout with $LECTERN_CSL_DIR), or from a `.csl` file the
 * user points to. A style is named by a short alias (`gost`, `apa`…), by any
 * style id of the package (`gost-r-7-0-5-2008-numeric`, a dependent style such
 * as `nature`, resolved to its parent), or by a path. Files are read once per
 * process.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, inputError, LecternError } from '../errors.js';
import { didYouMean, nearest } from '../suggest.js';

/** Short names for the styles lecturers are asked for most. */
export const STYLE_ALIASES: Record<string, string> = {
  gost: 'gost-r-7-0-5-2008-numeric',
  'gost-author-date': 'gost-r-7-0-5-2008',
  'gost-alphabetical': 'gost-r-7-0-5-2008-numeric-alphabetical',
  apa: 'apa',
  chicago: 'chicago-author-date',
  mla: 'modern-language-association',
  ieee: 'ieee',
  harvard: 'harvard-cite-them-right',
  vancouver: 'vancouver',
};

export interface CslStyle {
  /** The style's id (`gost-r-7-0-5-2008-numeric`), or a user file's name without `.csl`. */
  name: string;
  /** The file the style was read from (a dependent style: its own file; `xml` is its parent's). */
  file: string;
  /** The independent style's XML, as citeproc takes it. */
  xml: string;
  /** Citations are numbers ("[1, с. 45]"), numbered by first citation unless the style sorts its bibliography. */
  numeric: boolean;
}

const STYLES_PACKAGE = 'citation-style-language-styles';
const LOCALES_PACKAGE = 'citation-style-language-locales';

/** The folder holding styles/ and locales/. */
export function cslDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LECTERN_CSL_DIR ? path.resolve(env.LECTERN_CSL_DIR) : '/usr/share/citation-style-language';
}

const resolved = new Map<string, CslStyle>();

/** A named style (an alias or a style id of the package) or a path to a `.csl` file (relative to `baseDir`). */
export async function resolveStyle(nameOrPath: string, baseDir: string): Promise<CslStyle> {
  const wanted = nameOrPath.trim();
  const isPath = /\.csl$/i.test(wanted) || /[/\\]/.test(wanted);
  const key = isPath ? path.resolve(baseDir, wanted) : `${cslDir()}\0${wanted.toLowerCase()}`;
  const known = resolved.get(key);
  if (known) return known;
  const style = isPath ? await styleFile(key, wanted) : await namedStyle(wanted);
  resolved.set(key, style);
  return style;
}

async function styleFile(file: string, written: string): Promise<CslStyle> {
  let xml: string;
  try {
    xml = await readFile(file, 'utf8');
  } catch {
    throw inputError(
      'bib/style',
      `the style file "${written}" does not exist`,
      { file },
      'give a path to a .csl file (relative to the outline or config), or a style name: `lectern styles`',
    );
  }
  if (!/<style\b[^>]*xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(xml)) {
    throw inputError('bib/style', 'this is not a CSL style (no <style xmlns="http://purl.org/net/xbiblio/csl">)', { file, line: 1 });
  }
  return withParent(path.basename(file).replace(/\.csl$/i, ''), file, xml);
}

async function namedStyle(written: string): Promise<CslStyle> {
  const stylesDir = path.join(cslDir(), 'styles');
  if (!existsSync(stylesDir)) {
    throw new LecternError(
      {
        severity: 'error',
        code: 'bib/no-styles',
        message: `CSL styles are not installed (no ${stylesDir}), so the style "${written}" cannot be found`,
        hint: `apt install ${STYLES_PACKAGE} ${LOCALES_PACKAGE} (or set LECTERN_CSL_DIR, or give a path to a .csl file)`,
      },
      EXIT.environment,
    );
  }
  const id = STYLE_ALIASES[written.toLowerCase()] ?? written.toLowerCase();
  for (const file of [path.join(stylesDir, `${id}.csl`), path.join(stylesDir, 'dependent', `${id}.csl`)]) {
    if (/^[a-z0-9][a-z0-9.-]*$/.test(id) && existsSync(file)) return withParent(id, file, await readFile(file, 'utf8'));
  }
  const ids = [...(await styleIds(stylesDir)), ...(await styleIds(path.join(stylesDir, 'dependent')))];
  // A near alias first ("gots" → "gost"), else a near style id.
  const close = nearest(written, Object.keys(STYLE_ALIASES)).length ? didYouMean(written, Object.keys(STYLE_ALIASES)) : didYouMean(written, ids);
  throw inputError(
    'bib/style',
    `unknown citation style "${written}"`,
    {},
    `${close.startsWith('did you mean') ? `${close} ` : ''}named styles: ${Object.keys(STYLE_ALIASES).join(', ')}; any of the ${ids.length} styles \`lectern styles --all\` lists; or a path to a .csl file`,
  );
}

async function styleIds(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.csl')).map((f) => f.slice(0, -4));
  } catch {
    return [];
  }
}

/** A dependent style (no formatting of its own) takes its parent's XML; numeric as the dependent says. */
async function withParent(name: string, file: string, xml: string): Promise<CslStyle> {
  const numeric = /<category\s+citation-format="numeric"/.test(xml);
  const parent = /<link\s[^>]*rel="independent-parent"[^>]*>/.exec(xml)?.[0];
  if (!parent) return { name, file, xml, numeric };
  const href = /href="([^"]+)"/.exec(parent)?.[1] ?? '';
  const parentId = href.replace(/\/+$/, '').split('/').pop() ?? '';
  const parentFile = path.join(cslDir(), 'styles', `${parentId}.csl`);
  let parentXml: string;
  try {
    parentXml = await readFile(parentFile, 'utf8');
  } catch {
    throw inputError(
      'bib/style',
      `the style "${name}" only names another style, "${parentId}", which is not installed`,
      { file },
      `apt install ${STYLES_PACKAGE}, or use the parent style's file`,
    );
  }
  return { name, file, xml: parentXml, numeric: numeric || /<category\s+citation-format="numeric"/.test(parentXml) };
}

/** Every independent style of the package: its id, title and file (`lectern styles --all`). */
export async function listStyles(): Promise<Array<{ name: string; title: string; file: string }>> {
  const dir = path.join(cslDir(), 'styles');
  const ids = await styleIds(dir);
  const list = await Promise.all(
    ids.map(async (name) => {
      const file = path.join(dir, `${name}.csl`);
      return { name, title: (await styleTitle(file)) ?? name, file };
    }),
  );
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

/** How many dependent styles (journals that use another style's rules) the package has. */
export async function dependentStyleCount(): Promise<number> {
  return (await styleIds(path.join(cslDir(), 'styles', 'dependent'))).length;
}

/** A style's <title>, from the start of its file. */
async function styleTitle(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    const title = /<title>([^<]*)<\/title>/.exec(head)?.[1];
    return title
      ?.replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
  } finally {
    await handle.close();
  }
}

/** A language with no region, as CSL's locales name it (its primary dialect). */
const PRIMARY_DIALECTS: Record<string, string> = {
  en: 'en-US',
  ru: 'ru-RU',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
  pt: 'pt-PT',
  zh: 'zh-CN',
  uk: 'uk-UA',
  sr: 'sr-RS',
  nb: 'nb-NO',
  nn: 'nn-NO',
};

/** The CSL locale a deck language uses: "ru" → "ru-RU", "en" → "en-US", "pt-BR" as it is. */
export function cslLocale(lang: string): string {
  const [language = 'en', region] = lang.replace('_', '-').split('-');
  if (region) return `${language.toLowerCase()}-${region.toUpperCase()}`;
  return PRIMARY_DIALECTS[language.toLowerCase()] ?? language.toLowerCase();
}

const locales = new Map<string, string>();

/** The locale file's XML for a language ("ru" → locales-ru-RU.xml); missing → an error naming the package. */
export async function localeXml(lang: string): Promise<string> {
  return localeXmlSync(lang);
}

/** As localeXml, for citeproc, which asks for locales synchronously. */
export function localeXmlSync(lang: string): string {
  const locale = cslLocale(lang);
  const dir = path.join(cslDir(), 'locales');
  // Remembered per folder: LECTERN_CSL_DIR may point elsewhere later in the same process.
  const known = locales.get(`${dir}\0${locale}`);
  if (known) return known;
  if (!existsSync(dir)) {
    throw new LecternError(
      {
        severity: 'error',
        code: 'bib/no-locales',
        message: `CSL locales are not installed (no ${dir}): the terms of "${lang}" ("p.", "с.", "et al.") cannot be found`,
        hint: `apt install ${LOCALES_PACKAGE} (or set LECTERN_CSL_DIR)`,
      },
      EXIT.environment,
    );
  }
  const [language] = locale.split('-');
  const candidates = [`locales-${locale}.xml`, `locales-${language}.xml`];
  for (const name of candidates) {
    try {
      const xml = readFileSync(path.join(dir, name), 'utf8');
      locales.set(`${dir}\0${locale}`, xml);
      return xml;
    } catch {
      // Try the next name.
    }
  }
  throw inputError('bib/locale', `there is no CSL locale for the language "${lang}"`, {}, `the locales in ${dir} cover: ${localeLanguages(dir).join(', ')}`);
}

function localeLanguages(dir: string): string[] {
  try {
    return [...new Set(readdirSync(dir).flatMap((f) => /^locales-([a-z]{2,3})[-.]/.exec(f)?.[1] ?? []))];
  } catch {
    return [];
  }
}
