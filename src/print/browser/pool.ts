/**
 * Chromium: found once, launched at most once per run, lazily, shared by all
 * printing through a small pool of pages, and closed on every exit path
 * (including Ctrl-C and SIGTERM). Callers get a page and never manage the
 * browser's lifecycle.
 *
 * Discovery order: an explicit path (flag, config, LECTERN_BROWSER or
 * PUPPETEER_EXECUTABLE_PATH), then the usual system paths (/usr/bin/chromium
 * first, as on Debian). Lectern depends on puppeteer-core alone: installing it
 * never downloads a browser.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';

// Puppeteer takes a quarter of a second to import: load it only when a browser is needed.
const loadPuppeteer = async () => (await import('puppeteer-core')).default;
import { EXIT, LecternError, type Problem } from '../errors.js';
import { trace } from '../trace.js';

/**
 * How often a condition is checked in a page: on a timer, never on animation
 * frames (Puppeteer's default), which a pooled page that is not the visible
 * tab does not get — a wait there could last until the timeout.
 */
export const POLL_MS = 20;

export const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/usr/local/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
  '--font-render-hinting=none',
];

/**
 * What puppeteer.launch() would add (puppeteer.defaultArgs() of Puppeteer 24,
 * less what CHROMIUM_ARGS says already): Lectern starts Chromium itself, so
 * that the launch does not wait for Puppeteer to load.
 */
export const PUPPETEER_DEFAULT_ARGS = [
  '--allow-pre-commit-input',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--password-store=basic',
  '--use-mock-keychain',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif',
  '--headless=new',
  '--hide-scrollbars',
];

export interface FindOptions {
  /** --browser flag or config `browser:`. */
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  /** For tests: the system paths to try. */
  systemPaths?: string[];
}

export function findBrowser(options: FindOptions = {}): { path: string; via: string } {
  const env = options.env ?? process.env;
  const explicit: Array<[string | undefined, string]> = [
    [options.explicit, 'the --browser option or config'],
    [env.LECTERN_BROWSER, 'LECTERN_BROWSER'],
    [env.PUPPETEER_EXECUTABLE_PATH, 'PUPPETEER_EXECUTABLE_PATH'],
  ];
  for (const [candidate, via] of explicit) {
    if (!candidate) continue;
    if (existsSync(candidate)) return { path: candidate, via };
    throw new LecternError(
      {
        severity: 'error',
        code: 'browser/not-found',
        message: `the browser set by ${via} does not exist: ${candidate}`,
        hint: 'fix the path, or unset it to use the system Chromium',
      },
      EXIT.environment,
    );
  }
  for (const candidate of options.systemPaths ?? SYSTEM_BROWSERS) {
    if (existsSync(candidate)) return { path: candidate, via: 'system' };
  }
  throw new LecternError(
    {
      severity: 'error',
      code: 'browser/not-found',
      message: 'no Chromium or Chrome found to print PDFs',
      hint: 'install one (Debian/Ubuntu: `apt-get install -y chromium`), or set --browser PATH or LECTERN_BROWSER; HTML and Markdown need no browser (--format md,html)',
    },
    EXIT.environment,
  );
}

export interface SessionOptions extends FindOptions {
  /** Connect to an already running browser (tests share one) instead of launching. */
  wsEndpoint?: string;
  /** Pages open at once. */
  pages?: number;
  /** Milliseconds for launching and for each page operation. */
  timeout?: number;
  /** Called for each request a page tried to make and we blocked. */
  onBlocked?: (problem: Problem) => void;
  /** A document each new page loads before its first use (see fontsDocument); none by default. */
  preload?: () => string;
}

/**
 * One browser for the whole run. `warm()` starts it (and readies a page)
 * early, to overlap the launch with other work; `withPage()` starts it if
 * needed.
 */
export class BrowserSession {
  private launching?: Promise<Browser>;
  private free: Page[] = [];
  private waiting: Array<(p: Page) => void> = [];
  private open = 0;
  private closed = false;
  /** Last resort when the process exits without close(): kill Chromium synchronously. */
  private readonly onExit = () => this.spawned && endSpawnedNow(this.spawned);
  /** The Chromium this session launched (or took over from launchEarly). */
  private spawned?: Spawned;

  constructor(private readonly options: SessionOptions = {}) {}

  get timeout(): number {
    return this.options.timeout ?? 30_000;
  }

  /** The browser's version ("Chrome/…"), starting it if need be. */
  async version(): Promise<string> {
    return (await this.start()).version();
  }

  /** Pages open at most at once. */
  get pageLimit(): number {
    return this.options.pages ?? 2;
  }

  start(): Promise<Browser> {
    if (this.closed) return Promise.reject(new Error('browser session is closed'));
    this.launching ??= this.launch();
    return this.launching;
  }

