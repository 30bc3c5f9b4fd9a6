/**
 * Telling a slide's formulas from its text (render/formulas.ts), on KaTeX's
 * own output: what each formula draws (its MathML copy aside) and the HTML
 * around the formulas.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { katexFontCss, subsetKatexFontCss } from '../../src/render/fonts.js';
import { formulaParts } from '../../src/render/formulas.js';

const text = (html: string) => html.replace(/<[^>]*>/g, '');

describe('formulaParts', () => {
  it('takes each formula out whole, drawn part apart from its MathML copy', () => {
    const sum = katex.renderToString('\\sum_{n=1}^\\infty \\frac{1}{n^2}', { displayMode: true });
    const arrow = katex.renderToString('\\mathbb{R}^n \\to \\mathcal{L}');
    const { drawn, rest } = formulaParts(`<p>Done ✓ ${sum}</p><ul><li>Map ${arrow} and more</li></ul>`);
    expect(drawn).toHaveLength(2);
    expect(text(drawn[0]!)).toContain('∑');
    expect(drawn[0]).not.toContain('<math');
    expect(text(drawn[1]!)).toContain('→');
    expect(text(drawn[1]!)).not.toContain('\\to');
    // The display wrapper stays (it holds nothing but the formula); the text around stays whole.
    expect(text(rest)).toBe('Done ✓ Map  and more');
    expect(rest).not.toMatch(/katex-html|<math/);
  });

  it('leaves KaTeX’s error output (its TeX, set as text) to the text', () => {
    const error = katex.renderToString('\\frac{1}', { throwOnError: false });
    expect(error).toContain('katex-error');
    expect(formulaParts(`<p>${error}</p>`)).toEqual({ drawn: [], rest: `<p>${error}</p>` });
  });

  it('takes a formula cut off before its end to the end of the HTML', () => {
    const cut = katex.renderToString('x^2').slice(0, -20);
    expect(formulaParts(`<p>a ${cut}`)).toEqual({ drawn: [expect.stringContaining('katex-html')], rest: '<p>a ' });
  });
});

describe('KaTeX’s faces in the HTML deck', () => {
  const families = (css: string) => [...css.matchAll(/font-family: (KaTeX_\w+)/g)].map((m) => m[1]);

  it('leaves out a face none of whose characters a formula draws, and keeps CSS without formulas as it is', async () => {
    const html = katex.renderToString('\\mathbb{R} + x');
    const whole = `p { color: red; }\n${katexFontCss(html)}`;
    expect(families(whole)).toEqual(['KaTeX_AMS', 'KaTeX_Main', 'KaTeX_Math']);
    // Drawn: only the x and the plus (as if the ℝ were not there).
    const cut = await subsetKatexFontCss(whole, html, 'x+');
    expect(cut.startsWith('p { color: red; }\n')).toBe(true);
    expect(families(cut).sort()).toEqual(['KaTeX_Main', 'KaTeX_Math']);
    expect(cut.length).toBeLessThan(whole.length / 4);
    expect(await subsetKatexFontCss('p { color: red; }', '<p>no formula</p>', '')).toBe('p { color: red; }');
  });
});
