/**
 * The deck's keys in front of an audience (issue 19, items 1 and 7), in real
 * Chromium: after a click on a toolbar button Space still moves on and the
 * toolbar hides; a clicker's "start/stop show" (F5, Shift+F5, Esc) and
 * "black screen" (b, .) keys never show the overview grid; Esc only leaves
 * what is open; links to a slide by its heading id open that slide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExample, hall, openDeck, overviewShown, shown, sleep, type Hall, type HallDeck } from './hall-setup.js';

/** Percent-encoded, as Marp writes the heading's id and as an address bar shows it. */
const TERMS_ID = encodeURIComponent('основные-положения');
const TERMS = 6;

describe('the deck in front of an audience: keys and links', () => {
  let deck: HallDeck;
  let h: Hall;

  beforeAll(async () => {
    deck = await buildExample();
    h = await hall();
  });
  afterAll(() => h?.close());

  it('moves on with Space after a click on any toolbar button, and the toolbar then hides', async () => {
    const { page, seen } = await openDeck(h.context, deck.url);
    const bar = (label: string) => `.lectern-bar button[aria-label="${label}"]`;
    await page.mouse.move(640, 300);
    await page.click(bar('Следующий слайд'));
    expect(await shown(page)).toBe(1);
    await page.keyboard.press(' ');
    expect(await shown(page)).toBe(2);
    // After "previous", Space goes forward, not back again.
    await page.click(bar('Предыдущий слайд'));
    expect(await shown(page)).toBe(1);
    await page.keyboard.press(' ');
    expect(await shown(page)).toBe(2);
    await page.keyboard.press('Enter');
    expect(await shown(page)).toBe(2);
    // Full screen from its button; Space then moves on and full screen stays.
    await page.click(bar('Во весь экран'));
    await page.waitForFunction(() => document.fullscreenElement !== null, { timeout: 5000 });
    await page.keyboard.press(' ');
    expect(await shown(page)).toBe(3);
    await sleep(300);
    expect(await page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest('.lectern-bar') ?? null)).toBeNull();
    // The toolbar fades once the pointer rests (2.5 s), though a button was clicked.
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.lectern-bar')!).opacity === '0', { timeout: 5000 });
    // Overview from its button, closed with Esc: Space moves on, the toolbar hides.
    await page.click(bar('Обзор слайдов'));
    expect(await overviewShown(page)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await overviewShown(page)).toBe(false);
    await page.keyboard.press(' ');
    expect(await shown(page)).toBe(4);
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.lectern-bar')!).opacity === '0', { timeout: 5000 });
    await page.evaluate(() => document.exitFullscreen());
    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
    await page.close();
  });

  it('keeps the toolbar a keyboard user reaches with Tab working, and Space still the deck’s', async () => {
    const { page } = await openDeck(h.context, deck.url);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Предыдущий слайд');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.lectern-bar')!).opacity === '1', { timeout: 2000 });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Следующий слайд');
    await page.keyboard.press('Enter');
    expect(await shown(page)).toBe(1);
    await page.keyboard.press(' ');
    expect(await shown(page)).toBe(2);
    await page.close();
  });

  it('never shows the overview for a clicker’s start/stop and black-screen keys; Esc leaves blackout and full screen; o opens the overview', async () => {
    const { page, seen } = await openDeck(h.context, `${deck.url}#3`);
    await page.evaluate(() => ((window as unknown as { loaded: boolean }).loaded = true));
    const black = () => page.$eval('.lectern-black', (e) => !(e as HTMLElement).hidden);
    const full = () => page.evaluate(() => document.fullscreenElement !== null);
    // F5 starts the show: full screen, no reload.
    await page.keyboard.press('F5');
    await page.waitForFunction(() => document.fullscreenElement !== null, { timeout: 5000 });
    expect(await page.evaluate(() => (window as unknown as { loaded?: boolean }).loaded)).toBe(true);
    expect(await overviewShown(page)).toBe(false);
    // Pressed again (the key toggles on some clickers), the show stays on.
    await page.keyboard.down('Shift');
    await page.keyboard.press('F5');
    await page.keyboard.up('Shift');
    await sleep(200);
    expect(await full()).toBe(true);
    expect(await overviewShown(page)).toBe(false);
    // Esc ends the show; pressed again with nothing open, it does nothing.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.fullscreenElement === null, { timeout: 5000 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    expect(await overviewShown(page)).toBe(false);
    expect(await shown(page)).toBe(2);
    // The black-screen keys: b and the full stop; Esc also brings the slide back.
    for (const key of ['b', '.', 'B'] as const) {
      await page.keyboard.press(key);
      expect(await black()).toBe(true);
      expect(await overviewShown(page)).toBe(false);
      await page.keyboard.press('Escape');
      expect(await black()).toBe(false);
      expect(await overviewShown(page)).toBe(false);
    }
    expect(await shown(page)).toBe(2);
    // A clicker alternating F5 and Esc a few times: never the grid.
    for (const key of ['F5', 'Escape', 'F5', 'Escape', '.', '.', 'Escape'] as const) {
      await page.keyboard.press(key);
      expect(await overviewShown(page)).toBe(false);
    }
    if (await full()) await page.evaluate(() => document.exitFullscreen());
    // The overview's key is o; Esc (or o) closes it, F5 closes it and starts the show.
    await page.keyboard.press('o');
    expect(await overviewShown(page)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await overviewShown(page)).toBe(false);
    await page.keyboard.press('o');
    await page.keyboard.press('F5');
    expect(await overviewShown(page)).toBe(false);
    await page.waitForFunction(() => document.fullscreenElement !== null, { timeout: 5000 });
    await page.evaluate(() => document.exitFullscreen());
    expect(await shown(page)).toBe(2);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('opens the slide of a heading id in the address, percent-encoded or not, and follows such links', async () => {
    // Marp's id of the heading «Основные положения» is itself percent-encoded.
    const { page, seen } = await openDeck(h.context, `${deck.url}#${TERMS_ID}`);
    expect(await page.evaluate((id) => document.getElementById(id)?.textContent, TERMS_ID)).toBe('Основные положения');
    expect(await shown(page)).toBe(TERMS);
    await page.keyboard.press('ArrowRight');
    expect(await shown(page)).toBe(TERMS + 1);
    expect(await page.evaluate(() => location.hash)).toBe(`#${TERMS + 2}`);
    // A link followed in the page.
    await page.evaluate((id) => {
      const a = document.createElement('a');
      a.href = `#${id}`;
      document.body.append(a);
      a.click();
      a.remove();
    }, TERMS_ID);
    await page.waitForFunction(
      (i) => document.querySelectorAll('.lectern-deck svg[data-marpit-svg]')[i]?.classList.contains('active'),
      { timeout: 5000 },
      TERMS,
    );
    // Typed with Cyrillic letters: the address bar encodes it.
    await page.goto('about:blank');
    await page.goto(`${deck.url}#основные-положения`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.classList.contains('lectern-js'));
    expect(await shown(page)).toBe(TERMS);
    // The title slide's subtitle, a section slide's title.
    await page.evaluate(() => (location.hash = `#${encodeURIComponent('путь-к-нормализации')}`));
    await page.waitForFunction(() => document.querySelectorAll('.lectern-deck svg[data-marpit-svg]')[2]?.classList.contains('active'), { timeout: 5000 });
    // The presenter window too.
    const presenter = await openDeck(h.context, `${deck.url}?presenter#${TERMS_ID}`, { width: 1280, height: 800 });
    expect(await shown(presenter.page)).toBe(TERMS);
    expect(await presenter.page.$eval('.lectern-pv-counter', (e) => e.textContent)).toBe(`${TERMS + 1} / ${deck.count}`);
    expect(seen.errors).toEqual([]);
    expect(presenter.seen.errors).toEqual([]);
    await presenter.page.close();
    await page.close();
  });
});
