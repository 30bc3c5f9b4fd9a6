/**
 * The run's browser as a small pool of pages: launched at most once per run,
 * lazily (or taken over from the early Chromium), shared by all printing, and
 * closed on every exit path (including Ctrl-C and SIGTERM). Callers get a page
 * and never manage the browser's lifecycle; every page is confined (no
 * network).
 */
import type { Browser, Page } from 'puppeteer-core';
import { EXIT, LecternError, type Problem } from '../../errors.js';
import { trace } from '../../trace.js';
import { findBrowser, type FindOptions } from './find.js';
import { devtoolsEndpoint, endChromium, endChromiumNow, hasExited, spawnChromium, type SpawnedChromium } from './chromium.js';
import { earlyChromium, type EarlyChromium } from './early.js';

// Puppeteer takes a quarter of a second to import: load it only when a browser is needed.
const loadPuppeteer = async () => (await import('puppeteer-core')).default;

/**
 * How often a condition is checked in a page: on a timer, never on animation
 * frames (Puppeteer's default), which a pooled page that is not the visible
 * tab does not get — a wait there could last until the timeout.
 */
export const POLL_MS = 20;

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
  /** The early Chromium to take over if it is this browser (default: the process's one). */
  early?: EarlyChromium;
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
  private readonly onExit = () => this.spawned && endChromiumNow(this.spawned);
  /** The Chromium this session launched (or took over from the early start). */
  private spawned?: SpawnedChromium;

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
    // A Chromium started before the command line loaded (EarlyChromium) is used if it is the same browser and alive.
    const early = await (this.options.early ?? earlyChromium).take(found.path, this.options.preload);
    let endpoint: Promise<string> | undefined;
    let spawned: SpawnedChromium;
    if (early) {
      spawned = early;
      endpoint = early.endpoint.catch(async () => {
        // It died: end it properly and start another.
        await endChromium(early);
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
        if (hasExited(child)) gone();
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
      if (this.spawned) await endChromium(this.spawned);
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
      if (this.spawned) await endChromium(this.spawned);
      await launching?.catch(() => undefined);
      if (this.spawned) await endChromium(this.spawned);
      trace('browser: closed');
    }
    process.removeListener('exit', this.onExit);
  }
}
