/**
 * The HTML deck as a lecturer and their audience use it, in real Chromium:
 * keys, clicks, swipes and the address bar move the slide; the overview and
 * blackout; a presenter window that follows and leads; printing; access for
 * keyboard and screen-reader users; and a published file without notes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AxeResults } from 'axe-core';
import { PDFDocument } from 'pdf-lib';
import type { Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { createComposer, loadTemplateSet } from '../../src/compose/templates.js';
import { resolveOutline } from '../../src/deck/resolve.js';
import type { Deck } from '../../src/deck/model.js';
import { loadOutline } from '../../src/outline/load.js';
import type { BrowserSession } from '../../src/print/browser/index.js';
import { SlideRenderer, type RenderedSlides } from '../../src/render/marp.js';
import { deckDocument } from '../../src/render/page.js';
import { exampleProject, sharedSession } from '../helpers/project.js';

const SENTENCE = 'К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина.';
const require = createRequire(import.meta.url);

/** What a page did that a self-contained deck must not: console errors, uncaught exceptions, requests. */
interface Watch {
  errors: string[];
  requests: string[];
  stop(): void;
}

function watch(page: Page, fileUrl: string): Watch {
  const errors: string[] = [];
  const requests: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === 'error') errors.push(m.text());
  };
  const onError = (e: unknown) => errors.push(String(e));
  const onRequest = (r: { url(): string }) => {
    const url = r.url();
    if (!url.startsWith('data:') && url.replace(/[?#].*$/, '') !== fileUrl) requests.push(url);
  };
  page.on('console', onConsole);
  page.on('pageerror', onError);
  page.on('request', onRequest);
  return {
    errors,
    requests,
    stop() {
      page.off('console', onConsole);
      page.off('pageerror', onError);
      page.off('request', onRequest);
    },
  };
}

/** Indexes of the slides a viewer can see. */
function visibleSlides(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.lectern-deck svg[data-marpit-svg]')].flatMap((s, i) => {
      const style = getComputedStyle(s);
      const box = s.getBoundingClientRect();
      return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0 ? [i] : [];
    }),
  );
}

const hash = (page: Page) => page.evaluate(() => location.hash);

async function waitForSlide(page: Page, index: number): Promise<void> {
  await page.waitForFunction(
    (i) => {
      const slides = [...document.querySelectorAll('.lectern-deck svg[data-marpit-svg]')];
      return slides[i] && getComputedStyle(slides[i]).display !== 'none';
    },
    { timeout: 5000 },
    index,
  );
}

