/**
 * Building one target (an outline, or one of its variants): answered from the
 * cache when nothing it depends on changed; else prepared in memory, printed,
 * and only then written, in a fixed order, so that a bad outline leaves the
 * last good outputs in place.
 */
import path from 'node:path';
import { CONFIG_FILE } from '../config.js';
import { LecternError, type Problem } from '../errors.js';
import type { BrowserSession } from '../print/browser/index.js';
import { deckMetadata } from '../print/deck-meta.js';
import { fontPackages } from '../render/fonts.js';
import { sidecarPath } from '../sources/metadata.js';
import { unknownHandout, type RunSettings } from '../settings.js';
import { trace } from '../trace.js';
import { writeAtomic } from '../util/write.js';
import { VERSION } from '../version.js';
import { hashText, type BuildCache, type OutputWritten } from './cache.js';
import { deckPdf } from './deck-pdf.js';
import { BROWSER_FORMATS, HANDOUTS, type Format, type Handout } from './formats.js';
import { prepareOutline, type Engine, type Prepared } from './prepare.js';
import type { Target } from './targets.js';

/** Handouts (and pdf-lib with them): loaded only when one is printed. */
const handoutModule = () => import('../print/handouts/index.js');
/** What a build writes: a format, a handout, the HTML deck's preview image (thumb), or the references as CSL-JSON (csl, with bib). */
export type OutputKind = Format | Handout | 'thumb' | 'csl';
/** The order outputs are written in: the HTML deck first (a page open in `lectern serve` reloads at once). */
const ORDER: readonly OutputKind[] = ['html', 'md', 'pptx', 'bib', 'csl', 'thumb', 'pdf', 'png', ...HANDOUTS];

/** out/NAME.md, .html, .pdf, .pptx, .bib and .csl.json, NAME.thumb.png, handouts; the PNG images are a folder, out/NAME/. */
export function outputFileName(name: string, kind: OutputKind): string {
  if (kind === 'reading') return `${name}.reading.pdf`;
  if ((HANDOUTS as readonly string[]).includes(kind)) return `${name}.handout-${kind}.pdf`;
  if (kind === 'png') return name;
  if (kind === 'thumb') return `${name}.thumb.png`;
  if (kind === 'csl') return `${name}.csl.json`;
  return `${name}.${kind}`;
}

export type BuildEvent =
  | { type: 'outline-start'; outline: string; name: string }
  | {
      type: 'output';
      outline: string;
      format: string;
      file: string;
      ms: number;
      cached?: boolean;
      /** Slides printed again when only some were (the deck PDF). */ printed?: number;
      /** Files written into a folder (the PNG images). */ files?: number;
    }
  | { type: 'warning'; problem: Problem };

export interface BuildOutput {
  outline: string;
  format: string;
  file: string;
  bytes: number;
}

export interface BuildResult {
  outputs: BuildOutput[];
  warnings: Problem[];
  /** Slide count per output name (outline name, or NAME.VARIANT). */
  slides: Map<string, number>;
}

/** What building one target needs of its run. */
export interface OneContext {
  run: RunSettings;
  session?: BrowserSession;
  warn: (p: Problem) => void;
  result: BuildResult;
  cache: BuildCache;
  /** The cache folder (font subsets go in its fonts/). */
  cacheDir: string;
  force?: boolean;
  onEvent?: (event: BuildEvent) => void;
  onPrepared?: (target: Target, prepared: Prepared) => void;
  /** Write Markdown and HTML before printing, then wait for the callback if any (see BuildOptions.previewFirst). */
  previewFirst?: boolean | (() => Promise<unknown>);
}

/**
 * Everything but files that shapes a target's outputs: the run's settings
 * (unchanged since before the resolver, so that caches stay valid), and the
 * course's defaults when the outline is built as a lecture of a course — its
 * theme, language, templates… change every lecture; its title, term or dates
 * change none (only the course page). The course's paths are keyed relative
 * to course.yaml, so that a restored cache holds on another checkout.
 */
