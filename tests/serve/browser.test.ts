/**
 * In a real browser (the test run's shared Chromium): a deck open at slide 3
 * reloads itself at slide 3 when the outline changes, and shows a broken
 * outline's error over the last good deck until it is fixed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { afterEach, expect, it } from 'vitest';
import type { BrowserSession } from '../../src/print/browser/index.js';
import { OVERLAY_ID } from '../../src/serve/client.js';
import { sharedSession } from '../helpers/project.js';
import { DECK, startExample, type Started } from './helpers.js';

let s: Started | undefined;
let session: BrowserSession | undefined;
let page: Page | undefined;

afterEach(async () => {
  await page?.close().catch(() => undefined);
  await session?.close();
  await s?.handle.close();
  page = undefined;
  session = undefined;
  s = undefined;
});

/** The 1-based number of the slide shown. */
const shownSlide = (p: Page) =>
  p.evaluate(
    () => Array.from(document.querySelectorAll('.lectern-deck > .marpit > svg[data-marpit-svg]')).findIndex((svg) => svg.classList.contains('active')) + 1,
  );

it('reloads an open deck at the slide it was on, and shows a failed build over the last good deck', async () => {
  s = await startExample();
  session = sharedSession();
  const browser = await session.start();
  page = await browser.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(`${s.handle.url}${DECK}#3`, { waitUntil: 'load' });
  await page.waitForSelector('svg.active');
  expect(await shownSlide(page)).toBe(3);
  expect(await page.evaluate(() => document.querySelector('svg.active')?.textContent)).toContain('Путь к нормализации');

  // Change slide 3's title: the page reloads by itself, still at #3, with the new text.
  const text = await readFile(s.outline, 'utf8');
  await page.evaluate(() => ((window as unknown as { beforeReload: boolean }).beforeReload = true));
  const built = s.handle.nextBuild();
  await writeFile(s.outline, text.replace('title: Путь к нормализации', 'title: Путь к нормализации — обновлено'));
  expect((await built).ok).toBe(true);
  await page.waitForFunction(() => !(window as unknown as { beforeReload?: boolean }).beforeReload && document.querySelector('svg.active'), {
    timeout: 10_000,
  });
  expect(await page.evaluate(() => location.hash)).toBe('#3');
  expect(await shownSlide(page)).toBe(3);
  expect(await page.evaluate(() => document.querySelector('svg.active')?.textContent)).toContain('Путь к нормализации — обновлено');

  // Break the outline: the error shows over the deck, which stays as it was.
  await page.evaluate(() => ((window as unknown as { beforeError: boolean }).beforeError = true));
  const failed = s.handle.nextBuild();
  await writeFile(s.outline, text.replace('ref: conv#p1.s1', 'ref: conv#p99.s1'));
  expect((await failed).ok).toBe(false);
  const overlay = await page.waitForSelector(`#${OVERLAY_ID}`, { visible: true, timeout: 10_000 });
  const message = await overlay!.evaluate((e) => e.textContent ?? '');
  expect(message).toContain('outlines/ussr-japan-1925.yaml:');
  expect(message).toContain('p99');
  expect(await page.evaluate(() => (window as unknown as { beforeError?: boolean }).beforeError)).toBe(true); // not reloaded
  expect(await shownSlide(page)).toBe(3);
  expect(await page.evaluate(() => document.querySelector('svg.active')?.textContent)).toContain('Путь к нормализации — обновлено');

  // Fix it: the overlay goes away with the reload.
  const fixed = s.handle.nextBuild();
  await writeFile(s.outline, text);
  expect((await fixed).ok).toBe(true);
  await page.waitForFunction(
    (id) => !document.getElementById(id) && !(window as unknown as { beforeError?: boolean }).beforeError && document.querySelector('svg.active'),
    { timeout: 10_000 },
    OVERLAY_ID,
  );
  expect(await page.evaluate(() => location.hash)).toBe('#3');
  expect(await page.evaluate(() => document.querySelector('svg.active')?.textContent)).not.toContain('обновлено');
  expect(consoleErrors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
});
