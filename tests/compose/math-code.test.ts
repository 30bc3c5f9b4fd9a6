/**
 * Formulas, code and reveals from the outline to the slides' HTML (issue 20):
 * what a lecturer writes in math: and code: cannot change the slide structure,
 * code is shown as written, a $ outside formulas stays a dollar, a bad formula
 * or language is an error at its line, and revealed bullets carry Marp's
 * fragment numbers in order.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { LecternError } from '../../src/errors.js';
import { loadTemplateSet } from '../../src/compose/templates.js';
import { SlideRenderer } from '../../src/render/marp.js';
import { writeFiles, tempDir } from '../helpers/project.js';

const renderer = new SlideRenderer(await loadTemplateSet());

/** out/o.md of an outline with these slides (YAML), and its slides' HTML. */
async function built(slides: string): Promise<{ md: string; html: string; sections: string[] }> {
  const dir = await tempDir();
  await writeFiles(dir, { 'outlines/o.yaml': `title: O\nlang: en\nslides:\n${slides}` });
  await build({ cwd: dir, outlines: ['outlines/o.yaml'], formats: ['md'], force: true });
  const md = await readFile(path.join(dir, 'out/o.md'), 'utf8');
  const { html } = renderer.render(md);
  return { md, html, sections: html.split(/<section\b/).slice(1) };
}

/** The problems a build of these slides reports. */
async function problems(slides: string): Promise<LecternError['problems']> {
  try {
    await built(slides);
  } catch (err) {
    if (err instanceof LecternError) return err.problems;
    throw err;
  }
  return [];
}

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const yamlBlock = (text: string) =>
  text
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');

const HOSTILE_CODE = [
  '---',
  '<!-- _class: title -->',
  '</section>',
  '```',
  '````js',
  '$$ x $$ and $y$',
  '<style>section{display:none}</style>',
  '# not a heading',
  '- not a list',
  '    <script>alert(1)</script>',
  '\tTabbed & <b>bold</b>',
];

describe('code on a slide', () => {
  it.each(HOSTILE_CODE)('shows %j as written and keeps three slides', async (line) => {
    const code = `before\n${line}\nafter`;
    const { sections } = await built(`  - title: One\n  - title: Code\n    lang: js\n    code: |\n${yamlBlock(code)}\n  - title: Three\n`);
    expect(sections).toHaveLength(3);
    const pre = /<pre\b[\s\S]*?<\/pre>/.exec(sections[1]!)?.[0] ?? '';
    expect(decode(pre)).toBe(code);
    expect(sections[2]).toContain('Three');
  });

  it('puts a band behind the lines of lines: and nowhere else', async () => {
    const { sections } = await built('  - title: C\n    lang: python\n    lines: 2-3\n    code: |\n      a = 1\n      b = 2\n      c = 3\n      d = 4\n');
    const lines = [...sections[0]!.matchAll(/<span class="line( marked)?">/g)].map((m) => Boolean(m[1]));
    expect(lines).toEqual([false, true, true, false]);
    expect(sections[0]).toMatch(/class="hljs-number">1</);
  });

  it('balances a highlighted token that spans lines (a block comment), so each line closes its spans', async () => {
    const { sections } = await built('  - title: C\n    lang: c\n    lines: 2\n    code: |\n      /* one\n         two */\n      int x;\n');
    const pre = /<code[^>]*>([\s\S]*?)<\/code>/.exec(sections[0]!)![1]!;
    for (const line of pre.split('\n')) expect((line.match(/<span\b/g) ?? []).length).toBe((line.match(/<\/span>/g) ?? []).length);
    expect(pre.split('\n')[1]).toMatch(/^<span class="line marked"><span class="hljs-comment">\s+two \*\/<\/span><\/span>$/);
  });

  it('picks the code layout by default and PT Mono in the theme', async () => {
    const { md, html } = await built('  - title: C\n    code: SELECT 1;\n');
    expect(md).toContain('<!-- _class: lectern code -->');
    expect(md).toContain('```text start=1\nSELECT 1;\n```');
    expect(html).toContain('SELECT 1;');
  });

  it('reports an unknown language and a range past the end at their lines, with the nearest name', async () => {
    const found = await problems('  - title: C\n    lang: pyton\n    lines: 2-9\n    code: |\n      a\n      b\n');
    expect(found.map((p) => [p.code, p.line])).toEqual([
      ['code/unknown-lang', 5],
      ['code/lines', 6],
    ]);
    expect(found[0]!.hint).toMatch(/python/);
    expect(found[1]!.message).toBe('lines: 2-9 goes past the end of the code (2 lines)');
    const stray = await problems('  - title: C\n    lang: python\n');
    expect(stray.map((p) => [p.code, p.line])).toEqual([['code/no-code', 5]]);
  });
});

