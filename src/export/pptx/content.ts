/**
 * The deck model's text as paragraphs for PowerPoint (fit.ts's Para): bullets with their
 * levels, quotes with the highlighted phrase as a bold accent run, column blocks, the
 * bibliography, speaker notes with the passages a slide cites. Text from sources stays text:
 * it becomes runs, and only URLs in it become hyperlink runs; `md:` pieces are flattened by
 * markdown.ts and reported through `found`.
 */
import type { BulletItem, CodeBlock, ColumnBlock, Deck, DeckSlide, Piece, QuoteBlock } from '../../deck/model.js';
import type { ExportTheme } from '../theme.js';
import type { Para, Span } from './fit.js';
import { flattenMarkdown } from './markdown.js';

/** What a slide's content had that PowerPoint cannot show as the HTML does. */
export interface Found {
  markdown: boolean;
  math: boolean;
}

const URL_RE = /\bhttps?:\/\/[^\s<>"«»]+[^\s<>"«».,;:!?)\]']/g;

/** Literal text as spans, URLs in it as hyperlink runs. */
export function textSpans(text: string, style: Omit<Span, 'text'>): Span[] {
  const spans: Span[] = [];
  let at = 0;
  for (const m of text.matchAll(URL_RE)) {
    if (m.index > at) spans.push({ ...style, text: text.slice(at, m.index) });
    spans.push({ ...style, text: m[0], link: m[0] });
    at = m.index + m[0].length;
  }
  if (at < text.length || spans.length === 0) spans.push({ ...style, text: text.slice(at) });
  return spans;
}

/** A piece as paragraphs: its text, or its Markdown flattened. */
export function pieceParas(piece: Piece, base: Omit<Para, 'spans'>, style: Omit<Span, 'text'>, found: Found): Para[] {
  if (piece.md !== undefined) {
    found.markdown = true;
    const flat = flattenMarkdown(piece.md, { face: style.face, scale: base.scale });
    found.math ||= flat.math;
    return flat.paras.map((p, i) => ({
      ...base,
      ...p,
      spans: p.spans.map((s) => ({ ...style, ...s })),
      spaceBeforeEm: i === 0 ? base.spaceBeforeEm : p.spaceBeforeEm,
    }));
  }
  return piece.text.split(/\n+/).map((line, i) => ({ ...base, spans: textSpans(line, style), spaceBeforeEm: i === 0 ? base.spaceBeforeEm : 0.3 }));
}

export function bulletParas(items: BulletItem[], theme: ExportTheme, found: Found, scale = 1, level = 0): Para[] {
  const out: Para[] = [];
  for (const item of items) {
    const s = level === 0 ? scale : scale * theme.em.nested;
    // An md: bullet keeps its level: only its first paragraph carries the marker.
    const paras =
      item.md === undefined && item.text === ''
        ? [{ scale: s, spaceBeforeEm: 0.35, spans: [] as Span[] }]
        : pieceParas(item, { scale: s, spaceBeforeEm: 0.35 }, { face: 'sans', color: theme.colors.ink }, found);
    // A bullet's formula: its TeX in monospace after the text (PowerPoint has no KaTeX).
    if (item.math !== undefined && paras[0]) {
      found.math = true;
      const first = paras[0];
      first.spans = [
        ...first.spans,
        ...(first.spans.length ? [{ text: ' ', face: 'sans' as const }] : []),
        { text: item.math, face: 'mono', color: theme.colors.ink },
      ];
    }
    // Levels inside Markdown are relative to the bullet's; text after the first paragraph has no marker of its own.
    paras.forEach((p, i) => out.push({ ...p, list: i === 0 ? (p.list ?? 'bullet') : p.list, level: level + (p.level ?? 0) }));
    out.push(...bulletParas(item.bullets, theme, found, scale, level + 1));
  }
  return out;
}

/** A quote: its text with the highlighted phrase as a bold accent run on the mark colour, then "— attribution". */
export function quoteParas(quote: QuoteBlock, theme: ExportTheme, found: Found, scale = 1): Para[] {
  const style = { face: 'serif', color: theme.colors.ink } as const;
  let paras: Para[];
  if (quote.md !== undefined) paras = pieceParas(quote, { scale, spaceBeforeEm: 0 }, style, found);
  else if (quote.parts) {
    const [before, mark, after] = quote.parts;
    const spans = [
      ...(before ? textSpans(before, style) : []),
      { ...style, text: mark, bold: true, color: theme.colors.accent, highlight: theme.colors.mark },
      ...(after ? textSpans(after, style) : []),
    ];
    paras = [{ spans, scale, spaceBeforeEm: 0 }];
  } else paras = pieceParas(quote, { scale, spaceBeforeEm: 0 }, style, found);
  if (quote.attribution)
    paras.push({ spans: [{ text: `— ${quote.attribution}`, face: 'serif', color: theme.colors.muted }], scale: scale * 0.9, spaceBeforeEm: 0.5 });
  return paras;
}

