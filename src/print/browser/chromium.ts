/**
 * The Chromium process: started by Lectern itself (not by puppeteer.launch(),
 * so that starting it does not wait for Puppeteer to load), with a fresh
 * profile folder, in a process group of its own; ended as a whole, helpers
 * included, and its profile removed once it has gone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { trace } from '../../trace.js';

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

export interface SpawnedChromium {
  child: ChildProcess;
  userDataDir: string;
  /** The file URL of the preload document Chromium opened first, if any. */
  preloadUrl?: string;
}

/**
 * Chromium with a fresh profile folder, listening for DevTools on a free
 * port, in its own process group (killed as a whole, helpers included, as
 * Puppeteer does). Its first page opens the preload document, written to a
 * file in the profile folder: that page is ready (fonts decoded) without
 * waiting for us, and becomes the first page of the pool (see
 * BrowserSession.warm()).
 */
export function spawnChromium(executable: string, preload: string | undefined): SpawnedChromium {
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

/**
 * The DevTools address Chromium prints to stderr once it listens
 * ("DevTools listening on ws://…"). Rejects with Chromium's last words if it
 * exits first, or after `timeout` ms.
 */
export function devtoolsEndpoint(child: ChildProcess, timeout: number): Promise<string> {
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

/** Whether the process has exited (or was killed by a signal). */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGKILL to Chromium and every process it started (its group), or to Chromium alone where there are no groups; nothing once it has exited (its group id may be reused). */
function killGroup(child: ChildProcess): void {
  if (hasExited(child)) return;
  try {
    if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Chromium ended and gone, then its profile folder removed (never while it may still write there). */
export async function endChromium(spawned: SpawnedChromium): Promise<void> {
  const { child } = spawned;
  const exited = new Promise<void>((resolve) => (hasExited(child) ? resolve() : child.once('exit', () => resolve())));
  killGroup(child);
  await exited;
  await rm(spawned.userDataDir, { recursive: true, force: true }).catch(() => undefined);
}

/** The last resort at exit, synchronous: kill, and remove the profile, retrying while the dying process lets go of it. */
export function endChromiumNow(spawned: SpawnedChromium): void {
  killGroup(spawned.child);
  try {
    rmSync(spawned.userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  } catch {
    // left in the temporary folder
  }
}
