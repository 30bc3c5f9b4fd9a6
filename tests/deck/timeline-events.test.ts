import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/sources/dates/index.js';
import { shortenSentence, timelineEvents } from '../../src/deck/timeline.js';
import { buildSource, loadSource, type Source } from '../../src/sources/source.js';
import { ROOT } from '../helpers/project.js';

const EXAMPLE = path.join(ROOT, 'sources', 'ussr-japan-1925.txt');

function everySentence(source: Source) {
  return source.paragraphs.flatMap((paragraph) => paragraph.sentences.map((sentence) => ({ paragraph, sentence })));
}

/** Every word of the result (ellipses aside) is a whole word of the original. */
function expectWholeWords(original: string, shortened: string): void {
  const words = new Set(original.split(/\s+/));
  const parts = shortened.replace(/…/g, ' ').split(/\s+/).filter(Boolean);
  for (const [i, w] of parts.entries()) {
    // The last and first words may have lost a clause mark ("1905 г.," → "1905 г.").
    const ok = words.has(w) || [...words].some((o) => o.replace(/[,;:]$/, '') === w || (i === 0 && o === w));
    expect(ok, `"${w}" is not a whole word of the sentence`).toBe(true);
  }
}

describe('timelineEvents on the example source', () => {
  it('finds the dated events at their sentences, in date order', async () => {
    const source = await loadSource(EXAMPLE, 'conv');
    const events = timelineEvents(source, everySentence(source), 'ru');
    const brief = events.map((e) => [e.date.sortKey, e.address]);
    for (const want of [
      ['1905-09-05', 'conv#p2.s5'],
      ['1907', 'conv#p3.s2'],
      ['1925-01-20', 'conv#p2.s1'],
      ['1925-05-15', 'conv#p2.s3'],
      ['1928', 'conv#p3.s2'],
    ]) {
      expect(brief).toContainEqual(want);
    }
    // Chronological.
    const keys = events.map((e) => e.date.sortKey);
    expect(keys).toEqual([...keys].sort());
    const portsmouth = events.find((e) => e.date.sortKey === '1905-09-05')!;
    expect(portsmouth).toMatchObject({ label: '5 сентября 1905', paragraph: 2, sentence: 5 });
    expect(portsmouth.text).toContain('Портсмуте 5 сентября 1905 г.');
    expect(portsmouth.text.length).toBeLessThanOrEqual(90);
    for (const e of events) {
      expect(e.text.length).toBeLessThanOrEqual(90);
      expect(e.text).toContain(e.date.text);
    }
  });

  it('keeps two dates of one sentence apart', async () => {
    const source = await loadSource(EXAMPLE, 'conv');
    const p3s2 = timelineEvents(source, everySentence(source), 'ru').filter((e) => e.address === 'conv#p3.s2');
    expect(p3s2.map((e) => e.label)).toEqual(['1907', '1928']);
    expect(p3s2[0]!.text).toContain('1907 г.');
    expect(p3s2[1]!.text).toContain('1928 г.');
  });

  it('only looks at the sentences it is given, and is stable for equal dates', () => {
    const source = buildSource({
      name: 'src',
      file: '/x/src.txt',
      lang: 'en',
      meta: {},
      body: 'Nothing happened then. In 1925 the first treaty was signed.\n\nIn 1925 a second one followed. In 1900 it had all begun.',
      isMarkdown: false,
      warnings: [],
    });
    const all = everySentence(source);
    expect(timelineEvents(source, all, 'en').map((e) => e.address)).toEqual(['src#p2.s2', 'src#p1.s2', 'src#p2.s1']);
    expect(timelineEvents(source, all.slice(0, 2), 'en').map((e) => e.address)).toEqual(['src#p1.s2']);
    expect(timelineEvents(source, [], 'en')).toEqual([]);
  });
});

