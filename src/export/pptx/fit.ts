/**
 * Text sized by Lectern to fit its box. PowerPoint's autofit acts only when someone edits the
 * text, and LibreOffice's differs from it, so every box is written at a size that fits already:
 * lines are estimated from the fonts' advance widths (metrics.ts) with greedy word wrapping at
 * the box's width, and the size goes down in steps of 5% until the paragraphs' height fits —
 * not below 60% of the theme's size unless nothing else keeps the text on the slide.
 */
import { charWidth, naturalLine, type Face } from './metrics.js';

/** A run of text in one style. */
export interface Span {
  text: string;
  face: Face;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  highlight?: string;
  link?: string;
  /** Markdown's strong emphasis: bold in the accent colour, as the theme's `strong`. */
  strong?: boolean;
}

export interface Para {
  spans: Span[];
  /** Size relative to the box's base size (a nested bullet: 0.88). */
  scale: number;
  /** Bullet or number, and its level (0 = top). */
  list?: 'bullet' | 'number';
  level?: number;
  /** Left indent in em of the paragraph's size, for a paragraph without a marker. */
  indentEm?: number;
  /** Space before the paragraph, em of its size. */
  spaceBeforeEm?: number;
  /** Line spacing as a multiple of the font's natural line. */
  lineSpacing?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
}

/** Width of a list marker's hanging indent, em of the paragraph's size (the theme's `padding-left: 1.2em`). */
export const LIST_INDENT_EM = 1.2;

/** Renderers differ in kerning and wrapping: widths are taken this much larger. */
const WIDTH_SAFETY = 1.05;

/** The paragraph's left indent in em of its own size. */
export function indentEm(p: Para): number {
  return p.list ? LIST_INDENT_EM * ((p.level ?? 0) + 1) : (p.indentEm ?? 0);
}

/** Lines a paragraph takes at `sizePx` in a box `widthPx` wide. */
export function paraLines(p: Para, widthPx: number, sizePx: number): number {
  const avail = Math.max(1, widthPx - indentEm(p) * sizePx) / (sizePx * WIDTH_SAFETY);
  let lines = 1;
  let x = 0;
  // Words with the space before them; a word may span runs.
  let word = 0;
  let space = 0;
  const flush = (): void => {
    if (word === 0 && space === 0) return;
    if (x > 0 && x + space + word > avail) {
      lines++;
      x = 0;
      space = 0;
    }
    // A word longer than a line breaks where the line ends.
    let w = word;
    while (x + space + w > avail && w > avail) {
      w -= avail - x - space;
      lines++;
      x = 0;
      space = 0;
    }
    x += space + w;
    word = 0;
    space = 0;
  };
  for (const span of p.spans) {
    for (const ch of span.text) {
      if (ch === '\n' || ch === '\v') {
        flush();
        lines++;
        x = 0;
      } else if (ch === ' ' || ch === '\t') {
        if (word > 0) flush();
        space += charWidth(' ', span.face);
      } else {
        word += charWidth(ch, span.face === 'sans' && span.bold ? 'sansBold' : span.face === 'serif' && span.bold ? 'serifBold' : span.face);
        // Lines may break after a hyphen or a dash.
        if (ch === '-' || ch === '—' || ch === '/') flush();
      }
    }
  }
  flush();
  return lines;
}

/** Height in px of the paragraphs at `basePx` in a box `widthPx` wide. */
export function parasHeight(paras: Para[], widthPx: number, basePx: number): number {
  let h = 0;
  paras.forEach((p, i) => {
    const size = basePx * p.scale;
    const face = p.spans[0]?.face ?? 'sans';
    if (i > 0) h += (p.spaceBeforeEm ?? 0) * size;
    h += paraLines(p, widthPx, size) * size * naturalLine(face) * (p.lineSpacing ?? 1);
  });
  return h;
}

export interface Fitted {
  /** The size to write, px. */
  sizePx: number;
  /** The factor of the base size. */
  factor: number;
  /** False when even the last resort does not fit. */
  fits: boolean;
  /** True when the size went under the 60% floor. */
  belowFloor: boolean;
}

/** The largest size, in 5% steps from `basePx`, at which the paragraphs fit `box`. */
export function fitParas(paras: Para[], box: { w: number; h: number }, basePx: number, floor = 0.6): Fitted {
  const lastResort = Math.min(floor, 0.35);
  for (let factor = 1; factor >= lastResort - 1e-9; factor -= 0.05) {
    const f = Math.round(factor * 100) / 100;
    if (parasHeight(paras, box.w, basePx * f) <= box.h) return { sizePx: basePx * f, factor: f, fits: true, belowFloor: f < floor - 1e-9 };
  }
  return { sizePx: basePx * lastResort, factor: lastResort, fits: false, belowFloor: true };
}