describe('the HTML deck in a browser', () => {
  let dir: string;
  let session: BrowserSession;
  let file: string;
  let fileUrl: string;
  let deck: Deck;
  let slides: RenderedSlides;
  let count: number;
  /** Position of the slide with `id: terms` (its notes cite conv#p2.s2-s4). */
  let terms: number;

  beforeAll(async () => {
    dir = await exampleProject();
    session = sharedSession();
    const outlineFile = path.join(dir, 'outlines', 'ussr-japan-1925.yaml');
    const result = await build({ cwd: dir, session, formats: ['html'], outlines: [outlineFile] });
    count = [...result.slides.values()][0]!;
    file = path.join(dir, 'out', 'ussr-japan-1925.html');
    fileUrl = pathToFileURL(file).href;
    // The same deck model, for what the tests compare against.
    const outline = await loadOutline(outlineFile);
    const set = await loadTemplateSet([]);
    deck = (await resolveOutline(outline, { layouts: set.layouts })).deck;
    slides = new SlideRenderer(set).render(createComposer(set).compose(deck));
    terms = deck.slides.findIndex((s) => s.id === 'terms');
  });
  afterAll(() => session.close());

  /** Open a deck file in a pooled page at a projector's size, watching what it does. */
  async function withDeck<T>(url: string, fn: (page: Page, seen: Watch) => Promise<T>): Promise<T> {
    return session.withPage(async (page) => {
      const seen = watch(page, url.replace(/[?#].*$/, ''));
      try {
        await page.setViewport({ width: 1280, height: 720 });
        await page.goto(url, { waitUntil: 'load' });
        await page.waitForFunction(() => document.documentElement.classList.contains('lectern-js'));
        const result = await fn(page, seen);
        expect(seen.errors).toEqual([]);
        expect(seen.requests).toEqual([]);
        return result;
      } finally {
        seen.stop();
        await page.goto('about:blank');
      }
    });
  }

  it('has one slide of the deck model per labelled region, in the outline language', async () => {
    const html = await readFile(file, 'utf8');
    expect(count).toBe(deck.slides.length);
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain("default-src 'none'");
    const labels = [...html.matchAll(/<svg role="region" aria-roledescription="слайд" aria-label="([^"]*)"/g)].map((m) => m[1]);
    expect(labels).toHaveLength(count);
    expect(labels[terms]).toBe(`Слайд ${terms + 1} из ${count}: Основные положения`);
    // Everything is inline: one script, no src/href to anything.
    expect(html).not.toMatch(/<script[^>]+\bsrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(?:src|href)=["']?(?!data:|#)[a-z]+:/i);
  });

  it('moves with the keys a lecturer and a clicker use, and the hash follows', async () => {
    await withDeck(fileUrl, async (page) => {
      expect(await visibleSlides(page)).toEqual([0]);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('PageDown');
      await page.keyboard.press(' ');
      expect(await visibleSlides(page)).toEqual([3]);
      expect(await hash(page)).toBe('#4');
      await page.keyboard.press('PageUp');
      expect(await visibleSlides(page)).toEqual([2]);
      await page.keyboard.press('ArrowLeft');
      expect(await visibleSlides(page)).toEqual([1]);
      await page.keyboard.press('End');
      expect(await visibleSlides(page)).toEqual([count - 1]);
      expect(await hash(page)).toBe(`#${count}`);
      await page.keyboard.press('ArrowRight');
      expect(await visibleSlides(page)).toEqual([count - 1]);
      await page.keyboard.press('Home');
      expect(await visibleSlides(page)).toEqual([0]);
      expect(await hash(page)).toBe('#1');
      // The progress bar grows with the slide.
      await page.keyboard.press('End');
      await page.waitForFunction(() => document.querySelector('.lectern-progress')!.getBoundingClientRect().width > 1279, { timeout: 2000 });
    });
  });

  it('opens on the slide in the hash, follows a typed hash, and the back button returns', async () => {
    await withDeck(`${fileUrl}#5`, async (page) => {
      expect(await visibleSlides(page)).toEqual([4]);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await visibleSlides(page)).toEqual([6]);
      await page.evaluate(() => history.back());
      await waitForSlide(page, 5);
      expect(await visibleSlides(page)).toEqual([5]);
      expect(await hash(page)).toBe('#6');
      await page.evaluate(() => history.back());
      await waitForSlide(page, 4);
      expect(await hash(page)).toBe('#5');
      await page.evaluate(() => history.forward());
      await waitForSlide(page, 5);
      await page.evaluate(() => (location.hash = '#9'));
      await waitForSlide(page, 8);
      expect(await visibleSlides(page)).toEqual([8]);
    });
    // A number past the end shows the last slide, and says so in the address.
    await withDeck(`${fileUrl}#999`, async (page) => {
      expect(await visibleSlides(page)).toEqual([count - 1]);
      expect(await hash(page)).toBe(`#${count}`);
    });
  });

  it('goes to a slide typed as digits and Enter', async () => {
    await withDeck(fileUrl, async (page) => {
      await page.keyboard.type('12');
      expect(await page.$eval('.lectern-goto', (e) => !(e as HTMLElement).hidden && e.textContent)).toContain('12');
      expect(await visibleSlides(page)).toEqual([0]);
      await page.keyboard.press('Enter');
      expect(await visibleSlides(page)).toEqual([11]);
      expect(await hash(page)).toBe('#12');
      expect(await page.$eval('.lectern-goto', (e) => (e as HTMLElement).hidden)).toBe(true);
      // Escape forgets what was typed.
      await page.keyboard.type('3');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      expect(await visibleSlides(page)).toEqual([11]);
    });
  });

  it('goes forward on a click or tap in the right two-thirds, back in the left third, and with swipes', async () => {
    await withDeck(fileUrl, async (page) => {
      await page.mouse.click(1000, 360);
      expect(await visibleSlides(page)).toEqual([1]);
      await page.mouse.click(500, 600);
      expect(await visibleSlides(page)).toEqual([2]);
      await page.mouse.click(200, 360);
      expect(await visibleSlides(page)).toEqual([1]);
      // A swipe to the left goes forward, to the right back.
      await page.touchscreen.touchStart(900, 360);
      await page.touchscreen.touchMove(600, 370);
      await page.touchscreen.touchMove(400, 370);
      await page.touchscreen.touchEnd();
      expect(await visibleSlides(page)).toEqual([2]);
      await page.touchscreen.touchStart(300, 360);
      await page.touchscreen.touchMove(700, 350);
      await page.touchscreen.touchMove(900, 350);
      await page.touchscreen.touchEnd();
      expect(await visibleSlides(page)).toEqual([1]);
    });
  });

  it('blacks the screen out with b or . and comes back on the next key', async () => {
    await withDeck(`${fileUrl}#4`, async (page) => {
      const black = () => page.$eval('.lectern-black', (e) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width === 1280);
      expect(await black()).toBe(false);
      await page.keyboard.press('b');
      expect(await black()).toBe(true);
      expect(await page.$eval('.lectern-status', (e) => e.textContent)).toBe('Экран затемнён');
      await page.keyboard.press('ArrowRight');
      expect(await black()).toBe(false);
      expect(await visibleSlides(page)).toEqual([3]);
      await page.keyboard.press('.');
      expect(await black()).toBe(true);
      await page.keyboard.press('.');
      expect(await black()).toBe(false);
    });
  });

  it('goes full screen with f and back with f', async () => {
    await withDeck(fileUrl, async (page) => {
      await page.keyboard.press('f');
      await page.waitForFunction(() => document.fullscreenElement === document.documentElement, { timeout: 5000 });
      await page.keyboard.press('f');
      await page.waitForFunction(() => document.fullscreenElement === null, { timeout: 5000 });
    });
  });

  it('announces each slide in a live region', async () => {
    await withDeck(fileUrl, async (page) => {
      expect(await page.$eval('.lectern-status', (e) => [e.getAttribute('role'), e.getAttribute('aria-live')])).toEqual(['status', 'polite']);
      await page.keyboard.press('ArrowRight');
      expect(await page.$eval('.lectern-status', (e) => e.textContent)).toBe(`Слайд 2 из ${count}: План лекции`);
      const hidden = await page.$$eval('.lectern-deck svg[data-marpit-svg]', (all) => all.map((s) => s.getAttribute('aria-hidden')));
      expect(hidden.filter((h) => h === 'true')).toHaveLength(count - 1);
      expect(hidden[1]).toBeNull();
    });
  });

  it('opens an overview with o, jumps to a clicked thumbnail, and closes with Esc', async () => {
    await withDeck(`${fileUrl}#3`, async (page) => {
      const open = () =>
        page.evaluate(() => {
          const o = document.querySelector<HTMLElement>('.lectern-overview');
          return !!o && getComputedStyle(o).display !== 'none';
        });
      await page.keyboard.press('o');
      expect(await open()).toBe(true);
      const thumbs = await page.$$('.lectern-thumb');
      expect(thumbs).toHaveLength(count);
      // The current slide is marked and focused.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('3Слайд 3 из 15: Путь к нормализации');
      expect(await page.$eval('.lectern-thumb[aria-current="true"]', (e) => e.textContent)).toMatch(/^3Слайд 3 из/);
      // Thumbnails are pictures of the slides, not blank boxes.
      expect(await page.$eval('.lectern-grid li:nth-child(7) > .marpit section h1', (e) => [e.textContent, e.getBoundingClientRect().height > 10])).toEqual([
        'Основные положения',
        true,
      ]);
      await thumbs[6]!.click();
      expect(await open()).toBe(false);
      expect(await visibleSlides(page)).toEqual([6]);
      expect(await hash(page)).toBe('#7');
      // o opens it again (Esc never does: see hall-keys.test.ts); Esc closes it where we were.
      await page.keyboard.press('o');
      expect(await open()).toBe(true);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Escape');
      expect(await open()).toBe(false);
      expect(await visibleSlides(page)).toEqual([6]);
      // Arrows and Enter choose a slide.
      await page.keyboard.press('o');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      expect(await open()).toBe(false);
      expect(await visibleSlides(page)).toEqual([8]);
      // Down goes a row further.
      await page.keyboard.press('o');
      const columns = await page.$$eval(
        '.lectern-thumb',
        (all) => all.filter((b) => Math.abs(b.getBoundingClientRect().top - all[0]!.getBoundingClientRect().top) < 2).length,
      );
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await visibleSlides(page)).toEqual([columns]);
    });
  });

  it('opens a presenter window with p that follows the deck and drives it', async () => {
    await withDeck(fileUrl, async (page) => {
      const browser = page.browser();
      const opened = browser.waitForTarget((t: Target) => t.opener() === page.target(), { timeout: 10_000 });
      await page.keyboard.press('p');
      const popup = (await (await opened).page())!;
      expect(popup).toBeTruthy();
      const seen = watch(popup, fileUrl);
      try {
        await popup.setViewport({ width: 1280, height: 800 });
        await popup.waitForFunction(
          () => document.documentElement.classList.contains('lectern-presenter') && document.querySelector('.lectern-pv-counter')?.textContent !== '',
        );
        expect(await popup.evaluate(() => location.search)).toBe('?presenter');
        const notes = () => popup.$eval('.lectern-pv-notes-body', (e) => e.textContent ?? '');
        const counter = () => popup.$eval('.lectern-pv-counter', (e) => e.textContent);

        // The main window leads: the presenter follows to "terms" and shows its notes (the passage's text).
        await page.keyboard.type(String(terms + 1));
        await page.keyboard.press('Enter');
        await popup.waitForFunction((n) => document.querySelector('.lectern-pv-counter')?.textContent?.startsWith(`${n} /`), { timeout: 5000 }, terms + 1);
        expect(await visibleSlides(popup)).toEqual([terms]);
        expect(await notes()).toContain(SENTENCE);
        expect(await notes()).toContain('Вывод войск с Северного Сахалина — главная уступка Японии.');
        expect(await notes()).toContain('[1, п. 2]');
        // The next slide is shown too, and the clocks run.
        expect(await popup.$eval('.lectern-pv-next-view svg', (e) => e.querySelector('h1')?.textContent)).toBe(deck.slides[terms + 1]!.title);
        expect(await popup.$eval('.lectern-pv-elapsed', (e) => e.textContent)).toMatch(/^\d\d:\d\d:\d\d$/);
        expect(await popup.$eval('.lectern-pv-clock', (e) => e.textContent)).toMatch(/\d\d:\d\d/);

        // The presenter leads: → in the presenter window moves the main window.
        await popup.keyboard.press('ArrowRight');
        await waitForSlide(page, terms + 1);
        expect(await visibleSlides(page)).toEqual([terms + 1]);
        expect(await hash(page)).toBe(`#${terms + 2}`);
        expect(await counter()).toBe(`${terms + 2} / ${count}`);
        await popup.keyboard.press('Home');
        await waitForSlide(page, 0);
        expect(await notes()).toContain('Тема лекции');

        // Blacking out from the presenter darkens the audience's screen, not the presenter's.
        await popup.keyboard.press('b');
        await page.waitForFunction(() => !document.querySelector<HTMLElement>('.lectern-black')!.hidden, { timeout: 5000 });
        expect(await popup.$eval('.lectern-pv-black', (e) => (e as HTMLElement).hidden)).toBe(false);
        expect(await visibleSlides(popup)).toEqual([0]);
        await page.keyboard.press('b');
        await popup.waitForFunction(() => document.querySelector<HTMLElement>('.lectern-pv-black')!.hidden, { timeout: 5000 });

        // A reloaded presenter window finds the deck again.
        await page.keyboard.press('End');
        await popup.reload({ waitUntil: 'load' });
        await popup.waitForFunction((n) => document.querySelector('.lectern-pv-counter')?.textContent === `${n} / ${n}`, { timeout: 5000 }, count);
        expect(await notes()).toBe('К этому слайду заметок нет');
        await popup.keyboard.press('ArrowLeft');
        await waitForSlide(page, count - 2);
        // p again brings the same window forward rather than opening another.
        await page.keyboard.press('p');
        await new Promise((r) => setTimeout(r, 300));
        const presenters = (await browser.pages()).filter((p) => p.url().includes('?presenter'));
        expect(presenters).toHaveLength(1);
        expect(seen.errors).toEqual([]);
        expect(seen.requests).toEqual([]);
      } finally {
        seen.stop();
        await popup.close();
      }
    });
  });

  it('runs axe-core on every slide, the overview and the presenter view with no serious or critical violation', async () => {
    const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    type Found = { where: string; id: string; impact: string | null | undefined; nodes: string[] };
    const serious = (where: string, result: AxeResults): Found[] =>
      result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ where, id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    /** The whole page, or only the slide showing (the page-wide rules need checking once). */
    const axe = (page: Page, slideOnly = false) =>
      page.evaluate((only) => {
        const { axe } = window as unknown as { axe: { run(context?: Element): Promise<AxeResults> } };
        return only ? axe.run(document.querySelector('.lectern-deck svg.active')!) : axe.run();
      }, slideOnly);
    const found: Found[] = [];
    await withDeck(fileUrl, async (page) => {
      await page.addScriptTag({ content: axeSource });
      for (let i = 0; i < count; i++) {
        await page.evaluate((n) => (location.hash = `#${n}`), i + 1);
        await waitForSlide(page, i);
        found.push(...serious(`slide ${i + 1}`, await axe(page, i > 0)));
      }
      // The toolbar, as a keyboard user sees it.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('.lectern-bar') !== null)).toBe(true);
      expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
      await page.waitForFunction(() => getComputedStyle(document.querySelector('.lectern-bar')!).opacity === '1', { timeout: 2000 });
      found.push(...serious('toolbar', await axe(page)));
      await page.keyboard.press('o');
      found.push(...serious('overview', await axe(page)));
    });
    await withDeck(`${fileUrl}?presenter#${terms + 1}`, async (page) => {
      await page.addScriptTag({ content: axeSource });
      found.push(...serious('presenter', await axe(page)));
    });
    expect(JSON.stringify(found, null, 1)).toBe('[]');
  });

  it('prints one page per slide, whatever slide is showing', async () => {
    await withDeck(`${fileUrl}#5`, async (page) => {
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const doc = await PDFDocument.load(pdf);
      expect(doc.getPageCount()).toBe(count);
      const { width, height } = doc.getPage(0).getSize();
      expect(width / height).toBeCloseTo(16 / 9, 2);
    });
  });

  it('leaves every speaker note out of a deck published without notes', async () => {
    const withNotes = await deckDocument(deck, slides);
    const without = await deckDocument(deck, slides, { notes: false });
    const shown = slides.html
      .replace(/<[^>]*>/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ');
    const notes = deck.slides.flatMap((s) => s.notes.map((n) => n.text)).filter((t) => t.length > 0);
    const privateNotes = notes.filter((t) => !shown.includes(t));
    expect(privateNotes.length).toBeGreaterThanOrEqual(8);
    // (Large documents: compare booleans, so that a failure does not print the whole file.)
    expect(withNotes.includes('<script type="application/json" id="lectern-notes">')).toBe(true);
    expect(without.includes('id="lectern-notes"')).toBe(false);
    for (const text of privateNotes) {
      expect(withNotes.includes(text), text).toBe(true);
      for (const form of [text, JSON.stringify(text).slice(1, -1)]) expect(without.includes(form), form).toBe(false);
    }
    // The presenter view says that the file has no notes.
    const published = path.join(dir, 'out', 'published.html');
    await writeFile(published, without);
    await withDeck(`${pathToFileURL(published).href}?presenter#2`, async (page) => {
      expect(await page.$eval('.lectern-pv-notes-body', (e) => e.textContent)).toBe('Файл собран без заметок докладчика');
      expect(await page.$eval('.lectern-pv-link', (e) => e.textContent)).toContain('Нет связи');
    });
  });

  it('keeps a note that looks like markup as text', async () => {
    const trap = 'a </script><script>window.pwned = 1</script> <!-- b & <b>c</b> \u2028';
    const tricky: Deck = { ...deck, slides: deck.slides.map((s, i) => (i === 0 ? { ...s, notes: [{ text: trap }] } : s)) };
    const html = await deckDocument(tricky, slides);
    const target = path.join(dir, 'out', 'tricky.html');
    await writeFile(target, html);
    await withDeck(`${pathToFileURL(target).href}?presenter#1`, async (page) => {
      expect(await page.$eval('.lectern-pv-notes-body p', (e) => e.textContent)).toBe(trap);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    });
  });
});
