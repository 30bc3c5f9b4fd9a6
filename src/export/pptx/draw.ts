/**
 * Drawing on PowerPoint slides for the PPTX writer: the slide's geometry in CSS px of the theme
 * (converted to inches and points as pptxgenjs wants them), the slide masters with their
 * placeholders, paragraphs turned into pptxgenjs runs, and text boxes written at the size that
 * fits them (fit.ts), with the heading and the citation line every content slide has.
 */
import pptxgen from 'pptxgenjs';
import type { Deck, DeckSlide } from '../../deck/model.js';
import type { ExportTheme } from '../theme.js';
import { fitParas, LIST_INDENT_EM, parasHeight, type Fitted, type Para, type Span } from './fit.js';

/**
 * pptxgenjs's types describe its CommonJS build (the class under `.default`); Node's ESM import
 * of its ES build gives the class itself. Either way this is the class.
 */
export const PptxGenJS = ((pptxgen as unknown as { default?: typeof pptxgen.default }).default ?? pptxgen) as unknown as typeof pptxgen.default;
export type Pres = InstanceType<typeof PptxGenJS>;

export const MASTER = {
  title: 'LECTERN_TITLE',
  section: 'LECTERN_SECTION',
  content: 'LECTERN_CONTENT',
  two: 'LECTERN_TWO_COLUMNS',
  plain: 'LECTERN_TITLE_ONLY',
} as const;

/** CSS px → inches (1280 px = 13.33 in) and → points. */
export const IN = (px: number): number => px / 96;
export const PT = (px: number): number => Math.round(px * 0.75 * 100) / 100;

export interface Geometry {
  W: number;
  H: number;
  left: number;
  width: number;
  title: { y: number; h: number };
  rule: number;
  body: { y: number; h: number };
  cite: { y: number; h: number; w: number };
}

export function geometry(theme: ExportTheme, size: Deck['size']): Geometry {
  const { width: W, height: H } = theme.sizes[size];
  const p = theme.padding;
  const titleH = Math.round(theme.fontPx * theme.em.heading * 2);
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

export interface Ctx {
  deck: Deck;
  theme: ExportTheme;
  g: Geometry;
  lang: string;
  warn: (slide: DeckSlide | undefined, code: string, message: string, hint?: string) => void;
  /** The PowerPoint section of the slide being written, if the deck has sections. */
  sectionTitle?: string;
}

export function faceName(theme: ExportTheme, face: Span['face']): string {
  return face === 'mono' ? theme.fonts.mono : face === 'serif' || face === 'serifBold' ? theme.fonts.serif : theme.fonts.sans;
}

/** Paragraphs as pptxgenjs runs at `sizePx`: paragraph options on each paragraph's first run. */
export function runs(ctx: Ctx, paras: Para[], sizePx: number): pptxgen.default.TextProps[] {
  const out: pptxgen.default.TextProps[] = [];
  paras.forEach((p, i) => {
    const size = sizePx * p.scale;
    const spans = p.spans.length > 0 ? p.spans : [{ text: '', face: 'sans' as const }];
    spans.forEach((s, j) => {
      const options: pptxgen.default.TextPropsOptions = {
        fontFace: faceName(ctx.theme, s.face),
        fontSize: PT(size),
        color: s.strong ? ctx.theme.colors.accent : (s.color ?? ctx.theme.colors.ink),
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
export function addFitted(
  ctx: Ctx,
  slide: pptxgen.default.Slide,
  ds: DeckSlide | undefined,
  paras: Para[],
  box: { x: number; y: number; w: number; h: number },
  basePx: number,
  extra: pptxgen.default.TextPropsOptions = {},
  /** A size chosen for several boxes together (two columns), already warned about. */
  shared?: Fitted,
): number {
  if (paras.length === 0) return 0;
  const fit = shared ?? fitParas(paras, box, basePx);
  if (fit.belowFloor && !shared) {
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

export function defineMasters(pptx: Pres, ctx: Ctx): void {
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

export function titleParas(text: string, scale: number, color: string): Para[] {
  return [{ spans: [{ text, face: 'sans', bold: true, color }], scale, spaceBeforeEm: 0, lineSpacing: 0.95 }];
}

/** The slide's heading in its title placeholder, "(continued)" appended on continued slides. */
export function addHeading(ctx: Ctx, slide: pptxgen.default.Slide, ds: DeckSlide, fallback?: string): void {
  const title = ds.title ?? fallback;
  if (!title) return;
  const text = ds.continued ? `${title} (${ctx.deck.strings.continued})` : title;
  const { g, theme } = ctx;
  addFitted(ctx, slide, ds, titleParas(text, 1, theme.colors.ink), { x: g.left, y: g.title.y, w: g.width, h: g.title.h }, theme.fontPx * theme.em.heading, {
    placeholder: 'title',
  });
}

export function addCiteLine(ctx: Ctx, slide: pptxgen.default.Slide, ds: DeckSlide): void {
  if (!ds.citeLine) return;
  const { g, theme } = ctx;
  const paras: Para[] = [{ spans: [{ text: ds.citeLine, face: 'sans', color: theme.colors.muted }], scale: 1, spaceBeforeEm: 0 }];
  addFitted(ctx, slide, ds, paras, { x: g.left, y: g.cite.y, w: g.cite.w, h: g.cite.h }, theme.citePx, { valign: 'bottom', objectName: 'Citation' });
}
