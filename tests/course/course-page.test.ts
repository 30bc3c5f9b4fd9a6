/**
 * The course page's HTML as a lecturer and a student read it (issue 21),
 * made from lectures' summaries without a browser: the combined PDFs linked
 * at the top only when they are in out/, the sources numbered once (as the
 * decks number them), handouts named as they name themselves, every word from
 * the message catalogue of the course's language, and the page left alone
 * when it would be written as it is.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LectureBuilt } from '../../src/course/built.js';
import { loadCourse } from '../../src/course/load.js';
import { pageStrings } from '../../src/course/strings.js';
import type { LectureSummary } from '../../src/course/summary.js';
import { COURSE_PAGE, writeCoursePage } from '../../src/course/write-page.js';
import type { BibEntry } from '../../src/deck/model.js';
import { MESSAGE_LANGUAGES, messagesFor, plural } from '../../src/messages/index.js';
import { handoutStrings } from '../../src/print/handouts/strings.js';
import { tempDir, writeFiles } from '../helpers/project.js';

const entry = (name: string, text: string): BibEntry => ({
  name,
  entry: text,
  segments: [{ text, italic: false, bold: false, href: '' }],
  title: name,
  short: name,
  cited: [],
});

const summary = (name: string, title: string, slideCount: number, bibliography: BibEntry[]): LectureSummary => ({
  name,
  title,
  lang: 'ru',
  slideCount,
  slides: [{ number: 1, title, text: '' }],
  cited: [],
  bibliography,
});

interface Setup {
  language?: string;
  /** Files to put in out/ before the page is written. */
  files?: string[];
  bibliographies?: [BibEntry[], BibEntry[]];
  slides?: [number, number];
}

/** A course of two lectures (numbers 7 and 8) in a temporary folder; returns the page written and where. */
async function coursePage(setup: Setup = {}): Promise<{ html: string; outDir: string; write: () => Promise<string> }> {
  const dir = await tempDir();
  await writeFiles(dir, {
    'course.yaml': [
      'title: Interwar Diplomacy',
      `language: ${setup.language ?? 'ru'}`,
      'lectures:',
      '  - outline: outlines/versailles.yaml',
      '    number: 7',
      '  - outline: outlines/locarno.yaml',
      '',
    ].join('\n'),
    'outlines/versailles.yaml': 'title: Versailles\nslides: []\n',
    'outlines/locarno.yaml': 'title: Locarno\nslides: []\n',
  });
  const outDir = path.join(dir, 'out');
  await writeFiles(outDir, Object.fromEntries((setup.files ?? []).map((f) => [f, 'x'])));
  const course = await loadCourse(path.join(dir, 'course.yaml'));
  const [bib7, bib8] = setup.bibliographies ?? [[], []];
  const [slides7, slides8] = setup.slides ?? [15, 4];
  const summaries = [summary('versailles', 'Версаль', slides7, bib7), summary('locarno', 'Локарно', slides8, bib8)];
  const lectures: LectureBuilt[] = course.lectures.map((lecture, i) => ({
    lecture,
    status: lecture.status,
    name: summaries[i]!.name,
    title: summaries[i]!.title,
    slides: summaries[i]!.slideCount,
    outputs: [],
    summary: summaries[i]!,
  }));
  const write = async () => readFile(await writeCoursePage({ course, lectures, outDir }), 'utf8');
  return { html: await write(), outDir, write };
}

/** The text of an HTML fragment as a reader sees it: scripts, styles and tags dropped, entities of escaped text put back. */
const text = (html: string) =>
  html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const between = (html: string, from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to, html.indexOf(from)));

