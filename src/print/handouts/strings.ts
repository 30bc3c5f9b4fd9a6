/** The fixed strings of handouts and the reading pack, per language (Russian, else English). */
import type { Handout } from './kinds.js';
import { isRussian } from '../../util/lang.js';

export interface HandoutStrings {
  pageOf: (page: number | string, pages: number | string) => string;
  /** The same for CSS `content`: the parts before, between and after the two counters. */
  pageOfCss: [string, string, string];
  notes: string;
  passages: string;
  slide: string;
  slides: string;
  of: string;
  readingPack: string;
  readingIntro: (passages: number, sources: number) => string;
  bibliography: string;
  /** Before the addresses a slide cites that lie within a note's passage. */
  onSlide: string;
  /** Before the addresses of shorter passages that lie within a printed one. */
  including: string;
  kinds: Record<Handout, string>;
}

const RU: HandoutStrings = {
  pageOf: (x, y) => `стр. ${x} из ${y}`,
  pageOfCss: ['стр. ', ' из ', ''],
  notes: 'Заметки',
  passages: 'Цитируемые фрагменты',
  slide: 'слайд',
  slides: 'слайды',
  of: 'из',
  readingPack: 'Хрестоматия к лекции',
  readingIntro: (n, s) => `Полные тексты фрагментов, на которые ссылается лекция, — по источникам, в порядке текста. Фрагментов: ${n}; источников: ${s}.`,
  bibliography: 'Источники',
  onSlide: 'на слайде',
  including: 'в том числе',
  kinds: {
    notes: 'Слайды с заметками',
    '2': 'Раздаточный материал: 2 слайда на странице',
    '3-lines': 'Раздаточный материал: 3 слайда с местом для записей',
    '4': 'Раздаточный материал: 4 слайда на странице',
    '6': 'Раздаточный материал: 6 слайдов на странице',
    reading: 'Хрестоматия к лекции',
  },
};

const EN: HandoutStrings = {
  pageOf: (x, y) => `page ${x} of ${y}`,
  pageOfCss: ['page ', ' of ', ''],
  notes: 'Notes',
  passages: 'Cited passages',
  slide: 'slide',
  slides: 'slides',
  of: 'of',
  readingPack: 'Reading pack',
  readingIntro: (n, s) => `The full text of every passage the lecture cites, by source, in the order of the text. Passages: ${n}; sources: ${s}.`,
  bibliography: 'Sources',
  onSlide: 'on the slide',
  including: 'including',
  kinds: {
    notes: 'Slides with notes',
    '2': 'Handout: 2 slides per page',
    '3-lines': 'Handout: 3 slides with room for notes',
    '4': 'Handout: 4 slides per page',
    '6': 'Handout: 6 slides per page',
    reading: 'Reading pack',
  },
};

export function handoutStrings(lang: string): HandoutStrings {
  return isRussian(lang) ? RU : EN;
}
