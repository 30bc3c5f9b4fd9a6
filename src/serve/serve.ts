/**
 * `lectern serve` and `lectern build --watch`: build, then rebuild whenever
 * an input changes — outlines and the files they extend or include, sources
 * and their metadata sidecars, images, templates and themes, the config —
 * and (serve) show the output folder at http://127.0.0.1:PORT/ with pages
 * that reload themselves at the slide they were on, or show the error over
 * the last good deck when a build fails.
 *
 * Rebuilds are debounced (a burst of saves makes one build) and never
 * overlap: a change during a build makes exactly one more build after it.
 * One browser session serves every PDF of the session. Builds write
 * atomically and only on success, so the files served are always whole.
 *
 * A course (`lectern serve course.yaml`): every lecture, course.yaml and
 * what its defaults name are watched; each build is one course build
 * (course/build.ts), in which the lectures whose inputs did not change are
 * answered by the build cache, and which writes the course page and the
 * combined outputs again. The course page is served at `/`.
 */
import { statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { hashText } from '../util/hash.js';
import { build, defaultOutlines, printSession, type BuildOptions, type Format, type Handout } from '../pipeline/build.js';
import { courseInputs, courseOf } from './course-inputs.js';
import { loadConfig } from '../config.js';
import { browserSettings, printsFor } from '../settings.js';
import { EXIT, formatProblem, LecternError, sortProblems, type Problem } from '../errors.js';
import { BrowserSession } from '../print/browser/index.js';
import { fontsDocument } from '../render/fonts.js';
import { isInput, mergeInputs, projectInputs, watchTargets, type ProjectInputs } from './inputs.js';
import { RebuildLoop, type BuildOutcome, type BuildReport, type BuildRun } from './rebuild-loop.js';
import { DeckServer } from './server.js';
import { WarmState } from './warm-state.js';
import { DirWatcher } from './watch.js';
import { shownProblem } from '../util/paths.js';

export interface ServeOptions {
  cwd: string;
  /** Outline files, or one course.yaml (a file with `lectures:`); default: every outlines/*.yaml (outlines added there later are built too). */
  outlines?: string[];
  /** 0: any free port; default 8080. */
  port?: number;
  /** Default: what `lectern build` writes (md, html, pdf and the handouts the outline or config asks for). */
  formats?: Format[];
  /** Handouts to keep up to date as well. */
  handouts?: Handout[];
  outDir?: string;
  config?: string;
  /** One line per build (default: stderr). */
  log?: (line: string) => void;
  /** `build --watch`: rebuild on changes, no server. */
  watchOnly?: boolean;
  /** Chromium for PDFs and PNG images. */
  browser?: string;
  /** PNG images (formats png): width as a share of 1280 px (default 1). */
  pngScale?: number;
  /** Quiet time after the last change before a rebuild (default 40 ms: an editor's save, even a write-and-rename, is one burst well within it). */
  debounceMs?: number;
  /** Close on SIGINT/SIGTERM (default true; a second signal exits at once). */
  signals?: boolean;
}

export type { BuildReport } from './rebuild-loop.js';

export interface ServeHandle {
  /** http://127.0.0.1:PORT/ (not in watch-only mode). */
  url?: string;
  port?: number;
  /** Stops watching, waits for a running build, closes the server and the browser. */
  close(): Promise<void>;
  /** Resolves with the first build that starts after this call, once it has finished ({ok: false, error: 'closed'} if closed first). */
  nextBuild(): Promise<BuildReport>;
  /** Builds run so far, the first included. */
  readonly builds: number;
  /** A build is running now. */
  readonly building: boolean;
  /** The last build's report. */
  readonly last: BuildReport;
  /** Resolves once closed (by close() or a signal). */
  readonly closed: Promise<void>;
}

/** What a page is told about a failed build. */
export interface FailureEvent {
  message: string;
  problems: Array<{ file: string | null; line: number | null; column: number | null; code: string; message: string; hint: string | null }>;
  ms: number;
}

/** How long the second round of a build waits for reloading pages to come back. */
const RELOAD_GRACE_MS = 400;

const clock = () => new Date().toTimeString().slice(0, 8);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function serve(options: ServeOptions): Promise<ServeHandle> {
  const cwd = path.resolve(options.cwd);
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  // Every output the build would write: the HTML and Markdown first (each
  // outline's preview reloads at once), then its PDFs and handouts.
  const formats: Format[] | undefined = options.formats?.length ? options.formats : undefined;
  const prints = printsFor({ formats, handouts: options.handouts });
  const rel = (p: Problem): Problem => shownProblem(p, cwd);

  const course = await courseOf(cwd, options.outlines);
  /** What the build reads now: the course's, or the outlines'. */
  const readInputs = (): Promise<ProjectInputs> =>
    course
      ? courseInputs({ cwd, course, config: options.config, outDir: options.outDir })
      : projectInputs({ cwd, outlines: options.outlines, config: options.config, outDir: options.outDir });
  let inputs: ProjectInputs = await readInputs();
  // The course page, shown at `/` (loaded only for a course: the page's module brings the search index's).
  const coursePage = course ? (await import('../course/write-page.js')).COURSE_PAGE : undefined;
  const warm = new WarmState(cwd, options.config);

  const pendingWarnings: Problem[] = [];
  let session: BrowserSession | undefined;
  if (prints) {
    let config;
    try {
      config = loadConfig(cwd, options.config);
    } catch {
      config = undefined;
    }
    session = config
      ? printSession(browserSettings(config, { browser: options.browser }), { onBlocked: (p) => pendingWarnings.push(p) })
      : new BrowserSession({ explicit: options.browser, preload: fontsDocument, onBlocked: (p) => pendingWarnings.push(p) });
    // Launch now, so that it starts while the first outlines are read; a failure shows in the build.
    session.warm();
  }

  const server = options.watchOnly ? undefined : new DeckServer({ root: () => inputs.outDir, port: options.port ?? 8080, home: coursePage });

  let lastWarnings = '';
  const loop = new RebuildLoop({
    debounceMs: options.debounceMs ?? 40,
    build: runBuild,
    afterBuild: refreshInputs,
    onError: (err) => log(`${clock()} internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  });

  const watcher = new DirWatcher(
    (file) => {
      if (isInput(inputs, file)) loop.changed(file);
    },
    { exclude: () => [inputs.outDir], onError: (dir, err) => log(`${clock()} cannot watch ${path.relative(cwd, dir) || '.'}: ${err.message}`) },
  );
  const isDir = (dir: string) => {
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  };
  const rewatch = () => watcher.update(watchTargets(inputs, isDir));

  /** After a build: a fresh look at what to watch (an outline may name new sources). */
  async function refreshInputs(): Promise<void> {
    try {
      inputs = mergeInputs(inputs, await readInputs());
      await rewatch();
    } catch (err) {
      log(`${clock()} cannot update the watched folders: ${(err as Error).message}`);
    }
  }

  /**
   * The outlines to build in two rounds: first those the change was made to
   * and those whose decks are open in a page, so that those pages reload
   * without waiting for the others; then the rest. One round when that makes
   * no difference; undefined to let build() find the outlines (and report
   * what is wrong).
   */
  async function buildRounds(changedFiles: string[]): Promise<string[][] | undefined> {
    let files: string[];
    // A course is one build (its page is made from every lecture): the cache answers the lectures that did not change.
    if (course) return [[course]];
    if (options.outlines?.length) {
      files = options.outlines.map((o) => path.resolve(cwd, o));
    } else {
      try {
        files = await defaultOutlines(cwd, loadConfig(cwd, options.config));
      } catch {
        return undefined;
      }
    }
    const changedSet = new Set(changedFiles);
    const open = server?.openPages ?? new Set<string>();
    const first = files.filter((f) => changedSet.has(f) || open.has(`${path.basename(f).replace(/\.ya?ml$/i, '')}.html`));
    const rest = files.filter((f) => !first.includes(f));
    return first.length && rest.length ? [first, rest] : [files];
  }

  /** The course's own outputs as last seen (their contents' hashes): a build that wrote one as it was does not report it, and its pages do not reload. */
  const courseStamps = new Map<string, string>();

  /** One course build; returns its own outputs that changed (paths under out/, with /). The lectures report theirs as events. */
  async function buildCourseOnce(file: string, buildOptions: BuildOptions): Promise<string[]> {
    const { buildCourse } = await import('../course/build.js');
    const built = await buildCourse(file, buildOptions);
    const changed: string[] = [];
    for (const output of built.outputs) {
      const data = await readFile(output).catch(() => undefined);
      const stamp = data ? hashText(data) : '';
      if (courseStamps.get(output) === stamp) continue;
      courseStamps.set(output, stamp);
      changed.push(path.relative(inputs.outDir, output).split(path.sep).join('/'));
    }
    return changed;
  }

  /** One build, its report to pages and the log. */
  async function runBuild({ files: changedFiles, elapsed }: BuildRun): Promise<BuildOutcome> {
    const written: string[] = [];
    const warnings: Problem[] = [];
    const announced = new Set<string>();
    let failure: unknown;
    const buildOptions: BuildOptions = {
      cwd,
      outDir: options.outDir,
      formats,
      handouts: options.handouts,
      // Print once the pages told to reload are back (at most a moment): their reload comes first.
      previewFirst: async () => {
        const pages = toReload;
        toReload = 0;
        if (server && pages > 0) await server.reconnected(pages, RELOAD_GRACE_MS);
      },
      config: options.config,
      browser: options.browser,
      pngScale: options.pngScale,
      session,
      engine: warm.next(changedFiles, inputs),
      onEvent: (e) => {
        if (e.type === 'warning') warnings.push(e.problem);
        else if (e.type === 'output' && !(e as { cached?: boolean }).cached) {
          // A folder (the PNG images) with a slash.
          const file = path.relative(inputs.outDir, e.file).split(path.sep).join('/') + (e.files !== undefined ? '/' : '');
          written.push(file);
          // A deck's pages reload as soon as it is written, not after the other outlines.
          if (file.endsWith('.html')) {
            const pages = server?.reload([file], { ms: Math.round(elapsed()) }) ?? 0;
            reloading += pages;
            toReload += pages;
            announced.add(file);
          }
        }
      },
    };
    const problems: Problem[] = [];
    let reloading = 0;
    /** Pages told to reload since the last outline's preview was written. */
    let toReload = 0;
    for (const [round, outlines] of ((await buildRounds(changedFiles)) ?? [undefined]).entries()) {
      // The pages told to reload load before the other outlines take the processor (at most a moment).
      if (round > 0 && server) await server.reconnected(reloading, RELOAD_GRACE_MS);
      try {
        if (course) written.push(...(await buildCourseOnce(course, buildOptions)));
        else await build({ ...buildOptions, outlines });
      } catch (err) {
        if (err instanceof LecternError && err.exitCode === EXIT.input) {
          problems.push(...err.problems);
        } else {
          failure = err;
          break;
        }
      }
    }
    if (failure === undefined && problems.length) failure = new LecternError(problems);
    const ms = Math.round(elapsed());
    warnings.push(...pendingWarnings.splice(0));

    // Pages first: a page whose file was written reloads (and learns of a failure when it reconnects).
    const rest = written.filter((f) => !announced.has(f));
    if (rest.length) server?.reload(rest, { ms });

    let report: BuildReport;
    let fatal: Error | undefined;
    if (failure === undefined) {
      report = { ok: true, ms, changed: changedFiles };
      server?.setFailure(undefined);
      server?.broadcast('build-ok', { ms });
      log(
        `${clock()} built in ${ms} ms: ${written.length ? written.join(', ') : 'nothing changed'}${warnings.length ? ` (${plural(warnings.length, 'warning')})` : ''}`,
      );
    } else {
      const problems =
        failure instanceof LecternError
          ? failure.problems
          : [{ severity: 'error' as const, code: 'internal', message: failure instanceof Error ? failure.message : String(failure) }];
      if (failure instanceof LecternError) warnings.push(...problems.filter((p) => p.severity === 'warning' && !warnings.includes(p)));
      const errors = sortProblems(problems.filter((p) => p.severity === 'error')).map(rel);
      const message = errors.map(formatProblem).join('\n');
      const event: FailureEvent = {
        message,
        problems: errors.map((p) => ({
          file: p.file ?? null,
          line: p.line ?? null,
          column: p.column ?? null,
          code: p.code,
          message: p.message,
          hint: p.hint ?? null,
        })),
        ms,
      };
      report = { ok: false, ms, error: message, changed: changedFiles };
      if (!(failure instanceof LecternError) || failure.exitCode !== EXIT.input) fatal = failure instanceof Error ? failure : new Error(String(failure));
      // Files changed while it ran (an editor writing in place can be read half-written): the next build tells.
      const superseded = !fatal && loop.pending;
      if (superseded) {
        log(`${clock()} build failed in ${ms} ms, but files changed meanwhile: building again`);
      } else {
        server?.setFailure(event);
        server?.broadcast('build-error', event);
        log(
          `${clock()} build failed in ${ms} ms: ${plural(errors.length, 'error')}${server ? ' (the pages keep the last good deck)' : ''}${written.length ? `; wrote ${written.join(', ')}` : ''}`,
        );
        for (const line of message.split('\n')) log(`  ${line}`);
      }
    }
    // Warnings only when they change, not at every save.
    const warningText = sortProblems(warnings).map(rel).map(formatProblem).join('\n');
    if (warningText !== lastWarnings && warningText) for (const line of warningText.split('\n')) log(`  ${line}`);
    lastWarnings = warningText;
    return { report, fatal };
  }

  // ---- start: watch first (a change during the first build is not lost), build, then listen
  let closedResolve!: () => void;
  const closed = new Promise<void>((resolve) => (closedResolve = resolve));
  let closing$: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing$) process.exit(signal === 'SIGINT' ? 130 : 143);
    log(`${clock()} stopping (${signal})`);
    void close();
  };
  const signals = options.signals ?? true;

  async function close(): Promise<void> {
    closing$ ??= (async () => {
      const stopped = loop.close();
      watcher.close();
      await stopped;
      await server?.close();
      await session?.close();
      if (signals) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      closedResolve();
    })();
    return closing$;
  }

  try {
    await rewatch();
    if (server) await server.listen();
    const fatal = await loop.first();
    if (fatal) throw fatal;
  } catch (err) {
    await close();
    throw err;
  }
  if (signals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  if (server) {
    log(`serving ${path.relative(cwd, inputs.outDir) || '.'} at ${server.url}`);
    const decks = (await readdir(inputs.outDir).catch(() => [] as string[])).filter((n) => n.endsWith('.html') && !n.startsWith('.')).sort();
    if (coursePage) log(`  ${server.url} (the course page)`);
    for (const deck of decks) if (deck !== coursePage) log(`  ${server.url}${encodeURIComponent(deck)}`);
  }
  log(`watching ${plural(watcher.dirs.length, 'folder')} for changes; Ctrl-C to stop`);

  return {
    url: server?.url,
    port: server?.port,
    close,
    nextBuild: () => loop.nextBuild(),
    get builds() {
      return loop.builds;
    },
    get building() {
      return loop.building;
    },
    get last() {
      return loop.last;
    },
    closed,
  };
}
