/**
 * The example deck for the lecture-hall tests (tests/render/hall-*.test.ts):
 * built once per test file into a temporary project, and opened in the test
 * run's Chromium in a browser context of its own (its own localStorage and
 * sessionStorage; other tests' pages untouched), with what the page does
 * that a self-contained deck must not (console errors, exceptions, requests)
 * collected.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { inject } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { exampleProject, sharedSession } from '../helpers/project.js';

export interface HallDeck {
  dir: string;
  /** file:// address of out/ussr-japan-1925.html */
  url: string;
  count: number;
}

export async function buildExample(): Promise<HallDeck> {
  const dir = await exampleProject();
  const session = sharedSession();
  try {
    const outline = path.join(dir, 'outlines', 'ussr-japan-1925.yaml');
    const result = await build({ cwd: dir, session, formats: ['html'], outlines: [outline] });
    const count = [...result.slides.values()][0]!;
    return { dir, url: pathToFileURL(path.join(dir, 'out', 'ussr-japan-1925.html')).href, count };
  } finally {
    await session.close();
  }
}

export interface Hall {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** A browser context of its own on the shared Chromium. */
export async function hall(): Promise<Hall> {
  const browser = await puppeteer.connect({ browserWSEndpoint: inject('browserWSEndpoint') });
  const context = await browser.createBrowserContext();
  return {
    browser,
    context,
    async close() {
      await context.close();
      await browser.disconnect();
    },
  };
}

export interface Watched {
  errors: string[];
  requests: string[];
}

/** Record console errors, uncaught exceptions and requests for anything but the deck itself and data: URLs. */
export function watch(page: Page, fileUrl: string): Watched {
  const seen: Watched = { errors: [], requests: [] };
  const file = fileUrl.replace(/[?#].*$/, '');
  page.on('console', (m) => {
    if (m.type() === 'error') seen.errors.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('data:') && url.replace(/[?#].*$/, '') !== file) seen.requests.push(url);
  });
  return seen;
}

/** Open a deck address in a new page of the context at a size, once its script has run. */
export async function openDeck(
  context: BrowserContext,
  url: string,
  size = { width: 1280, height: 720 },
  beforeLoad?: string,
): Promise<{ page: Page; seen: Watched }> {
  const page = await context.newPage();
  const seen = watch(page, url);
  await page.setViewport(size);
  if (beforeLoad) await page.evaluateOnNewDocument(beforeLoad);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.classList.contains('lectern-js'));
  return { page, seen };
}

/** Index of the slide showing (-1 when none). */
export function shown(page: Page): Promise<number> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.lectern-deck > .marpit > svg[data-marpit-svg]')].findIndex((s) => getComputedStyle(s).display !== 'none'),
  );
}

/** Whether the overview grid is on screen. */
export function overviewShown(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const o = document.querySelector('.lectern-overview');
    return !!o && getComputedStyle(o).display !== 'none';
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
