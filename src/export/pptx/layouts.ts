/**
 * The PPTX writer's slides that are not a list of paragraphs: the title and section slides on
 * their dark masters, the quote with its accent bar, the timeline as a table, and the image
 * (placed with its proportions, its alt text kept; a box with the alt text when it cannot be).
 */
import type pptxgen from 'pptxgenjs';
import type { DeckSlide } from '../../deck/model.js';
import { pieceParas, quoteParas, type Found } from './content.js';
import { addFitted, type Ctx, IN, PT, runs, titleParas } from './draw.js';
import { parasHeight, type Para, type Span } from './fit.js';
import { containBox, dataUrlBytes, imageInfo } from './image.js';

export function titleSlide(ctx: Ctx, slide: pptxgen.default.Slide, ds: DeckSlide): void {
  const { deck, theme, g } = ctx;
  const c = theme.colors;
  const title = ds.title ?? deck.title;
  addFitted(ctx, slide, ds, titleParas(title, 1, c.darkInk), { x: g.left, y: g.H * 0.2, w: g.width, h: g.H * 0.3 }, theme.fontPx * theme.em.titleHeading, {
    placeholder: 'title',
    valign: 'bottom',
  });
  const subtitle = ds.subtitle ?? deck.subtitle;
  if (subtitle) {
    const paras: Para[] = [{ spans: [{ text: subtitle, face: 'sans', color: c.darkAccent }], scale: 1, spaceBeforeEm: 0 }];
    addFitted(ctx, slide, ds, paras, { x: g.left, y: g.H * 0.5 + 8, w: g.width, h: g.H * 0.1 }, theme.fontPx * theme.em.subtitle, { placeholder: 'subtitle' });
  }
  const byline: Para[] = [];
  if (deck.author) byline.push({ spans: [{ text: deck.author, face: 'sans', bold: true, color: c.darkInk }], scale: 1, spaceBeforeEm: 0 });
  const rest = [deck.institution, deck.course, deck.date].filter((s): s is string => !!s).join(' · ');
  if (rest) byline.push({ spans: [{ text: rest, face: 'sans', color: c.byline }], scale: 1, spaceBeforeEm: 0.3 });
  const y = g.H * 0.62 + 8;
  addFitted(ctx, slide, ds, byline, { x: g.left, y, w: g.width, h: g.H - 40 - y }, theme.fontPx * theme.em.byline, { objectName: 'Byline' });
}

export function sectionSlide(ctx: Ctx, slide: pptxgen.default.Slide, ds: DeckSlide): void {
  const { theme, g } = ctx;
  const c = theme.colors;
  addFitted(
    ctx,
    slide,
    ds,
    titleParas(ds.title ?? '', 1, c.darkInk),
    { x: g.left, y: g.H * 0.22, w: g.width, h: g.H * 0.34 },
    theme.fontPx * theme.em.titleHeading,
    {
      placeholder: 'title',
      valign: 'bottom',
    },
  );
  if (ds.subtitle) {
    const paras: Para[] = [{ spans: [{ text: ds.subtitle, face: 'sans', color: c.darkAccent }], scale: 1, spaceBeforeEm: 0 }];
    addFitted(ctx, slide, ds, paras, { x: g.left, y: g.H * 0.56 + 12, w: g.width, h: g.H * 0.2 }, theme.fontPx, { placeholder: 'subtitle' });
  }
}

/** The quote with an accent bar at its left, as the theme's blockquote border. */
export function quoteBody(ctx: Ctx, slide: pptxgen.default.Slide, ds: DeckSlide, extra: Para[], found: Found): void {
  const { theme, g } = ctx;
  const bar = 8;
  const inset = bar + 0.8 * theme.fontPx;
  const paras = [...quoteParas(ds.quote!, theme, found, theme.em.quote)];
  const box = { x: g.left + inset, y: g.body.y + 6, w: g.width - inset, h: g.body.h - 6 };
  const tail = extra.length ? extra : [];
  const height = addFitted(ctx, slide, ds, [...paras, ...tail], box, theme.fontPx, { objectName: 'Quote' });
  slide.addShape('rect', {
    x: IN(g.left),
    y: IN(box.y),
    w: IN(bar),
    h: IN(Math.min(box.h, Math.max(theme.fontPx, height))),
    fill: { color: theme.colors.accent },
    line: { color: theme.colors.accent, width: 0 },
    objectName: 'Quote bar',
  });
}

