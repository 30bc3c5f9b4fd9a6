/**
 * The presenter window at a laptop's 1280×800 (issue 19, items 3 and 7), in
 * real Chromium: notes stay inside their box and scroll; focused, ↑ and ↓
 * scroll them while PageUp/PageDown still change slides; + and - (and two
 * labelled buttons) make them larger and smaller, and the choice survives a
 * reload; the elapsed-time clock survives a reload of the window.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExample, hall, openDeck, shown, sleep, type Hall, type HallDeck } from './hall-setup.js';

const LAPTOP = { width: 1280, height: 800 };

/** The notes' box and text: sizes, scrolling, and whether anything sticks out of the box or the window. */
function notesBox(page: Page) {
  return page.$eval('.lectern-pv-notes-body', (body) => {
    const box = body.getBoundingClientRect();
    const panel = body.parentElement!.getBoundingClientRect();
    return {
      fontSize: getComputedStyle(body).fontSize,
      scrollTop: body.scrollTop,
      scrolls: body.scrollHeight > body.clientHeight + 1,
      overflowY: getComputedStyle(body).overflowY,
      wide: body.scrollWidth > body.clientWidth + 1,
      inPanel: box.top >= panel.top - 0.5 && box.bottom <= panel.bottom + 0.5 && box.left >= panel.left - 0.5 && box.right <= panel.right + 0.5,
      inWindow: panel.bottom <= innerHeight + 0.5 && panel.right <= innerWidth + 0.5,
    };
  });
}

const counter = (page: Page) => page.$eval('.lectern-pv-counter', (e) => e.textContent);