describe('formulas', () => {
  it('typesets math: on a slide and a bullet, and leaves every other $ a dollar', async () => {
    const { md, sections } = await built(
      '  - title: F\n    text: It costs $5, or $6 with tax.\n    math: |\n      a^2 + b^2 % Pythagoras\n      = c^2\n    bullets:\n      - text: Energy\n        math: E = mc^2\n',
    );
    expect(md).toContain('$$ a^2 + b^2 = c^2 $$');
    expect(md).toContain('- Energy $E = mc^2$');
    expect(sections[0]).toContain('class="katex-display"');
    expect((sections[0]!.match(/class="katex"/g) ?? []).length).toBe(2);
    expect(decode(sections[0]!.replace(/<span class="katex[\s\S]*$/, ''))).toContain('It costs $5, or $6 with tax.');
  });

  it('puts no soft hyphen into a formula, where the text around it gets them', async () => {
    const { sections } = await built('  - title: F\n    text: A demonstration of hyphenation\n    math: \\text{demonstration} + \\operatorname{hyphenation}\n');
    const formula = /<span[^>]*class="katex-display"[\s\S]*$/.exec(sections[0]!)![0];
    expect(formula).not.toContain('\u00ad');
    expect(sections[0]!.slice(0, sections[0]!.indexOf('katex-display'))).toContain('\u00ad');
  });

  it('keeps a formula with line breaks, ---, <!-- --> or </section> in TeX on its slide', async () => {
    const { sections } = await built(
      '  - title: One\n  - title: F\n    math: |\n      a\n      ---\n      b \\text{<!-- x -->} \\text{</section>}\n  - title: Three\n',
    );
    expect(sections).toHaveLength(3);
    expect(sections[1]).toContain('katex-display');
    expect(sections[2]).toContain('Three');
  });

  it('reports a formula KaTeX cannot typeset at its line, in KaTeX’s words', async () => {
    const found = await problems('  - title: F\n    math: \\frac{1}{\n    bullets:\n      - text: x\n        math: x \\foo y\n');
    expect(found.map((p) => [p.code, p.line])).toEqual([
      ['math/invalid', 5],
      ['math/invalid', 8],
    ]);
    expect(found[0]!.message).toMatch(/^KaTeX cannot typeset this formula: Unexpected end of input/);
    expect(found[1]!.message).toContain('Undefined control sequence: \\foo');
  });

  it('refuses a $ inside math: (it would end the formula) and checks $…$ in md:', async () => {
    const found = await problems('  - title: F\n    math: a $ b\n    md: "fine $x^2$ but $\\\\frac{1}$ is not, and \\\\$5 is money"\n');
    expect(found.map((p) => p.code)).toEqual(['math/invalid', 'math/invalid']);
    expect(found.find((p) => p.line === 5)!.message).toContain('has a $');
    expect(found.find((p) => p.line === 6)!.message).toMatch(/^in md: KaTeX cannot typeset/);
  });
});

describe('reveal', () => {
  it('numbers every bullet of a revealed slide in order, nested ones after their parent', async () => {
    const { md, sections } = await built(
      '  - title: R\n    reveal: true\n    bullets:\n      - text: A\n        bullets: [A1, A2]\n      - B\n  - title: Still\n    bullets: [C]\n',
    );
    expect(md).toMatch(/^\* A$/m);
    expect(md).toMatch(/^ {2}\* A1$/m);
    const items = [...sections[0]!.matchAll(/<li data-marpit-fragment="(\d+)">\s*(?:<p>)?([^<\n]+)/g)].map((m) => [Number(m[1]), m[2]!.trim()]);
    expect(items).toEqual([
      [1, 'A'],
      [2, 'A1'],
      [3, 'A2'],
      [4, 'B'],
    ]);
    expect(sections[1]).not.toContain('data-marpit-fragment');
  });

  it('reveals only the column that asks', async () => {
    const { sections } = await built('  - title: R\n    columns:\n      - bullets: [Left]\n      - reveal: true\n        bullets: [Right1, Right2]\n');
    expect(sections[0]).toMatch(/<li>\s*Left/);
    expect((sections[0]!.match(/data-marpit-fragment="/g) ?? []).length).toBe(2);
  });
});
