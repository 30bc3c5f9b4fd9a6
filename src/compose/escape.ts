/**
 * Text from sources and plain outline fields must stay text in Marp markdown:
 * it may not start a slide (`---`), a heading, a list, a quote, code, a link,
 * an image, a directive or note (`<!-- -->`), a style (`<style>`), math
 * (`$…$`) or a tag. Handlebars' own escaping is for HTML and does nothing for
 * Markdown, so every `{{value}}` in a template goes through `markdownText`.
 *
 * The rules, and why each is enough:
 * - `&`, `<`, `>` become entities: no HTML, comments, directives or autolinks
 *   can start, and `>` can no longer open a blockquote.
 * - Inline syntax characters get a backslash (CommonMark lets any ASCII
 *   punctuation be escaped, and marp-core's math and markdown-it's rules run
 *   after the escape rule): \ ` * _ [ ] $ ~ | and `!`.
 * - Whitespace runs (newlines included) become one space, so text can never
 *   reach the start of a line except where the template puts it; and where
 *   it does, a leading block marker (#, -, +, =, digits with . or )) is
 *   escaped so it cannot start a heading, list, rule or setext underline.
 */

const INLINE = /[\\`*_[\]$~|!]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** One line of literal text for Marp markdown. */
export function markdownText(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Not trimmed: text next to a highlight keeps its space. One space cannot indent code.
  let text = String(value).replace(/\s+/g, ' ');
  text = text.replace(/[&<>]/g, (c) => ENTITY[c]!).replace(INLINE, '\\$&');
  // Block markers at the start of the text: heading, list, rule, setext, ordered list.
  text = text.replace(/^( ?)([#+=-])/, '$1\\$2').replace(/^( ?\d+)([.)])/, '$1\\$2');
  return text;
}

/**
 * Text inside a Marp speaker-note comment. Comments are not Markdown, so
 * nothing needs escaping there except what would end the comment (`-->`) or
 * make Marpit read the note as directives (`theme: gaia` on a line of its
 * own): a word joiner (U+2060, invisible) breaks both without changing what
 * the note says.
 */
export function noteText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]{2,}/g, ' ')
    .replace(/-(?=-)/g, '-\u2060')
    .replace(/<!/g, '<\u2060!')
    .split('\n')
    .map((line) => (line.trim() ? `\u2060${line}` : line))
    .join('\n');
}

/**
 * A link's address inside Markdown's angle brackets (`[text](<…>)`): only
 * http, https and ftp addresses (anything else gives an empty link), with
 * every character that could end the brackets, escape or break the line
 * percent-encoded.
 */
export function linkUrl(value: unknown): string {
  const url = String(value ?? '').trim();
  if (!/^(https?|ftp):\/\/[^\s]/i.test(url)) return '';
  return url.replace(/[\s<>\\`"']|[\u0000-\u001f\u007f]/g, (c) => encodeURIComponent(c));
}

/**
 * Code as a fenced block: the fence is a run of backticks longer than any
 * in the code (three at least), so no line of the code can close it, and
 * inside a fence nothing is Markdown — a line `---`, `<!-- -->` or
 * `</section>` is shown as written. The info string carries only a checked
 * language name and the highlighted range (render/highlight.ts reads it).
 */
export function codeFence(code: { text: string; lang: string; start: number; lines?: { from: number; to: number } | null }): string {
  const longest = Math.max(2, ...[...code.text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const lang = /^[A-Za-z0-9_+#.-]+$/.test(code.lang) ? code.lang : '';
  const info = [lang || 'text', `start=${Math.max(1, Math.floor(code.start))}`];
  if (code.lines) info.push(`lines=${Math.floor(code.lines.from)}-${Math.floor(code.lines.to)}`);
  const text = code.text.replace(/\r\n?/g, '\n');
  return `${fence}${info.join(' ')}\n${text}\n${fence}`;
}

/**
 * A formula (deck/math.ts: one line, no bare `$`) between `$`s: marp-core
 * typesets it with KaTeX. Line breaks and a bare `$` are taken out here too,
 * so a formula from a user's own deck model cannot end early or start a block.
 */
export function texFormula(tex: unknown): string {
  let out = '';
  let slashes = 0;
  for (const ch of String(tex ?? '')
    .replace(/\s+/g, ' ')
    .trim()) {
    out += ch === '$' && slashes % 2 === 0 ? '\\$' : ch;
    slashes = ch === '\\' ? slashes + 1 : 0;
  }
  // A backslash at the end would escape the closing $.
  return slashes % 2 === 1 ? out.slice(0, -1) : out;
}

/** A value inside double-quoted YAML (front matter): JSON strings are valid YAML. */
export function yamlString(value: unknown): string {
  return JSON.stringify(String(value ?? '')).replace(/</g, '\\u003c');
}

/** Text for HTML (our page shell, not Markdown). */
export function htmlText(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => (c === "'" ? '&#39;' : ENTITY[c]!));
}

/** A CSS class list from user input: only safe class-name characters survive. */
export function classList(value: unknown): string {
  return String(value ?? '')
    .split(/\s+/)
    .filter((c) => /^[A-Za-z_][A-Za-z0-9_-]*$/.test(c))
    .join(' ');
}
