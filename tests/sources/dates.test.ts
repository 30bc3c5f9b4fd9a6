import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDates, findDates, type DateMention } from '../../src/sources/dates/index.js';

/** [text as written, precision, sortKey, endKey, label] — compact enough for tables. */
type Brief = [string, DateMention['precision'], string, string | undefined, string];

interface Case {
  s: string;
  want: Brief[];
}

function brief(m: DateMention): Brief {
  return [m.text, m.precision, m.sortKey, m.endKey, m.label];
}

function check(s: string, lang: string, want: Brief[]): DateMention[] {
  const got = findDates(s, lang);
  expect(got.map(brief)).toEqual(want);
  for (const m of got) expect(s.slice(m.start, m.end)).toBe(m.text);
  return got;
}

const day = (text: string, key: string, label: string): Brief => [text, 'day', key, undefined, label];
const month = (text: string, key: string, label: string): Brief => [text, 'month', key, undefined, label];
/** Keys are zero-padded ("0988"), labels are not ("988"). */
const year = (text: string, y: string): Brief => [text, 'year', y, undefined, String(Number(y))];
const range = (text: string, a: string, b: string): Brief => [text, 'range', a, b, `${a}–${b}`];
const decade = (text: string, a: string, b: string, label: string): Brief => [text, 'decade', a, b, label];
const century = (text: string, a: string, b: string, label: string): Brief => [text, 'century', a, b, label];

function table(name: string, lang: string, cases: Case[]): void {
  describe(`${name} (${lang})`, () => {
    it.each(cases)('$s', ({ s, want }) => {
      check(s, lang, want);
    });
  });
}

describe('full dates', () => {
  table('written out', 'ru', [
    { s: 'После переговоров 20 января 1925 г. в Пекине', want: [day('20 января 1925 г.', '1925-01-20', '20 января 1925')] },
    { s: 'Подписана 20 января 1925 года в Пекине.', want: [day('20 января 1925 года', '1925-01-20', '20 января 1925')] },
    { s: 'в Портсмуте 5 сентября 1905 г., но', want: [day('5 сентября 1905 г.', '1905-09-05', '5 сентября 1905')] },
    { s: 'К 15 мая 1925 г. Япония обязалась', want: [day('15 мая 1925 г.', '1925-05-15', '15 мая 1925')] },
    { s: 'Приказ от 20-го января 1925 г.', want: [day('20-го января 1925 г.', '1925-01-20', '20 января 1925')] },
    { s: 'Письмо от 1 дек. 1925 г.', want: [day('1 дек. 1925 г.', '1925-12-01', '1 декабря 1925')] },
    { s: '29 февраля 1924 г. — високосный год.', want: [day('29 февраля 1924 г.', '1924-02-29', '29 февраля 1924')] },
  ]);
  table('numeric', 'ru', [
    { s: 'Документ от 20.01.1925 подписан.', want: [day('20.01.1925', '1925-01-20', '20 января 1925')] },
    { s: 'Документ от 20.01.1925 г. подписан.', want: [day('20.01.1925 г.', '1925-01-20', '20 января 1925')] },
    { s: 'Дата: 1925-01-20.', want: [day('1925-01-20', '1925-01-20', '20 января 1925')] },
    { s: 'Письмо от 20/01/1925.', want: [day('20/01/1925', '1925-01-20', '20 января 1925')] },
    { s: 'Письмо от 05/06/1925 (день первым).', want: [day('05/06/1925', '1925-06-05', '5 июня 1925')] },
  ]);
  table('written out', 'en', [
    { s: 'It was signed on January 20, 1925, in Beijing.', want: [day('January 20, 1925', '1925-01-20', 'January 20, 1925')] },
    { s: 'It was signed on 20 January 1925 in Beijing.', want: [day('20 January 1925', '1925-01-20', '20 January 1925')] },
    { s: 'on the 20th of January, 1925 they met', want: [day('20th of January, 1925', '1925-01-20', '20 January 1925')] },
    { s: 'Dated Jan. 20th 1925.', want: [day('Jan. 20th 1925', '1925-01-20', 'January 20, 1925')] },
    { s: 'Troops were to leave by May 15, 1925.', want: [day('May 15, 1925', '1925-05-15', 'May 15, 1925')] },
    { s: 'The Treaty of Portsmouth, 5 September 1905, ended the war.', want: [day('5 September 1905', '1905-09-05', '5 September 1905')] },
  ]);
  table('numeric', 'en', [
    { s: 'dated 20.01.1925 in the archive', want: [day('20.01.1925', '1925-01-20', '20 January 1925')] },
    { s: 'ISO form 1925-01-20 works', want: [day('1925-01-20', '1925-01-20', '20 January 1925')] },
    { s: 'day first when it must be: 20/01/1925', want: [day('20/01/1925', '1925-01-20', '20 January 1925')] },
    { s: 'US order when it must be: 01/20/1925', want: [day('01/20/1925', '1925-01-20', 'January 20, 1925')] },
    { s: 'ambiguous 05/06/1925 is read US-style', want: [day('05/06/1925', '1925-05-06', 'May 6, 1925')] },
  ]);
  it('reads ambiguous slashes day first outside English', () => {
    expect(findDates('05/06/1925', 'nl')[0]).toMatchObject({ sortKey: '1925-06-05', label: '5 June 1925' });
    expect(findDates('05/06/1925', 'de')[0]).toMatchObject({ sortKey: '1925-06-05', label: '05/06/1925' });
    expect(findDates('05/06/1925', 'en-GB')[0]?.sortKey).toBe('1925-05-06');
  });
  table('impossible dates are not dates', 'ru', [
    { s: '31.02.1925 и 30 февраля 1925', want: [month('февраля 1925', '1925-02', 'февраль 1925')] },
    { s: 'версия 1.2.1925.5 и 13/13/1925', want: [] },
  ]);
});

