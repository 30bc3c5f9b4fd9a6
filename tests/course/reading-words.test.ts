/** The course reading pack's document speaks the course's language, from the message catalogues. */
import { describe, expect, it } from 'vitest';
import { courseReadingDocument, courseReadingSubject, type ReadingLecture } from '../../src/course/combine-reading.js';

const passage = (address: string, slides: number[]) => ({
  source: 'sources/zollverein.txt',
  heading: 'Der Zollverein',
  address,
  order: [Number(address.slice(1)), 0],
  text: `Text von ${address}.`,
  slides: slides.map((n) => ({ number: n, label: `Folie ${n}` })),
});

const lectures: ReadingLecture[] = [
  { number: 3, title: 'Eisenbahnen', passages: [passage('p2', [4]), passage('p1', [2, 5])] },
  { number: 4, title: 'Zölle', passages: [passage('p2', [3])] },
];

const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the course reading pack’s words', () => {
  it('are German for a German course: title, intro with its counts, lectures and slides, „…“ quotes', () => {
    const html = courseReadingDocument({ title: 'Wirtschaftsgeschichte', lang: 'de' }, lectures);
    const words = text(html);
    expect(words).toContain('Reader zum Kurs');
    expect(words).toContain('Stellen: 2; Quellen: 1.');
    expect(words).toContain('Vorlesung 3 „Eisenbahnen“: Folien 2 „Folie 2“, 5 „Folie 5“');
    expect(words).toContain('Vorlesung 4 „Zölle“: Folie 3 „Folie 3“');
    // In the order of the text: p1 before p2, each once, with every lecture citing it.
    expect(words.indexOf('Text von p1.')).toBeLessThan(words.indexOf('Text von p2.'));
    expect(words.split('Text von p2.')).toHaveLength(2);
    for (const english of ['Course reading pack', 'Passages:', 'Lecture', 'slides']) expect(words).not.toContain(english);
    expect(courseReadingSubject('de-AT')).toBe('Reader zum Kurs');
  });

  it('are Russian with «…» for a Russian course, and English for a language without a catalogue', () => {
    const ru = text(courseReadingDocument({ title: 'Курс', lang: 'ru' }, lectures));
    expect(ru).toContain('Хрестоматия курса');
    expect(ru).toContain('Фрагментов: 2; источников: 1.');
    expect(ru).toContain('Лекция 4 «Zölle»: слайд 3');
    const nl = text(courseReadingDocument({ title: 'Cursus', lang: 'nl' }, lectures));
    expect(nl).toContain('Course reading pack');
    expect(nl).toContain('Passages: 2; sources: 1.');
  });
});
