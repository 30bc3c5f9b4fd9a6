/**
 * The editable PowerPoint: the deck model written as native PPTX objects with pptxgenjs, never
 * from the HTML. Slide masters carry real placeholders (titles, subtitles, bodies, two columns),
 * bullets are paragraphs with levels, a quote's highlight is a bold accent run, a timeline is a
 * table, images keep their alt text, each slide's citation line sits small at its foot and its
 * notes (with the passages it cites) go in the notes pane. Colours, fonts and sizes are the
 * theme's (theme.ts); every text is sized here to fit its box (pptx/fit.ts), since PowerPoint's
 * autofit acts only on editing. A pure function: bytes in (images), bytes out.
 */
import pptxgen from 'pptxgenjs';
import type { Deck, DeckSlide } from '../deck/model.js';
import type { Problem } from '../errors.js';
import { readTheme, type ExportTheme } from './theme.js';
import { fitParas, LIST_INDENT_EM, parasHeight, type Para, type Span } from './pptx/fit.js';
import { bibliographyParas, bodyParas, bulletParas, columnParas, notesText, pieceParas, quoteParas, slideMarkdown, type Found } from './pptx/content.js';
import { containBox, dataUrlBytes, imageInfo } from './pptx/image.js';
import { finishPackage } from './pptx/package.js';

export interface PptxOptions {
  /** The deck's theme CSS, read for colours, fonts and sizes. */
  themeCss: string;
  themeName: string;
  warnings?: (p: Problem) => void;
  /** An image's bytes by its `src` in the deck model; data: URLs are read without it. */
  images?: (src: string) => Promise<Uint8Array | undefined>;
}

/** Themes the PPTX follows: Lectern's own. Any other is named in a warning. */
export const PPTX_THEMES = ['lectern'];

/**
 * pptxgenjs's types describe its CommonJS build (the class under `.default`); Node's ESM import
 * of its ES build gives the class itself. Either way this is the class.
 */
const PptxGenJS = ((pptxgen as unknown as { default?: typeof pptxgen.default }).default ?? pptxgen) as unknown as typeof pptxgen.default;
type Pres = InstanceType<typeof PptxGenJS>;

const MASTER = {
  title: 'LECTERN_TITLE',
  section: 'LECTERN_SECTION',
  content: 'LECTERN_CONTENT',
  two: 'LECTERN_TWO_COLUMNS',
  plain: 'LECTERN_TITLE_ONLY',
} as const;

/** Language tags as PowerPoint expects them (language-REGION) for the languages Lectern knows. */
const REGION: Record<string, string> = { ru: 'ru-RU', en: 'en-US', de: 'de-DE', fr: 'fr-FR', uk: 'uk-UA', es: 'es-ES', it: 'it-IT', pl: 'pl-PL', be: 'be-BY' };

/** CSS px → inches (1280 px = 13.33 in) and → points. */
const IN = (px: number): number => px / 96;
const PT = (px: number): number => Math.round(px * 0.75 * 100) / 100;

interface Geometry {
  W: number;
  H: number;
  left: number;
  width: number;
  title: { y: number; h: number };
  rule: number;
  body: { y: number; h: number };
  cite: { y: number; h: number; w: number };
}

function geometry(theme: ExportTheme, size: Deck['size']): Geometry {
  const { width: W, height: H } = theme.sizes[size];
  const p = theme.padding;
  const titleH = Math.round(theme.fontPx * theme.em.h2 * 2);
  const titleY = Math.max(16, p.top - 20);
  const rule = titleY + titleH + 4;
  const citeH = Math.ceil(theme.citePx * 1.3 * 2);
  const citeY = H - 26 - citeH;
  const bodyY = rule + 22;
  return {
    W,
    H,
    left: p.left,
    width: W - p.left - p.right,
    title: { y: titleY, h: titleH },
    rule,
    body: { y: bodyY, h: Math.min(H - p.bottom, citeY - 8) - bodyY },
    cite: { y: citeY, h: citeH, w: W - p.left - 160 },
  };
}

interface Ctx {
  deck: Deck;
  theme: ExportTheme;
  g: Geometry;
  lang: string;
  warn: (slide: DeckSlide | undefined, code: string, message: string, hint?: string) => void;
}

function faceName(theme: ExportTheme, face: Span['face']): string {
  return face === 'mono' ? theme.fonts.mono : face === 'serif' || face === 'serifBold' ? theme.fonts.serif : theme.fonts.sans;
}

