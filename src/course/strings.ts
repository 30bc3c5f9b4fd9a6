/** The course page's own words, in Russian and English (other languages get English). */
export interface PageStrings {
  lectures: string;
  search: string;
  searchLabel: string;
  found: string;
  none: string;
  lecture: string;
  passage: string;
  slides: (n: number) => string;
  deck: string;
  pdf: string;
  reading: string;
  handout: (layout: string) => string;
  sources: string;
  citedIn: string;
  coverage: string;
  coverageSummary: (cited: number, total: number) => string;
  paragraph: string;
  notCited: string;
  thumbAlt: (title: string) => string;
}

const ru: PageStrings = {
  lectures: 'Лекции',
  search: 'Поиск',
  searchLabel: 'Искать в лекциях, слайдах и цитатах',
  found: 'Найдено: {n}',
  none: 'Ничего не найдено',
  lecture: 'Лекция {n}',
  passage: 'цитата:',
  slides: (n) => `${n} ${plural(n, 'слайд', 'слайда', 'слайдов')}`,
  deck: 'Слайды',
  pdf: 'PDF',
  reading: 'Хрестоматия',
  handout: (l) => (l === 'notes' ? 'Раздаточный материал с заметками' : `Раздаточный материал (${l})`),
  sources: 'Источники',
  citedIn: 'Цитируется в лекциях',
  coverage: 'Охват источников',
  coverageSummary: (c, t) => `Цитируется ${c} из ${t} ${plural(t, 'абзаца', 'абзацев', 'абзацев')}`,
  paragraph: 'Абзац',
  notCited: 'не цитируется',
  thumbAlt: (t) => `Титульный слайд: ${t}`,
};

const en: PageStrings = {
  lectures: 'Lectures',
  search: 'Search',
  searchLabel: 'Search the lectures, slides and quoted passages',
  found: '{n} found',
  none: 'Nothing found',
  lecture: 'Lecture {n}',
  passage: 'passage:',
  slides: (n) => `${n} slide${n === 1 ? '' : 's'}`,
  deck: 'Slides',
  pdf: 'PDF',
  reading: 'Reading pack',
  handout: (l) => (l === 'notes' ? 'Handout with notes' : `Handout (${l})`),
  sources: 'Sources',
  citedIn: 'Cited in lectures',
  coverage: 'Coverage of the sources',
  coverageSummary: (c, t) => `${c} of ${t} paragraphs cited`,
  paragraph: 'Paragraph',
  notCited: 'not cited',
  thumbAlt: (t) => `Title slide: ${t}`,
};

/** Russian plural forms: 1 слайд, 2 слайда, 5 слайдов (and for "из N": 1 абзаца, 5 абзацев). */
function plural(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const last = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

export function pageStrings(lang: string): PageStrings {
  return lang.toLowerCase().startsWith('ru') ? ru : en;
}