describe('shortenSentence', () => {
  const ru =
    'Конвенция оставила в силе договор, заключенный между Японией и Россией в Портсмуте 5 сентября 1905 г., но специальная советская декларация, приложенная к конвенции, подчеркивала, что это «никоим образом не означает, что правительство Союза разделяет с бывшим царским правительством политическую ответственность за заключение указанного договора».';
  const en =
    'The Treaty of Portsmouth, signed on 5 September 1905 under the mediation of President Theodore Roosevelt, formally ended the Russo-Japanese War and transferred the southern half of Sakhalin to Japan.';
  const noCommas =
    'After many months of slow and difficult negotiations in a city far from both capitals and under the watchful eyes of the great powers the delegates finally signed the agreement on 20 January 1925 and returned home to a cautious welcome from the press and the public alike';

  const dateOf = (s: string, lang: string) => {
    const d = findDates(s, lang)[0]!;
    return { start: d.start, end: d.end, text: d.text };
  };

  it('returns a sentence that fits unchanged (trimmed)', () => {
    expect(shortenSentence('  К 15 мая 1925 г. Япония обязалась вывести войска.  ', { start: 4, end: 17 })).toBe(
      'К 15 мая 1925 г. Япония обязалась вывести войска.',
    );
  });

  it('cuts Russian at the clause around the date', () => {
    const d = dateOf(ru, 'ru');
    const out = shortenSentence(ru, d);
    expect(out).toBe('…заключенный между Японией и Россией в Портсмуте 5 сентября 1905 г.…');
    expectWholeWords(ru, out);
  });

  it('keeps the beginning of the sentence when the clause after the date fits', () => {
    const s = 'Был оговорен пересмотр русско-японской рыболовной конвенции 1907 г., что стало основанием для подписания в 1928 г. новой конвенции.';
    const [first, second] = findDates(s, 'ru');
    expect(shortenSentence(s, first!)).toBe('Был оговорен пересмотр русско-японской рыболовной конвенции 1907 г.…');
    expect(shortenSentence(s, second!)).toBe('…что стало основанием для подписания в 1928 г. новой конвенции.');
  });

  it('cuts English at a clause boundary and keeps the date', () => {
    const d = dateOf(en, 'en');
    const out = shortenSentence(en, d);
    expect(out).toContain('5 September 1905');
    expect(out.length).toBeLessThanOrEqual(90);
    expect(out).toBe('…signed on 5 September 1905 under the mediation of President Theodore Roosevelt…');
    expectWholeWords(en, out);
  });

  it('falls back to a window of whole words around the date', () => {
    const d = dateOf(noCommas, 'en');
    const out = shortenSentence(noCommas, d);
    expect(out).toContain('20 January 1925');
    expect(out.length).toBeLessThanOrEqual(90);
    expect(out.startsWith('…') && out.endsWith('…')).toBe(true);
    expectWholeWords(noCommas, out);
  });

  it('never cuts a word and always keeps the date, at any length', () => {
    for (const [s, lang] of [
      [ru, 'ru'],
      [en, 'en'],
      [noCommas, 'en'],
    ] as const) {
      const d = dateOf(s, lang);
      for (let max = 24; max <= s.length + 5; max += 7) {
        const out = shortenSentence(s, d, max);
        expect(out, `max ${max}`).toContain(d.text);
        expect(out.length, `max ${max}: ${out}`).toBeLessThanOrEqual(max);
        expectWholeWords(s, out);
        // A cut is always marked.
        if (out !== s) expect(out).toMatch(/^…|…$/);
      }
    }
  });

  it('shortens from the start when there is nothing to keep', () => {
    const s =
      'Так, по вине японской стороны было сорвано заключение торгового договора, и в дальнейшем японское правительство чинило всевозможные препятствия для развития торговли с СССР.';
    const out = shortenSentence(s, { start: 0, end: 0 }, 110);
    expect(out).toBe('Так, по вине японской стороны было сорвано заключение торгового договора…');
  });

  it('returns the kept span when even that does not fit', () => {
    expect(shortenSentence('word '.repeat(10) + '20 January 1925 ' + 'word '.repeat(10), { start: 50, end: 65 }, 10)).toBe('…20 January 1925…');
  });

  it('handles a huge "sentence" (it only looks near the date)', () => {
    const huge = `${'lorem ipsum, dolor sit amet; '.repeat(5000)}in 1925 ${'and so on, '.repeat(5000)}`;
    const at = huge.indexOf('in 1925') + 3;
    for (let i = 0; i < 200; i++) {
      const out = shortenSentence(huge, { start: at, end: at + 4 });
      expect(out).toContain('1925');
      expect(out.length).toBeLessThanOrEqual(90);
    }
  });
});
