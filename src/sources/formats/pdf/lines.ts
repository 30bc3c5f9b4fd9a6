/**
 * A PDF page's text items (pdf.js `getTextContent`) to lines: items on one
 * baseline and close together joined left to right, with a space where the
 * gap between them is a word space. Items on the same baseline but far apart
 * (the cells of a table), or on both sides of a gutter between columns (a
 * strip of the page no word covers), stay separate lines.
 *
 * Superscripts are folded into the line they belong to: a small raised run
 * of digits or note signs right after a word is a footnote reference and is
 * dropped from the text (kept as `marks`), and one right before a line's
 * first word is that line's note mark (`lead`: the start of a footnote).
 * Rotated and vertical text (a margin stamp, a rotated table) is left out.
 *
 * Coordinates are the page's viewport at scale 1: x to the right, y down from
 * the top, in points; `y` is the baseline.
 */

/** What this module needs of a pdf.js TextItem. */
export interface RawItem {
  str: string;
  /** pdf.js's text matrix [a, b, c, d, e, f] in PDF user space. */
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

export interface Line {
  text: string;
  x0: number;
  x1: number;
  /** Baseline, from the top of the page. */
  y: number;
  /** Font size (the size of most of the line's characters). */
  size: number;
  /** pdf.js's font id of most of the line's characters. */
  font: string;
  /** Physical page, 1-based. */
  page: number;
  /** A superscript mark right before the first word (a footnote's own number). */
  lead?: string;
  /** Superscript note references taken out of the text. */
  marks?: string[];
  /** Several lines on this baseline within one column: a table row or a figure's labels. */
  row?: boolean;
}

export interface PageLines {
  page: number;
  width: number;
  height: number;
  lines: Line[];
  /** Characters read, and the width of items that gave no characters (glyphs without Unicode). */
  chars: number;
  blankWidth: number;
  inkWidth: number;
}

/** Maps a PDF user-space point to the viewport (y down). */
export type ToViewport = (x: number, y: number) => [number, number];

interface Piece {
  str: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  font: string;
}

const NOTE_MARK = /^(?:\d{1,3}|[*†‡§¶]{1,3}|[a-z])$/;

/** The lines of one page, top to bottom and left to right. */
export function pageLines(items: RawItem[], page: number, width: number, height: number, toViewport: ToViewport): PageLines {
  const pieces: Piece[] = [];
  let chars = 0;
  let blankWidth = 0;
  let inkWidth = 0;
  for (const item of items) {
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b);
    if (!(size > 0) || item.width <= 0) continue;
    const [x0, y] = toViewport(e, f);
    // The item's direction on the page: only left-to-right horizontal text is read.
    const [xe, ye] = toViewport(e + (a / (Math.hypot(a, b) || 1)) * item.width, f + (b / (Math.hypot(a, b) || 1)) * item.width);
    if (Math.abs(ye - y) > 0.1 * size || xe <= x0) continue;
    const visible = item.str.replace(/\s+/g, '');
    inkWidth += item.width;
    // Spaces are put back from the gaps between words; an item of spaces only would bridge table cells.
    if (!visible) {
      if (!item.str) blankWidth += item.width;
      continue;
    }
    chars += visible.length;
    pieces.push({ str: item.str, x0, x1: xe, y, size, font: item.fontName });
  }
  return { page, width, height, lines: joinPieces(pieces, page), chars, blankWidth, inkWidth };
}

/**
 * Vertical strips of the page that (almost) no word covers, between words on
 * both sides: the gutters between columns. Found on words, before lines are
 * made, because justified text in a narrow column has word spaces as wide as
 * a gutter.
 */
export function findGutters(pieces: Array<{ x0: number; x1: number; y: number; size: number }>): number[] {
  if (pieces.length < 12) return [];
  const minX = Math.min(...pieces.map((p) => p.x0));
  const maxX = Math.max(...pieces.map((p) => p.x1));
  const span = Math.ceil(maxX - minX);
  const sizes = pieces.map((p) => p.size).sort((a, b) => a - b);
  const size = sizes[Math.floor(sizes.length / 2)]!;
  if (span < 20 * size || span > 20_000) return [];
  const cover = new Int32Array(span + 2);
  for (const p of pieces) for (let x = Math.floor(p.x0 - minX); x <= Math.ceil(p.x1 - minX); x++) cover[x]!++;
  const baselines = new Set(pieces.map((p) => Math.round(p.y))).size;
  const allowed = Math.floor(0.2 * baselines);
  const gutters: number[] = [];
  let from = -1;
  for (let x = Math.floor(0.15 * span); x <= Math.ceil(0.85 * span) + 1; x++) {
    const open = x <= Math.ceil(0.85 * span) && cover[x]! <= allowed;
    if (open && from < 0) from = x;
    if (!open && from >= 0) {
      if (x - from >= 1.2 * size) {
        const mid = minX + (from + x) / 2;
        const left = pieces.filter((p) => p.x1 <= mid).length;
        const right = pieces.filter((p) => p.x0 >= mid).length;
        if (left >= 0.1 * pieces.length && right >= 0.1 * pieces.length) gutters.push(mid);
      }
      from = -1;
    }
  }
  return gutters;
}

