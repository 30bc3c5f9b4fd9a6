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