describe('months', () => {
  table('month and year', 'ru', [
    { s: 'в мае 1925 г. конвенция вступила в силу', want: [month('мае 1925 г.', '1925-05', 'май 1925')] },
    { s: 'январь 1925 года был холодным', want: [month('январь 1925 года', '1925-01', 'январь 1925')] },
    { s: 'С марта 1925 г. войска уходили.', want: [month('марта 1925 г.', '1925-03', 'март 1925')] },
    { s: 'в дек. 1925 г.', want: [month('дек. 1925 г.', '1925-12', 'декабрь 1925')] },
    { s: 'Отчёт за август 1925', want: [month('август 1925', '1925-08', 'август 1925')] },
  ]);
  table('month and year', 'en', [
    { s: 'By May 1925 the troops had left.', want: [month('May 1925', '1925-05', 'May 1925')] },
    { s: 'in January of 1925 talks resumed', want: [month('January of 1925', '1925-01', 'January 1925')] },
    { s: 'in March, 1925', want: [month('March, 1925', '1925-03', 'March 1925')] },
    { s: 'Sept. 1925 was busy', want: [month('Sept. 1925', '1925-09', 'September 1925')] },
  ]);
  table('verbs that look like months', 'en', [{ s: 'they may 1925 times repeat it, and march 1925 men', want: [] }]);
});