function settingsKey(run: RunSettings): string {
  const course = run.commandLine.course;
  const relative = (from: string, p: string) => path.relative(path.dirname(from), p).split(path.sep).join('/');
  return hashText(
    JSON.stringify({
      v: VERSION,
      fonts: fontPackages(),
      formats: run.formats.value,
      handouts: run.handouts.map((h) => h.value),
      fromSettings: run.outlineHandouts,
      paper: run.commandLine.paper ?? null,
      pdfNotes: run.pdfNotes.value,
      pdfSteps: run.pdfSteps.value,
      notes: run.commandLine.notes ?? null,
      set: run.set.value,
      strict: run.strict.value,
      out: run.outDir.value,
      pngScale: run.pngScale.value,
      siteUrl: run.siteUrl.value ?? null,
      // Only when built as a lecture (an outline built alone keys as it always did).
      ...(course
        ? {
            course: {
              lang: course.lang ?? null,
              theme: course.theme ?? null,
              templates: course.templates === undefined ? null : relative(course.file, course.templates),
              citationStyle: course.citationStyle ?? null,
              bibliography: course.bibliography?.map((f) => relative(course.file, f)) ?? null,
              handout: course.handout ?? null,
              notes: course.notes ?? null,
            },
          }
        : {}),
    }),
  );
}

