/**
 * The presenter window's words, in real Chromium: on a slide with
 * step-by-step items its counter says which step the lecturer is at, in the
 * lecture's language ("2 / 4 · Шаг 1 из 5"); and a deck file whose settings
 * were cut out (edited by hand) still speaks the catalogue's English, the
 * same words English decks carry (src/messages/en.json).
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/messages/index.js';
import { build } from '../../src/pipeline/build.js';
import { ROOT, tempDir } from '../helpers/project.js';
import { hall, openDeck, type Hall } from './hall-setup.js';

const counter = (page: Page) => page.$eval('.lectern-pv-counter', (e) => e.textContent);

describe('the presenter window’s words', () => {
  let h: Hall;
  let file = '';

  beforeAll(async () => {
    // The formulas lecture (Russian): slide 2 reveals five items, slide 4 two.
    const dir = await tempDir();
    await cp(path.join(ROOT, 'tests/fixtures/formulas'), dir, { recursive: true });
    await build({ cwd: dir, formats: ['html'], force: true });
    file = path.join(dir, 'out', 'formulas.html');
    h = await hall();
  }, 60_000);
  afterAll(() => h?.close());

  it('counts the steps of a slide that reveals its items, in the lecture’s words', async () => {
    const { page, seen } = await openDeck(h.context, `${pathToFileURL(file).href}?presenter#1`);
    expect(await counter(page)).toBe('1 / 4');
    await page.keyboard.press('ArrowRight');
    expect(await counter(page)).toBe('2 / 4 · Шаг 0 из 5');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await counter(page)).toBe('2 / 4 · Шаг 2 из 5');
    await page.keyboard.press('End');
    expect(await counter(page)).toBe('4 / 4 · Шаг 2 из 2');
    await page.keyboard.press('ArrowLeft');
    expect(await counter(page)).toBe('4 / 4 · Шаг 1 из 2');
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('speaks the English catalogue’s words when the file lost its settings', async () => {
    const html = await readFile(file, 'utf8');
    const bare = html.replace(/<script type="application\/json" id="lectern-(config|notes)">[\s\S]*?<\/script>\n?/g, '');
    expect(bare).not.toContain('id="lectern-config"');
    const edited = path.join(path.dirname(file), 'edited.html');
    await writeFile(edited, bare);
    const en = messagesFor('en');
    const { page, seen } = await openDeck(h.context, `${pathToFileURL(edited).href}?presenter#2`);
    expect(await page.$eval('.lectern-pv-empty', (e) => e.textContent)).toBe(en.ui.notesOmitted);
    expect(await page.$eval('.lectern-pv-next-title, #lectern-pv-next-title', (e) => e.textContent)).toBe(en.ui.upNext);
    expect(await counter(page)).toBe(`2 / 4 · ${en.ui.step} 0 ${en.deck.of} 5`);
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});
