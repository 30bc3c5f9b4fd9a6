/**
 * A PDF's lines to blocks in reading order: the layout analysis of the PDF
 * reader, on plain data (pages of lines from lines.ts), so that it is tested
 * without pdf.js.
 *
 * - The body's font size and line spacing are the most common ones.
 * - Running headers, footers and page numbers go: lines among the first or
 *   last few of a page, in its top or bottom 15 %, that are a page number
 *   ("45", "— xii —", "Page 3") or that repeat on other pages once digits
 *   are folded ("Journal of … · 2024", "46 Chapter 2"), unless larger than
 *   the body (a chapter's title). `dropLines` go wherever they are.
 * - Columns: a vertical gutter no line crosses, with lines on both sides,
 *   splits a page; lines across it (a title, an abstract) divide the page
 *   into bands read one after the other, each band left column first.
 * - Footnotes: the smaller lines at the foot of a column, below its last
 *   body line, each note starting at a line with a mark (a superscript or
 *   "1 ", "* "). Captions: a line "Figure 3." / "Fig. 2" / "Table 1" /
 *   "Рис. 1" / "Таблица 2" not larger than the body, and the lines of its
 *   size that follow. Table cells (short lines side by side) are dropped.
 *   None of these ends the paragraph around them.
 * - Headings: a line larger than the body, or a short line in another font
 *   after a gap, without a final period; the levels follow the sizes.
 * - Paragraphs end at a first-line indent, a wider gap, a change of size, or
 *   a short line ending a sentence; at a column or page break a paragraph
 *   goes on unless the next line is indented or the last one ended short
 *   with a sentence's end. Across pages it records `pageBreaks`.
 */
import type { TextBlock } from '../types.js';
import { joinLines, WordEvidence } from './hyphen.js';
import type { Line, PageLines } from './lines.js';

export interface LayoutOptions {
  columns?: number;
  dropLines?: string[];
}

/** What a page contributes: its lines, or blocks read some other way (OCR), or nothing. */
export type PageInput = { page: number; lines: PageLines } | { page: number; blocks: TextBlock[] } | { page: number; skip: true };

interface Placed extends Line {
  /** The column within its band: "b:c"; spanning lines "b:s". */
  col: string;
}

interface Column {
  left: number;
  right: number;
}

const CAPTION =
  /^(?:fig(?:ure)?\.?|table|chart|plate|illustration|exhibit|map|рис(?:унок)?\.?|табл(?:ица)?\.?|схема|диаграмма|карта)\s*(?:\d+(?:[.-]\d+)*|[ivxlc]+)\b\s*[.:—–-]?/i;