describe('the presenter window on a laptop', () => {
  let deck: HallDeck;
  let h: Hall;

  beforeAll(async () => {
    deck = await buildExample();
    h = await hall();
  });
  afterAll(() => h?.close());

  it('keeps every slide’s notes inside their box, scrolling the long ones', async () => {
    const { page, seen } = await openDeck(h.context, `${deck.url}?presenter#1`, LAPTOP);
    let scrolling = 0;
    for (let i = 0; i < deck.count; i++) {
      if (i > 0) await page.keyboard.press('PageDown');
      expect(await counter(page)).toBe(`${i + 1} / ${deck.count}`);
      const box = await notesBox(page);
      expect(box, `slide ${i + 1}`).toMatchObject({ inPanel: true, inWindow: true, wide: false, overflowY: 'auto' });
      if (box.scrolls) scrolling++;
    }
    // At 24 px, several of the example's notes are longer than the box (slide 13's twice its height).
    expect(scrolling).toBeGreaterThanOrEqual(3);
    // Nothing else on the page spills past the window either.
    expect(await page.evaluate(() => [document.documentElement.scrollWidth <= innerWidth, document.documentElement.scrollHeight <= innerHeight])).toEqual([
      true,
      true,
    ]);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('scrolls focused notes with ↑ and ↓, while PageUp/PageDown and → still change slides', async () => {
    const { page } = await openDeck(h.context, `${deck.url}?presenter#13`, LAPTOP);
    expect((await notesBox(page)).scrolls).toBe(true);
    await page.click('.lectern-pv-notes-body');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('lectern-pv-notes-body'))).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('.lectern-pv-notes-body')!.scrollTop > 20, { timeout: 3000 });
    expect(await counter(page)).toBe(`13 / ${deck.count}`);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => document.querySelector('.lectern-pv-notes-body')!.scrollTop === 0, { timeout: 3000 });
    expect(await counter(page)).toBe(`13 / ${deck.count}`);
    // A clicker's keys still change slides, notes focused or not.
    await page.keyboard.press('PageDown');
    expect(await counter(page)).toBe(`14 / ${deck.count}`);
    await page.keyboard.press('PageUp');
    expect(await counter(page)).toBe(`13 / ${deck.count}`);
    await page.keyboard.press('ArrowRight');
    expect(await counter(page)).toBe(`14 / ${deck.count}`);
    // Not focused, ↓ changes the slide as everywhere else.
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await page.keyboard.press('ArrowDown');
    expect(await counter(page)).toBe(`15 / ${deck.count}`);
    await page.close();
  });

  it('makes the notes larger and smaller with + and - and with labelled buttons, and remembers the size', async () => {
    const { page, seen } = await openDeck(h.context, `${deck.url}?presenter#7`, LAPTOP);
    const size = async () => Number.parseFloat((await notesBox(page)).fontSize);
    expect(await size()).toBe(24);
    await page.keyboard.press('+');
    const larger = await size();
    expect(larger).toBeGreaterThan(24);
    await page.keyboard.press('+');
    expect(await size()).toBeGreaterThan(larger);
    await page.keyboard.press('-');
    expect(await size()).toBe(larger);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    expect(await size()).toBeLessThan(24);
    // The buttons, by their accessible names.
    const names = await page.$$eval('.lectern-pv-sizes button', (all) => all.map((b) => b.getAttribute('aria-label')));
    expect(names).toEqual(['Уменьшить текст заметок', 'Увеличить текст заметок']);
    await page.click('.lectern-pv-sizes button[aria-label="Увеличить текст заметок"]');
    await page.click('.lectern-pv-sizes button[aria-label="Увеличить текст заметок"]');
    await page.click('.lectern-pv-sizes button[aria-label="Увеличить текст заметок"]');
    const chosen = await size();
    expect(chosen).toBeGreaterThan(larger);
    // A click leaves the keys to the deck: Space moves on.
    await page.keyboard.press(' ');
    expect(await counter(page)).toBe(`8 / ${deck.count}`);
    // The largest size still fits the box: it scrolls, nothing sticks out.
    for (let i = 0; i < 12; i++) await page.keyboard.press('+');
    expect(await page.$eval('.lectern-pv-sizes button[aria-label="Увеличить текст заметок"]', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(await notesBox(page)).toMatchObject({ inPanel: true, inWindow: true, wide: false });
    for (let i = 0; i < 12; i++) await page.keyboard.press('-');
    for (let i = 0; i < 7; i++) await page.keyboard.press('+');
    const kept = await size();
    // Kept across a reload, and for a presenter window opened later.
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.classList.contains('lectern-js'));
    expect(await size()).toBe(kept);
    const other = await openDeck(h.context, `${deck.url}?presenter#2`, LAPTOP);
    expect(Number.parseFloat(await other.page.$eval('.lectern-pv-notes-body', (e) => getComputedStyle(e).fontSize))).toBe(kept);
    await other.page.close();
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('keeps counting the elapsed time through a reload of the presenter window, until reset', async () => {
    const { page, seen } = await openDeck(h.context, `${deck.url}?presenter#3`, LAPTOP);
    const elapsed = () => page.$eval('.lectern-pv-elapsed', (e) => e.textContent ?? '');
    const seconds = async () => {
      const [hh, mm, ss] = (await elapsed()).split(':').map(Number);
      return hh! * 3600 + mm! * 60 + ss!;
    };
    expect(await seconds()).toBeLessThanOrEqual(1);
    await sleep(2200);
    expect(await seconds()).toBeGreaterThanOrEqual(2);
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.classList.contains('lectern-js'));
    // Right after the reload: still counting from the first start, not from zero.
    expect(await seconds()).toBeGreaterThanOrEqual(2);
    // A lecture an hour and a bit in: the time is kept, not made up.
    await page.evaluate(() => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('lectern:timer:'))!;
      sessionStorage.setItem(key, String(Date.now() - (3600 + 125) * 1000));
    });
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.classList.contains('lectern-js'));
    expect(await elapsed()).toMatch(/^01:02:0[5-7]$/);
    expect(await counter(page)).toBe(`3 / ${deck.count}`);
    // r resets it, and a reload keeps the reset.
    await page.keyboard.press('r');
    expect(await seconds()).toBeLessThanOrEqual(1);
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.classList.contains('lectern-js'));
    expect(await seconds()).toBeLessThanOrEqual(2);
    expect(await shown(page)).toBe(2);
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});
