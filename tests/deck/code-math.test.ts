/** Long code continues on further slides with its band where its lines went; formulas are read as marp-core reads them. */
import { describe, expect, it } from 'vitest';
import { chunkCode, CODE_FIT, splitLong } from '../../src/deck/continue.js';
import { codeBlock, lineRange } from '../../src/deck/code.js';
import { bareDollar, checkTex, markdownFormulas, texLine } from '../../src/deck/math.js';
import { codeFence, texFormula } from '../../src/compose/escape.js';
import type { CodeBlock, DeckSlide } from '../../src/deck/model.js';

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n');

describe('long code', () => {
  it('continues 30 lines over three slides, numbering each part and moving the band with its lines', () => {
    const code: CodeBlock = { text: numbered(30), lang: 'python', start: 1, lines: { from: 10, to: 16 } };
    const parts = chunkCode(code);
    expect(parts.map((p) => [p.start, p.text.split('\n').length])).toEqual([
      [1, CODE_FIT.lines],
      [14, CODE_FIT.lines],
      [27, 4],
    ]);
    expect(parts.map((p) => p.lines)).toEqual([{ from: 10, to: 13 }, { from: 1, to: 3 }, undefined]);
    expect(parts[1]!.text.split('\n')[0]).toBe('line 14');
  });

  it('counts a line longer than a slide’s width as the lines it wraps to', () => {
    const long = 'x'.repeat(CODE_FIT.perLine * 3);
    const parts = chunkCode({ text: [...Array(11).fill('a'), long].join('\n'), lang: '', start: 1 });
    expect(parts.map((p) => p.text.split('\n').length)).toEqual([11, 1]);
  });

  it('marks the later slides continued, with the notes on the first only', () => {
    const slide = {
      layout: 'code',
      code: { text: numbered(20), lang: '', start: 1 },
      notes: [{ text: 'n' }],
      paragraphs: [],
      bullets: [],
      timeline: [],
      columns: [],
    };
    const parts = splitLong(slide as unknown as DeckSlide, 'en');
    expect(parts.map((p) => [p.continued, p.notes.length])).toEqual([
      [false, 1],
      [true, 0],
    ]);
  });

  it('reads lines: as a range, one line, and refuses one backwards', () => {
    expect(lineRange('3-8', 10)).toEqual({ from: 3, to: 8 });
    expect(lineRange(5, 10)).toEqual({ from: 5, to: 5 });
    expect(lineRange(' 2 - 4 ', 10)).toEqual({ from: 2, to: 4 });
    expect(lineRange('8-3', 10)).toMatchObject({ field: 'lines', message: 'lines: 8-3 is not a range of lines' });
    expect(codeBlock('a\r\nb\n\n', 'TEXT', undefined)).toEqual({ text: 'a\nb', lang: '', start: 1 });
    expect(codeBlock('x', 'Python', undefined)).toMatchObject({ lang: 'python' });
  });

  it('fences code with more backticks than any run in it', () => {
    expect(codeFence({ text: 'a ``````` b', lang: 'js', start: 3, lines: { from: 1, to: 1 } })).toBe('````````js start=3 lines=1-1\na ``````` b\n````````');
    expect(codeFence({ text: 'x', lang: 'bad lang\n---', start: 1, lines: null })).toBe('```text start=1\nx\n```');
  });
});

describe('formulas', () => {
  it('puts a formula on one line without its comments, keeping \\%', () => {
    expect(texLine('a % one\n  + b \\% c % two\r\n= d')).toBe('a + b \\% c = d');
    expect(texLine('x \\\\% y')).toBe('x \\\\');
  });

  it('finds a $ no backslash escapes', () => {
    expect(bareDollar('a \\$ b')).toBe(-1);
    expect(bareDollar('a \\\\$ b')).toBe(4);
    expect(texFormula('a $ b \\$ c\n d\\')).toBe('a \\$ b \\$ c d');
  });

  it('says what KaTeX says, and nothing for a good formula', () => {
    expect(checkTex('\\frac{a}{b}', true)).toBeUndefined();
    expect(checkTex('', false)?.message).toBe('the formula is empty');
    expect(checkTex('\\frac{a}', false)?.message).toMatch(/^KaTeX cannot typeset this formula: .* \(at character \d+ of "\\frac\{a\}"\)$/);
  });

  it('finds formulas in Markdown as marp-core does: not in code, not after an escape, not "$ 5" or "5$ 6"', () => {
    const md = 'A $x$ and \\$y$ and `$code$`\n\n```\n$fenced$\n```\n\n$$\n\\int f\n$$\n\ncost $ 5 or 5 $6$ end $z$9';
    expect(markdownFormulas(md)).toEqual([
      { tex: '\\int f', display: true },
      { tex: 'x', display: false },
      { tex: '6', display: false },
    ]);
  });
});