describe('the course page', () => {
  it('links the course reading pack and all handouts at the top, in the course’s language, only when they are in out/', async () => {
    const both = await coursePage({ files: ['course.reading.pdf', 'course.handouts.pdf'] });
    const header = between(both.html, '<header>', '</header>');
    expect(header).toContain('<a href="course.reading.pdf">Хрестоматия курса (PDF)</a>');
    expect(header).toContain('<a href="course.handouts.pdf">Все раздаточные материалы (PDF)</a>');

    const reading = await coursePage({ language: 'en', files: ['course.reading.pdf'] });
    const top = between(reading.html, '<header>', '</header>');
    expect(top).toContain('<a href="course.reading.pdf">Course reading pack (PDF)</a>');
    expect(reading.html).not.toContain('course.handouts.pdf');

    const none = await coursePage();
    expect(none.html).not.toMatch(/course\.(reading|handouts)\.pdf|course-files/);
  });

  it('lists entries that carry their own number without list markers, and numbers them once', async () => {
    const conv = entry('conv', '1. Установление дипломатических отношений между СССР и Японией // Учебник истории.');
    const lensen = entry('lensen', '2. Lensen G. A. Japanese Recognition of the U.S.S.R. Tokyo, 1970.');
    const { html } = await coursePage({ bibliographies: [[conv, lensen], [conv]] });
    const sources = between(html, '<section aria-labelledby="sources-heading">', '</section>');
    expect(sources).toContain('<ul class="sources numbered">');
    const items = [...sources.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => text(m[1]!));
    expect(items).toEqual([
      '1. Установление дипломатических отношений между СССР и Японией // Учебник истории. (Цитируется в лекциях: 7, 8)',
      '2. Lensen G. A. Japanese Recognition of the U.S.S.R. Tokyo, 1970. (Цитируется в лекциях: 7)',
    ]);
    expect(html).toMatch(/\.sources\.numbered\{list-style:none/);
  });

  it('says the number each lecture gives a work when the lectures number it differently ("[1, п. 2]" on one, "[2, …]" on the other)', async () => {
    const in7 = entry('conv', '1. Установление отношений // Учебник истории.');
    const in8 = entry('conv', '[2] Установление отношений // Учебник истории.');
    const { html } = await coursePage({ bibliographies: [[in7], [entry('locarno', '1. Локарно.'), in8]] });
    const items = [...between(html, 'sources-heading', '</section>').matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => text(m[1]!));
    expect(items).toEqual(['Установление отношений // Учебник истории. (Цитируется в лекциях: 7 [1], 8 [2])', '1. Локарно. (Цитируется в лекциях: 8)']);
  });

  it('keeps list markers when no entry is numbered (an author-date style)', async () => {
    const { html } = await coursePage({
      language: 'en',
      bibliographies: [[entry('lensen', 'Lensen, G. A. (1970). Japanese Recognition of the U.S.S.R.')], [entry('year', '1925. A Year in Europe.')]],
    });
    expect(html).toContain('<ul class="sources">');
    // A title that starts with a year and a full stop is still a title: this entry is the year's, not "1925.".
    expect(text(between(html, 'sources-heading', '</section>'))).toContain('1925. A Year in Europe. (Cited in lectures: 8)');
  });

  it('names a lecture’s handouts as the handouts title themselves, never by the layout’s code name', async () => {
    const files = [
      'versailles.html',
      'versailles.pdf',
      'versailles.handout-3-lines.pdf',
      'versailles.handout-notes.pdf',
      'versailles.handout-4.pdf',
      'versailles.reading.pdf',
    ];
    const { html } = await coursePage({ files });
    // Each link's name as a screen reader says it (the lecture in a visually hidden span).
    const links = [...between(html, 'id="lecture-7"', '</li>\n<li').matchAll(/<a href="([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => [m[1], text(m[2]!)]);
    expect(links).toEqual([
      ['versailles.html', 'Версаль'],
      ['versailles.html', 'Слайды — Лекция 7'],
      ['versailles.pdf', 'Слайды (PDF) — Лекция 7'],
      ['versailles.handout-notes.pdf', 'Слайды с заметками — Лекция 7'],
      ['versailles.handout-3-lines.pdf', 'Раздаточный материал: 3 слайда с местом для записей — Лекция 7'],
      ['versailles.handout-4.pdf', 'Раздаточный материал: 4 слайда на странице — Лекция 7'],
      ['versailles.reading.pdf', 'Хрестоматия к лекции — Лекция 7'],
    ]);
    expect(html).not.toMatch(/3-lines\)|\(notes\)|\(4\)/);
    // A layout the catalogue does not name (none today) would be shown by its name rather than not at all.
    expect(pageStrings('ru').handout('5-grid')).toBe('5-grid');
  });

  it.each(MESSAGE_LANGUAGES)('takes every word from the %s catalogue', async (lang) => {
    const { html } = await coursePage({
      language: lang,
      files: ['course.reading.pdf', 'course.handouts.pdf', 'versailles.html', 'versailles.pdf', 'versailles.handout-3-lines.pdf'],
      bibliographies: [[entry('conv', '1. Conv.')], []],
      slides: [22, 1],
    });
    const { course, deck } = messagesFor(lang);
    const shown = text(html);
    for (const words of [course.lectures, course.search, course.searchLabel, course.courseReading, course.allHandouts, course.deck, course.pdf, deck.sources])
      expect(shown).toContain(words);
    expect(shown).toContain(handoutStrings(lang).kinds['3-lines']);
    expect(shown).toContain(`${course.lecture.replace('{number}', '7')}. Версаль`);
    expect(shown).toContain(plural(lang, course.slideCount, 22));
    // The search's words go to its script with {n} for the count.
    expect(html).toContain(`data-found="${course.found.replace('{count}', '{n}')}"`);
    expect(html).toContain(`data-lecture="${course.lecture.replace('{number}', '{n}')}"`);
    // Nothing in English but in English.
    if (lang !== 'en') for (const english of ['Lectures', 'Search', 'Slides', 'Reading pack', 'Handout (', 'Cited in']) expect(shown).not.toContain(english);
  });

  it('counts slides with the language’s plural forms', async () => {
    const counts = async (language: string, slides: [number, number]) => {
      const { html } = await coursePage({ language, slides });
      return [...html.matchAll(/<p class="lecture-meta">([^<]*)<\/p>/g)].map((m) => m[1]);
    };
    expect(await counts('ru', [21, 4])).toEqual(['21 слайд', '4 слайда']);
    expect(await counts('ru', [15, 1])).toEqual(['15 слайдов', '1 слайд']);
    expect(await counts('uk', [22, 5])).toEqual(['22 слайди', '5 слайдів']);
    expect(await counts('de', [1, 2])).toEqual(['1 Folie', '2 Folien']);
  });

  it('is not written again when it would be the same, and is when a combined PDF appears', async () => {
    const { outDir, write } = await coursePage();
    const file = path.join(outDir, COURSE_PAGE);
    const first = (await stat(file)).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    await write();
    expect((await stat(file)).mtimeMs).toBe(first);
    await writeFile(path.join(outDir, 'course.reading.pdf'), 'x');
    expect(await write()).toContain('href="course.reading.pdf"');
    expect((await stat(file)).mtimeMs).toBeGreaterThan(first);
  });
});
