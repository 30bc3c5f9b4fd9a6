/**
 * Step-by-step reveals in the HTML deck (issue 20), in real Chromium: a list
 * marked for reveal (marp-core's fragmented list, `*` markers) shows one more
 * item per key, click or swipe, then the deck moves on; back hides the last
 * item, and from the next slide comes back to this one finished; the address
 * keeps the step (#2.1) and a reload lands there; the overview shows finished
 * slides and lands on a slide's first step; the live region says each item as
 * it appears; the presenter window follows the steps and shows the next step
 * as "next".
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AxeResults } from 'axe-core';
import type { Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { exampleProject, sharedSession, writeFiles } from '../helpers/project.js';
import { STEPS_OUTLINE } from '../helpers/steps-outline.js';
import { hall, openDeck, shown, watch, type Hall } from './hall-setup.js';

/** The reveal slide's items a viewer sees, by their own text (sub-items apart). */
function visibleItems(page: Page, slide = 1): Promise<string[]> {
  return page.evaluate((n) => {
    const svg = document.querySelectorAll('.lectern-deck svg[data-marpit-svg]')[n]!;
    return [...svg.querySelectorAll('li')]
      .filter((li) => getComputedStyle(li).visibility === 'visible' && getComputedStyle(svg).display !== 'none')
      .map((li) => (li.firstChild?.textContent ?? '').replace(/\u00ad/g, '').trim());
  }, slide);
}

const require = createRequire(import.meta.url);
const hash = (page: Page) => page.evaluate(() => location.hash);
const status = (page: Page) => page.$eval('.lectern-status', (e) => e.textContent ?? '');