describe('years', () => {
  table('with suffix or context', 'ru', [
    { s: 'рыболовной конвенции 1907 г., что', want: [year('1907 г.', '1907')] },
    { s: 'для подписания в 1928 г. новой конвенции', want: [year('1928 г.', '1928')] },
    { s: 'конвенция 1928 года', want: [year('1928 года', '1928')] },
    { s: 'в 1928 году', want: [year('1928 году', '1928')] },
    { s: 'в 1925-м всё изменилось', want: [year('1925-м', '1925')] },
    { s: 'в 1920-м году', want: [year('1920-м году', '1920')] },
    { s: 'в 1907 Россия и Япония', want: [year('1907', '1907')] },
    { s: 'После 1907, до 1910 и к 1912.', want: [year('1907', '1907'), year('1910', '1910'), year('1912', '1912')] },
    { s: 'с 1907 и летом 1908', want: [year('1907', '1907'), year('1908', '1908')] },
    { s: 'ок. 1907 г. и около 1908', want: [year('1907 г.', '1907'), year('1908', '1908')] },
    { s: 'опечатка 1907г. без пробела', want: [year('1907г.', '1907')] },
    { s: 'с неразрывным пробелом 1907\u00a0г. и 1908\u202fг.', want: [year('1907\u00a0г.', '1907'), year('1908\u202fг.', '1908')] },
    { s: 'Крещение Руси в 988 г., призвание варягов — 862 году', want: [year('988 г.', '0988'), year('862 году', '0862')] },
    { s: 'добавить 500 г. муки; 999 и 2500 г.', want: [] },
  ]);
  table('with context', 'en', [
    { s: 'In 1907, Russia and Japan signed', want: [year('1907', '1907')] },
    { s: 'the fisheries convention of 1907 was revised', want: [year('1907', '1907')] },
    { s: 'since 1907 and until 1925', want: [year('1907', '1907'), year('1925', '1925')] },
    { s: 'before 1907, after 1908, by 1909', want: [year('1907', '1907'), year('1908', '1908'), year('1909', '1909')] },
    { s: 'built c. 1907 by the company', want: [year('1907', '1907')] },
  ]);
  table('numbers that are not years', 'ru', [
    { s: '1500 солдат и 1925 единиц', want: [] },
    { s: 'около 1500 человек, до 1500 рублей, с 1500 солдатами', want: [] },
    { s: 'в 1500 км и в 1500 верстах от Москвы', want: [] },
    { s: 'стр. 1925 г., с. 1907 г., № 1925, ф. 1925', want: [] },
    { s: 'доля 1925 %, число 1925,5 и 12345, 999 и 2500', want: [] },
    { s: 'в 1925-е (так не пишут)', want: [] },
    { s: 'В 1500 г муки', want: [] },
  ]);
  table('numbers that are not years', 'en', [
    { s: 'It cost $1925 and $ 1907.', want: [] },
    { s: 'a road of 1925 km, in 1925 km', want: [] },
    { s: 'see p. 1925 and pp. 1904–1905.', want: [] },
    { s: 'in 1500 cases a total of 1500 men', want: [] },
    { s: 'the number 1925 alone', want: [] },
    { s: 'in 1925.5 and in 1907.', want: [year('1907', '1907')] },
  ]);
});

describe('ranges', () => {
  table('year ranges', 'ru', [
    { s: 'в 1904–1905 гг. шла война', want: [range('1904–1905 гг.', '1904', '1905')] },
    { s: 'в 1904-1905 годах', want: [range('1904-1905 годах', '1904', '1905')] },
    { s: 'в 1918—1922 гг. шла гражданская война', want: [range('1918—1922 гг.', '1918', '1922')] },
    { s: 'война 1904–05 гг.', want: [range('1904–05 гг.', '1904', '1905')] },
    { s: 'с 1918 по 1922 г. шла война', want: [range('с 1918 по 1922 г.', '1918', '1922')] },
    { s: 'с 1918 г. по 1922 г.', want: [range('с 1918 г. по 1922 г.', '1918', '1922')] },
    { s: 'между 1918 и 1922 гг.', want: [range('между 1918 и 1922 гг.', '1918', '1922')] },
    { s: 'со 1918 до 1922', want: [range('со 1918 до 1922', '1918', '1922')] },
    { s: 'Витте (1849–1915) был премьером.', want: [range('1849–1915', '1849', '1915')] },
    { s: 'в 1925 г.–1926 г. и в 1927 г. – 1928 г.', want: [range('1925 г.–1926 г.', '1925', '1926'), range('1927 г. – 1928 г.', '1927', '1928')] },
    { s: 'в 1907 г. — 2000 человек', want: [year('1907 г.', '1907')] },
  ]);
  table('year ranges', 'en', [
    { s: 'the war of 1904–1905 ended', want: [range('1904–1905', '1904', '1905')] },
    { s: 'in 1904–05, Russia lost', want: [range('1904–05', '1904', '1905')] },
    { s: 'from 1904 to 1905 the war raged', want: [range('from 1904 to 1905', '1904', '1905')] },
    { s: 'From 1904 until 1905', want: [range('From 1904 until 1905', '1904', '1905')] },
    { s: 'between 1918 and 1922 the civil war', want: [range('between 1918 and 1922', '1918', '1922')] },
    { s: 'Witte (1849 – 1915) was premier', want: [range('1849 – 1915', '1849', '1915')] },
  ]);
  table('not ranges', 'ru', [
    { s: 'от 1500 до 2000 рублей; около 1500–2000 человек', want: [] },
    { s: 'в 1905–1904 гг.', want: [] },
  ]);
  table('not ranges', 'en', [{ s: 'from 1500 to 2000 soldiers; 1500–2000 men', want: [] }]);
});

