/**
 * Code on a slide (`code:`, `lang:`, `lines:`): the language checked against
 * highlight.js's names (render/highlight.ts highlights with it), the line
 * range against the code. Code is text: it is never read as Markdown.
 */
import { createRequire } from 'node:module';
import type { CodeBlock } from './model.js';

const require = createRequire(import.meta.url);

/** Loaded by name at run time, and only for a deck with code: all its languages take a tenth of a second to load. */
const HIGHLIGHTER = 'highlight.js';

interface Languages {
  getLanguage(name: string): { name?: string } | undefined;
  listLanguages(): string[];
}

let languages: Languages | undefined;
export function highlighterLanguages(): Languages {
  languages ??= require(HIGHLIGHTER) as Languages;
  return languages;
}

/** Names that mean no highlighting. */
const PLAIN = new Set(['', 'text', 'txt', 'plain', 'plaintext']);

export interface CodeProblem {
  field: 'lang' | 'lines';
  message: string;
  hint: string;
  /** Nearest names, for "did you mean". */
  names?: string[];
}

/** The code as shown: line ends as \n, the final line break (YAML's `|` adds one) left out. */
export function codeText(code: string): string {
  return code.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
}

/** A `lines:` value ("3-8", 5) as a range, or a problem. */
export function lineRange(lines: string | number, count: number): { from: number; to: number } | CodeProblem {
  const [from, to] = String(lines)
    .split('-')
    .map((n) => Number(n.trim()));
  const range = { from: from!, to: to ?? from! };
  if (range.from < 1 || range.to < range.from)
    return { field: 'lines', message: `lines: ${lines} is not a range of lines`, hint: 'write the first and last line, e.g. lines: 3-8' };
  if (range.to > count)
    return {
      field: 'lines',
      message: `lines: ${lines} goes past the end of the code (${count} line${count === 1 ? '' : 's'})`,
      hint: `lines are counted from 1, the first line of code:; the last is ${count}`,
    };
  return range;
}

/** The code block of a slide, or the problems of its fields. */
export function codeBlock(code: string, lang: string | undefined, lines: string | number | undefined): CodeBlock | CodeProblem[] {
  const text = codeText(code);
  const problems: CodeProblem[] = [];
  let name = '';
  if (lang !== undefined && !PLAIN.has(lang.toLowerCase())) {
    const hljs = highlighterLanguages();
    if (hljs.getLanguage(lang)) name = lang.toLowerCase();
    else
      problems.push({
        field: 'lang',
        message: `unknown language "${lang}" for code:`,
        hint: 'a highlight.js language name or alias',
        names: hljs.listLanguages(),
      });
  }
  let range: CodeBlock['lines'];
  if (lines !== undefined) {
    const got = lineRange(lines, text.split('\n').length);
    if ('message' in got) problems.push(got);
    else range = got;
  }
  if (problems.length) return problems;
  return { text, lang: name, start: 1, ...(range ? { lines: range } : {}) };
}
