/** The comments of a drafted outline, in Russian and English: what it is and how to edit it (its slide titles are the catalogues' `draft` words). */
import type { Section } from './plan.js';

export interface Words {
  head: (info: { name: string; source: string; passages: string; outline: string; titleFrom: string; target: number; total: number }) => string[];
  sectionNote: (range: string, titledBy: Section['titledBy']) => string;
  bulletsNote: string;
  quoteNote: string;
  timelineNote: string;
  slidesNote: string;
}

export const RU: Words = {
  head: ({ name, source, passages, outline, titleFrom, target, total }) => [
    `Черновик лекции, составленный \`lectern draft\` по источнику ${source}`,
    `(около ${target} слайдов; получилось ${total}). Название взято из ${titleFrom === 'metadata' ? 'метаданных источника' : titleFrom === 'heading' ? 'первого заголовка' : 'первого предложения'}.`,
    'Всё, что показано на слайдах, — предложения источника, найденные автоматически: проверьте, замените, удалите.',
    '',
    'Как править:',
    `  ref: ${name}#p2.s3 — предложение 3 абзаца 2: слайд показывает его и ссылается на него;`,
    `      ${name}#p2 — абзац, ${name}#p2.s1-s3 — несколько предложений, ${name}#p2-p4 — абзацы.`,
    '  text: рядом с ref — свои слова вместо предложения (здесь — сокращённые), ссылка остаётся.',
    '  find: "фраза" — предложение, содержащее фразу (не зависит от нумерации).',
    '  notes: — заметки лектора (в HTML-версии и раздаточных материалах).',
    `Все адреса с текстом:  lectern passages ${passages}`,
    `Проверка и сборка:     lectern check ${outline} && lectern build ${outline}`,
    'Макеты (layout): title, agenda, section, bullets, quote, text, two-column, timeline, image, sources, questions.',
  ],
  sectionNote: (range, by) =>
    `Раздел: ${range}${by === 'heading' ? ' (заголовок источника)' : by === 'topic' ? ' (название — ключевое слово темы; замените своим)' : ' (название — начало ключевого предложения; замените своим)'}`,
  bulletsNote: 'Пункты — ключевые предложения этой части; длинные сокращены в text:, ref сохраняет ссылку.',
  quoteNote: 'Цитата найдена по фрагменту (find:) или по адресу (ref:).',
  timelineNote: 'Даты найдены в предложениях источника; date — как показать дату, ref — откуда она.',
  slidesNote: 'Слайды: title — титульный, agenda — план (из слайдов section), sources — список источников.',
};

export const EN: Words = {
  head: ({ name, source, passages, outline, titleFrom, target, total }) => [
    `A draft lecture made by \`lectern draft\` from ${source}`,
    `(about ${target} slides asked; ${total} made). The title comes from the ${titleFrom === 'metadata' ? "source's metadata" : titleFrom === 'heading' ? 'first heading' : 'first sentence'}.`,
    'Everything on the slides is a sentence of the source, picked automatically: check, replace, delete.',
    '',
    'How to edit:',
    `  ref: ${name}#p2.s3 — sentence 3 of paragraph 2: the slide shows it and cites it;`,
    `      ${name}#p2 is a paragraph, ${name}#p2.s1-s3 several sentences, ${name}#p2-p4 paragraphs.`,
    '  text: beside ref — your own words instead of the sentence (here: shortened); the citation stays.',
    '  find: "a phrase" — the sentence containing the phrase (survives renumbering).',
    '  notes: — speaker notes (HTML deck and handouts).',
    `Every address with its text:  lectern passages ${passages}`,
    `Check and build:              lectern check ${outline} && lectern build ${outline}`,
    'Layouts: title, agenda, section, bullets, quote, text, two-column, timeline, image, sources, questions.',
  ],
  sectionNote: (range, by) =>
    `Section: ${range}${by === 'heading' ? " (the source's heading)" : by === 'topic' ? ' (titled with the key term of its topic; give it your own)' : ' (titled with the first words of its key sentence; give it your own)'}`,
  bulletsNote: 'Bullets: the key sentences of this part; long ones are shortened in text:, the ref keeps the citation.',
  quoteNote: 'The quotation is found by a fragment (find:) or by address (ref:).',
  timelineNote: "Dates found in the source's sentences; date is how it shows, ref where it comes from.",
  slidesNote: 'Slides: title is the title slide, agenda lists the section slides, sources lists the sources.',
};