function joinPieces(pieces: Piece[], page: number): Line[] {
  const gutters = findGutters(pieces);
  pieces.sort((p, q) => p.y - q.y || p.x0 - q.x0);
  // Runs of pieces on one baseline, each run split where the gap is wider than a word space.
  const runs: Piece[][] = [];
  for (const p of pieces) {
    let placed = false;
    for (let k = runs.length - 1; k >= 0 && k >= runs.length - 12; k--) {
      const run = runs[k]!;
      const last = run[run.length - 1]!;
      const tol = 0.3 * Math.max(last.size, p.size);
      const gap = p.x0 - last.x1;
      // Across a gutter only a word space joins (a title over both columns); within a column, a justified line's wide spaces do.
      const across = gutters.some((g) => last.x1 <= g + 1 && p.x0 >= g - 1);
      const limit = (across ? 1 : 3) * Math.max(last.size, p.size);
      if (Math.abs(last.y - p.y) <= tol && gap <= limit && gap > -0.5 * p.size) {
        run.push(p);
        placed = true;
        break;
      }
    }
    if (!placed) runs.push([p]);
  }
  const lines = runs.map((run) => lineOf(run, page)).filter((l): l is Line => !!l);
  foldSuperscripts(lines);
  const kept = lines.filter((l) => l.text !== '');
  markRows(kept);
  return kept.sort((p, q) => p.y - q.y || p.x0 - q.x0);
}

function lineOf(all: Piece[], page: number): Line | undefined {
  all.sort((p, q) => p.x0 - q.x0);
  // Superscript marks merged into the run (raised only a little): references, or the lead of a note.
  const top = Math.max(...all.map((p) => p.size));
  const base = Math.max(...all.filter((p) => p.size > 0.9 * top).map((p) => p.y));
  let lead: string | undefined;
  const marks: string[] = [];
  const run = all.filter((p, i) => {
    const mark = p.str.trim();
    if (p.size > 0.9 * top || base - p.y < 0.1 * top || !NOTE_MARK.test(mark)) return true;
    if (i === 0 || all.slice(0, i).every((q) => !q.str.trim())) lead = mark;
    else marks.push(mark);
    return false;
  });
  if (!run.length) return undefined;
  let text = '';
  let prev: Piece | undefined;
  const bySize = new Map<number, number>();
  const byFont = new Map<string, number>();
  for (const p of run) {
    if (prev) {
      const gap = p.x0 - prev.x1;
      const spaced = /\s$/.test(text) || /^\s/.test(p.str);
      if (!spaced && gap > 0.12 * Math.min(prev.size, p.size)) text += ' ';
    }
    text += p.str;
    const n = p.str.replace(/\s+/g, '').length;
    const size = Math.round(p.size * 2) / 2;
    bySize.set(size, (bySize.get(size) ?? 0) + n);
    byFont.set(p.font, (byFont.get(p.font) ?? 0) + n);
    prev = p;
  }
  text = text.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  const y =
    run.reduce((s, p) => s + p.y * p.str.length, 0) /
    Math.max(
      1,
      run.reduce((s, p) => s + p.str.length, 0),
    );
  const line: Line = { text, x0: run[0]!.x0, x1: Math.max(...run.map((p) => p.x1)), y, size: mostOf(bySize), font: mostOf(byFont), page };
  if (lead) line.lead = lead;
  if (marks.length) line.marks = marks;
  return line;
}

function mostOf<K>(counts: Map<K, number>): K {
  let best: K | undefined;
  let n = -1;
  for (const [k, c] of counts) if (c > n) [best, n] = [k, c];
  return best as K;
}

/** Small raised runs next to a larger line become its marks (references) or its lead (a note's number). */
function foldSuperscripts(lines: Line[]): void {
  for (const small of lines) {
    if (!NOTE_MARK.test(small.text) && !/^[\d,*†‡§¶–-]{1,12}$/.test(small.text)) continue;
    let host: Line | undefined;
    for (const big of lines) {
      if (big === small || big.text === '' || small.size > 0.9 * big.size) continue;
      const raised = big.y - small.y;
      if (raised < 0.1 * big.size || raised > 0.75 * big.size) continue;
      const before = big.x0 - small.x1;
      const after = small.x0 - big.x1;
      const inside = small.x0 >= big.x0 && small.x1 <= big.x1;
      if (before > -1 && before < 0.6 * big.size) {
        big.lead = small.text;
        host = big;
        break;
      }
      if ((after > -1 && after < 0.6 * big.size) || inside) {
        (big.marks ??= []).push(small.text);
        host = big;
        break;
      }
    }
    if (host) small.text = '';
  }
}

/** Short lines of one size sharing a baseline with a neighbour close by: the cells of a table row. */
function markRows(lines: Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    for (let j = i + 1; j < lines.length; j++) {
      const m = lines[j]!;
      if (Math.abs(m.y - l.y) > 0.3 * l.size) continue;
      const gap = m.x0 > l.x1 ? m.x0 - l.x1 : l.x0 - m.x1;
      // Columns are separated by a gutter next to full lines; cells are short with wide gaps between them.
      if (Math.abs(m.size - l.size) < 0.5 && gap > 0 && gap < 8 * l.size && l.x1 - l.x0 < 12 * l.size && m.x1 - m.x0 < 12 * m.size) {
        l.row = true;
        m.row = true;
      }
    }
  }
}
