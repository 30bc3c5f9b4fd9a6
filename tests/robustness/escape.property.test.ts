/**
 * Property: any text, once through `markdownText` (src/compose/escape.ts),
 * is one bullet in marp-core — configured exactly as the build configures it
 * (src/render/marp.ts: HTML allowlist, no emoji, MathJax, no linkify) — and
 * comes back as the same literal text, whitespace runs folded. The slide
 * count never changes. The strings are built from Markdown, HTML and Marp
 * metacharacters, tokens that start blocks, newlines and other whitespace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownText } from '../../src/compose/escape.js';
import { SlideRenderer } from '../../src/render/marp.js';
import { slideSections, visibleText } from './corpus.js';

/** The build's renderer with no templates: marp-core as src/render/marp.ts sets it up. */
const renderer = new SlideRenderer({ files: new Map(), layouts: [], themes: new Map() });

/** Characters that mean something to Markdown, HTML, Marp or YAML, plus letters, digits and whitespace. */
const CHARS = [...'\\`*_[]()$~|!#+-=.:;<>&"\'{}^%@/?,', ...'aZ09 Жё', '\n', '\r', '\t', '\u00a0', '\u2028', '\u200b', '\ufeff'];
/** Whole tokens that start blocks, comments, directives, math, code, links and tags. */
const TOKENS = [
  '---',
  '***',
  '___',
  '===',
  '# ',
  '## ',
  '> ',
  '- ',
  '+ ',
  '* ',
  '1. ',
  '1) ',
  '    ',
  '\n\n',
  '```',
  '~~~',
  '<!--',
  '-->',
  '<!-- theme: gaia -->',
  '<!-- _class: x -->',
  'theme: gaia',
  '_class: lead',
  '<style>',
  '</style>',
  '<script>',
  '</script>',
  '<img src=x onerror=alert(1)>',
  '<iframe src="http://x/">',
  '<div class="cite">',
  '</div>',
  '</section>',
  '<br>',
  '<mark>',
  '$',
  '$$',
  '\\(',
  '\\[',
  ':smile:',
  '[x]: http://example.com',
  '[a](http://example.com)',
  '![](http://example.com/x.png)',
  '<http://example.com>',
  'http://example.com',
  '&amp;',
  '&lt;',
  '&#60;',
  '&#x3C;',
  '&copy;',
  '\\',
  '\\\\',
  '|',
  '| a | b |',
  '|---|',
];

const piece = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CHARS) }, { weight: 2, arbitrary: fc.constantFrom(...TOKENS) });
const hostileText = fc.array(piece, { minLength: 1, maxLength: 40 }).map((parts) => parts.join(''));

/** Each text as the one bullet of its own slide, between a first and a last slide (several texts per render, for speed). */
function roundTrip(texts: string[]): { slides: number; shown: string[]; items: string[] } {
  const body = texts.map((t, i) => `## Slide ${i + 2}\n\n- ${markdownText(t)}\n`).join('\n---\n\n');
  const md = `---\nmarp: true\n---\n\n# First\n\n---\n\n${body}\n---\n\n# Last\n`;
  const { html, slideCount } = renderer.render(md);
  const sections = slideSections(html).slice(1, -1);
  const items = sections.map((s) => /<ul>\s*<li>([\s\S]*?)<\/li>\s*<\/ul>/.exec(s)?.[1] ?? `(no single bullet in ${s})`);
  return { slides: slideCount, shown: items.map(visibleText), items };
}

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

function check(texts: string[]): void {
  const { slides, shown, items } = roundTrip(texts);
  expect(slides).toBe(texts.length + 2);
  expect(shown).toEqual(texts.map(fold));
  // No markup from the text: each bullet holds text only.
  for (const item of items) expect(item).not.toMatch(/<[a-z!/?]/i);
}

const SEED = Number(process.env.FC_SEED ?? 1925);

describe('markdownText through marp-core (property)', () => {
  it('keeps the slide count and the text, for any mix of metacharacters', () => {
    fc.assert(fc.property(fc.array(hostileText, { minLength: 1, maxLength: 10 }), check), { numRuns: 1000, seed: SEED });
  });

  it('keeps the slide count and the text for arbitrary printable Unicode', () => {
    // C0 controls aside: sources never carry them (src/sources/text.ts turns them into spaces).
    const printable = fc.string({ unit: 'grapheme', maxLength: 60 }).filter((s) => !/[\u0000-\u0008\u000e-\u001f\u007f]/.test(s));
    fc.assert(fc.property(fc.array(printable, { minLength: 1, maxLength: 10 }), check), { numRuns: 300, seed: SEED });
  });
});
