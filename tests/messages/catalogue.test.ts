/**
 * The message catalogues (src/messages/<lang>.json): every language has every
 * key English has and no other, each plural message has a form for every
 * plural category of its language, and a message with placeholders keeps
 * English's placeholders — so no reader ever sees "{page}" or an English word
 * because a translation fell behind.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUES, MESSAGE_LANGUAGES, fill, messagesFor, placeholders, plural } from '../../src/messages/index.js';
import { stringsFor } from '../../src/deck/strings.js';
import { handoutStrings } from '../../src/print/handouts/strings.js';

type Json = string | Json[] | { [key: string]: Json };

/** Every leaf of a catalogue as [path, text]; a plural message's forms are leaves "…perPage.few". */
function leaves(value: Json, at = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${at}[${i}]`));
  return Object.entries(value).flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k));
}

const PLURAL_KEYS = new Set<string>(['zero', 'one', 'two', 'few', 'many', 'other']);
const isPlural = (value: Json): value is Record<string, string> =>
  typeof value === 'object' && !Array.isArray(value) && Object.keys(value).every((k) => PLURAL_KEYS.has(k)) && 'other' in value;

/** The messages of a catalogue by path, a plural message as one entry. */
function messages(value: Json, at = ''): Map<string, Json> {
  if (typeof value === 'string' || Array.isArray(value) || isPlural(value)) return new Map([[at, value]]);
  return new Map(Object.entries(value).flatMap(([k, v]) => [...messages(v, at ? `${at}.${k}` : k)]));
}

/** What is wrong with a catalogue measured against English: missing and extra messages, plural categories, placeholders. */
function problems(lang: string, catalogue: Json, reference: Json): string[] {
  const mine = messages(catalogue);
  const theirs = messages(reference);
  const out: string[] = [];
  for (const key of theirs.keys()) if (!mine.has(key)) out.push(`${lang} lacks ${key}`);
  for (const key of mine.keys()) if (!theirs.has(key)) out.push(`${lang} has ${key}, which English lacks`);
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  for (const [key, value] of mine) {
    const english = theirs.get(key);
    if (english === undefined) continue;
    if (isPlural(english) !== isPlural(value)) out.push(`${lang} ${key}: ${isPlural(english) ? 'a plural message' : 'a single text'} in English`);
    if (isPlural(value)) for (const c of categories) if (!(c in value)) out.push(`${lang} ${key} lacks the plural form ${c}`);
    const wanted = isPlural(english) ? ['count'] : typeof english === 'string' ? placeholders(english) : [];
    for (const [at, text] of leaves(value, key)) {
      if (!text.trim()) out.push(`${lang} ${at} is empty`);
      const got = isPlural(value) ? [...new Set(placeholders(text))] : placeholders(text);
      if (got.join() !== wanted.join()) out.push(`${lang} ${at} has placeholders {${got.join('}, {')}}, English {${wanted.join('}, {')}}`);
    }
  }
  return out;
}

const english = CATALOGUES.en as unknown as Json;

describe('message catalogues', () => {
  it('are there for the eight languages, English first', () => {
    expect(MESSAGE_LANGUAGES).toEqual(['en', 'ru', 'de', 'fr', 'es', 'it', 'uk', 'pl']);
  });

  it.each(MESSAGE_LANGUAGES)('%s has exactly the messages English has, every plural form, English placeholders', (lang) => {
    expect(problems(lang, CATALOGUES[lang] as unknown as Json, english)).toEqual([]);
  });

  it('the check finds a missing key, an extra key, a missing plural form and a lost placeholder', () => {
    const broken = structuredClone(CATALOGUES.pl) as unknown as { deck: Record<string, string>; handout: Record<string, Json>; ui: Record<string, string> };
    delete broken.deck.agenda;
    broken.ui.typo = 'Slajd';
    delete (broken.handout.perPage as Record<string, string>).few;
    broken.handout.pageOf = 'strona {page} z';
    expect(problems('pl', broken as unknown as Json, english).sort()).toEqual([
      'pl handout.pageOf has placeholders {page}, English {page}, {pages}',
      'pl handout.perPage lacks the plural form few',
      'pl has ui.typo, which English lacks',
      'pl lacks deck.agenda',
    ]);
  });

  it('no message is left in English, but for words the language writes the same way', () => {
    // French "Sources", "Notes", "Questions"; "p." and "n." in French, Spanish and Italian; "pp." in Spanish and Italian; Polish closes quotes as English does.
    const same = ['fr deck.sources', 'fr deck.questions', 'fr deck.page', 'fr deck.note', 'fr deck.notes', 'es deck.page', 'es deck.pages', 'es deck.note'];
    same.push('it deck.page', 'it deck.pages', 'it deck.note', 'pl quotes[1]');
    const found = MESSAGE_LANGUAGES.filter((l) => l !== 'en').flatMap((lang) => {
      const own = new Map(leaves(CATALOGUES[lang] as unknown as Json));
      return leaves(english).flatMap(([key, text]) => (own.get(key) === text ? [`${lang} ${key}`] : []));
    });
    expect(found).toEqual(same);
  });
});

describe('messagesFor', () => {
  it('takes a language tag with a region, any case, and falls back to English', () => {
    expect(messagesFor('de-AT').deck.paragraph).toBe('Abs.');
    expect(messagesFor('UK').deck.sentence).toBe('речення');
    expect(messagesFor('pt-BR')).toBe(CATALOGUES.en);
    expect(messagesFor('')).toBe(CATALOGUES.en);
  });
});

describe('plural and fill', () => {
  it('chooses the plural form by the language’s rules', () => {
    const perPage = (lang: 'de' | 'uk' | 'pl' | 'ru' | 'en', n: number) => plural(lang, messagesFor(lang).handout.perPage, n);
    expect(perPage('de', 1)).toBe('Handout: 1 Folie pro Seite');
    expect(perPage('de', 6)).toBe('Handout: 6 Folien pro Seite');
    expect([1, 2, 5, 21, 22, 25].map((n) => perPage('uk', n))).toEqual([
      'Роздатковий матеріал: 1 слайд на сторінці',
      'Роздатковий матеріал: 2 слайди на сторінці',
      'Роздатковий матеріал: 5 слайдів на сторінці',
      'Роздатковий матеріал: 21 слайд на сторінці',
      'Роздатковий матеріал: 22 слайди на сторінці',
      'Роздатковий матеріал: 25 слайдів на сторінці',
    ]);
    // Polish: 21 is "many" (only 1 itself is "one"), 22 "few".
    expect([1, 4, 6, 21, 22].map((n) => perPage('pl', n).replace('Materiały: ', ''))).toEqual([
      '1 slajd na stronie',
      '4 slajdy na stronie',
      '6 slajdów na stronie',
      '21 slajdów na stronie',
      '22 slajdy na stronie',
    ]);
    expect(perPage('ru', 21)).toBe('Раздаточный материал: 21 слайд на странице');
    expect(perPage('en', 1)).toBe('Handout: 1 slide per page');
  });

  it('takes the form "other" when a message lacks the category, and English rules for no language', () => {
    expect(plural('uk', { one: '{count} слайд', other: '{count} слайда' }, 5)).toBe('5 слайда');
    expect(plural('', { one: '{count} slide', other: '{count} slides' }, 1)).toBe('1 slide');
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(fill('Seite {page} von {pages}', { page: 1, pages: 5 })).toBe('Seite 1 von 5');
    expect(fill('{page} / {total}', { page: 2 })).toBe('2 / {total}');
  });
});

describe('what the deck, the handouts and the HTML deck take from the catalogues', () => {
  it('citations and titles of the deck model', () => {
    expect(stringsFor('de')).toMatchObject({ paragraph: 'Abs.', sentence: 'Satz', page: 'S.', agenda: 'Gliederung', continued: 'Fortsetzung' });
    expect(stringsFor('fr')).toMatchObject({ paragraph: '§', sentence: 'phrase', page: 'p.' });
    expect(stringsFor('es')).toMatchObject({ paragraph: 'párr.', sentence: 'oración', page: 'p.' });
    expect(stringsFor('it')).toMatchObject({ paragraph: 'par.', sentence: 'frase', page: 'p.' });
    expect(stringsFor('uk')).toMatchObject({ paragraph: 'абз.', sentence: 'речення', page: 'с.' });
    expect(stringsFor('pl')).toMatchObject({ paragraph: 'akap.', page: 's.' });
    expect(stringsFor('ru-RU')).toMatchObject({ paragraph: 'абз.', sentence: 'предл.', page: 'с.' });
    expect(stringsFor('ja')).toMatchObject({ paragraph: 'para.', sentence: 'sent.', page: 'p.', pages: 'pp.' });
  });

  it('handout footers, titles and the reading pack', () => {
    const de = handoutStrings('de');
    expect(de.pageOf(1, 5)).toBe('Seite 1 von 5');
    expect(de.pageOfCss).toEqual(['Seite ', ' von ', '']);
    expect(de.kinds).toMatchObject({
      '2': 'Handout: 2 Folien pro Seite',
      '3-lines': 'Handout: 3 Folien mit Platz für Notizen',
      reading: 'Reader zur Vorlesung',
    });
    expect(de.readingIntro(3, 1)).toMatch(/Stellen: 3; Quellen: 1\.$/);
    expect(de.quote('Die erste Strecke')).toBe('„Die erste Strecke“');
    expect(handoutStrings('en').quote('x')).toBe('“x”');
    const uk = handoutStrings('uk');
    expect(uk.kinds['6']).toBe('Роздатковий матеріал: 6 слайдів на сторінці');
    expect(uk.kinds['4']).toBe('Роздатковий матеріал: 4 слайди на сторінці');
    expect(uk.pageOf(2, 3)).toBe('стор. 2 з 3');
    expect(handoutStrings('ru').kinds['6']).toBe('Раздаточный материал: 6 слайдов на странице');
    expect(handoutStrings('ru').readingIntro(11, 2)).toMatch(/Фрагментов: 11; источников: 2\.$/);
  });
});
