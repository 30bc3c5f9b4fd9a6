/**
 * Building outlines into outputs: out/NAME.md, .html, .pdf and handouts.
 * Each outline is resolved and rendered completely in memory first; only
 * then are its outputs written (atomically), so a bad outline leaves the last
 * good outputs in place. One template engine, one source cache and one
 * browser serve every outline of a run; the browser is launched first, so
 * that it starts while outlines are read and rendered.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { LecternError, usageError, type Problem } from '../errors.js';
import { loadConfig, type Config } from '../config.js';
import type { LoadedOutline } from '../outline/load.js';
import type { Resolved } from '../deck/resolve.js';
import type { Composer, TemplateSet } from '../compose/templates.js';
import type { RenderedSlides, SlideRenderer } from '../render/marp.js';
import { BrowserSession } from '../render/browser.js';
import type { Source } from '../sources/source.js';

/**
 * The pipeline's modules, imported on first use: a build whose outputs are
 * all up to date never loads the schema, Handlebars or marp-core (together
 * most of a second), and answers at once.
 */
const pipeline = async () => {
  const [load, resolve, lock, templates, marp, page, pdf] = await Promise.all([
    import('../outline/load.js'),
    import('../deck/resolve.js'),
    import('../deck/lock.js'),
    import('../compose/templates.js'),
    import('../render/marp.js'),
    import('../render/page.js'),
    import('../render/pdf.js'),
  ]);
  return { ...load, ...resolve, ...lock, ...templates, ...marp, ...page, ...pdf };
};
import { writeAtomic } from './write.js';
import { BuildCache, hashText } from './cache.js';
import { fontPackages } from '../render/fonts.js';
import { VERSION } from '../version.js';
import { sidecarPath } from '../sources/metadata.js';

export const FORMATS = ['md', 'html', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

export interface BuildOptions {
  /** Outline files; default: every outlines/*.yaml of the project. */
  outlines?: string[];
  cwd?: string;
  /** Output folder (default: config `out`, else out). */
  outDir?: string;
  formats?: Format[];
  /** Chromium to use. */
  browser?: string;
  /** Milliseconds for browser operations. */
  timeout?: number;
  /** A browser session to share (serve/watch, tests); otherwise one is made and closed. */
  session?: BrowserSession;
  /** A variant name, or "all" for the outline and every variant. */
  variant?: string;
  /** `path=value` overrides. */
  set?: string[];
  /** Drift (a source changed under a reference) is an error, not a warning. */
  strict?: boolean;
  /** Speaker notes in the HTML deck (default: outline, config, else true). */
  notes?: boolean;
  /** A config file to use instead of looking for lectern.config.yaml. */
  config?: string;
  /** Rebuild everything, ignoring the cache. */
  force?: boolean;
  /** A cache to keep between builds (watch mode); otherwise opened from OUT/.lectern. */
  cache?: BuildCache;
  /** Progress and warnings as they happen. */
  onEvent?: (event: BuildEvent) => void;
}

export type BuildEvent =
  | { type: 'outline-start'; outline: string; name: string }
  | { type: 'output'; outline: string; format: string; file: string; ms: number; cached?: boolean }
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

/** Everything shared by the outlines of one run. */
export interface Engine {
  config: Config;
  templates: Map<string, { set: TemplateSet; composer: Composer; renderer: SlideRenderer }>;
  sources: Map<string, Promise<Source>>;
}

export function createEngine(cwd: string, configFile?: string): Engine {
  return { config: loadConfig(cwd, configFile), templates: new Map(), sources: new Map() };
}

export async function defaultOutlines(cwd: string, config: Config): Promise<string[]> {
  const dir = config.data.outlines ? config.resolve(config.data.outlines) : path.join(config.file ? config.root : cwd, 'outlines');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw usageError(`no outline given and no outlines folder (${dir})`, 'name an outline: `lectern build path/to/lecture.yaml`, or run `lectern init`');
  }
  const list = names.filter((n) => /\.ya?ml$/i.test(n)).sort().map((n) => path.join(dir, n));
  if (list.length === 0) throw usageError(`no outlines (*.yaml) in ${dir}`);
  return list;
}

