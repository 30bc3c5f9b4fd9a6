/**
 * `lectern bib FILE…` and `lectern styles`: a lecturer's library seen in a
 * style before an outline uses it, and the styles there are. The command line
 * (src/cli/main.ts) parses the options, prints what these return and sets the
 * exit code.
 */
import { EXIT, LecternError, type Problem } from '../errors.js';
import { Citer } from './format.js';
import { loadLibrary } from './library.js';
import { cslDir, dependentStyleCount, listStyles, resolveStyle, STYLE_ALIASES } from './style.js';

export type BibOutput = 'text' | 'html' | 'json';

/** The style `lectern bib` uses when none is named: GOST for a Russian reader, APA otherwise. */
export function defaultStyle(lang: string): string {
  return lang.toLowerCase().startsWith('ru') ? 'gost' : 'apa';
}

/** Every entry of the files in the style: one per line (text), an HTML fragment, or JSON [{id, text, html}]; the problems of entries that could not be read. */
export async function bibCommand(
  files: string[],
  options: { style?: string; lang: string; format: BibOutput; baseDir: string },
): Promise<{ output: string; problems: Problem[] }> {
  const [library, style] = await Promise.all([loadLibrary(files), resolveStyle(options.style ?? defaultStyle(options.lang), options.baseDir)]);
  const citer = new Citer(
    style,
    options.lang,
    [...library.items.values()].map((item) => item.csl),
  );
  const entries = citer.bibliography();
  let output: string;
  if (options.format === 'json') output = JSON.stringify(entries, null, 2) + '\n';
  else if (options.format === 'html') output = entries.length ? `<div class="csl-bib-body">\n${entries.map((e) => `  ${e.html}\n`).join('')}</div>\n` : '';
  else output = entries.map((e) => `${e.text}\n`).join('');
  return { output, problems: library.problems };
}

/** The named styles and how many the package has; with `all`, every style by id and title. */
export async function stylesCommand(all: boolean): Promise<string> {
  const styles = await listStyles();
  const titles = new Map(styles.map((s) => [s.name, s.title]));
  const width = Math.max(...Object.keys(STYLE_ALIASES).map((a) => a.length));
  const lines = Object.entries(STYLE_ALIASES).map(
    ([alias, id]) => `${alias.padEnd(width)}  ${id}${titles.has(id) ? `  (${titles.get(id)})` : '  (not installed)'}`,
  );
  if (styles.length === 0) {
    throw new LecternError(
      {
        severity: 'error',
        code: 'bib/no-styles',
        message: `no CSL styles in ${cslDir()}/styles`,
        hint: 'apt install citation-style-language-styles citation-style-language-locales (or set LECTERN_CSL_DIR)',
      },
      EXIT.environment,
    );
  }
  const dependent = await dependentStyleCount();
  lines.push(
    '',
    `${styles.length} styles${dependent ? ` (and ${dependent} journal styles based on them)` : ''} in ${cslDir()}/styles: any id works as --style or citation_style${all ? '' : ' (lectern styles --all lists them)'}; so does a path to a .csl file`,
  );
  if (all) {
    const idWidth = Math.min(48, Math.max(...styles.map((s) => s.name.length)));
    lines.push('', ...styles.map((s) => `${s.name.padEnd(idWidth)}  ${s.title}`));
  }
  return lines.join('\n') + '\n';
}