const PAGE_NUMBER = /^[-–—([]?\s*(?:page|p\.|стр\.|с\.)?\s*(?:\d{1,4}|[ivxlcdm]{1,8})\s*[-–—)\]]?$/i;
const NOTE_START = /^(\d{1,3}|[*†‡§¶]{1,3})\s*(?=\p{L}|\()/u;

export function layoutBlocks(pages: PageInput[], options: LayoutOptions = {}): TextBlock[] {
  const texts = pages.flatMap((p) => ('lines' in p ? [p.lines] : []));
  const all = texts.flatMap((p) => p.lines);
  const bodySize = commonSize(all);
  const bodyFont = mostCommon(all.filter((l) => Math.abs(l.size - bodySize) < 0.3).map((l) => [l.font, l.text.length]));
  const leading = commonLeading(texts, bodySize);
  const evidence = new WordEvidence();
  for (const l of all) evidence.add(l.text);
  const dropped = marginLines(texts, bodySize, options.dropLines ?? []);

  const blocks: TextBlock[] = [];
  const headingSize = new Map<TextBlock, number>();
  let open: { block: TextBlock; last: Placed; column: Column; lastPage: number } | undefined;
  let interrupted = false;

  for (const input of pages) {
    if (!('lines' in input)) {
      open = undefined;
      if ('blocks' in input) blocks.push(...input.blocks);
      continue;
    }
    const lines = input.lines.lines.filter((l) => !dropped.has(l) && !l.row);
    const placed = readingOrder(lines, options.columns, bodySize);
    const columns = columnBounds(placed, bodySize);
    const zone = footnoteZone(placed, bodySize);
    const notes: TextBlock[] = [];
    let caption: { block: TextBlock; last: Placed } | undefined;
    let heading: { block: TextBlock; last: Placed } | undefined;
    interrupted = true;
    let prev: Placed | undefined;
    for (const line of placed) {
      const column = columns.get(line.col)!;
      const above = prev && prev.col === line.col ? line.y - prev.y : Infinity;
      prev = line;
      if (zone.has(line)) {
        const mark = line.lead ?? NOTE_START.exec(line.text)?.[1];
        const text = line.lead ? line.text : line.text.replace(NOTE_START, '');
        const last = notes[notes.length - 1] ?? lastFootnote(blocks);
        if (mark !== undefined || !last) notes.push({ kind: 'footnote', text, page: line.page, ...(mark !== undefined ? { note: mark } : {}) });
        else last.text = joinLines(last.text, text, evidence);
        continue;
      }
      if (
        caption &&
        Math.abs(line.size - caption.last.size) < 0.3 &&
        line.y - caption.last.y < 1.8 * line.size &&
        line.y > caption.last.y &&
        !CAPTION.test(line.text)
      ) {
        caption.block.text = joinLines(caption.block.text, line.text, evidence);
        caption.last = line;
        continue;
      }
      caption = undefined;
      if (CAPTION.test(line.text) && line.size <= bodySize + 0.3) {
        const block: TextBlock = { kind: 'caption', text: line.text, page: line.page };
        blocks.push(block);
        caption = { block, last: line };
        interrupted = true;
        continue;
      }
      if (isHeading(line, column, bodySize, bodyFont, above, leading)) {
        if (heading && Math.abs(heading.last.size - line.size) < 0.3 && line.y - heading.last.y < 1.6 * line.size && line.col === heading.last.col) {
          heading.block.text = `${heading.block.text} ${line.text}`;
        } else {
          const block: TextBlock = { kind: 'heading', text: line.text, page: line.page };
          blocks.push(block);
          headingSize.set(block, line.size);
          heading = { block, last: line };
        }
        heading.last = line;
        open = undefined;
        continue;
      }
      heading = undefined;
      if (open && continues(open.last, open.column, line, column, interrupted || open.last.col !== line.col, leading)) {
        open.block.text = joinLines(open.block.text, line.text, evidence);
        if (line.page !== open.lastPage) {
          // The later page's text starts where its first line's words begin in the joined text.
          (open.block.pageBreaks ??= []).push({ at: open.block.text.length - line.text.length, page: line.page });
          open.lastPage = line.page;
        }
        open.last = line;
        open.column = column;
      } else {
        const block: TextBlock = { kind: 'body', text: line.text, page: line.page };
        blocks.push(block);
        open = { block, last: line, column, lastPage: line.page };
      }
      interrupted = false;
    }
    blocks.push(...notes);
  }
  assignLevels(headingSize);
  return blocks.filter((b) => b.text.trim() !== '');
}

function lastFootnote(blocks: TextBlock[]): TextBlock | undefined {
  const last = blocks[blocks.length - 1];
  return last?.kind === 'footnote' ? last : undefined;
}

/** Whether `line` goes on with the paragraph whose last line is `last`. */
function continues(last: Placed, lastColumn: Column, line: Placed, column: Column, moved: boolean, leading: number): boolean {
  const size = line.size;
  if (Math.abs(line.size - last.size) > 0.15 * last.size) return false;
  const indented = line.x0 - column.left > 0.6 * size && line.x0 - column.left < 8 * size;
  const ended = /[.!?…:][)"'»”’]*$/.test(last.text) && last.x1 < lastColumn.right - Math.max(3 * size, 0.2 * (lastColumn.right - lastColumn.left));
  if (indented || ended) return false;
  if (moved) return true;
  const gap = line.y - last.y;
  return gap > 0 && gap < 1.45 * Math.max(leading, 1.05 * size);
}

function isHeading(line: Placed, column: Column, bodySize: number, bodyFont: string, above: number, leading: number): boolean {
  if (!/\p{L}/u.test(line.text) || line.text.length > 200) return false;
  if (line.size >= 1.15 * bodySize) return !/[,;]$/.test(line.text) && (line.size >= 1.3 * bodySize || !/\.$/.test(line.text));
  if (line.font === bodyFont || line.size < bodySize - 0.5) return false;
  const short = line.x1 - line.x0 < 0.75 * (column.right - column.left);
  return short && line.text.length <= 120 && !/[.,;:]$/.test(line.text) && !/^\p{Ll}/u.test(line.text) && above > 1.3 * leading;
}

function assignLevels(sizes: Map<TextBlock, number>): void {
  const distinct = [...new Set([...sizes.values()].map((s) => Math.round(s * 2) / 2))].sort((a, b) => b - a);
  for (const [block, size] of sizes) block.level = Math.min(6, distinct.indexOf(Math.round(size * 2) / 2) + 1);
}

// ---------------------------------------------------------------- statistics

function mostCommon<K>(pairs: Array<[K, number]>): K {
  const counts = new Map<K, number>();
  for (const [k, n] of pairs) counts.set(k, (counts.get(k) ?? 0) + n);
  let best: K | undefined;
  let max = -1;
  for (const [k, n] of counts) if (n > max) [best, max] = [k, n];
  return best as K;
}

function commonSize(lines: Line[]): number {
  return lines.length ? mostCommon(lines.map((l) => [Math.round(l.size * 2) / 2, l.text.length])) : 10;
}

function commonLeading(pages: PageLines[], bodySize: number): number {
  const steps: Array<[number, number]> = [];
  for (const p of pages) {
    const body = p.lines.filter((l) => Math.abs(l.size - bodySize) < 0.5);
    for (let i = 1; i < body.length; i++) {
      const a = body[i - 1]!;
      const b = body[i]!;
      const step = b.y - a.y;
      if (step > 0.8 * bodySize && step < 2.5 * bodySize && Math.abs(a.x0 - b.x0) < 20 * bodySize) steps.push([Math.round(step * 4) / 4, 1]);
    }
  }
  // Too few lines to tell (one-line paragraphs): the usual spacing of type.
  return steps.length >= 5 ? mostCommon(steps) : 1.2 * bodySize;
}

// ------------------------------------------------------------------- margins

function foldDigits(text: string): string {
  return text
    .toLowerCase()
    .replace(/\d+/g, '#')
    .replace(/\b[ivxlcdm]+\b/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Running headers, footers, page numbers, and the lines the sidecar says to drop. */
function marginLines(pages: PageLines[], bodySize: number, dropLines: string[]): Set<Line> {
  const drop = new Set(dropLines.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean));
  const dropped = new Set<Line>();
  const candidates: Array<{ line: Line; key: string }> = [];
  const pagesOf = new Map<string, Set<number>>();
  for (const p of pages) {
    const sorted = [...p.lines].sort((a, b) => a.y - b.y);
    for (const l of sorted) if (drop.has(l.text.replace(/\s+/g, ' ').trim())) dropped.add(l);
    const top = sorted.slice(0, 3).filter((l) => l.y < p.height * 0.15);
    const bottom = sorted.slice(-3).filter((l) => l.y > p.height * 0.85);
    for (const line of [...top, ...bottom]) {
      const key = `${line.y < p.height / 2 ? 't' : 'b'}:${foldDigits(line.text)}`;
      candidates.push({ line, key });
      if (!pagesOf.has(key)) pagesOf.set(key, new Set());
      pagesOf.get(key)!.add(p.page);
    }
  }
  for (const { line, key } of candidates) {
    if (PAGE_NUMBER.test(line.text)) dropped.add(line);
    else if (pagesOf.get(key)!.size >= 2 && line.size <= bodySize + 0.5) dropped.add(line);
  }
  return dropped;
}

// ------------------------------------------------------------------- columns

/** The page's lines in reading order, each tagged with its band and column. */
function readingOrder(lines: Line[], forced: number | undefined, bodySize: number): Placed[] {
  const sorted = [...lines].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  if (forced === 1 || sorted.length < 6) return sorted.map((l) => ({ ...l, col: '0:0' }));
  const want = forced ?? 3;
  const gutters: number[] = [];
  let parts: Line[][] = [sorted];
  while (gutters.length + 1 < want) {
    // Split the part with the most lines again.
    const part = [...parts].sort((a, b) => b.length - a.length)[0]!;
    const x = findGutter(part, bodySize, forced !== undefined);
    if (x === undefined) break;
    gutters.push(x);
    gutters.sort((a, b) => a - b);
    parts = splitAt(sorted, gutters).filter((p) => p.length);
  }
  if (!gutters.length) return sorted.map((l) => ({ ...l, col: '0:0' }));
  // Bands: lines across a gutter separate the stretches read column by column.
  const out: Placed[] = [];
  let band = 0;
  let current: Line[][] = gutters.map(() => []).concat([[]]);
  const flush = (): void => {
    current.forEach((col, c) => col.forEach((l) => out.push({ ...l, col: `${band}:${c}` })));
    current = gutters.map(() => []).concat([[]]);
  };
  for (const l of sorted) {
    const c = columnOf(l, gutters);
    if (c === undefined) {
      flush();
      out.push({ ...l, col: `${band}:s` });
      band++;
    } else current[c]!.push(l);
  }
  flush();
  return out;
}

function columnOf(l: Line, gutters: number[]): number | undefined {
  let c = 0;
  for (const g of gutters) {
    if (l.x0 < g - 1 && l.x1 > g + 1) return undefined;
    if (l.x0 >= g - 1) c++;
  }
  return c;
}

function splitAt(lines: Line[], gutters: number[]): Line[][] {
  const parts: Line[][] = gutters.map(() => []).concat([[]]);
  for (const l of lines) {
    const c = columnOf(l, gutters);
    if (c !== undefined) parts[c]!.push(l);
  }
  return parts;
}

/** The middle of the widest vertical strip that (almost) no line crosses, with lines on both sides. */
function findGutter(lines: Line[], bodySize: number, forced: boolean): number | undefined {
  const minX = Math.min(...lines.map((l) => l.x0));
  const maxX = Math.max(...lines.map((l) => l.x1));
  const width = maxX - minX;
  if (width < 10 * bodySize) return undefined;
  const need = forced ? 1 : 3;
  const allowed = forced ? lines.length : Math.max(1, Math.floor(0.15 * lines.length));
  let best: { from: number; to: number; crossing: number } | undefined;
  let run: { from: number; to: number; crossing: number } | undefined;
  for (let x = minX + 0.2 * width; x <= minX + 0.8 * width; x += 1) {
    let crossing = 0;
    let left = 0;
    let right = 0;
    for (const l of lines) {
      if (l.x0 < x - 1 && l.x1 > x + 1) crossing++;
      else if (l.x1 <= x + 1) left++;
      else right++;
    }
    const ok = left >= need && right >= need && crossing <= allowed;
    if (ok && run && run.crossing === crossing && run.to === x - 1) run.to = x;
    else if (ok) run = { from: x, to: x, crossing };
    else run = undefined;
    if (run && (!best || run.crossing < best.crossing || (run.crossing === best.crossing && run.to - run.from > best.to - best.from))) best = { ...run };
  }
  if (!best || (!forced && best.to - best.from < 0.8 * bodySize)) return undefined;
  return (best.from + best.to) / 2;
}

/** Each column's left edge (its most common start) and right edge (its longest lines' end). */
function columnBounds(placed: Placed[], bodySize: number): Map<string, Column> {
  const byCol = new Map<string, Placed[]>();
  for (const l of placed) byCol.set(l.col, [...(byCol.get(l.col) ?? []), l]);
  const bounds = new Map<string, Column>();
  for (const [col, lines] of byCol) {
    const body = lines.filter((l) => Math.abs(l.size - bodySize) < 0.5);
    const use = body.length ? body : lines;
    const ends = use.map((l) => l.x1).sort((a, b) => a - b);
    // The left edge: the leftmost start shared by two lines (a lone line further left is an outlier).
    const starts = use.map((l) => Math.round(l.x0));
    const shared = starts.filter((x, i) => starts.some((y, j) => j !== i && Math.abs(x - y) <= 1));
    bounds.set(col, { left: Math.min(...(shared.length ? shared : starts)), right: ends[Math.floor(0.9 * (ends.length - 1))]! });
  }
  return bounds;
}

/** Lines smaller than the body below the last body line of their column: the page's footnotes. */
function footnoteZone(placed: Placed[], bodySize: number): Set<Placed> {
  const zone = new Set<Placed>();
  const byCol = new Map<string, Placed[]>();
  for (const l of placed) byCol.set(l.col, [...(byCol.get(l.col) ?? []), l]);
  const lastBody = Math.max(-Infinity, ...placed.filter((l) => l.size >= bodySize - 0.5).map((l) => l.y));
  for (const lines of byCol.values()) {
    const bodyY = Math.max(-Infinity, ...lines.filter((l) => l.size >= bodySize - 0.5).map((l) => l.y));
    const below = lines.filter((l) => l.y > bodyY && l.size < 0.92 * bodySize && !CAPTION.test(l.text));
    const first = below[0];
    if (!first || !(first.lead || NOTE_START.test(first.text))) continue;
    // A note spans the page when its column ends above the page's last body line.
    if (first.y < lastBody && lines.every((l) => l.size < bodySize - 0.5)) continue;
    for (const l of below) zone.add(l);
  }
  return zone;
}