export async function buildOne(engine: Engine, target: Target, ctx: OneContext): Promise<void> {
  const started = Date.now();
  const { run } = ctx;
  const outDir = run.outDir.value;
  const formats = run.formats.value;
  const targetId = `${target.file}#${target.variant ?? ''}`;
  const key = settingsKey(run);
  if (!ctx.force) {
    const fresh = await ctx.cache.fresh(targetId, key);
    if (fresh) {
      ctx.result.slides.set(fresh.name, fresh.slides);
      // Its warnings hold as long as its outputs: say them again.
      (fresh.warnings ?? []).forEach(ctx.warn);
      for (const o of fresh.outputs) {
        ctx.result.outputs.push({ outline: target.file, format: o.format, file: o.file, bytes: o.size });
        ctx.onEvent?.({
          type: 'output',
          outline: target.file,
          format: o.format,
          file: o.file,
          ms: Date.now() - started,
          cached: true,
          ...(o.files ? { files: o.files.length } : {}),
        });
      }
      return;
    }
  }
  // Something must be built: if it includes a PDF, launch Chromium now so that
  // it starts while the outline is read and rendered (a no-op once running).
  if (formats.some((f) => BROWSER_FORMATS.includes(f)) || run.handouts.length || run.outlineHandouts) ctx.session?.warm();
  trace('outline: start');
  const warned: Problem[] = [];
  const outerWarn = ctx.warn;
  ctx = { ...ctx, warn: (p) => (warned.push(p), outerWarn(p)) };
  const prepared = await prepareOutline(engine, target.file, { variant: target.variant, set: run.set.value, strict: run.strict.value, run });
  trace('outline: prepared');
  ctx.onPrepared?.(target, prepared);
  const { outline, resolved, markdown, slides, settings } = prepared;
  ctx.onEvent?.({ type: 'outline-start', outline: target.file, name: outline.name });
  prepared.warnings.forEach(ctx.warn);
  const deck = resolved.deck;
  ctx.result.slides.set(outline.name, slides.slideCount);
  const unknown = unknownHandout(settings, outline);
  if (unknown) throw new LecternError(unknown);
  const handouts = settings.handouts.map((h) => h.value as Handout);
  const notes = settings.notes.value;
  const paper = settings.paper.value;
  const fileOf = (kind: OutputKind) => path.join(outDir, outputFileName(outline.name, kind));
  type Pending = {
    format: OutputKind;
    /** New contents (a folder: one file each); undefined: the file is kept. */
    data?: string | Uint8Array | Uint8Array[];
    record?: Partial<OutputWritten>;
    printed?: number;
  };
  const pending: Pending[] = [];
  // The HTML deck's preview image is shot when the browser is at work for this outline anyway (a PDF, images, handouts).
  const session = ctx.session;
  const browserBusy = !!session && (formats.some((f) => BROWSER_FORMATS.includes(f)) || handouts.length > 0);
  const withThumb = formats.includes('html') && browserBusy;
  // Print documents are keyed: an output whose document did not change is not printed again.
  const printOnce = async (kind: OutputKind, html: string, print: () => Promise<Uint8Array>) => {
    const printKey = hashText(VERSION, fontPackages().join(), kind, paper, JSON.stringify(deckMetadata(deck)), html);
    const same = !ctx.force && (await ctx.cache.printed(targetId, fileOf(kind), printKey));
    pending.push({ format: kind, record: { printKey }, data: same ? undefined : await print() });
  };
  if (formats.includes('md')) pending.push({ format: 'md', data: markdown });
  if (formats.includes('bib')) {
    // The works the deck cites, for students' reference managers: BibTeX and CSL-JSON (no browser).
    const { referenceFiles } = await import('../deck/bib.js');
    const { bibtex, cslJson } = await referenceFiles(resolved.citations?.citedItems() ?? []);
    pending.push({ format: 'bib', data: bibtex }, { format: 'csl', data: cslJson });
  }
  if (formats.includes('html')) {
    const { deckDocument, slideSize } = await import('../render/page.js');
    const { THUMB_WIDTH } = await import('./images.js');
    const size = slideSize(deck);
    const thumbName = outputFileName(outline.name, 'thumb');
    const site = run.siteUrl.value;
    const card = {
      url: site ? new URL(encodeURIComponent(outputFileName(outline.name, 'html')), site).href : undefined,
      image: withThumb
        ? {
            url: site ? new URL(encodeURIComponent(thumbName), site).href : encodeURIComponent(thumbName),
            width: THUMB_WIDTH,
            height: Math.round((THUMB_WIDTH * size.height) / size.width),
          }
        : undefined,
    };
    pending.push({
      format: 'html',
      data: await deckDocument(deck, slides, { notes, card, fontCache: path.join(ctx.cacheDir, 'fonts'), warn: ctx.warn }),
    });
  }
  const write = async ({ format, data, printed, record }: Pending) => {
    const file = fileOf(format);
    let bytes = 0;
    if (Array.isArray(data)) {
      const { writeImageFolder } = await import('./images.js');
      const names = await writeImageFolder(file, data, ctx.cache.recorded(targetId, file)?.files ?? []);
      if (record) record.files = names;
      bytes = data.reduce((n, d) => n + d.byteLength, 0);
    } else if (data !== undefined) {
      await writeAtomic(file, data);
      bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    }
    ctx.result.outputs.push({ outline: target.file, format, file, bytes });
    ctx.onEvent?.({
      type: 'output',
      outline: target.file,
      format,
      file,
      ms: Date.now() - started,
      cached: data === undefined,
      ...(printed ? { printed } : {}),
      ...(format === 'png' && record?.files ? { files: record.files.length } : {}),
    });
  };
  const written = new Set<OutputKind>();
  if (ctx.previewFirst) {
    for (const item of [...pending].sort((a, b) => ORDER.indexOf(a.format) - ORDER.indexOf(b.format))) {
      await write(item);
      written.add(item.format);
    }
    // Serve: the pages reloading the new deck load before Chromium takes both cores to print.
    if (typeof ctx.previewFirst === 'function') await ctx.previewFirst();
  }
  // Outputs made meanwhile: the PowerPoint (no browser: written in Node while Chromium prints), the PDFs and images.
  const prints: Array<Promise<void>> = [];
  if (formats.includes('pptx')) prints.push(pptxOutput(prepared, targetId, fileOf('pptx'), ctx).then((p) => void pending.push(p)));
  if (session && browserBusy) {
    trace('html done');
    if (withThumb) {
      const file = fileOf('thumb');
      prints.push(
        (async () => {
          const { thumbnail } = await import('./images.js');
          const previous = await ctx.cache.previous(targetId, file);
          const { data, record } = await thumbnail({ session, deck, slides, file, previous, force: ctx.force });
          pending.push({ format: 'thumb', data, record });
        })(),
      );
    }
    if (formats.includes('png')) {
      const folder = fileOf('png');
      prints.push(
        (async () => {
          const { slideImages } = await import('./images.js');
          const previous = await ctx.cache.previous(targetId, folder);
          const { images, record } = await slideImages({ session, deck, slides, folder, scale: run.pngScale.value, previous, force: ctx.force });
          pending.push({ format: 'png', data: images, record });
        })(),
      );
    }
    if (formats.includes('pdf')) {
      const file = fileOf('pdf');
      prints.push(
        (async () => {
          const previous = await ctx.cache.previous(targetId, file);
          const { data, record, printed } = await deckPdf({
            session,
            deck,
            slides,
            file,
            previous,
            force: ctx.force,
            pdfNotes: run.pdfNotes.value,
            pdfSteps: run.pdfSteps.value,
            legibility: settings.legibility.value,
            warn: ctx.warn,
          });
          pending.push({ format: 'pdf', data, record, printed });
        })(),
      );
    }
    if (handouts.length) {
      const { printHandout, handoutDocument, readingDocument } = await handoutModule();
      for (const layout of handouts) {
        const html = layout === 'reading' ? readingDocument(deck, resolved.citedPassages, { paper }) : handoutDocument(deck, slides, layout, { paper });
        prints.push(
          printOnce(layout, html, () => printHandout(session, deck, slides, layout, resolved.citedPassages, { paper, html, output: fileOf(layout) })),
        );
      }
    }
  }
  // The page pool prints two documents at a time.
  await Promise.all(prints);
  if (prints.length) trace('printed');
  // Outputs in a fixed order, whichever print finished first.
  pending.sort((a, b) => ORDER.indexOf(a.format) - ORDER.indexOf(b.format));
  for (const item of pending) if (!written.has(item.format)) await write(item);
  trace('written');
  await prepared.commitLock();
  const deps = [
    ...outline.files,
    ...[...resolved.sources.values()].flatMap((s) => [s.file, sidecarPath(s.file)]),
    ...prepared.templateFiles,
    ...resolved.assets,
    // The config, or where one would be created: adding it later must rebuild.
    engine.config.file ?? path.join(engine.config.root, CONFIG_FILE),
  ];
  await ctx.cache.record(
    targetId,
    key,
    { name: outline.name, slides: slides.slideCount, warnings: warned },
    deps,
    pending.map((p) => ({ ...p.record, format: p.format, file: fileOf(p.format) })),
  );
}

