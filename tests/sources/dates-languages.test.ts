/**
 * Dates for timelines in German, French, Spanish, Italian, Ukrainian and Polish (issue 22): the
 * forms each language writes, keyed for sorting and labelled as the source writes them.
 */
import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/sources/dates/index.js';

/** [language, sentence, the mentions found as [text, sortKey, endKey]]; the label is the text. */
const CASES: Array<[string, string, Array<[string, string, string?]>]> = [
  ['de', 'Am 20. Januar 1925 wurde der Vertrag unterzeichnet.', [['20. Januar 1925', '1925-01-20']]],
  ['de', 'Im Jahre 1925 zog Japan seine Truppen ab.', [['1925', '1925']]],
  [
    'de',
    'Im 19. Jahrhundert wuchs die Stadt; im März 1926 kam der Botschafter.',
    [
      ['19. Jahrhundert', '1801', '1900'],
      ['März 1926', '1926-03'],
    ],
  ],
  ['de', 'Wir haben 1.000.000 Euro und 1925 Mitglieder.', []],
  ['fr', 'Le 20 janvier 1925, la convention fut signée à Pékin.', [['20 janvier 1925', '1925-01-20']]],
  [
    'fr',
    'En 1925, le Japon se retira ; au XIXe siècle, il était fermé.',
    [
      ['1925', '1925'],
      ['XIXe siècle', '1801', '1900'],
    ],
  ],
  ['fr', 'Le traité de février 1926 suivit.', [['février 1926', '1926-02']]],
  ['es', 'El 20 de enero de 1925 se firmó la convención.', [['20 de enero de 1925', '1925-01-20']]],
  [
    'es',
    'En enero de 1925 y desde 1926 hubo paz.',
    [
      ['enero de 1925', '1925-01'],
      ['1926', '1926'],
    ],
  ],
  [
    'it',
    'Il 20 gennaio 1925 fu firmata la convenzione, nel XIX secolo no.',
    [
      ['20 gennaio 1925', '1925-01-20'],
      ['XIX secolo', '1801', '1900'],
    ],
  ],
  ['it', 'Nel 1925 il Giappone si ritirò.', [['1925', '1925']]],
  ['uk', 'Договір підписали 20 січня 1925 р. у Пекіні.', [['20 січня 1925 р.', '1925-01-20']]],
  [
    'uk',
    'У 1925 році Японія вивела війська; у XIX ст. цього не було; 1925 р. став переломним.',
    [
      ['1925 році', '1925'],
      ['XIX ст.', '1801', '1900'],
      ['1925 р.', '1925'],
    ],
  ],
  ['uk', 'У березні 1926 р. прибув посол.', [['березні 1926 р.', '1926-03']]],
  ['pl', 'Traktat podpisano 20 stycznia 1925 r. w Pekinie.', [['20 stycznia 1925 r.', '1925-01-20']]],
  [
    'pl',
    'W 1925 roku Japonia wycofała wojska, w XIX w. nie.',
    [
      ['1925 roku', '1925'],
      ['XIX w.', '1801', '1900'],
    ],
  ],
  ['pl', 'W maju 1926 r. przybył ambasador.', [['maju 1926 r.', '1926-05']]],
];

describe('dates in de, fr, es, it, uk, pl', () => {
  it.each(CASES)('%s: %s', (lang, sentence, want) => {
    const found = findDates(sentence, lang);
    expect(found.map((m) => [m.text, m.sortKey, ...(m.endKey === undefined ? [] : [m.endKey])])).toEqual(want);
    for (const m of found) {
      expect(m.label).toBe(m.text);
      expect(sentence.slice(m.start, m.end)).toBe(m.text);
    }
  });

  it('reads "р." after a year as Ukrainian рік, but as roubles in Russian text', () => {
    expect(findDates('Ціна 1925 р.', 'uk').map((m) => m.text)).toEqual(['1925 р.']);
    expect(findDates('Стоимость 1500 р.', 'ru')).toEqual([]);
  });

  it('recognises every language’s month names in any text, labelled in the sentence’s language', () => {
    expect(findDates('on 20 janvier 1925', 'en')[0]).toMatchObject({ sortKey: '1925-01-20', label: '20 January 1925' });
    expect(findDates('20 січня 1925 р.', 'ru')[0]).toMatchObject({ sortKey: '1925-01-20', label: '20 января 1925' });
  });
});
