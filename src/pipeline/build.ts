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
import { EXIT, LecternError, usageError, type Problem } from '../errors.js';
import { CONFIG_FILE, loadConfig, type Config } from '../config.js';
import type { LoadedOutline } from '../outline/load.js';
import type { Resolved } from '../deck/resolve.js';
import type { Composer, TemplateSet } from '../compose/templates.js';
import type { RenderedSlides, SlideRenderer } from '../render/marp.js';
import { BrowserSession, discardEarly } from '../print/browser/index.js';
import type { Source } from '../sources/source.js';

/**
 * The pipeline's modules, imported on first use: a build whose outputs are
 * all up to date never loads the schema, Handlebars or marp-core (together
 * most of a second), and answers at once.
 */
const pipeline = async () => {
  const [load, resolve, lock, templates, marp] = await Promise.all([
    import('../outline/load.js'),
    import('../deck/resolve.js'),
    import('../deck/lock.js'),
    import('../compose/templates.js'),
    import('../render/marp.js'),
  ]);
  return { ...load, ...resolve, ...lock, ...templates, ...marp };
};

import { writeAtomic } from '../util/write.js';
import { BuildCache, hashText, type OutputRecord } from './cache.js';
import { deckPdf } from './deck-pdf.js';
import { fontPackages, fontsDocument } from '../render/fonts.js';
import { deckMetadata } from '../print/deck-meta.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';
import { sidecarPath } from '../sources/metadata.js';
import { confinement, inside } from './confine.js';
import { trace } from '../trace.js';
import { FORMATS, HANDOUTS, type Format, type Handout } from './formats.js';

export { FORMATS, HANDOUTS, type Format, type Handout } from './formats.js';

/** Handouts (and pdf-lib with them): loaded only when one is printed. */
const handoutModule = () => import('../print/handout.js');
/** The order outputs are written in: the HTML deck first (a page open in `lectern serve` reloads at once). */
const ORDER: ReadonlyArray<Format | Handout> = ['html', 'md', 'pdf', ...HANDOUTS];

/** Outlines in flight at once: enough to keep two cores and the browser busy. */
const OUTLINES_AT_ONCE = 3;

export function outputFileName(name: string, kind: Format | Handout): string {
  if (kind === 'reading') return `${name}.reading.pdf`;
  if ((HANDOUTS as readonly string[]).includes(kind)) return `${name}.handout-${kind}.pdf`;
  return `${name}.${kind}`;
}

