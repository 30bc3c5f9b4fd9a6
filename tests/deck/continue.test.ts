/**
 * Continued slides: long bullet lists and passages go on onto further slides
 * instead of being cut off, and each slide is filled before the next begins.
 */
import { describe, expect, it } from 'vitest';
import { loadOutline } from '../../src/outline/load.js';
import { resolveOutline } from '../../src/deck/resolve.js';
import { SourceCache } from '../../src/deck/source-cache.js';
import { exampleProject, writeFiles } from '../helpers/project.js';
import path from 'node:path';

async function deckOf(dir: string, yaml: string) {
  await writeFiles(dir, { 'outlines/c.yaml': yaml });
  const outline = await loadOutline(path.join(dir, 'outlines/c.yaml'));
  return (await resolveOutline(outline, { sourceCache: new SourceCache() })).deck;
}

describe('continued slides', () => {
  it('a bullet list too long for one slide continues on the next, each slide citing its own bullets', async () => {
    const dir = await exampleProject();
    const bullets = Array.from(
      { length: 14 },
      (_, i) => `      - text: Пункт ${i + 1} — достаточно длинный, чтобы занять почти целую строку слайда\n        ref: conv#p${(i % 3) + 2}.s1\n`,
    ).join('');
    const deck = await deckOf(
      dir,
      `title: C\nlang: ru\nsources:\n  conv: ../sources/ussr-japan-1925.txt\nslides:\n  - title: Много пунктов\n    bullets:\n${bullets}    notes: Заметка\n`,
    );
    expect(deck.slides.length).toBeGreaterThan(1);
    expect(deck.slides.map((s) => s.continued)).toEqual(deck.slides.map((_, i) => i > 0));
    expect(deck.slides.flatMap((s) => s.bullets.map((b) => b.text))).toEqual(
      Array.from({ length: 14 }, (_, i) => `Пункт ${i + 1} — достаточно длинный, чтобы занять почти целую строку слайда`),
    );
    // Notes stay with the first slide; each slide cites what it shows.
    expect(deck.slides[0]!.notes.length).toBe(1);
    expect(deck.slides.slice(1).every((s) => s.notes.length === 0)).toBe(true);
    for (const s of deck.slides) expect(s.citations.map((c) => c.address).sort()).toEqual([...new Set(s.bullets.map((b) => b.citation!.address))].sort());
  });

  it('a short list stays on one slide', async () => {
    const dir = await exampleProject();
    const deck = await deckOf(
      dir,
      'title: C\nlang: ru\nsources:\n  conv: ../sources/ussr-japan-1925.txt\nslides:\n  - title: Пункты\n    bullets:\n      - ref: conv#p2.s1\n      - ref: conv#p2.s2\n      - ref: conv#p2.s3\n',
    );
    expect(deck.slides.length).toBe(1);
  });

  it('a passage fills a slide before continuing: a short first paragraph shares its slide with the start of the next', async () => {
    const dir = await exampleProject();
    const short = 'Первый абзац короткий.';
    const long = Array.from({ length: 12 }, (_, i) => `Предложение номер ${i + 1} второго абзаца, довольно длинное, чтобы занять место.`).join(' ');
    await writeFiles(dir, { 'sources/two.txt': `${short}\n\n${long}\n` });
    const deck = await deckOf(
      dir,
      'title: C\nlang: ru\nsources:\n  two: ../sources/two.txt\nslides:\n  - title: Текст\n    layout: text\n    text:\n      - ref: two#p1-p2\n',
    );
    expect(deck.slides.length).toBe(2);
    const first = deck.slides[0]!.paragraphs.map((p) => p.text);
    expect(first[0]).toBe(short);
    // The second paragraph begins on the first slide, which is no longer half empty…
    expect(first[1]).toMatch(/^Предложение номер 1 /);
    expect(first.join(' ').length).toBeGreaterThan(450);
    // …and every sentence appears once, in order.
    const all = deck.slides.flatMap((s) => s.paragraphs.map((p) => p.text)).join(' ');
    expect(all).toBe(`${short} ${long}`);
  });
});