  /** A Chromium of the session's own, in place of an early one that died; resolves with its address. */
  private spawnOwn(executable: string): Promise<string> {
    if (this.closed) return Promise.reject(new Error('the build was stopped'));
    this.spawned = spawnChromium(executable, this.options.preload?.());
    return devtoolsEndpoint(this.spawned.child, this.timeout);
  }

  private async launch(): Promise<Browser> {
    if (this.options.wsEndpoint) return (await loadPuppeteer()).connect({ browserWSEndpoint: this.options.wsEndpoint, protocolTimeout: this.timeout });
    const found = findBrowser(this.options);
    // A Chromium started before the command line loaded (launchEarly) is used if it is the same browser and alive.
    let spawned = await takeEarly(found.path, this.options.preload);
    let endpoint: Promise<string> | undefined;
    if (spawned) {
      endpoint = spawned.endpoint!.catch(async () => {
        // It died: end it properly and start another.
        await endSpawned(spawned!);
        return this.spawnOwn(found.path);
      });
    } else {
      spawned = spawnChromium(found.path, this.options.preload?.());
    }
    this.spawned = spawned;
    process.once('exit', this.onExit);
    try {
      if (this.closed) throw new Error('the build was stopped');
      endpoint ??= devtoolsEndpoint(spawned.child, this.timeout);
      const puppeteer = await loadPuppeteer();
      trace('browser: puppeteer imported');
      const browserWSEndpoint = await endpoint;
      // The Chromium that answered (another, if the early one died meanwhile).
      const child = this.spawned.child;
      trace('browser: listening');
      // Puppeteer can wait forever on a browser killed while it starts: bound the wait.
      let timer: NodeJS.Timeout | undefined;
      const stuck = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.timeout} ms`)), this.timeout);
      });
      // …or on one that dies meanwhile: end the wait as soon as it has gone.
      const died = new Promise<never>((_, reject) => {
        const gone = () => reject(new Error('it exited while connecting'));
        if (child.exitCode !== null || child.signalCode !== null) gone();
        else child.once('exit', gone);
      });
      died.catch(() => undefined);
      const browser = await Promise.race([
        stuck,
        died,
        puppeteer.connect({ browserWSEndpoint, protocolTimeout: this.timeout, defaultViewport: { width: 800, height: 600 } }),
      ]).finally(() => clearTimeout(timer));
      trace('browser: connected');
      this.lost.catch(() => undefined); // observed by withPage; never unhandled
      browser.on('disconnected', () => {
        if (!this.closed) this.lostReject?.(new Error('Chromium exited or crashed'));
      });
      return browser;
    } catch (err) {
      if (this.spawned) await endSpawned(this.spawned);
      throw new LecternError(
        {
          severity: 'error',
          code: 'browser/launch',
          message: `Chromium at ${found.path} (${found.via}) did not start: ${(err as Error).message.split('\n')[0]}`,
          hint: 'check that it runs: `chromium --headless --version`',
        },
        EXIT.environment,
        { cause: err },
      );
    }
  }

  /** Run `fn` with a page of the pool; the page is returned to the pool afterwards. */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await Promise.race([this.acquire(), this.lost]);
    try {
      // A browser that dies mid-operation can leave Puppeteer's promise pending
      // forever: end the operation when the browser disconnects.
      return await Promise.race([fn(page), this.lost]);
    } finally {
      this.release(page);
    }
  }

  /** Rejects when the browser goes away while we still use it. */
  private lostReject?: (err: Error) => void;
  private readonly lost: Promise<never> = new Promise<never>((_, reject) => {
    this.lostReject = reject;
  });

  private async acquire(): Promise<Page> {
    const ready = this.free.pop();
    if (ready) return ready;
    const warming = this.warmPage;
    if (warming) {
      this.warmPage = undefined;
      const page = await warming;
      if (page) return page;
    }
    if (this.open < this.pageLimit) return this.newPage();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private async newPage(): Promise<Page> {
    this.open++;
    try {
      return await this.openPage();
    } catch (err) {
      this.open--;
      throw err;
    }
  }

  /** A new page, readied with the preload document; its slot in the pool is counted by the caller. */
  private async openPage(): Promise<Page> {
    const browser = await this.start();
    const page = await Promise.race([browser.newPage(), this.lost]);
    page.setDefaultTimeout(this.timeout);
    await this.confine(page);
    trace('browser: page open');
    const preload = this.options.preload?.();
    if (preload) await Promise.race([page.setContent(preload, { waitUntil: 'load' }), this.lost]);
    trace('browser: page preloaded');
    return page;
  }

  /**
   * Launch the browser and ready one page (with its preloaded document) in
   * the background, while the caller does other work: the first print then
   * finds a page waiting. Failures surface at the first withPage().
   */
  warm(): void {
    if (this.closed || this.warming) return;
    this.warming = true;
    this.start().catch(() => undefined);
    if (this.open > 0 || this.free.length > 0) return;
    // Claimed by the first acquire(), which would otherwise open a second
    // page; it holds a slot of the pool from now on, so that the pool never
    // has more pages than its limit (each new page decodes the fonts again).
    this.open++;
    this.warmPage = this.firstPage().catch(() => {
      this.open--;
      return undefined;
    });
  }
  private warming = false;
  private warmPage?: Promise<Page | undefined>;

  /** The page Chromium started on the preload document, made a page of the pool; else a new page (its slot counted by warm()). */
  private async firstPage(): Promise<Page> {
    const browser = await this.start();
    const url = this.spawned?.preloadUrl;
    const initial = url ? (await browser.pages()).find((p) => p.url() === url) : undefined;
    if (!initial) return this.openPage();
    initial.setDefaultTimeout(this.timeout);
    // Confined, and loaded (it normally is by now): the fonts decoded, the document there to print into.
    await Promise.all([
      this.confine(initial),
      initial
        .waitForFunction("document.readyState === 'complete' && document.documentElement.hasAttribute('data-lectern-fonts')", {
          timeout: this.timeout,
          polling: POLL_MS,
        })
        .then(() => initial.evaluate(() => document.fonts.ready.then(() => undefined))),
    ]);
    trace('browser: first page ready');
    return initial;
  }

  private release(page: Page): void {
    const next = this.waiting.shift();
    if (next) next(page);
    else this.free.push(page);
  }

  /** Pages see only what we give them: every network request is blocked and reported. */
  private async confine(page: Page): Promise<void> {
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      // Embedded data, and opening a local document in the main frame (a deck from disk).
      const localDocument = url.startsWith('file:') && req.isNavigationRequest() && req.frame() === page.mainFrame();
      if (url.startsWith('data:') || url === 'about:blank' || localDocument) {
        void req.continue();
        return;
      }
      this.options.onBlocked?.({
        severity: 'warning',
        code: 'render/request-blocked',
        message: `blocked a request for ${url.slice(0, 200)}`,
        hint: 'decks are rendered offline; embed the resource instead',
      });
      void req.abort('blockedbyclient');
    });
  }

  get started(): boolean {
    return this.launching !== undefined;
  }

  /** Ends the session: the same promise to every caller, so a second caller (a signal handler) waits for the first. */
  close(): Promise<void> {
    this.closing ??= this.shut();
    return this.closing;
  }
  private closing?: Promise<void>;

  private async shut(): Promise<void> {
    this.closed = true;
    const launching = this.launching;
    if (this.options.wsEndpoint) {
      const browser = await launching?.catch(() => undefined);
      await Promise.all([...this.free].map((p) => p.close().catch(() => undefined)));
      await browser?.disconnect();
    } else {
      // Chromium's profile is a temporary folder and nothing of it is kept:
      // end it at once (a polite Browser.close takes a tenth of a second
      // longer; its helper processes go with it either way), wait for the
      // process to be gone, then remove the folder. A launch still under way
      // sees the session closed and stops (or its Chromium is ended here).
      trace('browser: closing');
      if (this.spawned) await endSpawned(this.spawned);
      await launching?.catch(() => undefined);
      if (this.spawned) await endSpawned(this.spawned);
      trace('browser: closed');
    }
    process.removeListener('exit', this.onExit);
  }
}

/**
 * The DevTools address Chromium prints to stderr once it listens
 * ("DevTools listening on ws://…"). Rejects with Chromium's last words if it
 * exits first, or after `timeout` ms.
 */
function devtoolsEndpoint(child: import('node:child_process').ChildProcess, timeout: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => done(new Error(`no answer within ${timeout} ms`)), timeout);
    const onData = (d: Buffer) => {
      seen += d.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) done(undefined, match[1]);
      else if (seen.length > 64_000) seen = seen.slice(-8_000);
    };
    const onExit = (code: number | null, signal: string | null) => {
      const last = seen.trim().split('\n').slice(-3).join(' ').trim();
      done(new Error(`it exited (${signal ?? `code ${code}`})${last ? `: ${last}` : ''}`));
    };
    const onError = (err: Error) => done(err);
    function done(err: Error | undefined, endpoint?: string) {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      // Keep draining stderr, or a chatty Chromium blocks on a full pipe.
      child.stderr?.resume();
      if (err) reject(err);
      else resolve(endpoint!);
    }
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/** SIGKILL to Chromium and every process it started (its group), or to Chromium alone where there are no groups; nothing once it has exited (its group id may be reused). */
function killGroup(child: import('node:child_process').ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Chromium ended and gone, then its profile folder removed (never while it may still write there). */
async function endSpawned(spawned: Spawned): Promise<void> {
  const { child } = spawned;
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  killGroup(child);
  await exited;
  await rm(spawned.userDataDir, { recursive: true, force: true }).catch(() => undefined);
}

/** The last resort at exit, synchronous: kill, and remove the profile, retrying while the dying process lets go of it. */
function endSpawnedNow(spawned: Spawned): void {
  killGroup(spawned.child);
  try {
    rmSync(spawned.userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  } catch {
    // left in the temporary folder
  }
}

interface Spawned {
  child: import('node:child_process').ChildProcess;
  userDataDir: string;
  /** The file URL of the preload document Chromium opened first, if any. */
  preloadUrl?: string;
  /** Set for an early launch, which started listening for the address at once. */
  endpoint?: Promise<string>;
}

/**
 * Chromium with a fresh profile folder, listening for DevTools on a free
 * port, in its own process group (killed as a whole, helpers included, as
 * Puppeteer does). Its first page opens the preload document, written to a
 * file in the profile folder: that page is ready (fonts decoded) without
 * waiting for us, and becomes the first page of the pool (see warm()).
 */
function spawnChromium(executable: string, preload: string | undefined): Spawned {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'lectern-chromium-'));
  let preloadUrl: string | undefined;
  if (preload) {
    const file = path.join(userDataDir, 'lectern-preload.html');
    writeFileSync(file, preload);
    preloadUrl = pathToFileURL(file).href;
  }
  const child = spawn(
    executable,
    [...CHROMIUM_ARGS, ...PUPPETEER_DEFAULT_ARGS, '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, preloadUrl ?? 'about:blank'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: process.platform !== 'win32',
    },
  );
  child.on('error', () => undefined); // reported through devtoolsEndpoint; never an unhandled event
  trace(`browser: spawned (profile ${userDataDir})`);
  return { child, userDataDir, preloadUrl };
}

/** A Chromium started before anything else (launchEarly), waiting for a session to take it. */
let early: (Spawned & { executable: string; preload: boolean; cleanup: () => void }) | undefined;

/**
 * Start Chromium now, before the rest of the command line has even loaded
 * (`bin/lectern.js` calls this for `lectern build`, which prints unless told
 * otherwise): Chromium needs about a second of its own to start, and that
 * second now overlaps all of Lectern's. The first session that needs the same
 * browser takes it over; a build that prints nothing (all up to date, or no
 * PDF asked for) ends it (discardEarly), and so do an exit and Ctrl-C.
 */
export function launchEarly(options: { preload?: () => string } = {}): void {
  if (early) return;
  let executable: string;
  try {
    executable = findBrowser().path;
  } catch {
    return; // the build reports a missing browser if it needs one
  }
  // The handlers first: a Ctrl-C at any moment from here on leaves nothing behind.
  let spawned: Spawned | undefined;
  const atExit = () => spawned && endSpawnedNow(spawned);
  // Ctrl-C or SIGTERM before a build has taken over: end it properly, then
  // exit by the signal, unless a build's own handler is there to do that.
  const onSignal = (signal: NodeJS.Signals) => {
    const handled = process.listenerCount(signal) > 1; // this handler is still one of them
    void discardEarly().finally(() => {
      if (!handled) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    });
  };
  process.once('exit', atExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  spawned = spawnChromium(executable, options.preload?.());
  const endpoint = devtoolsEndpoint(spawned.child, 30_000);
  endpoint.catch(() => undefined);
  early = {
    ...spawned,
    endpoint,
    executable,
    preload: !!options.preload,
    cleanup: () => {
      process.removeListener('exit', atExit);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    },
  };
}

/**
 * The early Chromium, if it is this browser, with preload as wanted and still
 * running: it is then the caller's to end. Any other is ended here.
 */
async function takeEarly(executable: string, preload: (() => string) | undefined): Promise<Spawned | undefined> {
  const found = early;
  if (!found) return undefined;
  if (found.executable === executable && found.preload === !!preload && found.child.exitCode === null && found.child.signalCode === null) {
    early = undefined;
    found.cleanup();
    return found;
  }
  await discardEarly();
  return undefined;
}

/**
 * End an early Chromium nobody took (a build that printed nothing, or was
 * stopped): killed, gone, its profile removed; its exit and signal handlers
 * stay until then.
 */
export function discardEarly(): Promise<void> {
  const found = early;
  if (!found) return discarding ?? Promise.resolve();
  early = undefined;
  discarding = endSpawned(found).finally(() => found.cleanup());
  return discarding;
}
let discarding: Promise<void> | undefined;
