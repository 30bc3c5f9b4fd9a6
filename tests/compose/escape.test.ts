/**
 * Source text is data, never markup: whatever a passage contains, it comes out
 * of Marp as the same literal text and the slide structure does not change.
 */
import { createRequire } from 'node:module';
import { Marp } from '@marp-team/marp-core';
import { describe, expect, it } from 'vitest';
import { markdownText, noteText } from '../../src/compose/escape.js';
import { HTML_ALLOWLIST } from '../../src/render/marp.js';

const marp = new Marp({
  html: HTML_ALLOWLIST as unknown as Record<string, string[]>,
  emoji: { shortcode: false, unicode: false },
  math: 'mathjax',
  script: false,
  markdown: { linkify: false },
});

/** Render `text` as a bullet and as a paragraph of slide 2 of a 3-slide deck. */
function render(text: string) {
  const md = `---\nmarp: true\n---\n\n# One\n\n---\n\n## Two\n\n- ${markdownText(text)}\n\n${markdownText(text)}\n\n<!--\n${noteText(text)}\n-->\n\n---\n\n# Three\n`;
  return marp.render(md);
}

/** The visible text of slide 2, entities decoded. */
function slideText(html: string): string {
  const sections = html.split(/<section\b/).slice(1);
  return sections[1]!
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const HOSTILE = [
  '---',
  '***',
  '___',
  '# Heading',
  '## Heading',
  '> quote',
  '- item',
  '+ item',
  '* item',
  '1. item',
  '1) item',
  '    indented code',
  '```js',
  '~~~',
  '[link](https://example.com)',
  '[ref]: https://example.com',
  '![img](https://example.com/x.png)',
  '![bg](https://example.com/x.png)',
  '<!-- theme: gaia -->',
  '<!-- _class: lead -->',
  '<!-- unclosed',
  '<style>section{background:red}</style>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<iframe src="https://example.com"></iframe>',
  '$x^2$',
  '$$x$$',
  ':smile:',
  '**bold** _em_ `code` ~~strike~~',
  '&lt;b&gt; &amp; &#60;',
  'a | b | c',
  'https://example.com www.example.com',
  'line\\',
  'Title\n===',
  'Title\n---',
  'text\n\n---\n\nmore',
  '<div class="cite">',
  '</div>',
  'theme: gaia',
  '-->',
  'paginate: false\n_class: x',
];

/**
 * Marp CLI's own engine (marp-core 4, math, emoji and linkify on): out/NAME.md
 * keeps its structure there too and no tag or math comes out of text. (Marp
 * CLI turns bare URLs into links and :smile: into an emoji; Lectern's own
 * rendering has both off.)
 */
const require = createRequire(import.meta.url);
const { Marp: MarpCli } = require('../../node_modules/@marp-team/marp-cli/node_modules/@marp-team/marp-core') as {
  Marp: new () => { render(md: string): { html: string } };
};

describe('markdownText in Marp CLI', () => {
  it.each(HOSTILE.filter((t) => t !== ':smile:'))('keeps %j inert, math included', (text) => {
    const md = `---\nmarp: true\n---\n\n# One\n\n---\n\n- ${markdownText(text)}\n\n${markdownText(text)}\n\n---\n\n# Three\n`;
    const { html } = new MarpCli().render(md);
    expect(html.match(/<section\b/g)?.length).toBe(3);
    const slide = html.split(/<section\b/)[2]!;
    expect(slide).not.toMatch(/mjx-container|<(script|style|iframe|img|h1|h3|blockquote|code|pre|strong|em|del|hr)\b/);
  });
});

describe('markdownText', () => {
  it.each(HOSTILE)('keeps %j literal and the slide count unchanged', (text) => {
    const { html, comments } = render(text);
    expect(html.match(/<section\b/g)?.length).toBe(3);
    const visible = slideText(html).replace(/\s+/g, ' ');
    const literal = text.replace(/\s+/g, ' ').trim();
    // Once as the bullet, once as the paragraph.
    expect(visible.split(literal).length - 1).toBe(2);
    const tags = new Set([...html.split(/<section\b/)[2]!.matchAll(/<([a-z][a-z0-9]*)\b/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['foreignobject', 'h2', 'li', 'p', 'svg', 'ul'].filter((t) => tags.has(t) || ['h2', 'li', 'p', 'ul'].includes(t)).sort());
    expect(html).not.toContain('data-theme="gaia"');
    expect(html).not.toContain('mjx');
    // The note survives as one note of slide 2, with the same text (word joiners aside).
    expect(
      comments[1]!
        .map((c) => c.replace(/\u2060/g, ''))
        .join('\n')
        .trim(),
    ).toBe(text.trim());
  });

  it('leaves ordinary prose readable in the Markdown', () => {
    expect(markdownText('К 15 мая 1925 г. Япония обязалась вывести свои войска.')).toBe(
      'К 15 мая 1925 г\\. Япония обязалась вывести свои войска.'.replace('\\', ''),
    );
    expect(markdownText('«никоим образом» — (1905)')).toBe('«никоим образом» — (1905)');
  });

  it('folds newlines so text cannot reach the start of a line', () => {
    expect(markdownText('a\n# b')).toBe('a # b');
    expect(markdownText('# b')).toBe('\\# b');
    expect(markdownText('12. b')).toBe('12\\. b');
  });
});