/** Which (outline file, variant) pairs to build. */
export async function expandTargets(files: string[], variant: string | undefined): Promise<Array<{ file: string; variant?: string }>> {
  const targets: Array<{ file: string; variant?: string }> = [];
  for (const file of files) {
    if (variant === 'all') {
      targets.push({ file });
      const { outlineVariants } = await import('../outline/load.js');
      for (const v of await outlineVariants(file)) targets.push({ file, variant: v });
    } else {
      targets.push({ file, variant });
    }
  }
  return targets;
}

export interface Prepared {
  outline: LoadedOutline;
  resolved: Resolved;
  markdown: string;
  slides: RenderedSlides;
  warnings: Problem[];
  /** Every template and theme file used (for cache keys). */
  templateFiles: string[];
  /** Records the referenced passages in the lock file; call after outputs are written. */
  commitLock(): Promise<void>;
}

/**
 * Everything up to the browser: load, customize, resolve, compose, render.
 * `lectern check` stops here; `lectern build` goes on to write and print.
 */
export async function prepareOutline(
  engine: Engine,
  file: string,
  options: { variant?: string; set?: string[]; strict?: boolean; updateLock?: boolean } = {},
): Promise<Prepared> {
  const { config } = engine;
  const { loadOutline, resolveOutline, checkLock } = await pipeline();
  const outline = await loadOutline(file, { variant: options.variant, set: options.set });
  const data = outline.data;
  data.theme ??= config.data.theme;
  data.lang ??= config.data.lang;
  const overlays: string[] = [];
  if (config.data.templates) overlays.push(config.resolve(config.data.templates));
  if (data.templates) overlays.push(path.resolve(path.dirname(outline.locate(['templates']).file || file), data.templates));
  const engineFor = await templateEngine(engine, overlays);
  const resolved = await resolveOutline(outline, { sourceCache: engine.sources, layouts: engineFor.set.layouts });
  const deck = resolved.deck;
  if (!engineFor.renderer.hasTheme(deck.theme)) {
    const where = data.theme === config.data.theme && config.file ? { file: config.file } : outline.locate(['theme']);
    throw new LecternError({ severity: 'error', code: 'outline/unknown-theme', message: `unknown theme "${deck.theme}"`, hint: engineFor.renderer.themeHint(deck.theme), ...where });
  }
  const markdown = engineFor.composer.compose(deck);
  const slides = engineFor.renderer.render(markdown);
  if (slides.slideCount !== deck.slides.length) {
    throw new Error(`internal: ${deck.slides.length} slides in the outline became ${slides.slideCount} in Marp (a template broke the slide structure)`);
  }
  const lock = await checkLock(outline.file, resolved.references, { strict: options.strict, update: options.updateLock });
  const warnings = [...resolved.warnings, ...lock.problems.filter((p) => p.severity === 'warning')];
  const errors = lock.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new LecternError(errors);
  const templateFiles = [...engineFor.set.files.values()].map((f) => f.file);
  return { outline, resolved, markdown, slides, warnings, templateFiles, commitLock: () => lock.commit() };
}

async function templateEngine(engine: Engine, overlays: string[]) {
  const key = overlays.join('\0');
  let found = engine.templates.get(key);
  if (!found) {
    const { loadTemplateSet, createComposer, SlideRenderer } = await pipeline();
    const set = await loadTemplateSet(overlays);
    found = { set, composer: createComposer(set), renderer: new SlideRenderer(set) };
    engine.templates.set(key, found);
  }
  return found;
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const engine = createEngine(cwd, options.config);
  const { config } = engine;
  const outDir = options.outDir ? path.resolve(cwd, options.outDir) : config.data.out ? config.resolve(config.data.out) : path.join(config.file ? config.root : cwd, 'out');
  const formats = options.formats ?? [...FORMATS];
  const files = options.outlines?.length ? options.outlines.map((o) => path.resolve(cwd, o)) : await defaultOutlines(cwd, config);
  const warnings: Problem[] = [];
  const warn = (problem: Problem) => {
    warnings.push(problem);
    options.onEvent?.({ type: 'warning', problem });
  };
  const needsBrowser = formats.includes('pdf');
  const ownSession = !options.session && needsBrowser;
  const session =
    options.session ??
    (needsBrowser ? new BrowserSession({ explicit: options.browser ?? (config.data.browser ? config.resolve(config.data.browser) : undefined), timeout: options.timeout ?? config.data.timeout, onBlocked: warn }) : undefined);
  const result: BuildResult = { outputs: [], warnings, slides: new Map() };
  const failures: Problem[] = [];
  const cache = options.cache ?? (await BuildCache.open(outDir));
  try {
    for (const target of await expandTargets(files, options.variant)) {
      try {
        await buildOne(engine, target, { ...options, outDir, formats, session, warn, result, cache });
      } catch (err) {
        if (!(err instanceof LecternError) || err.exitCode !== 1) throw err;
        failures.push(...err.problems);
      }
    }
  } finally {
    await cache.save();
    if (ownSession) await session?.close();
  }
  if (failures.length > 0) throw new LecternError([...failures, ...warnings]);
  return result;
}

