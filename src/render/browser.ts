/**
 * Chromium: found once, launched at most once per run, lazily, shared by all
 * printing through a small pool of pages, and closed on every exit path
 * (including Ctrl-C and SIGTERM). Callers get a page and never manage the
 * browser's lifecycle.
 *
 * Discovery order: an explicit path (flag, config, LECTERN_BROWSER or
 * PUPPETEER_EXECUTABLE_PATH), then the usual system paths (/usr/bin/chromium
 * first, as on Debian), then Puppeteer's own download cache.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'puppeteer';

// Puppeteer takes half a second to import: load it only when a browser is needed.
const loadPuppeteer = async () => (await import('puppeteer')).default;
const require = createRequire(import.meta.url);
import { EXIT, LecternError, type Problem } from '../errors.js';

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

export interface FindOptions {
  /** --browser flag or config `browser:`. */
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  /** For tests: the system paths to try. */
  systemPaths?: string[];
  /** For tests: Puppeteer's cache path (default: puppeteer.executablePath()). */
  puppeteerPath?: () => string | undefined;
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
      { severity: 'error', code: 'browser/not-found', message: `the browser set by ${via} does not exist: ${candidate}`, hint: 'fix the path, or unset it to use the system Chromium' },
      EXIT.environment,
    );
  }
  for (const candidate of options.systemPaths ?? SYSTEM_BROWSERS) {
    if (existsSync(candidate)) return { path: candidate, via: 'system' };
  }
  let cached: string | undefined;
  try {
    cached = (options.puppeteerPath ?? (() => (require('puppeteer') as { executablePath(): string }).executablePath()))();
  } catch {
    cached = undefined;
  }
  if (cached && existsSync(cached)) return { path: cached, via: 'puppeteer cache' };
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
}

/**
 * One browser for the whole run. `start()` may be called early to overlap the
 * launch with other work; `withPage()` starts it if needed.
 */
export class BrowserSession {
  private launching?: Promise<Browser>;
  private userDataDir?: string;
  private free: Page[] = [];
  private waiting: Array<(p: Page) => void> = [];
  private open = 0;
  private closed = false;
  /** Last resort when the process exits without close(): kill Chromium synchronously. */
  private readonly onExit = () => void this.child?.kill('SIGKILL');
  private child?: import('node:child_process').ChildProcess;

  constructor(private readonly options: SessionOptions = {}) {}

  get timeout(): number {
    return this.options.timeout ?? 60_000;
  }

  start(): Promise<Browser> {
    if (this.closed) return Promise.reject(new Error('browser session is closed'));
    this.launching ??= this.launch();
    return this.launching;
  }

  private async launch(): Promise<Browser> {
    const puppeteer = await loadPuppeteer();
    if (this.options.wsEndpoint) return puppeteer.connect({ browserWSEndpoint: this.options.wsEndpoint, protocolTimeout: this.timeout });
    const found = findBrowser(this.options);
    this.userDataDir = await mkdtemp(path.join(os.tmpdir(), 'lectern-chromium-'));
    process.once('exit', this.onExit);
    try {
      // Puppeteer can wait forever on a browser killed while it starts: bound the wait.
      let timer: NodeJS.Timeout | undefined;
      const stuck = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.timeout} ms`)), this.timeout);
      });
      const browser = await Promise.race([stuck, puppeteer.launch({
        executablePath: found.path,
        headless: true,
        args: [...CHROMIUM_ARGS, `--user-data-dir=${this.userDataDir}`],
        userDataDir: this.userDataDir,
        timeout: this.timeout,
        protocolTimeout: this.timeout,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      })]).finally(() => clearTimeout(timer));
      this.child = browser.process() ?? undefined;
      this.lost.catch(() => undefined); // observed by withPage; never unhandled
      browser.on('disconnected', () => {
        if (!this.closed) this.lostReject?.(new Error('Chromium exited or crashed'));
      });
      return browser;
    } catch (err) {
      await rm(this.userDataDir, { recursive: true, force: true });
      throw new LecternError(
        { severity: 'error', code: 'browser/launch', message: `Chromium at ${found.path} (${found.via}) did not start: ${(err as Error).message.split('\n')[0]}`, hint: 'check that it runs: `chromium --headless --version`' },
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
    if (this.open < (this.options.pages ?? 2)) {
      this.open++;
      try {
        const browser = await this.start();
        const page = await Promise.race([browser.newPage(), this.lost]);
        page.setDefaultTimeout(this.timeout);
        await this.confine(page);
        return page;
      } catch (err) {
        this.open--;
        throw err;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
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
      this.options.onBlocked?.({ severity: 'warning', code: 'render/request-blocked', message: `blocked a request for ${url.slice(0, 200)}`, hint: 'decks are rendered offline; embed the resource instead' });
      void req.abort('blockedbyclient');
    });
  }

  get started(): boolean {
    return this.launching !== undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    process.removeListener('exit', this.onExit);
    const launching = this.launching;
    if (launching) {
      try {
        const browser = await launching;
        if (this.options.wsEndpoint) {
          await Promise.all([...this.free].map((p) => p.close().catch(() => undefined)));
          await browser.disconnect();
        } else {
          // A dead or stuck browser may never answer close(): give it a moment, then kill it.
          let timer: NodeJS.Timeout | undefined;
          const closed = browser.close().then(() => true, () => false);
          const inTime = await Promise.race([closed, new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 3000)))]);
          clearTimeout(timer); // a pending timer would keep the process alive
          if (!inTime) browser.process()?.kill('SIGKILL');
        }
      } catch {
        // launch failed: nothing to close
      }
    }
    if (this.userDataDir) await rm(this.userDataDir, { recursive: true, force: true }).catch(() => undefined);
  }
}
