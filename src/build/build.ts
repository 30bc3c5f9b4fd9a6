/**
 * Building outlines into outputs: out/NAME.md, out/NAME.html, out/NAME.pdf.
 * Each outline is resolved and rendered completely in memory first; only
 * then are its outputs written (atomically), so a bad outline leaves the last
 * good outputs in place.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { LecternError, usageError, type Problem } from '../errors.js';
import { loadOutline } from '../outline/load.js';
import { resolveOutline } from '../deck/resolve.js';
import { createComposer, loadTemplateSet, type Composer, type TemplateSet } from '../compose/templates.js';
import { SlideRenderer } from '../render/marp.js';
import { deckDocument, printDocument, slideSize } from '../render/page.js';
import { BrowserSession } from '../render/browser.js';
import { printPdf } from '../render/pdf.js';
import type { Source } from '../sources/source.js';
import { writeAtomic } from './write.js';

export const FORMATS = ['md', 'html', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

export interface BuildOptions {
  /** Outline files; default: every outlines/*.yaml under cwd. */
  outlines?: string[];
  cwd?: string;
  /** Output folder (default: out). */
  outDir?: string;
  formats?: Format[];
  /** Chromium to use. */
  browser?: string;
  /** Milliseconds for browser operations. */
  timeout?: number;
  /** A browser session to share (serve/watch); otherwise one is made and closed. */
  session?: BrowserSession;
  /** Progress and warnings as they happen. */
  onEvent?: (event: BuildEvent) => void;
}

export type BuildEvent =
  | { type: 'outline-start'; outline: string }
  | { type: 'output'; outline: string; format: Format; file: string; ms: number }
  | { type: 'warning'; problem: Problem };

export interface BuildOutput {
  outline: string;
  format: Format;
  file: string;
  bytes: number;
}

export interface BuildResult {
  outputs: BuildOutput[];
  warnings: Problem[];
  /** Slide count per outline file. */
  slides: Map<string, number>;
}

export async function defaultOutlines(cwd: string): Promise<string[]> {
  const dir = path.join(cwd, 'outlines');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw usageError(`no outline given and no outlines/ folder in ${cwd}`, 'name an outline: `lectern build path/to/lecture.yaml`, or run `lectern init`');
  }
  const list = names.filter((n) => /\.ya?ml$/i.test(n) && !/\.lock\.json$/.test(n)).sort().map((n) => path.join(dir, n));
  if (list.length === 0) throw usageError(`no outlines (*.yaml) in ${dir}`);
  return list;
}

interface Shared {
  templates: Map<string, { set: TemplateSet; composer: Composer; renderer: SlideRenderer }>;
  sources: Map<string, Promise<Source>>;
}

async function engineFor(shared: Shared, overlays: string[]) {
  const key = overlays.join('\0');
  let engine = shared.templates.get(key);
  if (!engine) {
    const set = await loadTemplateSet(overlays);
    engine = { set, composer: createComposer(set), renderer: new SlideRenderer(set) };
    shared.templates.set(key, engine);
  }
  return engine;
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const outDir = path.resolve(cwd, options.outDir ?? 'out');
  const formats = options.formats ?? [...FORMATS];
  const outlines = options.outlines?.length ? options.outlines.map((o) => path.resolve(cwd, o)) : await defaultOutlines(cwd);
  const warnings: Problem[] = [];
  const warn = (problem: Problem) => {
    warnings.push(problem);
    options.onEvent?.({ type: 'warning', problem });
  };
  const ownSession = !options.session && formats.includes('pdf');
  const session = options.session ?? (formats.includes('pdf') ? new BrowserSession({ explicit: options.browser, timeout: options.timeout, onBlocked: warn }) : undefined);
  // Launch Chromium now, so that it starts while outlines are read and rendered.
  const launching = session?.start().catch((err: unknown) => err);
  const shared: Shared = { templates: new Map(), sources: new Map() };
  const result: BuildResult = { outputs: [], warnings, slides: new Map() };
  const failures: Problem[] = [];
  try {
    for (const file of outlines) {
      options.onEvent?.({ type: 'outline-start', outline: file });
      try {
        await buildOne(file, { outDir, formats, session, shared, warn, result, onEvent: options.onEvent });
      } catch (err) {
        if (!(err instanceof LecternError) || err.exitCode !== 1) throw err;
        failures.push(...err.problems);
      }
    }
  } finally {
    if (ownSession) {
      await launching;
      await session?.close();
    }
  }
  if (failures.length > 0) throw new LecternError(failures);
  return result;
}

interface OneContext {
  outDir: string;
  formats: Format[];
  session?: BrowserSession;
  shared: Shared;
  warn: (p: Problem) => void;
  result: BuildResult;
  onEvent?: (event: BuildEvent) => void;
}

async function buildOne(file: string, ctx: OneContext): Promise<void> {
  const started = Date.now();
  const outline = await loadOutline(file);
  const overlays = outline.data.templates ? [path.resolve(path.dirname(file), outline.data.templates)] : [];
  const engine = await engineFor(ctx.shared, overlays);
  const resolved = await resolveOutline(outline, { sourceCache: ctx.shared.sources, layouts: engine.set.layouts });
  resolved.warnings.forEach(ctx.warn);
  const deck = resolved.deck;
  if (!engine.renderer.hasTheme(deck.theme)) {
    throw new LecternError({ severity: 'error', code: 'outline/unknown-theme', message: `unknown theme "${deck.theme}"`, hint: engine.renderer.themeHint(deck.theme), file, ...outline.positions.at(['theme']) });
  }
  const markdown = engine.composer.compose(deck);
  const slides = engine.renderer.render(markdown);
  if (slides.slideCount !== deck.slides.length) {
    throw new Error(`internal: ${deck.slides.length} slides in the outline became ${slides.slideCount} in Marp (a template broke the slide structure)`);
  }
  ctx.result.slides.set(file, slides.slideCount);
  const pending: Array<{ format: Format; data: string | Uint8Array }> = [];
  if (ctx.formats.includes('md')) pending.push({ format: 'md', data: markdown });
  if (ctx.formats.includes('html')) pending.push({ format: 'html', data: await deckDocument(deck, slides) });
  if (ctx.formats.includes('pdf') && ctx.session) {
    const { width, height } = slideSize(deck);
    pending.push({ format: 'pdf', data: await printPdf(ctx.session, printDocument(deck, slides), { width, height }) });
  }
  for (const { format, data } of pending) {
    const target = path.join(ctx.outDir, `${outline.name}.${format}`);
    await writeAtomic(target, data);
    ctx.result.outputs.push({ outline: file, format, file: target, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength });
    ctx.onEvent?.({ type: 'output', outline: file, format, file: target, ms: Date.now() - started });
  }
}