/** Paragraphs as pptxgenjs runs at `sizePx`: paragraph options on each paragraph's first run. */
function runs(ctx: Ctx, paras: Para[], sizePx: number): pptxgen.default.TextProps[] {
  const out: pptxgen.default.TextProps[] = [];
  paras.forEach((p, i) => {
    const size = sizePx * p.scale;
    const spans = p.spans.length > 0 ? p.spans : [{ text: '', face: 'sans' as const }];
    spans.forEach((s, j) => {
      const options: pptxgen.default.TextPropsOptions = {
        fontFace: faceName(ctx.theme, s.face),
        fontSize: PT(size),
        color: s.color ?? ctx.theme.colors.ink,
        lang: ctx.lang,
        align: p.align ?? 'left',
      };
      if (s.bold) options.bold = true;
      if (s.italic) options.italic = true;
      if (s.highlight) options.highlight = s.highlight;
      if (s.link) options.hyperlink = { url: s.link, tooltip: s.link };
      if (j === 0) {
        const indent = PT(LIST_INDENT_EM * size);
        options.bullet = p.list === 'number' ? { type: 'number', indent } : p.list === 'bullet' ? { characterCode: '2022', indent } : false;
        if (p.list && p.level) options.indentLevel = p.level;
        // Always explicit (the master's spacing would apply otherwise), and above zero for pptxgenjs to write it.
        options.paraSpaceBefore = Math.max(0.1, i === 0 ? 0 : PT((p.spaceBeforeEm ?? 0) * size));
        options.lineSpacingMultiple = p.lineSpacing ?? 1;
      }
      if (j === spans.length - 1 && i < paras.length - 1) options.breakLine = true;
      out.push({ text: s.text, options });
    });
  });
  return out;
}

/** Writes paragraphs into a box (or placeholder) at the largest size that fits; warns when it must go under 60%. */
function addFitted(
  ctx: Ctx,
  slide: pptxgen.default.Slide,
  ds: DeckSlide | undefined,
  paras: Para[],
  box: { x: number; y: number; w: number; h: number },
  basePx: number,
  extra: pptxgen.default.TextPropsOptions = {},
): number {
  if (paras.length === 0) return 0;
  const fit = fitParas(paras, box, basePx);
  if (fit.belowFloor) {
    ctx.warn(
      ds,
      'pptx/text-shrunk',
      `the text of slide ${ds?.number ?? '?'} fits its box in the PowerPoint only at ${Math.round(fit.factor * 100)}% of the theme's size`,
      'shorten the text or split the slide',
    );
  }
  const opts: pptxgen.default.TextPropsOptions = { valign: 'top', margin: 0, fit: 'none', ...extra };
  if (!extra.placeholder) Object.assign(opts, { x: IN(box.x), y: IN(box.y), w: IN(box.w), h: IN(box.h) });
  slide.addText(runs(ctx, paras, fit.sizePx), opts);
  return parasHeight(paras, box.w, fit.sizePx);
}