export interface BuildOptions {
  /** Outline files; default: every outlines/*.yaml of the project. */
  outlines?: string[];
  cwd?: string;
  /** Output folder (default: config `out`, else out). */
  outDir?: string;
  formats?: Format[];
  /** Handouts to print (besides those the outline and config ask for, unless formats are given). */
  handouts?: Handout[];
  /** Handout paper (default: outline, config, else A4). */
  paper?: 'A4' | 'Letter';
  /** Each slide's notes as a PDF annotation in the deck PDF. */
  pdfNotes?: boolean;
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
  /** A prepared engine to reuse (watch mode: templates, marp-core and sources stay warm); otherwise one is made. */
  engine?: Engine;
  /** A cache to keep between builds (watch mode); otherwise opened from OUT/.lectern. */
  cache?: BuildCache;
  /** Progress and warnings as they happen. */
  onEvent?: (event: BuildEvent) => void;
  /**
   * Write each outline's Markdown and HTML as soon as they are made, before
   * its PDFs print (watch and serve: the preview reloads at once). A failed
   * print then leaves new HTML beside the last good PDF; the next build
   * prints again.
   */
  previewFirst?: boolean;
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

/** Everything shared by the outlines of one run. */
export interface Engine {
  config: Config;
  /** Per template overlay: the set, its composer and renderer (a promise, so that outlines in flight share one). */
  templates: Map<string, Promise<{ set: TemplateSet; composer: Composer; renderer: SlideRenderer }>>;
  /** Loaded sources by absolute path and language ("path NUL lang"). */
  sources: Map<string, Promise<Source>>;
  /** Where packed theme CSS is kept between runs (a build sets OUT/.lectern/styles). */
  styleDir?: string;
}

/**
 * The browser session of a build (or of serve): the browser named by the
 * option, else by the config (a path relative to it, or a command name),
 * two or three pages, each readied with the fonts document.
 */
export function printSession(
  config: Config,
  options: { browser?: string; timeout?: number; onBlocked?: (p: Problem) => void; outlines?: number },
): BrowserSession {
  const configured = config.data.browser;
  return new BrowserSession({
    // A page costs Chromium most of a second of its own (the fonts decoded
    // again): one outline's five prints finish sooner on two pages than on
    // three on two cores; several outlines keep three busy.
    pages: (options.outlines ?? OUTLINES_AT_ONCE) > 1 ? OUTLINES_AT_ONCE : 2,
    preload: fontsDocument,
    explicit: options.browser ?? (configured ? (/[\\/]/.test(configured) ? config.resolve(configured) : configured) : undefined),
    timeout: options.timeout ?? config.data.timeout,
    onBlocked: options.onBlocked,
  });
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
  const list = names
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort()
    .map((n) => path.join(dir, n));
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
      // An outline that does not load is still a target: building it reports why.
      const variants = await outlineVariants(file).catch((err: unknown) => {
        if (err instanceof LecternError) return [];
        throw err;
      });
      for (const v of variants) targets.push({ file, variant: v });
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
  await between('pipeline imported');
  const outline = await loadOutline(file, { variant: options.variant, set: options.set });
  await between('outline loaded');
  const data = outline.data;
  data.theme ??= config.data.theme;
  data.lang ??= config.data.lang;
  const overlays: string[] = [];
  if (config.data.templates) overlays.push(config.resolve(config.data.templates));
  if (data.templates) overlays.push(path.resolve(path.dirname(outline.locate(['templates']).file || file), data.templates));
  // Everything the outline pulls in stays inside the project (or allowed folders).
  const confined = projectConfinement(engine, file);
  const outside: Problem[] = [];
  for (const f of outline.files.slice(1)) {
    const refused = confined.check(f);
    if (refused) outside.push({ severity: 'error', code: 'path/outside-project', message: `extends/include: ${refused}`, hint: ALLOW_HINT, file });
  }
  for (const dir of overlays) {
    const refused = confined.check(dir);
    if (refused)
      outside.push({
        severity: 'error',
        code: 'path/outside-project',
        message: `templates: ${refused}`,
        hint: ALLOW_HINT,
        ...(dir === overlays[0] && config.data.templates ? { file: config.file } : outline.locate(['templates'])),
      });
  }
  if (outside.length) throw new LecternError(outside);
  const engineFor = await templateEngine(engine, overlays);
  await between('templates ready');
  const resolved = await resolveOutline(outline, { sourceCache: engine.sources, layouts: engineFor.set.layouts, confinement: confined });
  const deck = resolved.deck;
  if (!engineFor.renderer.hasTheme(deck.theme)) {
    const where = data.theme === config.data.theme && config.file ? { file: config.file } : outline.locate(['theme']);
    throw new LecternError({
      severity: 'error',
      code: 'outline/unknown-theme',
      message: `unknown theme "${deck.theme}"`,
      hint: engineFor.renderer.themeHint(deck.theme),
      ...where,
    });
  }
  await between('resolved');
  const markdown = engineFor.composer.compose(deck);
  await between('composed');
  // The deck and handouts take notes from the deck model, and Marpit reads
  // every comment as possible YAML directives (most of a render's time for a
  // deck with notes): render the same Markdown without the notes comments.
  const withoutNotes = deck.slides.some((s) => s.notes.length)
    ? engineFor.composer.compose({ ...deck, slides: deck.slides.map((s) => ({ ...s, notes: [] })) })
    : markdown;
  await between('composed without notes');
  const slides = engineFor.renderer.render(withoutNotes);
  await between('rendered');
  if (slides.slideCount !== deck.slides.length) {
    // Text cannot do this (it is escaped); a template can: find the layout that does.
    const culprit = [...new Set(deck.slides.map((x) => x.layout))].find((layout) => {
      const only = deck.slides.filter((x) => x.layout === layout).map((x) => ({ ...x, notes: [] }));
      return engineFor.renderer.render(engineFor.composer.compose({ ...deck, slides: only })).slideCount !== only.length;
    });
    const template = culprit ? engineFor.set.files.get(`layouts/${culprit}`) : engineFor.set.files.get('deck');
    throw new LecternError({
      severity: 'error',
      code: 'template/slide-structure',
      message: `${culprit ? `the layout "${culprit}"` : 'the templates'} changed the slide structure: ${deck.slides.length} slides became ${slides.slideCount}`,
      hint: 'a template may not write a slide separator (a line "---") or front matter; one slide per outline slide',
      file: template?.file,
    });
  }
  const lock = await checkLock(outline.file, resolved.references, { strict: options.strict, update: options.updateLock });
  const warnings = [...resolved.warnings, ...lock.problems.filter((p) => p.severity === 'warning')];
  const errors = lock.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new LecternError(errors);
  const templateFiles = [...engineFor.set.files.values()].map((f) => f.file);
  return { outline, resolved, markdown, slides, warnings, templateFiles, commitLock: () => lock.commit() };
}

/** An out folder that is the project itself, or holds outlines, would mix outputs with the lecturer's files. */
function checkOutDir(outDir: string, projectRoots: string[], outlines: string[]): void {
  if (projectRoots.some((r) => path.resolve(r) === outDir)) {
    throw usageError(`the output folder ${outDir} is the project folder itself`, 'write outputs to a folder of their own, e.g. --out out');
  }
  const within = outlines.find((o) => inside(o, outDir));
  if (within) throw usageError(`the output folder ${outDir} contains the outline ${within}`, 'write outputs to a folder of their own, e.g. --out out');
}

/**
 * One build at a time per out folder: a second one waits (up to a minute)
 * for the first to finish instead of interleaving writes. A lock left by a
 * process that no longer exists is taken over.
 */
async function lockOutDir(outDir: string): Promise<() => Promise<void>> {
  const { mkdir, open, readFile, rm } = await import('node:fs/promises');
  const file = path.join(outDir, '.lectern', 'build.lock');
  await mkdir(path.dirname(file), { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      const alive =
        pid > 0 &&
        pid !== process.pid &&
        (() => {
          try {
            process.kill(pid, 0);
            return true;
          } catch {
            return false;
          }
        })();
      if (!alive && pid !== process.pid) {
        await rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new LecternError(
          {
            severity: 'error',
            code: 'build/busy',
            message: `another build (pid ${pid}) is writing to ${outDir}`,
            hint: 'wait for it to finish, or use another --out folder',
          },
          EXIT.environment,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Between the steps of preparing an outline (each a stretch of synchronous
 * work): note the time, and let waiting I/O through — above all Chromium's
 * answers while it starts, which would otherwise wait for the whole outline.
 */
async function between(step: string): Promise<void> {
  trace(step);
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** The lectern theme packed at `npm run build` (scripts/pack-styles.mjs). */
const SHIPPED_STYLES = path.join(PACKAGE_ROOT, 'dist', 'styles');

const ALLOW_HINT = 'keep it inside the project, or allow the folder in lectern.config.yaml (`allow: [DIR]`)';

/** The project (config folder, else the working folder), the outline's own project folder, and allowed folders. */
function projectConfinement(engine: Engine, outlineFile: string) {
  const { config } = engine;
  const outlineDir = path.dirname(path.resolve(outlineFile));
  const outlineProject = path.basename(outlineDir) === 'outlines' ? path.dirname(outlineDir) : outlineDir;
  return confinement([config.root, ...(config.file ? [] : [outlineProject]), ...(config.data.allow ?? []).map((a) => config.resolve(a))]);
}

async function templateEngine(engine: Engine, overlays: string[]) {
  const key = overlays.join('\0');
  let found = engine.templates.get(key);
  if (!found) {
    found = (async () => {
      const { loadTemplateSet, createComposer, SlideRenderer } = await pipeline();
      const set = await loadTemplateSet(overlays);
      await between('templates loaded');
      const styles = { read: [SHIPPED_STYLES, ...(engine.styleDir ? [engine.styleDir] : [])], write: engine.styleDir };
      const composer = createComposer(set);
      await between('templates compiled');
      return { set, composer, renderer: new SlideRenderer(set, { styles }) };
    })();
    engine.templates.set(key, found);
    // A template error belongs to this build; the next one tries again.
    found.catch(() => engine.templates.get(key) === found && engine.templates.delete(key));
  }
  return found;
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const engine = options.engine ?? createEngine(cwd, options.config);
  const { config } = engine;
  const outDir = options.outDir
    ? path.resolve(cwd, options.outDir)
    : config.data.out
      ? config.resolve(config.data.out)
      : path.join(config.file ? config.root : cwd, 'out');
  // Formats: the command line, else the config's `formats` (decks and handouts), else md, html, pdf.
  const configured = options.formats ? undefined : config.data.formats;
  const unknownFormat = configured?.find((f) => !([...FORMATS, ...HANDOUTS] as readonly string[]).includes(f.replace(/^handout-/, '')));
  if (unknownFormat)
    throw new LecternError({
      severity: 'error',
      code: 'config/format',
      message: `unknown format "${unknownFormat}" in formats`,
      hint: `use ${[...FORMATS, ...HANDOUTS].join(', ')}`,
      file: config.file,
    });
  const formats = options.formats ?? (configured ? (configured.filter((f) => (FORMATS as readonly string[]).includes(f)) as Format[]) : [...FORMATS]);
  if (configured) {
    const fromConfig = configured.map((f) => f.replace(/^handout-/, '')).filter((f): f is Handout => (HANDOUTS as readonly string[]).includes(f));
    options = { ...options, handouts: [...new Set([...(options.handouts ?? []), ...fromConfig])] };
  }
  const files = options.outlines?.length ? options.outlines.map((o) => path.resolve(cwd, o)) : await defaultOutlines(cwd, config);
  const warnings: Problem[] = [];
  const warn = (problem: Problem) => {
    warnings.push(problem);
    options.onEvent?.({ type: 'warning', problem });
  };
  const handoutsFromSettings = !options.formats;
  const needsBrowser = formats.includes('pdf') || (options.handouts?.length ?? 0) > 0 || handoutsFromSettings;
  const ownSession = !options.session && needsBrowser;
  // A Chromium started early for this command (launchEarly) that nothing will print with.
  if (!needsBrowser) await discardEarly();
  const session =
    options.session ??
    (needsBrowser
      ? printSession(config, {
          browser: options.browser,
          timeout: options.timeout,
          onBlocked: warn,
          outlines: options.variant === 'all' ? Infinity : files.length,
        })
      : undefined);
  const result: BuildResult = { outputs: [], warnings, slides: new Map() };
  const failures: Problem[] = [];
  checkOutDir(outDir, [cwd, config.root], files);
  const release = await lockOutDir(outDir);
  const cache = options.cache ?? (await BuildCache.open(outDir));
  engine.styleDir ??= path.join(outDir, '.lectern', 'styles');
  // Ctrl-C or a kill during a build: close Chromium (no process left behind), keep finished outputs.
  let interrupted: NodeJS.Signals | undefined;
  // The handlers stay until everything is cleaned up: a second Ctrl-C waits for the same cleanup.
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = signal;
    void Promise.all([ownSession ? session?.close() : undefined, discardEarly()]).finally(() => {
      void release().finally(() => {
        unlisten();
        process.kill(process.pid, signal);
      });
    });
  };
  const unlisten = () => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  if (ownSession) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    // Outlines interleave: while Chromium prints one, the next is read and rendered.
    const targets = await expandTargets(files, options.variant);
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const target = targets[next++]!;
        try {
          await buildOne(engine, target, { ...options, outDir, formats, session, warn, result, cache, handoutsFromSettings });
        } catch (err) {
          if (interrupted)
            throw new LecternError(
              { severity: 'error', code: 'build/interrupted', message: `build stopped by ${interrupted}; outputs not yet written are left as they were` },
              EXIT.environment,
            );
          if (!(err instanceof LecternError) || err.exitCode !== 1) throw err;
          failures.push(...err.problems);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(OUTLINES_AT_ONCE, targets.length) }, worker));
  } finally {
    await cache.save();
    if (ownSession) await session?.close();
    await discardEarly();
    await release();
    unlisten();
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
  /** Add the handouts named by the outline and config (when --format was not given). */
  handoutsFromSettings: boolean;
}

async function buildOne(engine: Engine, target: { file: string; variant?: string }, ctx: OneContext): Promise<void> {
  const started = Date.now();
  const targetId = `${target.file}#${target.variant ?? ''}`;
  // Everything but files that shapes the outputs.
  const key = hashText(
    JSON.stringify({
      v: VERSION,
      fonts: fontPackages(),
      formats: ctx.formats,
      handouts: ctx.handouts ?? [],
      fromSettings: ctx.handoutsFromSettings,
      paper: ctx.paper ?? null,
      pdfNotes: !!ctx.pdfNotes,
      notes: ctx.notes ?? null,
      set: ctx.set ?? [],
      strict: !!ctx.strict,
      out: ctx.outDir,
    }),
  );
  if (!ctx.force) {
    const fresh = await ctx.cache.fresh(targetId, key);
    if (fresh) {
      ctx.result.slides.set(fresh.name, fresh.slides);
      // Its warnings hold as long as its outputs: say them again.
      (fresh.warnings ?? []).forEach(ctx.warn);
      for (const o of fresh.outputs) {
        ctx.result.outputs.push({ outline: target.file, format: o.format, file: o.file, bytes: o.size });
        ctx.onEvent?.({ type: 'output', outline: target.file, format: o.format, file: o.file, ms: Date.now() - started, cached: true });
      }
      return;
    }
  }
  // Something must be built: if it includes a PDF, launch Chromium now so that
  // it starts while the outline is read and rendered (a no-op once running).
  if (ctx.formats.includes('pdf') || ctx.handouts?.length || ctx.handoutsFromSettings) ctx.session?.warm();
  trace('outline: start');
  const warned: Problem[] = [];
  const outerWarn = ctx.warn;
  ctx = { ...ctx, warn: (p) => (warned.push(p), outerWarn(p)) };
  const prepared = await prepareOutline(engine, target.file, { variant: target.variant, set: ctx.set, strict: ctx.strict });
  trace('outline: prepared');
  const { outline, resolved, markdown, slides } = prepared;
  ctx.onEvent?.({ type: 'outline-start', outline: target.file, name: outline.name });
  prepared.warnings.forEach(ctx.warn);
  const deck = resolved.deck;
  ctx.result.slides.set(outline.name, slides.slideCount);
  const notes = ctx.notes ?? outline.data.notes ?? engine.config.data.notes ?? true;
  const config = engine.config.data;
  const handouts = [
    ...new Set([...(ctx.handouts ?? []), ...(ctx.handoutsFromSettings ? ((outline.data.handout?.layouts ?? config.handout?.layouts ?? []) as Handout[]) : [])]),
  ];
  const unknown = handouts.filter((h) => !(HANDOUTS as readonly string[]).includes(h));
  if (unknown.length) {
    throw new LecternError({
      severity: 'error',
      code: 'outline/unknown-handout',
      message: `unknown handout "${unknown[0]}"`,
      hint: `use ${HANDOUTS.join(', ')}`,
      ...outline.locate(['handout', 'layouts']),
    });
  }
  const paper = ctx.paper ?? outline.data.handout?.paper ?? config.handout?.paper ?? 'A4';
  const fileOf = (kind: Format | Handout) => path.join(ctx.outDir, outputFileName(outline.name, kind));
  const pending: Array<{ format: Format | Handout; data?: string | Uint8Array; record?: Partial<OutputRecord>; printed?: number }> = [];
  // Print documents are keyed: an output whose document did not change is not printed again.
  const printOnce = async (kind: Format | Handout, html: string, print: () => Promise<Uint8Array>) => {
    const printKey = hashText(VERSION, fontPackages().join(), kind, paper, JSON.stringify(deckMetadata(deck)), html);
    const same = !ctx.force && (await ctx.cache.printed(targetId, fileOf(kind), printKey));
    pending.push({ format: kind, record: { printKey }, data: same ? undefined : await print() });
  };
  if (ctx.formats.includes('md')) pending.push({ format: 'md', data: markdown });
  if (ctx.formats.includes('html')) {
    const { deckDocument } = await import('../render/page.js');
    pending.push({ format: 'html', data: await deckDocument(deck, slides, { notes }) });
  }
  const write = async ({ format, data, printed }: (typeof pending)[number]) => {
    const file = fileOf(format);
    if (data !== undefined) await writeAtomic(file, data);
    const bytes = data === undefined ? 0 : typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    ctx.result.outputs.push({ outline: target.file, format, file, bytes });
    ctx.onEvent?.({
      type: 'output',
      outline: target.file,
      format,
      file,
      ms: Date.now() - started,
      cached: data === undefined,
      ...(printed ? { printed } : {}),
    });
  };
  const written = new Set<Format | Handout>();
  if (ctx.previewFirst) {
    for (const item of [...pending].sort((a, b) => ORDER.indexOf(a.format) - ORDER.indexOf(b.format))) {
      await write(item);
      written.add(item.format);
    }
  }
  if (ctx.session && (ctx.formats.includes('pdf') || handouts.length)) {
    trace('html done');
    const session = ctx.session;
    const prints: Array<Promise<void>> = [];
    if (ctx.formats.includes('pdf')) {
      const file = fileOf('pdf');
      prints.push(
        (async () => {
          const previous = await ctx.cache.previous(targetId, file);
          const { data, record, printed } = await deckPdf({ session, deck, slides, file, previous, force: ctx.force, pdfNotes: ctx.pdfNotes, warn: ctx.warn });
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
    // The page pool prints two documents at a time.
    await Promise.all(prints);
    trace('printed');
  }
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
