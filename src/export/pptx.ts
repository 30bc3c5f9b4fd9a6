/**
 * The editable PowerPoint: the deck model written as native PPTX objects with pptxgenjs, never
 * from the HTML. Slide masters carry real placeholders (titles, subtitles, bodies, two columns),
 * bullets are paragraphs with levels, a quote's highlight is a bold accent run, a timeline is a
 * table, images keep their alt text, each slide's citation line sits small at its foot and its
 * notes (with the passages it cites) go in the notes pane. Colours, fonts and sizes are the
 * theme's (theme.ts); every text is sized here to fit its box (pptx/fit.ts), since PowerPoint's
 * autofit acts only on editing. A pure function: bytes in (images), bytes out.
 */
import type pptxgen from 'pptxgenjs';
import type { Deck, DeckSlide } from '../deck/model.js';
import type { Problem } from '../errors.js';
import { bibliographyParas, bodyParas, bulletParas, columnParas, notesText, quoteParas, slideMarkdown, type Found } from './pptx/content.js';
import { addCiteLine, addFitted, addHeading, type Ctx, defineMasters, geometry, IN, MASTER, type Pres, PptxGenJS } from './pptx/draw.js';
import { fitParas, type Para } from './pptx/fit.js';
import { imageBody, quoteBody, sectionSlide, timelineBody, titleSlide } from './pptx/layouts.js';
import { finishPackage } from './pptx/package.js';
import { readTheme } from './theme.js';

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

/** Language tags as PowerPoint expects them (language-REGION) for the languages Lectern knows. */
const REGION: Record<string, string> = { ru: 'ru-RU', en: 'en-US', de: 'de-DE', fr: 'fr-FR', uk: 'uk-UA', es: 'es-ES', it: 'it-IT', pl: 'pl-PL', be: 'be-BY' };

/**
 * PowerPoint sections from the deck's: each run of slides under one section title (slides before
 * the first section under the deck's title), titles made unique, since pptxgenjs finds a
 * section by its title. None when the deck has no sections.
 */
export function sectionTitles(deck: Deck): Array<string | undefined> {
  if (deck.sections.length === 0) return deck.slides.map(() => undefined);
  const used = new Map<string, number>();
  let previous: string | undefined | null = null;
  let current = '';
  return deck.slides.map((s) => {
    const name = s.section ?? deck.title;
    if (name !== previous) {
      previous = name;
      const n = (used.get(name) ?? 0) + 1;
      used.set(name, n);
      current = n === 1 ? name : `${name} (${n})`;
    }
    return current;
  });
}

async function contentSlide(ctx: Ctx, pptx: Pres, ds: DeckSlide, options: PptxOptions): Promise<pptxgen.default.Slide> {
  const { theme, deck, g } = ctx;
  const found: Found = { markdown: false, math: false };
  const md = slideMarkdown(ds, theme, found);
  let slide: pptxgen.default.Slide;
  const layout = ds.layout;
  if (layout === 'two-column') {
    slide = pptx.addSlide({ masterName: MASTER.two, sectionTitle: ctx.sectionTitle });
    addHeading(ctx, slide, ds);
    const half = (g.width - theme.columnGap) / 2;
    const cols = [columnParas(ds.columns[0], theme, found), [...columnParas(ds.columns[1], theme, found), ...md]];
    const boxes = cols.map((_, i) => ({ x: g.left + i * (half + theme.columnGap), y: g.body.y, w: half, h: g.body.h }));
    // Both columns at one size, the size the fuller one fits at.
    const fits = cols.map((paras, i) => fitParas(paras, boxes[i]!, theme.fontPx)).sort((a, b) => a.factor - b.factor);
    const shared = fits[0]!;
    if (shared.belowFloor) {
      ctx.warn(
        ds,
        'pptx/text-shrunk',
        `the columns of slide ${ds.number} fit in the PowerPoint only at ${Math.round(shared.factor * 100)}% of the theme's size`,
        'shorten them',
      );
    }
    cols.forEach((paras, i) => addFitted(ctx, slide, ds, paras, boxes[i]!, theme.fontPx, { placeholder: i ? 'right' : 'left' }, shared));
  } else if ((layout === 'quote' || (!['bullets', 'text', 'questions'].includes(layout) && ds.bullets.length === 0)) && ds.quote) {
    slide = pptx.addSlide({ masterName: MASTER.plain, sectionTitle: ctx.sectionTitle });
    addHeading(ctx, slide, ds);
    quoteBody(ctx, slide, ds, [...bodyParas(ds, theme, found), ...md], found);
  } else if (layout === 'timeline' && ds.timeline.length > 0) {
    slide = pptx.addSlide({ masterName: MASTER.plain, sectionTitle: ctx.sectionTitle });
    addHeading(ctx, slide, ds);
    timelineBody(ctx, slide, ds, found);
    if (md.length) ctx.warn(ds, 'pptx/markdown-dropped', `the Markdown body of timeline slide ${ds.number} is not in the PowerPoint`);
  } else if (layout === 'image' && ds.image) {
    slide = pptx.addSlide({ masterName: MASTER.plain, sectionTitle: ctx.sectionTitle });
    addHeading(ctx, slide, ds);
    await imageBody(ctx, slide, ds, options.images);
    if (md.length) ctx.warn(ds, 'pptx/markdown-dropped', `the Markdown body of image slide ${ds.number} is not in the PowerPoint`);
  } else {
    slide = pptx.addSlide({ masterName: MASTER.content, sectionTitle: ctx.sectionTitle });
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
      else if (layout !== 'bullets' && layout !== 'code') {
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

  const sections = sectionTitles(deck);
  for (const title of new Set(sections)) if (title !== undefined) pptx.addSection({ title });
  for (const [i, ds] of deck.slides.entries()) {
    let slide: pptxgen.default.Slide;
    ctx.sectionTitle = sections[i];
    if (ds.layout === 'title') {
      slide = pptx.addSlide({ masterName: MASTER.title, sectionTitle: ctx.sectionTitle });
      titleSlide(ctx, slide, ds);
    } else if (ds.layout === 'section') {
      slide = pptx.addSlide({ masterName: MASTER.section, sectionTitle: ctx.sectionTitle });
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
    colors: theme.colors,
  });
}
