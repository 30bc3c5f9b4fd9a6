/**
 * No slide's text may be cut off silently: after layout, in the browser, we
 * measure every slide and report those whose content is taller or wider than
 * the slide, naming the outline's slide and by how much.
 */
import type { Page } from 'puppeteer-core';
import type { Deck } from '../deck/model.js';
import type { Problem } from '../errors.js';

export interface Overflow {
  /** 0-based slide index. */
  index: number;
  x: number;
  y: number;
}

export async function measureOverflow(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const out: Array<{ index: number; x: number; y: number }> = [];
    document.querySelectorAll('svg[data-marpit-svg] > foreignObject > section').forEach((section, index) => {
      const el = section as HTMLElement;
      const y = el.scrollHeight - el.clientHeight;
      const x = el.scrollWidth - el.clientWidth;
      if (y > 2 || x > 2) out.push({ index, x: Math.max(0, x), y: Math.max(0, y) });
    });
    return out;
  });
}

export function overflowProblems(deck: Deck, overflows: Overflow[]): Problem[] {
  return overflows.map(({ index, x, y }) => {
    const slide = deck.slides[index];
    const name = slide?.title ? ` «${slide.title}»` : '';
    const by = [y ? `${y}px too tall` : '', x ? `${x}px too wide` : ''].filter(Boolean).join(', ');
    return {
      severity: 'warning',
      code: 'render/overflow',
      message: `slide ${index + 1}${name} does not fit: its content is ${by} and is cut off`,
      hint: 'shorten the text (a `text:` override keeps the citation), split the slide, or use the text layout, which continues long passages on further slides',
      ...(slide?.origin ?? {}),
    };
  });
}
