/**
 * Hyphenation done by Lectern, not left to the browser: Chromium on Linux
 * has no hyphenation dictionaries (none for Russian anywhere), so justified
 * text left wide gaps. Soft hyphens (U+00AD) go into the text of the
 * rendered slides only — the HTML deck and what is printed from it — after
 * the `hyphen` package's Liang patterns for the deck's language; the theme
 * sets `hyphens: manual`, so the browser breaks a word there and nowhere
 * else. out/NAME.md, the deck model, notes and exports keep the text as
 * written.
 *
 * Left alone: titles (balanced, never hyphenated), citations and the
 * bibliography, the title slide's byline, code, formulas, links, any word with a
 * digit, an address, a URL or an e-mail in it, or in capitals (abbreviations),
 * and a word next to a number (dates: "5 сентября 1905 г.").
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const SOFT_HYPHEN = '\u00ad';

type Hyphenator = (text: string) => string;

/** Deck languages whose patterns the package names otherwise; fr, es, it, uk, pl, ru… are named by their subtag. */
const PATTERNS: Record<string, string> = { en: 'en-us', de: 'de-1996', el: 'el-monoton', mn: 'mn-cyrl', sr: 'sr-cyrl', sh: 'sh-latn' };

const loaded = new Map<string, Hyphenator | undefined>();

/** The hyphenator for a language (its primary subtag), or undefined when the package has no patterns for it. */
export function hyphenatorFor(lang: string | undefined): Hyphenator | undefined {
  const primary = /^([a-z]{2,3})(?:-|$)/i.exec(lang ?? '')?.[1]?.toLowerCase();
  if (!primary) return undefined;
  if (!loaded.has(primary)) {
    let found: Hyphenator | undefined;
    try {
      // Loaded by name at run time (not bundled): only the deck's language is read.
      const module = require(`hyphen/${PATTERNS[primary] ?? primary}`) as { hyphenateSync: (text: string, options?: Record<string, unknown>) => string };
      found = (text) => module.hyphenateSync(text, { html: false, minWordLength: 6 });
    } catch {
      found = undefined;
    }
    loaded.set(primary, found);
  }
  return loaded.get(primary);
}

/** Elements whose text is never hyphenated. */
const SKIP_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'code', 'pre', 'kbd', 'samp', 'a', 'style', 'script', 'title', 'header', 'footer']);
// Formulas (KaTeX's output, its MathML included) are TeX's to set: no soft hyphen in them.
const SKIP_CLASSES = /(?:^|\s)(?:cite|bibliography|byline|katex)(?:\s|$)/;
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'path',
  'rect',
  'circle',
  'line',
  'use',
]);

/** A chunk between spaces that is not a word to break: numbers, addresses, URLs, e-mails, abbreviations. */
function unbreakable(chunk: string): boolean {
  if (/[\d/@_=\\]|:\/\/|\.\p{L}|[<>]/u.test(chunk)) return true;
  const letters = chunk.replace(/[^\p{L}]/gu, '');
  return letters.length > 1 && letters === letters.toUpperCase();
}

function hyphenateText(text: string, hyphenate: Hyphenator): string {
  const chunks = text.split(/(\s+)/);
  return chunks
    .map((chunk, i) => {
      if (i % 2 === 1 || chunk.length < 6 || unbreakable(chunk)) return chunk;
      // A word beside a number goes with it ("5 сентября 1905 г.", "1907 Convention"): a date or an amount stays whole.
      if (/\d/.test(chunks[i - 2] ?? '') || /\d/.test(chunks[i + 2] ?? '')) return chunk;
      // Each run of letters is a word (punctuation around it is not); entities (&amp; &quot; …) stay whole.
      return chunk
        .split(/(&[#a-z0-9]+;)/i)
        .map((part, j) => (j % 2 === 1 ? part : part.replace(/\p{L}[\p{L}\p{M}]{5,}/gu, (word) => hyphenate(word))))
        .join('');
    })
    .join('');
}

/**
 * Soft hyphens in the text of Marp's slides HTML, for `lang`; each slide that
 * was hyphenated gets the class `lectern-hyphenated` (the theme justifies text
 * only there). The HTML is returned unchanged for a language without patterns.
 */
export function hyphenateSlides(html: string, lang: string | undefined): string {
  const hyphenate = hyphenatorFor(lang);
  if (!hyphenate) return html;
  const stack: Array<{ tag: string; skip: boolean }> = [];
  let out = '';
  for (const m of html.matchAll(/<[^>]*>|[^<]+/g)) {
    const token = m[0];
    if (token[0] !== '<') {
      out += stack.length && !stack[stack.length - 1]!.skip ? hyphenateText(token, hyphenate) : token;
      continue;
    }
    const tag = /^<\/?([a-zA-Z][\w:-]*)/.exec(token)?.[1]?.toLowerCase();
    if (!tag) {
      out += token;
      continue;
    }
    if (token[1] === '/') {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at >= 0) stack.length = at;
      out += token;
      continue;
    }
    if (tag === 'section') {
      // Every slide of the deck is hyphenated: say so on it, for the theme.
      out += /\sclass="/.test(token)
        ? token.replace(/\sclass="/, ' class="lectern-hyphenated ')
        : token.replace(/^<section\b/, '<section class="lectern-hyphenated"');
    } else out += token;
    if (VOID.has(tag) || token.endsWith('/>')) continue;
    const cls = /\sclass="([^"]*)"/.exec(token)?.[1] ?? '';
    const parentSkip = stack.length ? stack[stack.length - 1]!.skip : false;
    stack.push({ tag, skip: parentSkip || SKIP_TAGS.has(tag) || SKIP_CLASSES.test(cls) });
  }
  return out;
}
