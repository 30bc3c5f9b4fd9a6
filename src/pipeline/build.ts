/**
 * Building outlines into outputs: out/NAME.md, .html, .pdf and handouts.
 * Each outline is resolved and rendered completely in memory first; only
 * then are its outputs written (atomically), so a bad outline leaves the last
 * good outputs in place. One template engine, one source cache and one
 * browser serve every outline of a run; the browser is launched first, so
 * that it starts while outlines are read and rendered.
 *
 * The run's settings come from src/settings.ts; the stages are in
 * targets.ts (what to build, the pool), prepare.ts (one outline up to the
 * browser), build-one.ts (one target written), out-dir.ts and interrupt.ts.
 */
import path from 'node:path';
import { LecternError, type Problem } from '../errors.js';
import { discardEarly, type BrowserSession } from '../print/browser/index.js';
import { runSettings, type CommandLine } from '../settings.js';
import { BuildCache } from './cache.js';
import { buildOne, type BuildEvent, type BuildResult } from './build-one.js';
import { Interruption } from './interrupt.js';
import { cacheDirOf, checkOutDir, lockOutDir } from './out-dir.js';
import { createEngine, type Engine, type Prepared } from './prepare.js';
import { defaultOutlines, expandTargets, forEachTarget, printSession } from './targets.js';

export { FORMATS, HANDOUTS, type Format, type Handout } from './formats.js';
export { outputFileName, type BuildEvent, type BuildOutput, type BuildResult } from './build-one.js';
export { createEngine, prepareOutline, type Engine, type Prepared } from './prepare.js';
export { defaultOutlines, expandTargets, printSession } from './targets.js';

/**
 * What to build, and how. The settings (outDir, formats, handouts, paper,
 * pdfNotes, notes, browser, timeout, strict, variant, set) are the command
 * line's: undefined leaves each to the outline, the config, else the default
 * (src/settings.ts).
 */
export interface BuildOptions extends CommandLine {
  /** Outline files; default: every outlines/*.yaml of the project. */
  outlines?: string[];
  cwd?: string;
  /** A browser session to share (serve/watch, tests); otherwise one is made and closed. */
  session?: BrowserSession;
  /** A config file to use instead of looking for lectern.config.yaml. */
  config?: string;
  /** Rebuild everything, ignoring the cache. */
  force?: boolean;
  /** A prepared engine to reuse (watch mode: templates, marp-core and sources stay warm); otherwise one is made. */
  engine?: Engine;
  /** A cache to keep between builds (watch mode); otherwise opened from the cache folder. */
  cache?: BuildCache;
  /** The cache folder (a course's `cache_dir:`, absolute); default: the config's `cache_dir`, else OUT/.lectern (out-dir.ts cacheDirOf). */
  cacheDir?: string;
  /** Progress and warnings as they happen. */
  onEvent?: (event: BuildEvent) => void;
  /** Each outline built (not one answered from the cache), prepared: a course keeps what it needs of it (the passages it cites). */
  onPrepared?: (target: { file: string; variant?: string }, prepared: Prepared) => void;
  /**
   * Write each outline's Markdown and HTML as soon as they are made, before
   * its PDFs print (watch and serve: the preview reloads at once). A failed
   * print then leaves new HTML beside the last good PDF; the next build
   * prints again. A function is awaited between the two (serve: until the
   * reloading pages are back).
   */
  previewFirst?: boolean | (() => Promise<unknown>);
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const engine = options.engine ?? createEngine(cwd, options.config);
  const { config } = engine;
  const run = runSettings(config, options, cwd);
  if (run.problems.length) throw new LecternError(run.problems);
  const outDir = run.outDir.value;
  const files = options.outlines?.length ? options.outlines.map((o) => path.resolve(cwd, o)) : await defaultOutlines(cwd, config);
  const warnings: Problem[] = [];
  const warn = (problem: Problem) => {
    warnings.push(problem);
    options.onEvent?.({ type: 'warning', problem });
  };
  const ownSession = !options.session && run.prints;
  // A Chromium started early for this command (EarlyChromium, print/browser/early.ts) that nothing will print with.
  if (!run.prints) await discardEarly();
  const session =
    options.session ?? (run.prints ? printSession(run, { onBlocked: warn, outlines: run.variant.value === 'all' ? Infinity : files.length }) : undefined);
  const result: BuildResult = { outputs: [], warnings, slides: new Map() };
  const failures: Problem[] = [];
  checkOutDir(outDir, [cwd, config.root], files);
  const release = await lockOutDir(outDir);
  const cacheDir = cacheDirOf(outDir, config, options.cacheDir);
  const cache = options.cache ?? (await BuildCache.open(cacheDir, { root: config.root, outDir }));
  engine.styleDir ??= path.join(cacheDir, 'styles');
  const interruption = new Interruption(() => Promise.all([ownSession ? session?.close() : undefined, discardEarly()]).finally(() => release()), ownSession);
  try {
    const targets = await expandTargets(files, run.variant.value);
    const context = {
      run,
      session,
      warn,
      result,
      cache,
      cacheDir,
      force: options.force,
      onEvent: options.onEvent,
      onPrepared: options.onPrepared,
      previewFirst: options.previewFirst,
    };
    await forEachTarget(targets, async (target) => {
      try {
        await buildOne(engine, target, context);
      } catch (err) {
        if (interruption.signal) throw interruption.error();
        if (!(err instanceof LecternError) || err.exitCode !== 1) throw err;
        failures.push(...err.problems);
      }
    });
  } finally {
    await cache.save();
    if (ownSession) await session?.close();
    await discardEarly();
    await release();
    interruption.stop();
  }
  if (failures.length > 0) throw new LecternError([...failures, ...warnings]);
  return result;
}