describe('decades', () => {
  table('decades', 'ru', [
    { s: '1920-е годы были трудными', want: [decade('1920-е годы', '1920', '1929', '1920-е')] },
    { s: 'в 1920-х гг. торговля росла', want: [decade('1920-х гг.', '1920', '1929', '1920-е')] },
    { s: 'к 1920-м годам', want: [decade('1920-м годам', '1920', '1929', '1920-е')] },
    { s: 'в 1920-х', want: [decade('1920-х', '1920', '1929', '1920-е')] },
    { s: '20-е годы XX века', want: [decade('20-е годы XX века', '1920', '1929', '1920-е')] },
    { s: 'в 30-х гг. XX в.', want: [decade('30-х гг. XX в.', '1930', '1939', '1930-е')] },
    { s: '1920–1930-е годы', want: [decade('1920–1930-е годы', '1920', '1939', '1920–1930-е')] },
    { s: 'в 1920-х – 1930-х годах', want: [decade('1920-х – 1930-х годах', '1920', '1939', '1920–1930-е')] },
    { s: 'без века 20-е годы неоднозначны', want: [] },
  ]);
  table('decades', 'en', [
    { s: 'in the 1920s trade grew', want: [decade('1920s', '1920', '1929', '1920s')] },
    { s: "in the 1920's trade grew", want: [decade("1920's", '1920', '1929', '1920s')] },
    { s: 'the 1920s–1930s', want: [decade('1920s–1930s', '1920', '1939', '1920s–1930s')] },
  ]);
  it('records the part of a decade', () => {
    const [mid] = check('in the mid-1920s', 'en', [decade('mid-1920s', '1920', '1929', 'mid-1920s')]);
    expect(mid?.part).toBe('mid');
    const [early] = check('в начале 1920-х гг.', 'ru', [decade('начале 1920-х гг.', '1920', '1929', 'начало 1920-х')]);
    expect(early?.part).toBe('early');
    const [late] = check('the late 1920s', 'en', [decade('late 1920s', '1920', '1929', 'late 1920s')]);
    expect(late?.part).toBe('late');
  });
});

describe('centuries', () => {
  table('centuries', 'ru', [
    { s: 'XIX век был веком реформ', want: [century('XIX век', '1801', '1900', 'XIX в.')] },
    { s: 'в XIX в. Россия', want: [century('XIX в.', '1801', '1900', 'XIX в.')] },
    { s: 'в XIX–XX вв.', want: [century('XIX–XX вв.', '1801', '2000', 'XIX–XX вв.')] },
    { s: 'ХIХ век (кириллическая Х)', want: [century('ХIХ век', '1801', '1900', 'XIX в.')] },
    { s: 'Пётр I в 1700 г. и XX съезд', want: [year('1700 г.', '1700')] },
    { s: 'в V в. до н. э. и в 500 г. до н.э.', want: [] },
  ]);
  table('centuries', 'en', [
    { s: 'in the 19th century', want: [century('19th century', '1801', '1900', '19th century')] },
    { s: 'in the nineteenth century', want: [century('nineteenth century', '1801', '1900', '19th century')] },
    { s: '19th-century Russia', want: [century('19th-century', '1801', '1900', '19th century')] },
    { s: 'the twenty-first century', want: [century('twenty-first century', '2001', '2100', '21st century')] },
    { s: 'the XIX century', want: [century('XIX century', '1801', '1900', '19th century')] },
    { s: 'the 19th–20th centuries', want: [century('19th–20th centuries', '1801', '2000', '19th–20th centuries')] },
    { s: 'in the 1800s', want: [century('1800s', '1800', '1899', '1800s')] },
    { s: 'in the 5th century BC', want: [] },
  ]);
  it.each([
    ['в начале XX века', 'ru', 'начале XX века', 'early', 'начало XX в.'],
    ['в конце XIX в.', 'ru', 'конце XIX в.', 'late', 'конец XIX в.'],
    ['в середине XVIII века', 'ru', 'середине XVIII века', 'mid', 'середина XVIII в.'],
    ['в первой половине XIX в.', 'ru', 'первой половине XIX в.', 'first-half', 'первая половина XIX в.'],
    ['во второй половине XIX века', 'ru', 'второй половине XIX века', 'second-half', 'вторая половина XIX в.'],
    ['the early 20th century', 'en', 'early 20th century', 'early', 'early 20th century'],
    ['at the end of the 19th century', 'en', 'end of the 19th century', 'late', 'late 19th century'],
    ['the mid-19th century', 'en', 'mid-19th century', 'mid', 'mid-19th century'],
    ['the first half of the 19th century', 'en', 'first half of the 19th century', 'first-half', 'first half of the 19th century'],
  ])('%s records its part', (s, lang, text, part, label) => {
    const [m, ...rest] = findDates(s, lang);
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ text, precision: 'century', part, label });
  });
  it('qualifies years and months too, but not days', () => {
    expect(findDates('в конце 1925 г.', 'ru')[0]).toMatchObject({ text: 'конце 1925 г.', precision: 'year', part: 'late', label: 'конец 1925 г.' });
    expect(findDates('in early 1925', 'en')[0]).toMatchObject({ text: 'early 1925', precision: 'year', part: 'early' });
    expect(findDates('в начале мая 1925 г.', 'ru')[0]).toMatchObject({ precision: 'month', part: 'early', label: 'начало мая 1925' });
    expect(findDates('в конце 20 января 1925 г.', 'ru')[0]).toMatchObject({ text: '20 января 1925 г.', precision: 'day' });
    expect(findDates('в конце концов 1925 человек', 'ru')).toEqual([]);
  });
});

