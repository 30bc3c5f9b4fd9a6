/**
 * Where things go on a handout page, in millimetres: paper sizes, the grid of
 * each layout, the bands of the running header and footer, and the box each
 * slide is scaled into (its aspect kept).
 */
import type { Deck } from '../../deck/model.js';
import { slideSize } from '../../render/page.js';
import type { Handout, SlideHandout } from './kinds.js';

/** Paper in millimetres, portrait. */
export const PAPER = { A4: { width: 210, height: 297 }, Letter: { width: 215.9, height: 279.4 } } as const;

/** Slides per page and the page's orientation, per layout. */
export const HANDOUT_GRID: Record<SlideHandout, { perPage: number; cols: number; rows: number; landscape: boolean }> = {
  notes: { perPage: 1, cols: 1, rows: 1, landscape: false },
  '2': { perPage: 2, cols: 1, rows: 2, landscape: false },
  '3-lines': { perPage: 3, cols: 1, rows: 3, landscape: false },
  '4': { perPage: 4, cols: 2, rows: 2, landscape: true },
  '6': { perPage: 6, cols: 2, rows: 3, landscape: false },
};

/** Pages a handout of `slides` slides takes. */
export function handoutPages(layout: SlideHandout, slides: number): number {
  return Math.max(1, Math.ceil(slides / HANDOUT_GRID[layout].perPage));
}

/** The page size of a layout in millimetres, oriented. */
export function handoutPaper(layout: Handout, paper: 'A4' | 'Letter' = 'A4'): { width: number; height: number } {
  const p = PAPER[paper];
  const landscape = layout !== 'reading' && HANDOUT_GRID[layout].landscape;
  return landscape ? { width: p.height, height: p.width } : { width: p.width, height: p.height };
}

/** Page padding and the bands of the running header and footer. */
export const MARGIN = { top: 10, bottom: 9, side: 12 };
export const HEADER = 10;
export const FOOTER = 8;
export const CAPTION = 5.5;
export const RULE = 7.5;

function fit(maxWidth: number, maxHeight: number, aspect: number): { width: number; height: number } {
  const width = Math.min(maxWidth, maxHeight * aspect);
  return { width: round(width), height: round(width / aspect) };
}

const round = (n: number) => Math.floor(n * 100) / 100;

export interface Geometry {
  page: { width: number; height: number };
  body: { width: number; height: number };
  cell: { width: number; height: number };
  slide: { width: number; height: number };
  gap: { row: number; col: number };
}

export function geometry(deck: Deck, layout: SlideHandout, paper: 'A4' | 'Letter'): Geometry {
  const page = handoutPaper(layout, paper);
  const body = { width: page.width - 2 * MARGIN.side, height: page.height - MARGIN.top - MARGIN.bottom - HEADER - FOOTER };
  const { width: sw, height: sh } = slideSize(deck);
  const aspect = sw / sh;
  const { cols, rows } = HANDOUT_GRID[layout];
  const gap = { row: layout === '3-lines' ? 6 : 8, col: 10 };
  const cell = { width: (body.width - (cols - 1) * gap.col) / cols, height: (body.height - (rows - 1) * gap.row) / rows };
  let slide: { width: number; height: number };
  if (layout === 'notes') slide = fit(body.width, 100, aspect);
  else if (layout === '3-lines') slide = fit(body.width * 0.55, cell.height - CAPTION, aspect);
  else slide = fit(cell.width, cell.height - CAPTION, aspect);
  return { page, body, cell, slide, gap };
}

export const mm = (n: number) => `${Math.round(n * 100) / 100}mm`;
