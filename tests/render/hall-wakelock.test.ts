/**
 * The screen stays on while the deck is shown (issue 19, item 2), in real
 * Chromium with navigator.wakeLock replaced before the deck's script runs, to
 * see what the deck asks for: a screen wake lock at once, released when the
 * page is hidden, asked for again when it is shown; in both windows; and no
 * error where the API is missing.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExample, hall, openDeck, sleep, type Hall, type HallDeck } from './hall-setup.js';

/** Runs in the page before the deck's script: a fake Wake Lock API and a page visibility the test sets. */
const STUB = `
(() => {
  const log = [];
  let visibility = 'visible';
  Object.defineProperty(window, 'wakeLog', { value: log });
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => visibility });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => visibility !== 'visible' });
  Object.defineProperty(window, 'setVisible', {
    value: (visible) => {
      visibility = visible ? 'visible' : 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
    },
  });
  const wakeLock = {
    request: async (type) => {
      log.push('request ' + type);
      const sentinel = new EventTarget();
      sentinel.type = type;
      sentinel.released = false;
      sentinel.release = async () => {
        if (sentinel.released) return;
        sentinel.released = true;
        log.push('release');
        sentinel.dispatchEvent(new Event('release'));
      };
      return sentinel;
    },
  };
  Object.defineProperty(Navigator.prototype, 'wakeLock', { configurable: true, get: () => wakeLock });
})();
`;

/** A browser without the API. */
const MISSING = `Object.defineProperty(Navigator.prototype, 'wakeLock', { configurable: true, get: () => undefined });`;

const log = (page: Page) => page.evaluate(() => [...(window as unknown as { wakeLog: string[] }).wakeLog]);
const setVisible = (page: Page, visible: boolean) => page.evaluate((v) => (window as unknown as { setVisible(v: boolean): void }).setVisible(v), visible);

describe('the screen wake lock', () => {
  let deck: HallDeck;
  let h: Hall;

  beforeAll(async () => {
    deck = await buildExample();
    h = await hall();
  });
  afterAll(() => h?.close());

  for (const [where, suffix] of [
    ['the audience window', '#2'],
    ['the presenter window', '?presenter#2'],
  ] as const) {
    it(`is requested while ${where} is shown, released when hidden, requested again when shown`, async () => {
      const { page, seen } = await openDeck(h.context, `${deck.url}${suffix}`, undefined, STUB);
      await page.waitForFunction(() => (window as unknown as { wakeLog: string[] }).wakeLog.length > 0, { timeout: 3000 });
      expect(await log(page)).toEqual(['request screen']);
      // Moving through the slides asks for nothing more: one lock held.
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await sleep(100);
      expect(await log(page)).toEqual(['request screen']);
      // Another tab in front, the laptop's lid closed: released.
      await setVisible(page, false);
      await page.waitForFunction(() => (window as unknown as { wakeLog: string[] }).wakeLog.length === 2, { timeout: 3000 });
      expect(await log(page)).toEqual(['request screen', 'release']);
      // A key pressed while hidden (a clicker) asks for nothing.
      await page.keyboard.press('ArrowRight');
      await sleep(100);
      expect(await log(page)).toEqual(['request screen', 'release']);
      await setVisible(page, true);
      await page.waitForFunction(() => (window as unknown as { wakeLog: string[] }).wakeLog.length === 3, { timeout: 3000 });
      expect(await log(page)).toEqual(['request screen', 'release', 'request screen']);
      expect(seen.errors).toEqual([]);
      await page.close();
    });
  }

  it('changes nothing where the browser has no wake lock, and Chromium’s own works without an error', async () => {
    for (const script of [MISSING, undefined]) {
      const { page, seen } = await openDeck(h.context, `${deck.url}#3`, undefined, script);
      await page.keyboard.press('ArrowRight');
      await sleep(200);
      expect(await page.evaluate(() => location.hash)).toBe('#4');
      expect(seen.errors).toEqual([]);
      await page.close();
    }
  });
});