describe('several mentions in one sentence', () => {
  it('keeps Russian mentions apart, in text order', () => {
    check('В 1904–1905 гг. и в 1918 г., а также 20 января 1925 г. и в мае 1925 г. — в XX в.', 'ru', [
      range('1904–1905 гг.', '1904', '1905'),
      year('1918 г.', '1918'),
      day('20 января 1925 г.', '1925-01-20', '20 января 1925'),
      month('мае 1925 г.', '1925-05', 'май 1925'),
      century('XX в.', '1901', '2000', 'XX в.'),
    ]);
  });
  it('keeps adjacent years apart', () => {
    check('в 1907 и 1908 гг.; 1907 г., 1928 г.', 'ru', [year('1907', '1907'), year('1908 гг.', '1908'), year('1907 г.', '1907'), year('1928 г.', '1928')]);
  });
  it('keeps English mentions apart, in text order', () => {
    check('Between 1918 and 1922, in May 1925, on January 20, 1925, in the 1920s and in the 19th century.', 'en', [
      range('Between 1918 and 1922', '1918', '1922'),
      month('May 1925', '1925-05', 'May 1925'),
      day('January 20, 1925', '1925-01-20', 'January 20, 1925'),
      decade('1920s', '1920', '1929', '1920s'),
      century('19th century', '1801', '1900', '19th century'),
    ]);
  });
  it('keeps the order of day and month the source writes (issue 14)', () => {
    expect(findDates('The Senate ratified it on February 23, 1904.', 'en')[0]?.label).toBe('February 23, 1904');
    expect(findDates('The Senate ratified it on 23 February 1904.', 'en')[0]?.label).toBe('23 February 1904');
    expect(findDates('Ratified Feb. 23rd, 1904.', 'en')[0]?.label).toBe('February 23, 1904');
    // Russian has one order: the month never comes first.
    expect(findDates('February 23, 1904', 'ru')[0]?.label).toBe('23 февраля 1904');
  });
  it('labels in the sentence language whatever the expression language', () => {
    expect(findDates('20 января 1925 г.', 'en')[0]?.label).toBe('20 January 1925');
    expect(findDates('January 20, 1925', 'ru-RU')[0]?.label).toBe('20 января 1925');
  });
});

// The seed text, byte for byte: the example source of the repository.
const SEED_PATH = fileURLToPath(new URL('../../sources/ussr-japan-1925.txt', import.meta.url));
const SEED_WANT: Brief[] = [
  day('20 января 1925 г.', '1925-01-20', '20 января 1925'),
  day('15 мая 1925 г.', '1925-05-15', '15 мая 1925'),
  day('5 сентября 1905 г.', '1905-09-05', '5 сентября 1905'),
  year('1907 г.', '1907'),
  year('1928 г.', '1928'),
];