describe('step-by-step reveals in the deck', () => {
  let url: string;
  let h: Hall;

  beforeAll(async () => {
    const dir = await exampleProject();
    await writeFiles(dir, { 'outlines/steps.yaml': STEPS_OUTLINE });
    const session = sharedSession();
    try {
      await build({ cwd: dir, session, formats: ['html'], outlines: ['outlines/steps.yaml'] });
    } finally {
      await session.close();
    }
    url = pathToFileURL(path.join(dir, 'out', 'steps.html')).href;
    h = await hall();
  });
  afterAll(() => h?.close());

  it('takes one key per item, then moves on; back hides the last item and returns to a finished slide', async () => {
    const { page, seen } = await openDeck(h.context, `${url}#2`);
    expect(await shown(page)).toBe(1);
    expect(await visibleItems(page)).toEqual([]);
    // Every item is in the page, and the slide keeps its place for each: only their visibility changes.
    expect(await page.$$eval('.lectern-deck svg[data-marpit-svg]:nth-of-type(2) li', (l) => l.length)).toBe(4);

    await page.keyboard.press('ArrowRight');
    expect(await visibleItems(page)).toEqual(['First point']);
    expect(await hash(page)).toBe('#2.1');
    expect(await status(page)).toBe('First point');
    await page.keyboard.press(' ');
    expect(await visibleItems(page)).toEqual(['First point', 'Its detail']);
    expect(await status(page)).toBe('Its detail');
    await page.keyboard.press('PageDown');
    await page.mouse.click(1000, 360); // a click on the right two thirds: forward
    expect(await visibleItems(page)).toEqual(['First point', 'Its detail', 'Second point', 'Third point']);
    expect(await hash(page)).toBe('#2.4');
    expect(await shown(page)).toBe(1);
    await page.keyboard.press('ArrowRight');
    expect(await shown(page)).toBe(2);
    expect(await hash(page)).toBe('#3');

    // Back: the reveal slide finished, then one item fewer per key; the live region says where it is.
    await page.keyboard.press('ArrowLeft');
    expect(await shown(page)).toBe(1);
    expect(await visibleItems(page)).toHaveLength(4);
    expect(await hash(page)).toBe('#2.4');
    await page.keyboard.press('ArrowLeft');
    expect(await visibleItems(page)).toEqual(['First point', 'Its detail', 'Second point']);
    expect(await status(page)).toBe('Step 3 of 4');
    await page.mouse.click(100, 360); // the left third: back
    await page.keyboard.press('PageUp');
    expect(await visibleItems(page)).toEqual(['First point']);
    expect(await hash(page)).toBe('#2.1');
    // Half revealed, the slide gives axe nothing to report.
    await page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const axe = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    // The browser's Back goes to the slide before (steps replace their slide's entry, not add to the history); Forward returns to the step.
    await page.goBack();
    await page.waitForFunction(() => location.hash === '#3', { timeout: 3000 });
    expect(await shown(page)).toBe(2);
    await page.goForward();
    await page.waitForFunction(() => location.hash === '#2.1', { timeout: 3000 });
    expect(await visibleItems(page)).toEqual(['First point']);
    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
    await page.close();
  });

  it('keeps the step in the address: a reload lands on it, a step past the last shows the slide finished', async () => {
    const { page } = await openDeck(h.context, `${url}#2.2`);
    expect(await visibleItems(page)).toEqual(['First point', 'Its detail']);
    await page.keyboard.press('ArrowRight');
    expect(await hash(page)).toBe('#2.3');
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.classList.contains('lectern-js'));
    expect(await shown(page)).toBe(1);
    expect(await visibleItems(page)).toEqual(['First point', 'Its detail', 'Second point']);
    await page.goto(`${url}#2.9`, { waitUntil: 'load' });
    await page.waitForFunction(() => location.hash === '#2.4', { timeout: 3000 });
    expect(await visibleItems(page)).toHaveLength(4);
    // A typed hash while the deck is open moves to that step.
    await page.evaluate(() => (location.hash = '#2.1'));
    await page.waitForFunction(() => getComputedStyle(document.querySelectorAll('.lectern-deck svg li')[2]!).visibility === 'hidden', { timeout: 3000 });
    expect(await visibleItems(page)).toEqual(['First point']);
    await page.close();
  });

  it('shows finished slides in the overview and lands on a slide’s first step from it and from typed digits', async () => {
    const { page } = await openDeck(h.context, `${url}#3`);
    await page.keyboard.press('o');
    const thumbItems = await page.$$eval('.lectern-grid > li:nth-child(2) li', (items) => items.map((li) => getComputedStyle(li).visibility));
    expect(thumbItems).toEqual(['visible', 'visible', 'visible', 'visible']);
    await page.click('.lectern-grid > li:nth-child(2) button');
    expect(await shown(page)).toBe(1);
    expect(await visibleItems(page)).toEqual([]);
    expect(await hash(page)).toBe('#2');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    expect(await shown(page)).toBe(2);
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    expect(await visibleItems(page)).toEqual([]);
    // End shows the last slide; Home the first, as it starts.
    await page.keyboard.press('End');
    expect(await shown(page)).toBe(2);
    await page.keyboard.press('Home');
    expect(await shown(page)).toBe(0);
    await page.close();
  });

  it('moves the presenter window with the steps, shows the next step as next, and is led by it', async () => {
    const { page, seen } = await openDeck(h.context, `${url}#2`);
    const opened = h.browser.waitForTarget((t: Target) => t.opener() === page.target(), { timeout: 10_000 });
    await page.keyboard.press('p');
    const popup = (await (await opened).page())!;
    const popupSeen = watch(popup, url);
    try {
      await popup.setViewport({ width: 1280, height: 800 });
      await popup.waitForFunction(() => document.documentElement.classList.contains('lectern-presenter') && location.hash === '#2', { timeout: 10_000 });
      const nextItems = () => popup.$$eval('.lectern-pv-next-view li', (items) => items.filter((li) => getComputedStyle(li).visibility === 'visible').length);
      // At the slide's start, "next" is the same slide with its first item.
      expect(await visibleItems(popup)).toEqual([]);
      expect(await nextItems()).toBe(1);
      await page.keyboard.press('ArrowRight');
      await popup.waitForFunction(() => location.hash === '#2.1', { timeout: 5000 });
      expect(await visibleItems(popup)).toEqual(['First point']);
      expect(await nextItems()).toBe(2);
      // The presenter leads: → there reveals the next item in the audience window.
      await popup.keyboard.press('ArrowRight');
      await page.waitForFunction(() => location.hash === '#2.2', { timeout: 5000 });
      expect(await visibleItems(page)).toEqual(['First point', 'Its detail']);
      await popup.keyboard.press('ArrowRight');
      await popup.keyboard.press('ArrowRight');
      await page.waitForFunction(() => location.hash === '#2.4', { timeout: 5000 });
      // Finished: "next" is the next slide.
      expect(await popup.$eval('.lectern-pv-next-view svg', (s) => s.textContent?.replace(/\u00ad/g, '') ?? '')).toContain('After');
      await popup.keyboard.press('ArrowLeft');
      await page.waitForFunction(() => location.hash === '#2.3', { timeout: 5000 });
      expect(await visibleItems(page)).toHaveLength(3);
      const dir = path.join(os.tmpdir(), 'lectern-h4-shots');
      await mkdir(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, 'reveal-audience.png') });
      await popup.screenshot({ path: path.join(dir, 'reveal-presenter.png') });
      expect(seen.errors).toEqual([]);
      expect(popupSeen.errors).toEqual([]);
    } finally {
      await popup.close();
      await page.close();
    }
  });
});
