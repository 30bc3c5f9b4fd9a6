/**
 * Code on slides, highlighted by highlight.js inside marp-core's fence
 * renderer (marp-core 5's core has no highlighter of its own). Each line is
 * a `<span class="line">` of its own, so that a range (`lines: 3-8` in the
 * outline, `lines=3-8` in the fence's info string, see compose/escape.ts
 * codeFence) gets a band behind it: `<span class="line marked">`. A token
 * that runs over several lines (a comment, a string) is closed at each line
 * end and opened again on the next, so every line's spans are balanced.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Loaded by name at run time, on the first code block: its languages take a tenth of a second to load. */
const HIGHLIGHTER = 'highlight.js';

interface HighlightJs {
  getLanguage(name: string): unknown;
  highlight(code: string, options: { language: string; ignoreIllegals: boolean }): { value: string };
}

let hljs: HighlightJs | undefined;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

/** The fence's info string after the language: `start=N lines=A-B`. */
export function fenceRange(attrs: string): { from: number; to: number } | undefined {
  const m = /(?:^|\s)lines=(\d+)-(\d+)(?:\s|$)/.exec(attrs);
  return m ? { from: Number(m[1]), to: Number(m[2]) } : undefined;
}

/** The code as HTML for inside `<pre><code>`: highlighted for `lang` when highlight.js knows it, one span per line. */
export function highlightCode(code: string, lang: string, attrs = ''): string {
  const text = code.replace(/\n$/, '');
  let html: string;
  if (lang && lang !== 'text') {
    hljs ??= require(HIGHLIGHTER) as HighlightJs;
    html = hljs.getLanguage(lang) ? hljs.highlight(text, { language: lang, ignoreIllegals: true }).value : escapeHtml(text);
  } else html = escapeHtml(text);
  const range = fenceRange(attrs);
  return splitLines(html)
    .map((line, i) => {
      const marked = range && i + 1 >= range.from && i + 1 <= range.to;
      return `<span class="line${marked ? ' marked' : ''}">${line}</span>`;
    })
    .join('\n');
}

/** Highlighted HTML cut at its line ends, the spans open at each end closed there and opened again on the next line. */
export function splitLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = '';
  for (const m of html.matchAll(/<\/span>|<span\b[^>]*>|[^<\n]+|\n|</g)) {
    const token = m[0];
    if (token === '\n') {
      lines.push(line + '</span>'.repeat(open.length));
      line = open.join('');
    } else {
      if (token.startsWith('<span')) open.push(token);
      else if (token === '</span>') open.pop();
      line += token;
    }
  }
  lines.push(line);
  return lines;
}