/** The PowerPoint (out/NAME.pptx): written again only when the deck or its theme changed; its warnings kept with it. */
async function pptxOutput(
  prepared: Awaited<ReturnType<typeof prepareOutline>>,
  targetId: string,
  file: string,
  ctx: OneContext,
): Promise<{ format: 'pptx'; data?: Uint8Array; record: Partial<OutputWritten> }> {
  const deck = prepared.resolved.deck;
  const printKey = hashText(VERSION, 'pptx', prepared.themeCss, JSON.stringify(deck));
  const previous = ctx.force ? undefined : await ctx.cache.previous(targetId, file);
  if (previous?.printKey === printKey) {
    (previous.problems ?? []).forEach(ctx.warn);
    return { format: 'pptx', record: { printKey, problems: previous.problems } };
  }
  const problems: Problem[] = [];
  const { writePptx } = await import('../export/pptx.js');
  const data = await writePptx(deck, {
    themeCss: prepared.themeCss,
    themeName: deck.theme,
    warnings: (p) => (problems.push(p), ctx.warn(p)),
    // The deck's images are embedded (data: URLs) by the resolver, which confines them to the project; nothing else is read.
    images: async (src) => dataUrlBytes(src),
  });
  trace('pptx written');
  return { format: 'pptx', data, record: { printKey, ...(problems.length ? { problems } : {}) } };
}

/** The bytes of a base64 data: URL; undefined for anything else. */
function dataUrlBytes(src: string): Uint8Array | undefined {
  const m = /^data:[^,;]*(?:;[^,;]*)*;base64,/i.exec(src);
  if (!m) return undefined;
  return new Uint8Array(Buffer.from(src.slice(m[0].length), 'base64'));
}
