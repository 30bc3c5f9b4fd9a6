/**
 * axe-core (its default rules: WCAG 2 A/AA and best practices) on the example
 * deck as an audience and a presenter meet it (issue 19, item 9), in real
 * Chromium: every slide, the toolbar, the overview, the presenter window
 * (title, content and section slides, long notes, its overview). Violations of
 * any impact count.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExample, hall, openDeck, overviewShown, type Hall, type HallDeck } from './hall-setup.js';

const require = createRequire(import.meta.url);

interface Found {
  where: string;
  id: string;
  impact: string | null | undefined;
  nodes: string[];
}

describe('axe on the deck, its overview and the presenter window', () => {
  let deck: HallDeck;
  let h: Hall;
  let axeSource: string;

  beforeAll(async () => {
    deck = await buildExample();
    h = await hall();
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  });
  afterAll(() => h?.close());

  const run = async (page: Page, where: string): Promise<Found[]> => {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
    return result.violations.map((v) => ({ where, id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  };

  it('finds nothing on any slide, the toolbar or the overview', async () => {
    const { page, seen } = await openDeck(h.context, deck.url);
    const found: Found[] = [];
    for (let i = 0; i < deck.count; i++) {
      if (i > 0) await page.keyboard.press('ArrowRight');
      await page.waitForFunction((n) => document.querySelectorAll('.lectern-deck svg[data-marpit-svg]')[n]?.classList.contains('active'), { timeout: 3000 }, i);
      found.push(...(await run(page, `slide ${i + 1}`)));
    }
    // The toolbar, shown to a keyboard user.
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.lectern-bar')!).opacity === '1', { timeout: 2000 });
    found.push(...(await run(page, 'toolbar')));
    await page.keyboard.press('Escape');
    await page.keyboard.press('o');
    expect(await overviewShown(page)).toBe(true);
    found.push(...(await run(page, 'overview')));
    expect(JSON.stringify(found, null, 1)).toBe('[]');
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('finds nothing in the presenter window', async () => {
    const found: Found[] = [];
    const { page, seen } = await openDeck(h.context, `${deck.url}?presenter#1`, { width: 1280, height: 800 });
    // The title slide, a content slide, a section slide, the longest notes, the last slide.
    for (const n of [1, 2, 3, 7, 13, deck.count]) {
      await page.keyboard.type(String(n));
      await page.keyboard.press('Enter');
      await page.waitForFunction((k) => document.querySelector('.lectern-pv-counter')?.textContent?.startsWith(`${k} /`), { timeout: 3000 }, n);
      found.push(...(await run(page, `presenter, slide ${n}`)));
    }
    // Notes focused and made larger; its overview.
    await page.click('.lectern-pv-notes-body');
    await page.keyboard.press('+');
    found.push(...(await run(page, 'presenter, notes focused')));
    await page.keyboard.press('o');
    expect(await overviewShown(page)).toBe(true);
    found.push(...(await run(page, 'presenter, overview')));
    expect(JSON.stringify(found, null, 1)).toBe('[]');
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});