/** The timeline as a table: date (bold, accent) | event, a rule of the accent colour at its left. */
export function timelineBody(ctx: Ctx, slide: pptxgen.default.Slide, ds: DeckSlide, found: Found): void {
  const { theme, g } = ctx;
  const base = theme.fontPx * theme.em.timeline;
  const dates = ds.timeline.map((t): Para => ({
    spans: [{ text: t.date, face: 'sansBold', bold: true, color: theme.colors.accent }],
    scale: 1,
    spaceBeforeEm: 0,
  }));
  const events = ds.timeline.map((t) => pieceParas(t, { scale: 1, spaceBeforeEm: 0 }, { face: 'sans', color: theme.colors.ink }, found));
  const pad = 10;
  // The date column fits the longest date at full size (at most 40% of the width).
  const dateW = Math.min(g.width * 0.4, Math.max(...dates.map((d) => estimateWidth(d, base))) + 2 * pad + 8);
  const eventW = g.width - dateW;
  const rowsHeight = (size: number): number[] =>
    ds.timeline.map((_, i) => Math.max(parasHeight([dates[i]!], dateW - 2 * pad - 8, size), parasHeight(events[i]!, eventW - 2 * pad, size)) + 2 * pad);
  let factor = 1;
  while (factor > 0.6 && rowsHeight(base * factor).reduce((a, b) => a + b, 0) > g.body.h) factor = Math.round((factor - 0.05) * 100) / 100;
  const size = base * factor;
  const heights = rowsHeight(size);
  if (heights.reduce((a, b) => a + b, 0) > g.body.h)
    ctx.warn(ds, 'pptx/text-shrunk', `the timeline of slide ${ds.number} does not fit its slide in the PowerPoint`, 'split the timeline');
  // Table cell margins: pptxgenjs reads values under 1 as inches, from 1 up as points.
  const margin = IN(pad);
  const rows: pptxgen.default.TableRow[] = ds.timeline.map((_, i) => [
    {
      text: runs(ctx, [dates[i]!], size),
      options: {
        margin: [margin, margin, margin, IN(pad + 8)],
        valign: 'top',
        border: [{ type: 'none' }, { type: 'none' }, { type: 'none' }, { type: 'solid', pt: 3, color: theme.colors.accent }],
      },
    },
    { text: runs(ctx, events[i]!, size), options: { margin: [margin, margin, margin, margin], valign: 'top', border: { type: 'none' } } },
  ]);
  slide.addTable(rows, { x: IN(g.left), y: IN(g.body.y), w: IN(g.width), colW: [IN(dateW), IN(eventW)], rowH: heights.map(IN), objectName: 'Timeline' });
}

function estimateWidth(p: Para, sizePx: number): number {
  // One line's width: the height of a paragraph in a very wide box is one line; measure by halving.
  let lo = 0;
  let hi = 2000;
  for (let k = 0; k < 20; k++) {
    const mid = (lo + hi) / 2;
    if (parasHeight([p], mid, sizePx) > sizePx * 1.5) lo = mid;
    else hi = mid;
  }
  return hi;
}

export async function imageBody(
  ctx: Ctx,
  slide: pptxgen.default.Slide,
  ds: DeckSlide,
  images: ((src: string) => Promise<Uint8Array | undefined>) | undefined,
): Promise<void> {
  const { theme, g } = ctx;
  const image = ds.image!;
  const caption: Para[] = [];
  if (image.caption || image.credit) {
    const spans: Span[] = [];
    if (image.caption) spans.push({ text: image.caption, face: 'sans', color: theme.colors.muted });
    if (image.credit) spans.push({ text: `${image.caption ? ' ' : ''}${image.credit}`, face: 'sans', italic: true, color: theme.colors.muted });
    caption.push({ spans, scale: 1, spaceBeforeEm: 0, align: 'center' });
  }
  const capSize = theme.fontPx * theme.em.caption;
  // The caption under the picture: its lines at most a quarter of the body, and 10 px above it.
  const capH = caption.length ? Math.min(parasHeight(caption, g.width, capSize), g.body.h * 0.25) + 10 : 0;
  const box = { x: g.left, y: g.body.y, w: g.width, h: Math.min(460, g.body.h - capH) };
  let bytes: Uint8Array | undefined;
  try {
    bytes = (await images?.(image.src)) ?? dataUrlBytes(image.src);
  } catch {
    bytes = undefined;
  }
  let info = bytes ? imageInfo(bytes) : undefined;
  // pptxgenjs cannot draw an SVG's PNG preview outside a browser (it writes a "broken image" one
  // that older PowerPoints and LibreOffice show): an SVG is left out, with a box in its place.
  const svg = info?.mime === 'image/svg+xml';
  if (svg) info = undefined;
  let placed = box;
  if (bytes && info) {
    placed = containBox(info, box);
    slide.addImage({
      data: `${info.mime};base64,${Buffer.from(bytes).toString('base64')}`,
      x: IN(placed.x),
      y: IN(placed.y),
      w: IN(placed.w),
      h: IN(placed.h),
      altText: image.alt,
      objectName: image.alt.slice(0, 60) || 'Image',
    });
  } else {
    ctx.warn(
      ds,
      'pptx/image-missing',
      svg
        ? `the SVG image of slide ${ds.number} is not in the PowerPoint; a box with its alt text stands in its place`
        : bytes
          ? `the image of slide ${ds.number} is in a format PowerPoint cannot show; a box with its alt text stands in its place`
          : `the image of slide ${ds.number} was not available; a box with its alt text stands in its place`,
      'use a PNG, JPEG or GIF image for the PowerPoint',
    );
    placed = { ...box, h: Math.min(box.h, 300) };
    slide.addText(image.alt || '(image)', {
      x: IN(placed.x),
      y: IN(placed.y),
      w: IN(placed.w),
      h: IN(placed.h),
      shape: 'rect',
      fill: { color: 'F3F4F6' },
      line: { color: theme.colors.muted, width: 1, dashType: 'dash' },
      align: 'center',
      valign: 'middle',
      fontFace: theme.fonts.sans,
      fontSize: PT(theme.fontPx * 0.7),
      color: theme.colors.muted,
      lang: ctx.lang,
      objectName: 'Image placeholder',
    });
  }
  if (caption.length)
    addFitted(ctx, slide, ds, caption, { x: g.left, y: placed.y + placed.h + 10, w: g.width, h: capH - 10 }, capSize, { objectName: 'Caption' });
}