function defineMasters(pptx: Pres, ctx: Ctx): void {
  const { theme, g } = ctx;
  const c = theme.colors;
  const number: pptxgen.default.SlideNumberProps = {
    x: IN(g.W - 40 - 120),
    y: IN(g.H - 26 - theme.citePx * 1.4),
    w: IN(120),
    h: IN(theme.citePx * 1.4),
    fontFace: theme.fonts.sans,
    fontSize: PT(theme.citePx),
    color: c.muted,
    align: 'right',
    valign: 'bottom',
    margin: 0,
  };
  const titlePh = (
    y: number,
    h: number,
    color: string,
    valign: pptxgen.default.VAlign,
  ): { placeholder: { options: pptxgen.default.PlaceholderProps; text: string } } => ({
    placeholder: {
      options: {
        name: 'title',
        type: 'title',
        x: IN(g.left),
        y: IN(y),
        w: IN(g.width),
        h: IN(h),
        fontFace: theme.fonts.sans,
        bold: true,
        color,
        valign,
        margin: 0,
      },
      text: '',
    },
  });
  const bodyPh = (
    name: string,
    x: number,
    y: number,
    w: number,
    h: number,
    color: string,
  ): { placeholder: { options: pptxgen.default.PlaceholderProps; text: string } } => ({
    placeholder: {
      options: { name, type: 'body', x: IN(x), y: IN(y), w: IN(w), h: IN(h), fontFace: theme.fonts.sans, color, valign: 'top', margin: 0 },
      text: '',
    },
  });
  const rule = { rect: { x: IN(g.left), y: IN(g.rule), w: IN(g.width), h: IN(4), fill: { color: c.accent }, line: { color: c.accent, width: 0 } } };
  const dark: pptxgen.default.BackgroundProps = { color: c.dark };
  pptx.defineSlideMaster({
    title: MASTER.title,
    background: dark,
    objects: [titlePh(g.H * 0.2, g.H * 0.3, c.darkInk, 'bottom'), bodyPh('subtitle', g.left, g.H * 0.5 + 8, g.width, g.H * 0.1, c.darkAccent)],
  });
  pptx.defineSlideMaster({
    title: MASTER.section,
    background: dark,
    objects: [titlePh(g.H * 0.22, g.H * 0.34, c.darkInk, 'bottom'), bodyPh('subtitle', g.left, g.H * 0.56 + 12, g.width, g.H * 0.2, c.darkAccent)],
  });
  const content = (objects: NonNullable<pptxgen.default.SlideMasterProps['objects']>): NonNullable<pptxgen.default.SlideMasterProps['objects']> => [
    titlePh(g.title.y, g.title.h, c.ink, 'bottom'),
    rule,
    ...objects,
  ];
  const half = (g.width - theme.columnGap) / 2;
  const bg: pptxgen.default.BackgroundProps = { color: c.paper };
  pptx.defineSlideMaster({
    title: MASTER.content,
    background: bg,
    slideNumber: number,
    objects: content([bodyPh('body', g.left, g.body.y, g.width, g.body.h, c.ink)]),
  });
  pptx.defineSlideMaster({
    title: MASTER.two,
    background: bg,
    slideNumber: number,
    objects: content([
      bodyPh('left', g.left, g.body.y, half, g.body.h, c.ink),
      bodyPh('right', g.left + half + theme.columnGap, g.body.y, half, g.body.h, c.ink),
    ]),
  });
  pptx.defineSlideMaster({ title: MASTER.plain, background: bg, slideNumber: number, objects: content([]) });
}

function titleParas(text: string, scale: number, color: string): Para[] {
  return [{ spans: [{ text, face: 'sans', bold: true, color }], scale, spaceBeforeEm: 0, lineSpacing: 0.95 }];
}

/** The slide's heading in its title placeholder, "(continued)" appended on continued slides. */
function addHeading(ctx: Ctx, slide: pptxgen.default.Slide, ds: DeckSlide, fallback?: string): void {
  const title = ds.title ?? fallback;
  if (!title) return;
  const text = ds.continued ? `${title} (${ctx.deck.strings.continued})` : title;
  const { g, theme } = ctx;
  addFitted(ctx, slide, ds, titleParas(text, 1, theme.colors.ink), { x: g.left, y: g.title.y, w: g.width, h: g.title.h }, theme.fontPx * theme.em.h2, {
    placeholder: 'title',
  });
}

function addCiteLine(ctx: Ctx, slide: pptxgen.default.Slide, ds: DeckSlide): void {
  if (!ds.citeLine) return;
  const { g, theme } = ctx;
  const paras: Para[] = [{ spans: [{ text: ds.citeLine, face: 'sans', color: theme.colors.muted }], scale: 1, spaceBeforeEm: 0 }];
  addFitted(ctx, slide, ds, paras, { x: g.left, y: g.cite.y, w: g.cite.w, h: g.cite.h }, theme.citePx, { valign: 'bottom', objectName: 'Citation' });
}

function titleSlide(ctx: Ctx, slide: pptxgen.default.Slide, ds: DeckSlide): void {
  const { deck, theme, g } = ctx;
  const c = theme.colors;
  const title = ds.title ?? deck.title;
  addFitted(ctx, slide, ds, titleParas(title, 1, c.darkInk), { x: g.left, y: g.H * 0.2, w: g.width, h: g.H * 0.3 }, theme.fontPx * theme.em.titleH1, {
    placeholder: 'title',
    valign: 'bottom',
  });
  const subtitle = ds.subtitle ?? deck.subtitle;
  if (subtitle) {
    const paras: Para[] = [{ spans: [{ text: subtitle, face: 'sans', color: c.darkAccent }], scale: 1, spaceBeforeEm: 0 }];
    addFitted(ctx, slide, ds, paras, { x: g.left, y: g.H * 0.5 + 8, w: g.width, h: g.H * 0.1 }, theme.fontPx * theme.em.titleH3, { placeholder: 'subtitle' });
  }
  const byline: Para[] = [];
  if (deck.author) byline.push({ spans: [{ text: deck.author, face: 'sans', bold: true, color: c.darkInk }], scale: 1, spaceBeforeEm: 0 });
  const rest = [deck.institution, deck.course, deck.date].filter((s): s is string => !!s).join(' · ');
  if (rest) byline.push({ spans: [{ text: rest, face: 'sans', color: c.byline }], scale: 1, spaceBeforeEm: 0.3 });
  const y = g.H * 0.62 + 8;
  addFitted(ctx, slide, ds, byline, { x: g.left, y, w: g.width, h: g.H - 40 - y }, theme.fontPx * theme.em.byline, { objectName: 'Byline' });
}