/** A column: its heading (h2, accent), quote, paragraphs and bullets, at the columns' size. */
export function columnParas(column: ColumnBlock | undefined, theme: ExportTheme, found: Found): Para[] {
  if (!column) return [];
  const scale = theme.em.columns;
  const out: Para[] = [];
  if (column.title)
    out.push({ spans: [{ text: column.title, face: 'sans', bold: true, color: theme.colors.accent }], scale: scale * theme.em.subheading, spaceBeforeEm: 0 });
  if (column.quote) out.push(...quoteParas(column.quote, theme, found, scale * 0.95).map((p, i) => (i === 0 ? { ...p, spaceBeforeEm: 0.4 } : p)));
  for (const p of column.paragraphs) out.push(...pieceParas(p, { scale, spaceBeforeEm: 0.4 }, { face: 'sans', color: theme.colors.ink }, found));
  out.push(...bulletParas(column.bullets, theme, found, scale));
  return out;
}

/** Paragraphs and bullets, Lectern's default body (bullets, questions and unknown layouts). */
export function bodyParas(slide: DeckSlide, theme: ExportTheme, found: Found, paragraphFace: 'sans' | 'serif' = 'sans', paragraphScale = 1): Para[] {
  const out: Para[] = [];
  for (const p of slide.paragraphs) {
    out.push(
      ...pieceParas(
        p,
        { scale: paragraphScale, spaceBeforeEm: 0.4, align: paragraphFace === 'serif' ? 'justify' : undefined },
        { face: paragraphFace, color: theme.colors.ink },
        found,
      ),
    );
  }
  if (slide.code) out.push(...codeParas(slide.code, theme));
  if (slide.math !== undefined) {
    found.math = true;
    out.push({ spans: [{ text: slide.math, face: 'mono', color: theme.colors.ink }], scale: 1, spaceBeforeEm: 0.5, align: 'center' });
  }
  out.push(...bulletParas(slide.bullets, theme, found));
  return out;
}

/** Code as monospaced lines at the theme's code size (24 of 34 px), the highlighted range on the mark colour; text only, never a link. */
export function codeParas(code: CodeBlock, theme: ExportTheme): Para[] {
  return code.text.split('\n').map((line, i) => {
    const marked = code.lines !== undefined && i + 1 >= code.lines.from && i + 1 <= code.lines.to;
    const span: Span = { text: line.replace(/\t/g, '    ') || ' ', face: 'mono', color: theme.colors.ink, ...(marked ? { highlight: theme.colors.mark } : {}) };
    return { spans: [span], scale: 24 / 34, spaceBeforeEm: i === 0 ? 0.4 : 0, lineSpacing: 1 };
  });
}

/** The slide's raw Markdown body (slide.md) flattened, after its content. */
export function slideMarkdown(slide: DeckSlide, theme: ExportTheme, found: Found): Para[] {
  if (slide.md === undefined || slide.md.trim() === '') return [];
  found.markdown = true;
  const flat = flattenMarkdown(slide.md);
  found.math ||= flat.math;
  return flat.paras.map((p) => ({ ...p, spans: p.spans.map((s) => ({ color: theme.colors.ink, ...s })) }));
}

/** The sources slide: the bibliography as a numbered list (unless the style numbers it), a URL not in the entry appended as a link. */
export function bibliographyParas(deck: Deck, theme: ExportTheme): Para[] {
  return deck.bibliography.map((b) => {
    const style = { face: 'sans', color: theme.colors.ink } as const;
    const spans = textSpans(b.entry, style);
    if (b.url && !b.entry.includes(b.url)) spans.push({ ...style, text: ' ' }, { ...style, text: b.url, link: b.url });
    // A numeric citation style numbers its entries itself ("1. Lensen G. A. …", "[1] …"): no second number.
    const numbered = /^\s*\[?\d+[.\]]\s/.test(b.entry);
    return { spans, scale: theme.em.bibliography, ...(numbered ? {} : { list: 'number' as const }), level: 0, spaceBeforeEm: 0.3 };
  });
}

/** Every piece shown on a slide, for its passages. */
function slidePieces(slide: DeckSlide): Piece[] {
  const bullets = (items: BulletItem[]): Piece[] => items.flatMap((b) => [b, ...bullets(b.bullets)]);
  return [
    ...slide.paragraphs,
    ...bullets(slide.bullets),
    ...(slide.quote ? [slide.quote] : []),
    ...slide.timeline,
    ...slide.columns.flatMap((c) => [...c.paragraphs, ...bullets(c.bullets), ...(c.quote ? [c.quote] : [])]),
  ];
}

/**
 * Speaker notes: the slide's notes (each cited note with its short citation), then the text of
 * every passage the slide cites, once, under its citation — unless a note is that text already.
 */
export function notesText(slide: DeckSlide): string {
  const lines = slide.notes.map((n) => (n.md ?? n.text) + (n.citation ? ` [${n.citation.short}]` : ''));
  const shown = new Set(slide.notes.map((n) => (n.md ?? n.text).trim()));
  const seen = new Set<string>();
  const passages: string[] = [];
  for (const piece of [...slidePieces(slide), ...slide.notes]) {
    if (!piece.citation || piece.passage === undefined || seen.has(piece.citation.address)) continue;
    seen.add(piece.citation.address);
    if (shown.has(piece.passage.trim())) continue;
    passages.push(`[${piece.citation.short}] ${piece.passage}`);
  }
  return [...lines, ...(lines.length && passages.length ? [''] : []), ...passages].join('\n');
}