interface OneContext extends BuildOptions {
  outDir: string;
  formats: Format[];
  session?: BrowserSession;
  warn: (p: Problem) => void;
  result: BuildResult;
  cache: BuildCache;
}

async function buildOne(engine: Engine, target: { file: string; variant?: string }, ctx: OneContext): Promise<void> {
  const started = Date.now();
  const targetId = `${target.file}#${target.variant ?? ''}`;
  // Everything but files that shapes the outputs.
  const key = hashText(JSON.stringify({ v: VERSION, fonts: fontPackages(), formats: ctx.formats, notes: ctx.notes ?? null, set: ctx.set ?? [], strict: !!ctx.strict, out: ctx.outDir }));
  if (!ctx.force) {
    const fresh = await ctx.cache.fresh(targetId, key);
    if (fresh) {
      ctx.result.slides.set(fresh.name, fresh.slides);
      for (const o of fresh.outputs) {
        const format = path.extname(o.file).slice(1);
        ctx.result.outputs.push({ outline: target.file, format, file: o.file, bytes: o.size });
        ctx.onEvent?.({ type: 'output', outline: target.file, format, file: o.file, ms: Date.now() - started, cached: true });
      }
      return;
    }
  }
  // Something must be built: if it includes a PDF, launch Chromium now so that
  // it starts while the outline is read and rendered (a no-op once running).
  if (ctx.formats.includes('pdf')) ctx.session?.start().catch(() => undefined);
  const prepared = await prepareOutline(engine, target.file, { variant: target.variant, set: ctx.set, strict: ctx.strict });
  const { outline, resolved, markdown, slides } = prepared;
  ctx.onEvent?.({ type: 'outline-start', outline: target.file, name: outline.name });
  prepared.warnings.forEach(ctx.warn);
  const deck = resolved.deck;
  ctx.result.slides.set(outline.name, slides.slideCount);
  const notes = ctx.notes ?? outline.data.notes ?? engine.config.data.notes ?? true;
  const { deckDocument, printDocument, slideSize, printPdf } = await pipeline();
  const fileOf = (format: string) => path.join(ctx.outDir, `${outline.name}.${format}`);
  const pending: Array<{ format: Format; data?: string | Uint8Array; printKey?: string }> = [];
  if (ctx.formats.includes('md')) pending.push({ format: 'md', data: markdown });
  if (ctx.formats.includes('html')) pending.push({ format: 'html', data: await deckDocument(deck, slides, { notes }) });
  if (ctx.formats.includes('pdf') && ctx.session) {
    const { width, height } = slideSize(deck);
    const html = printDocument(deck, slides);
    const printKey = hashText(VERSION, html);
    // Unchanged print document (e.g. only notes or comments changed): keep the PDF.
    const same = !ctx.force && (await ctx.cache.printed(targetId, fileOf('pdf'), printKey));
    pending.push({ format: 'pdf', printKey, data: same ? undefined : await printPdf(ctx.session, html, { width, height }) });
  }
  for (const { format, data } of pending) {
    const file = fileOf(format);
    if (data !== undefined) await writeAtomic(file, data);
    const bytes = data === undefined ? 0 : typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    ctx.result.outputs.push({ outline: target.file, format, file, bytes });
    ctx.onEvent?.({ type: 'output', outline: target.file, format, file, ms: Date.now() - started, cached: data === undefined });
  }
  await prepared.commitLock();
  const deps = [
    ...outline.files,
    ...[...resolved.sources.values()].flatMap((s) => [s.file, sidecarPath(s.file)]),
    ...prepared.templateFiles,
    ...resolved.assets,
    ...(engine.config.file ? [engine.config.file] : []),
  ];
  await ctx.cache.record(targetId, key, { name: outline.name, slides: slides.slideCount }, deps, pending.map((p) => ({ file: fileOf(p.format), printKey: p.printKey })));
}