function sectionSlide(ctx: Ctx, slide: pptxgen.default.Slide, ds: DeckSlide): void {
  const { theme, g } = ctx;
  const c = theme.colors;
  addFitted(
    ctx,
    slide,
    ds,
    titleParas(ds.title ?? '', 1, c.darkInk),
    { x: g.left, y: g.H * 0.22, w: g.width, h: g.H * 0.34 },
    theme.fontPx * theme.em.titleH1,
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
function quoteBody(ctx: Ctx, slide: pptxgen.default.Slide, ds: DeckSlide, extra: Para[], found: Found): void {
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
function timelineBody(ctx: Ctx, slide: pptxgen.default.Slide, ds: DeckSlide, found: Found): void {
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
  const margin = IN(pad); // table cell margins are inches in pptxgenjs 4
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

async function imageBody(ctx: Ctx, slide: pptxgen.default.Slide, ds: DeckSlide, options: PptxOptions): Promise<void> {
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
  const capH = caption.length ? Math.min(parasHeight(caption, g.width, capSize), g.body.h * 0.25) + 10 : 0;
  const box = { x: g.left, y: g.body.y, w: g.width, h: Math.min(460, g.body.h - capH) };
  let bytes: Uint8Array | undefined;
  try {
    bytes = (await options.images?.(image.src)) ?? dataUrlBytes(image.src);
  } catch {
    bytes = undefined;
  }
  const info = bytes ? imageInfo(bytes) : undefined;
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
      bytes
        ? `the image of slide ${ds.number} is in a format PowerPoint cannot show; a box with its alt text stands in its place`
        : `the image of slide ${ds.number} was not available; a box with its alt text stands in its place`,
      'use a PNG, JPEG, GIF or SVG image',
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
  if (caption.length) addFitted(ctx, slide, ds, caption, { x: g.left, y: placed.y + placed.h + 10, w: g.width, h: capH }, capSize, { objectName: 'Caption' });
}

async function contentSlide(ctx: Ctx, pptx: Pres, ds: DeckSlide, options: PptxOptions): Promise<pptxgen.default.Slide> {
  const { theme, deck, g } = ctx;
  const found: Found = { markdown: false, math: false };
  const md = slideMarkdown(ds, theme, found);
  let slide: pptxgen.default.Slide;
  const layout = ds.layout;
  if (layout === 'two-column') {
    slide = pptx.addSlide({ masterName: MASTER.two });
    addHeading(ctx, slide, ds);
    const half = (g.width - theme.columnGap) / 2;
    const cols = [columnParas(ds.columns[0], theme, found), [...columnParas(ds.columns[1], theme, found), ...md]];
    cols.forEach((paras, i) =>
      addFitted(ctx, slide, ds, paras, { x: g.left + i * (half + theme.columnGap), y: g.body.y, w: half, h: g.body.h }, theme.fontPx, {
        placeholder: i ? 'right' : 'left',
      }),
    );
  } else if ((layout === 'quote' || (!['bullets', 'text', 'questions'].includes(layout) && ds.bullets.length === 0)) && ds.quote) {
    slide = pptx.addSlide({ masterName: MASTER.plain });
    addHeading(ctx, slide, ds);
    quoteBody(ctx, slide, ds, [...bodyParas(ds, theme, found), ...md], found);
  } else if (layout === 'timeline' && ds.timeline.length > 0) {
    slide = pptx.addSlide({ masterName: MASTER.plain });
    addHeading(ctx, slide, ds);
    timelineBody(ctx, slide, ds, found);
    if (md.length) ctx.warn(ds, 'pptx/markdown-dropped', `the Markdown body of timeline slide ${ds.number} is not in the PowerPoint`);
  } else if (layout === 'image' && ds.image) {
    slide = pptx.addSlide({ masterName: MASTER.plain });
    addHeading(ctx, slide, ds);
    await imageBody(ctx, slide, ds, options);
    if (md.length) ctx.warn(ds, 'pptx/markdown-dropped', `the Markdown body of image slide ${ds.number} is not in the PowerPoint`);
  } else {
    slide = pptx.addSlide({ masterName: MASTER.content });
    let paras: Para[];
    let fallback: string | undefined;
    if (layout === 'agenda') {
      fallback = deck.strings.agenda;
      paras = deck.sections.map((s) => ({
        spans: [{ text: s.title, face: 'sans', color: theme.colors.ink }],
        scale: theme.em.agenda,
        list: 'number',
        level: 0,
        spaceBeforeEm: 0.35,
      }));
    } else if (layout === 'sources') {
      fallback = deck.strings.sources;
      paras = bibliographyParas(deck, theme);
    } else if (layout === 'text') {
      paras = [...bodyParas({ ...ds, bullets: [] }, theme, found, 'serif', theme.em.text), ...bulletParas(ds.bullets, theme, found)];
    } else {
      if (layout === 'questions') fallback = deck.strings.questionsPrompt;
      else if (layout !== 'bullets') {
        ctx.warn(ds, 'pptx/layout', `slide ${ds.number} has the layout "${layout}", which the PowerPoint shows as a slide of paragraphs and bullets`);
      }
      paras = bodyParas(ds, theme, found);
      if (ds.quote) paras.push(...quoteParas(ds.quote, theme, found));
      for (const t of ds.timeline)
        paras.push({
          spans: [{ text: `${t.date} — ${t.text}`, face: 'sans', color: theme.colors.ink }],
          scale: 1,
          list: 'bullet',
          level: 0,
          spaceBeforeEm: 0.35,
        });
      for (const col of ds.columns) paras.push(...columnParas(col, theme, found));
    }
    addHeading(ctx, slide, ds, fallback);
    addFitted(ctx, slide, ds, [...paras, ...md], { x: g.left, y: g.body.y, w: g.width, h: g.body.h }, theme.fontPx, { placeholder: 'body' });
  }
  if (found.markdown) {
    ctx.warn(
      ds,
      'pptx/markdown',
      `slide ${ds.number} has raw Markdown, written into the PowerPoint as plain text`,
      'formatting from md: fields is not kept in the PowerPoint',
    );
  }
  if (found.math) ctx.warn(ds, 'pptx/math', `slide ${ds.number} has math, written into the PowerPoint as its TeX in monospace`);
  return slide;
}

export async function writePptx(deck: Deck, options: PptxOptions): Promise<Uint8Array> {
  const theme = readTheme(options.themeCss);
  const g = geometry(theme, deck.size);
  const lang = REGION[deck.lang.toLowerCase()] ?? deck.lang;
  const file = `out/${deck.name}.pptx`;
  const warn: Ctx['warn'] = (ds, code, message, hint) =>
    options.warnings?.({ severity: 'warning', code, message, hint, ...(ds ? { file: ds.origin.file, line: ds.origin.line, column: ds.origin.column } : {}) });
  if (!PPTX_THEMES.includes(options.themeName)) {
    warn(
      undefined,
      'pptx/theme',
      `${file} follows the lectern theme's colours and fonts; the theme "${options.themeName}" is not applied`,
      'the HTML and PDF decks use it',
    );
  }
  const ctx: Ctx = { deck, theme, g, lang, warn };

  const pptx = new PptxGenJS();
  pptx.defineLayout({ name: `LECTERN_${deck.size}`, width: IN(g.W), height: IN(g.H) });
  pptx.layout = `LECTERN_${deck.size}`;
  pptx.title = deck.title;
  pptx.author = deck.author ?? '';
  pptx.company = deck.institution ?? '';
  pptx.subject = [deck.subtitle, deck.course].filter(Boolean).join(' — ');
  // Theme fonts: placeholders and anything without a face of its own use PT Sans.
  pptx.theme = { headFontFace: theme.fonts.sans, bodyFontFace: theme.fonts.sans };
  defineMasters(pptx, ctx);

  for (const ds of deck.slides) {
    let slide: pptxgen.default.Slide;
    if (ds.layout === 'title') {
      slide = pptx.addSlide({ masterName: MASTER.title });
      titleSlide(ctx, slide, ds);
    } else if (ds.layout === 'section') {
      slide = pptx.addSlide({ masterName: MASTER.section });
      sectionSlide(ctx, slide, ds);
    } else {
      slide = await contentSlide(ctx, pptx, ds, options);
      addCiteLine(ctx, slide, ds);
    }
    const notes = notesText(ds);
    if (notes) slide.addNotes(notes);
  }

  const written = (await pptx.write({ outputType: 'uint8array', compression: true })) as Uint8Array;
  return finishPackage(written, {
    lang: deck.lang,
    runLang: lang,
    keywords: deck.course,
    accent: theme.colors.accent,
    fonts: theme.fonts,
  });
}