describe('seed text (USSR–Japan, 1925)', () => {
  const dated = [
    'После длительных переговоров 20 января 1925 г. в Пекине была подписана советско-японская конвенция об основных принципах взаимоотношений.',
    'К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина.',
    'Конвенция оставила в силе договор, заключенный между Японией и Россией в Портсмуте 5 сентября 1905 г., но специальная советская декларация, приложенная к конвенции, подчеркивала, что это «никоимобразом не означает…».',
    'Был оговорен пересмотр русско-японской рыболовной конвенции 1907 г., что стало основанием для подписания в 1928 г. новой конвенции.',
  ];
  it('finds the dates of its dated sentences', () => {
    expect(dated.flatMap((s) => findDates(s, 'ru').map(brief))).toEqual(SEED_WANT);
  });
  it('finds exactly those dates in the whole file, and per sentence', () => {
    const text = readFileSync(SEED_PATH, 'utf8');
    check(text, 'ru', SEED_WANT);
    const sentences = text.split(/(?<=[.!?»])\s+/u);
    expect(sentences.flatMap((s) => findDates(s, 'ru').map(brief))).toEqual(SEED_WANT);
  });
});

describe('compareDates', () => {
  it('orders by sortKey, then coarser precision first', () => {
    const s = 'в 1925 г.; 20 января 1925 г.; в мае 1925 г.; 1920-е годы; в 1920 г.; 1920–1925 гг.; XX век; 1904–1905 гг.; XIX в.; XIX–XX вв.';
    const sorted = [...findDates(s, 'ru')]
      .reverse()
      .sort(compareDates)
      .map((m) => m.label);
    expect(sorted).toEqual(['XIX–XX вв.', 'XIX в.', 'XX в.', '1904–1905', '1920-е', '1920–1925', '1920', '1925', '20 января 1925', 'май 1925']);
  });
  it('puts the whole period before its parts, early before late', () => {
    const s = 'в конце XIX в.; в XIX в.; в начале XIX в.; во второй половине XIX в.';
    const sorted = [...findDates(s, 'ru')].sort(compareDates).map((m) => m.part ?? 'whole');
    expect(sorted).toEqual(['whole', 'early', 'second-half', 'late']);
  });
  it('is zero only for equal periods', () => {
    const [a, b] = findDates('в 1907 г. и в 1907 году', 'ru');
    expect(a && b && compareDates(a, b)).toBe(0);
  });
});

describe('long and hostile input', () => {
  const chunk =
    'После переговоров 20 января 1925 г. в Пекине, в 1904–1905 гг. и в 1920-х гг.; около 1500 человек. ' +
    'In May 1925, about 1500 men; p. 1925; the 19th century. ';
  const perChunk = 5;

  it('finds every mention in a 150 KB text', () => {
    const reps = Math.ceil(150_000 / chunk.length);
    const text = chunk.repeat(reps);
    expect(text.length).toBeGreaterThanOrEqual(150_000);
    const found = findDates(text, 'ru');
    expect(found).toHaveLength(reps * perChunk);
    expect(found.slice(0, perChunk).map((m) => m.label)).toEqual(['20 января 1925', '1904–1905', '1920-е', 'май 1925', 'XIX в.']);
    const last = found.at(-1);
    expect(last && text.slice(last.start, last.end)).toBe('19th century');
    expect(last?.start).toBe(text.lastIndexOf('19th century'));
  });

  it.each([
    ['digits', '9'.repeat(150_000)],
    ['letters', 'я'.repeat(150_000)],
    ['dotted numbers', '1.'.repeat(75_000)],
    ['dashed years', '1904–'.repeat(30_000)],
    ['roman runs', 'XIX–'.repeat(37_500)],
    ['days without years', '20 января '.repeat(15_000)],
    ['prepositions', 'в с до '.repeat(21_500)],
    ['qualifiers', 'в начале в конце '.repeat(9_000)],
    ['dates glued together', '20.01.1925'.repeat(15_000)],
  ])('handles 150 KB of %s', (_name, text) => {
    expect(findDates(text, 'ru')).toEqual([]);
  });

  it('handles 150 KB of back-to-back years', () => {
    const text = 'в 1907 '.repeat(21_500);
    const found = findDates(text, 'ru');
    expect(found).toHaveLength(21_500);
    expect(found.every((m) => m.sortKey === '1907')).toBe(true);
  });
});
