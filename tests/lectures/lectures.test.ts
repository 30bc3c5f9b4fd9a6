/**
 * A corpus of realistic lectures (issue 14), each built end to end in real
 * Chromium from a copy in a temporary folder, and read back page by page as a
 * lecturer would check it: which slide is on which page, the quoted sentence
 * and its citation on that page, no slide reported cut off, every handout
 * with its number of pages, the reading pack with the cited passages, and a
 * variant and an `extends` child with their own differences.
 *
 *   gettysburg       English, a one-paragraph source (citations name sentences), handouts 2 and 6 on Letter
 *   progressive-era  English project config (lang, handouts notes/4/reading), a 129-sentence one-paragraph
 *                    source, an image, a timeline from a passage, a variant
 *   darwin           English, two sources, written and passage timelines, an image, extends
 *   ussr-japan       Russian seminar, nested bullets, two columns with a quote, handouts notes/4/6, a variant
 *   orthography      Russian, a one-paragraph prose poem ("абз. 1, предл. 3"), an image, handouts notes/2/reading
 *
 * Expectations are what the lecture should look like. Where a build does not
 * do that yet, the expectation stays and says BUG next to it.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdf.js';
import { buildProject, session, type Built } from './build-project.js';

/**
 * The title on each page, for comparison with the expected titles: the expected
 * one when the page begins with it (a long title wraps), else the page's first line.
 */
async function titles(file: string, expected: string[]): Promise<string[]> {
  return (await pdfText(file)).map((p, i) =>
    expected[i] !== undefined && squeeze(p).startsWith(squeeze(expected[i]!)) ? expected[i]! : p.split('\n')[0]!.trim(),
  );
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

async function expectTitles(file: string, expected: string[]): Promise<void> {
  expect(await titles(file, expected)).toEqual(expected);
}

const overflowText = (b: Built) => b.overflow.map((w) => `${w.file}:${w.line}: ${w.message}`);

// All five projects build at once on the shared browser (the run stays short on two cores).
let gettysburg: Built;
let progressive: Built;
let darwin: Built;
let peking: Built;
let orthography: Built;

afterAll(() => session.close());

beforeAll(async () => {
  [gettysburg, progressive, darwin, peking, orthography] = await Promise.all([
    // Handouts from the outline (formats not given).
    buildProject('gettysburg', {}),
    // Language and handouts from lectern.config.yaml; the outline and its variant.
    buildProject('progressive-era', { variant: 'all' }),
    // Both outlines of the folder: the lecture and the review that extends it.
    buildProject('darwin', { formats: ['pdf'], handouts: ['3-lines', 'reading'] }),
    buildProject('ussr-japan', { variant: 'all', formats: ['pdf'], handouts: ['notes', '4', '6'] }),
    buildProject('orthography', { formats: ['md', 'pdf'], handouts: ['notes', '2', 'reading'] }),
  ]);
}, 150_000);

describe('gettysburg: one paragraph, English, handouts on Letter', () => {
  it('has one page per slide, each with its title', async () => {
    await expectTitles(path.join(gettysburg.dir, 'out/gettysburg.pdf'), [
      'The Gettysburg Address',
      'The opening',
      'The occasion',
      'The turn',
      'The unfinished work',
      'Questions and discussion',
      'Sources',
    ]);
  });

  it('cites sentences of the one paragraph on the page that shows them', async () => {
    const p = await gettysburg.pages('gettysburg.pdf');
    expect(p[0]).toContain('Dr. Jane Carter');
    expect(p[0]).toContain('HIST 110 — American Speeches');
    expect(p[1]).toContain('Four score and seven years ago our fathers brought forth on this continent');
    expect(p[1]).toContain('Gettysburg Address, para. 1, sent. 1');
    expect(p[2]).toContain('We are met on a great battle-field of that war.');
    expect(p[2]).toContain('The ceremony dedicates a cemetery for the soldiers who fell there');
    expect(p[2]).toContain('para. 1, sent. 2–4');
    expect(p[3]).toContain('we can not dedicate—we can not consecrate—we can not hallow—this ground.');
    expect(p[3]).toContain('para. 1, sent. 6–7');
    // The longest sentence, whole, on one slide.
    expect(p[4]).toContain('It is rather for us to be here dedicated to the great task remaining before us');
    expect(p[4]).toContain('shall not perish from the earth.');
    expect(p[4]).toContain('para. 1, sent. 10');
    expect(p[6]).toContain('Abraham Lincoln. Address delivered at the dedication of the cemetery at Gettysburg. 1863.');
    // "para. 1" alone never appears as a citation.
    for (const page of p) expect(page).not.toMatch(/para\. 1(?!, sent\.)/);
  });

  it('reports no slide cut off', () => {
    expect(overflowText(gettysburg)).toEqual([]);
  });

  it('prints the 2-up and 6-up handouts the outline asks for, on Letter paper', async () => {
    const two = await gettysburg.facts('gettysburg.handout-2.pdf');
    expect(two.pages).toBe(4);
    expect(two.sizes[0]).toMatchObject({ width: 612, height: 792 });
    const six = await gettysburg.facts('gettysburg.handout-6.pdf');
    expect(six.pages).toBe(2);
    const sixText = await gettysburg.pages('gettysburg.handout-6.pdf');
    expect(sixText[0]).toContain('The unfinished work');
    expect(sixText[1]).toContain('Sources');
  });
});

describe('progressive-era: English config, a 129-sentence paragraph, an image, a variant', () => {
  const deck = [
    'Regulating the Corporations',
    'Outline',
    'The corporations',
    'A creature of the law',
    'Publicity first',
    'The railroads',
    'A nation on rails',
    'Who fixes the rate?',
    'A claim that waited',
    'The Monroe Doctrine',
    'A duty as well as a right',
    'The customs arrangement',
    'Strength behind the doctrine',
    'Questions and discussion',
    'Sources',
  ];

  it('has one page per slide, each with its title', async () => {
    // The three bullets of «A creature of the law» (one nested) fill half the
    // slide and stay on it (they were once moved on to a "(continued)" slide).
    await expectTitles(path.join(progressive.dir, 'out/regulation.pdf'), deck);
  });

  it('shows each cited sentence on its slide, cited by sentence, in English', async () => {
    const p = await progressive.pages('regulation.pdf');
    const page = (title: string) => p.find((t) => t.startsWith(title))!;
    expect(page('Regulating the Corporations')).toContain('Prof. Samuel Reed');
    // The agenda lists the sections.
    expect(page('Outline')).toContain('1. The corporations 2. The railroads 3. The Monroe Doctrine');
    expect(page('A creature of the law')).toContain('what the law has made the law may and must control.');
    expect(page('A creature of the law')).toContain('One State charters the corporation, another State taxes it');
    expect(page('Publicity first')).toContain('nothing to fear from the light.');
    expect(page('Publicity first')).toContain('Annual Message, para. 1, sent. 13');
    expect(page('A nation on rails')).toContain('Railroad mileage in the United States, 1870–1910 (illustrative)');
    expect(page('Who fixes the rate?')).toContain('The message asks');
    expect(page('Who fixes the rate?')).toContain('Confiscation of their property');
    expect(page('Who fixes the rate?')).toContain('para. 1, sent. 30–34');
    // The timeline's events are the dated sentences of s51–s56, in date order, as the text writes the dates.
    const claims = page('A claim that waited');
    const order = ['April 15, 1902', 'June 2, 1903', 'January 9, 1904', 'December 16, 1904', 'February 27, 1905'].map((d) => claims.indexOf(d));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page('The customs arrangement')).toContain('The revolutions have ceased for the want of customs houses to seize');
    expect(page('Strength behind the doctrine')).toContain('a doctrine which cannot be upheld is only a boast, and a boast invites attack.');
    expect(page('Strength behind the doctrine')).toContain('quoted in the message of 1905');
    expect(page('Sources')).toContain('Annual Message to the Congress');
    // lang: en from the config: no Russian fixed words anywhere.
    for (const t of p) expect(t).not.toMatch(/абз\.|План лекции|Источники/);
  });

  it('reports no slide cut off, in the lecture or its variant', () => {
    expect(overflowText(progressive)).toEqual([]);
  });

  it('prints the handouts the config asks for: notes, 4-up and the reading pack', async () => {
    const deckPages = (await progressive.facts('regulation.pdf')).pages;
    // The notes handout: one page per slide, the notes under it.
    expect((await progressive.facts('regulation.handout-notes.pdf')).pages).toBe(deckPages);
    const notes = await progressive.pages('regulation.handout-notes.pdf');
    expect(notes[1]).toContain('the Monroe Doctrine takes the last twenty minutes');
    expect((await progressive.facts('regulation.handout-4.pdf')).pages).toBe(4);
    const reading = await progressive.pages('regulation.reading.pdf');
    expect(reading).toHaveLength(3);
    const all = reading.join(' ');
    expect(all).toContain('Passages: 23; sources: 1.');
    for (const passage of [
      'I ask your attention first to the greatest of these questions', // notes of «A creature of the law»
      'The secret rebate, by which a great corporation obtains lower rates than its small competitor',
      'Forty-five per cent of the revenue is paid to the Dominican government',
      'a doctrine which cannot be upheld is only a boast',
    ])
      expect(all).toContain(passage);
    // Passages are in the order of the text.
    expect(all.indexOf('msg#p1.s4-s6')).toBeLessThan(all.indexOf('msg#p1.s83'));
  });

  it('builds the survey variant without the detail slides, with its own subtitle', async () => {
    expect(progressive.result.slides.get('regulation.survey')).toBe(progressive.result.slides.get('regulation')! - 2);
    const p = await progressive.pages('regulation.survey.pdf');
    expect(p[0]).toContain('Survey of American History');
    expect(p[0]).toContain('Week 11');
    expect(p[0]).not.toContain('The annual message of 1905');
    expect(p.some((t) => t.startsWith('A claim that waited'))).toBe(false);
    expect(p.some((t) => t.startsWith('The customs arrangement'))).toBe(false);
    expect(p.some((t) => t.startsWith('Strength behind the doctrine'))).toBe(true);
    // The variant's handouts follow its own slides.
    expect((await progressive.facts('regulation.survey.handout-notes.pdf')).pages).toBe(p.length);
    expect((await progressive.facts('regulation.survey.handout-4.pdf')).pages).toBe(Math.ceil(p.length / 4));
    expect((await progressive.pages('regulation.survey.reading.pdf')).join(' ')).not.toContain('Forty-five per cent of the revenue');
  });
});

describe('darwin: two sources, both kinds of timeline, an image, extends', () => {
  it('has one page per slide, each with its title', async () => {
    // The timeline from a passage finds seven dated sentences: too many for one
    // slide, so it continues (before, the last two were cut off).
    await expectTitles(path.join(darwin.dir, 'out/darwin.pdf'), [
      'Darwin and the Origin of Species',
      'The naturalist',
      'Milestones',
      'Five years at sea — and on land',
      'The theory',
      'Twenty years to publication',
      'Twenty years to publication (continued)',
      'Descent with modification',
      'The laws acting around us',
      'What the book argued',
      'The last sentence',
      'Sources',
    ]);
  });

  it('shows the written timeline, the quotes and the image caption on their pages', async () => {
    const p = await darwin.pages('darwin.pdf');
    const page = (title: string) => p.find((t) => t.startsWith(title))!;
    expect(page('Milestones')).toContain('12 February 1809 Born in Shrewsbury');
    expect(page('Milestones')).toContain('24 November 1859 On the Origin of Species published');
    expect(page('Milestones')).toContain('Darwin, a study note, para. 1–2, 4');
    expect(page('Five years at sea')).toContain('Darwin spent most of that time on land');
    expect(page('Descent with modification')).toContain('Species A–D share one common ancestor; one branch died out');
    expect(page('The laws acting around us')).toContain('Growth with Reproduction');
    expect(page('The laws acting around us')).toContain('Origin of Species, para. 1, sent. 2');
    expect(page('What the book argued')).toContain('Natural selection itself remained disputed until genetics explained inheritance');
    expect(page('The last sentence')).toContain('endless forms most beautiful and most wonderful have been, and are being, evolved.');
    expect(page('The last sentence')).toContain('Origin of Species, para. 1, sent. 4');
    expect(page('Sources')).toContain('Charles Darwin. On the Origin of Species by Means of Natural Selection (closing paragraph). 1859.');
  });

  it('reports no slide cut off, and the timeline from a passage shows every dated sentence', async () => {
    // «Twenty years to publication» (`timeline: { from: voy#p3-p4 }`) finds seven
    // dated sentences (July 1837 … 24 November 1859): they continue on a second
    // slide instead of the last two being cut off.
    expect(overflowText(darwin)).toEqual([]);
    const all = (await darwin.pages('darwin.pdf')).join(' ');
    for (const date of ['July 1837', '1838', '1842', '1844', 'June 1858', '1 July 1858', '24 November 1859']) expect(all).toContain(date);
  });

  it('prints the 3-lines handout and a reading pack of both sources', async () => {
    expect((await darwin.facts('darwin.handout-3-lines.pdf')).pages).toBe(4);
    const reading = (await darwin.pages('darwin.reading.pdf')).join(' ');
    expect(reading).toContain('On 27 December 1831 HMS Beagle left Plymouth');
    expect(reading).toContain('It is interesting to contemplate a tangled bank');
    expect(reading).toContain('There is grandeur in this view of life');
    // Sources in the outline's order: the study note, then the Origin.
    expect(reading.indexOf('Darwin from the Beagle to the Origin')).toBeLessThan(reading.indexOf('On the Origin of Species by Means of Natural Selection'));
  });

  it('builds the review that extends the lecture, with its own slides', async () => {
    await expectTitles(path.join(darwin.dir, 'out/darwin-review.pdf'), [
      'Darwin and the Origin of Species',
      'The naturalist',
      'Milestones',
      'Five years at sea — and on land',
      'The theory',
      'The laws acting around us',
      'Two claims to remember',
      'The last sentence',
      'Test yourself',
      'Sources',
    ]);
    const p = await darwin.pages('darwin-review.pdf');
    expect(p[0]).toContain('Review before the midterm');
    expect(p[0]).toContain('Review session');
    // The replaced slide keeps its place in the base.
    expect(p[6]).toContain('Natural selection was disputed until genetics');
    expect(p[6]).toContain('Darwin, a study note, para. 5');
    expect(p[8]).toContain('Who reached the same idea in the Malay Archipelago?');
    // The base's handouts, for the child's slides.
    expect((await darwin.facts('darwin-review.handout-3-lines.pdf')).pages).toBe(4);
    expect((await darwin.pages('darwin-review.reading.pdf')).join(' ')).not.toContain('Back in England, Darwin opened his first notebook');
  });
});

describe('ussr-japan: a Russian seminar with a variant', () => {
  it('has one page per slide, each with its title', async () => {
    await expectTitles(path.join(peking.dir, 'out/peking-1925.pdf'), [
      'Пекинская конвенция 1925 года',
      'План семинара',
      'Предыстория',
      'Почему Япония медлила',
      'Конвенция',
      'Что установила конвенция',
      'Советская декларация',
      'Даты, названные в тексте',
      'Успехи и пределы',
      'Взаимные подозрения',
      'Вопросы к семинару',
      'Источники',
    ]);
  });

  it('shows the quoted sentences and Russian citations on their pages', async () => {
    const p = await peking.pages('peking-1925.pdf');
    expect(p[1]).toContain('1. Предыстория 2. Конвенция');
    expect(p[3]).toContain('Стабилизация обстановки в СССР');
    expect(p[5]).toContain('К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина.');
    expect(p[5]).toContain('Отношения СССР и Японии, абз. 2');
    // The corrected text (sidecar corrections), with the highlighted phrase.
    expect(p[6]).toContain('«никоим образом не означает, что правительство Союза разделяет с бывшим царским правительством политическую ответственность');
    expect(p[7]).toContain('5 сентября 1905 г. Портсмутский мирный договор');
    expect(p[7]).toContain('1928 г. Новая рыболовная конвенция');
    expect(p[8]).toContain('Само появление этой статьи свидетельствовало об изначальном взаимном недоверии');
    expect(p[8]).toContain('абз. 3, 5');
    expect(p[9]).toContain('белоэмигрантские вооруженные отряды');
    expect(p[11]).toContain('Установление дипломатических отношений между СССР и Японией');
  });

  it('reports no slide cut off', () => {
    expect(overflowText(peking)).toEqual([]);
  });

  it('prints the notes, 4-up and 6-up handouts', async () => {
    expect((await peking.facts('peking-1925.handout-notes.pdf')).pages).toBe(12);
    const notes = await peking.pages('peking-1925.handout-notes.pdf');
    expect(notes[6]).toContain('Обратить внимание на слово «разделяет».');
    expect((await peking.facts('peking-1925.handout-4.pdf')).pages).toBe(3);
    expect((await peking.facts('peking-1925.handout-6.pdf')).pages).toBe(2);
  });

  it('builds the short variant: core and untagged slides, its own subtitle and slide title', async () => {
    await expectTitles(path.join(peking.dir, 'out/peking-1925.short.pdf'), [
      'Пекинская конвенция 1925 года',
      'План семинара',
      'Предыстория',
      'Конвенция',
      'Главное в конвенции',
      'Советская декларация',
      'Успехи и пределы',
      'Вопросы к семинару',
      'Источники',
    ]);
    expect((await peking.pages('peking-1925.short.pdf'))[0]).toContain('Краткое повторение');
    expect((await peking.facts('peking-1925.short.handout-notes.pdf')).pages).toBe(9);
    expect((await peking.facts('peking-1925.short.handout-4.pdf')).pages).toBe(3);
    expect((await peking.facts('peking-1925.short.handout-6.pdf')).pages).toBe(2);
  });
});

describe('orthography: Russian, a one-paragraph prose poem, an image, a timeline from the text', () => {
  it('has one page per slide, each with its title', async () => {
    await expectTitles(path.join(orthography.dir, 'out/orthography-1918.pdf'), [
      'Реформа русской орфографии 1917–1918 гг.',
      'План лекции',
      'Эпиграф',
      'Подготовка реформы',
      'Орфографическая комиссия',
      'Хронология реформы',
      'Хронология реформы (продолжение)',
      'Декреты',
      'Что изменилось в алфавите',
      'До и после',
      'Последствия',
      'Язык как опора',
      'Вопросы и обсуждение',
      'Источники',
    ]);
  });

  it('cites the one-paragraph source by sentence, in Russian', async () => {
    const p = await orthography.pages('orthography-1918.pdf');
    expect(p[2]).toContain('Но нельзя верить, чтобы такой язык не был дан великому народу!');
    expect(p[2]).toContain('Тургенев. Русский язык, абз. 1, предл. 3');
    expect(p[11]).toContain('ты один мне поддержка и опора, о великий, могучий, правдивый и свободный русский язык!');
    expect(p[11]).toContain('Тургенев. Русский язык, абз. 1, предл. 1');
    // The multi-paragraph source is cited by paragraph.
    expect(p[4]).toContain('под председательством А. А. Шахматова.');
    expect(p[4]).toContain('Реформа орфографии, абз. 1–2');
    expect(p[10]).toContain('Для них старое правописание стало знаком верности дореволюционной культуре.');
  });

  it('finds the dated sentences of the passage for the timeline, in order', async () => {
    // Five two-line events do not fit one slide under its title: the timeline continues.
    const timeline = (await orthography.pages('orthography-1918.pdf')).slice(5, 7).join(' ');
    const order = ['1904', '1912', '11 мая 1917', '23 декабря 1917', '10 октября 1918'].map((d) => timeline.indexOf(d));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(timeline).toContain('окончательно закрепил реформу.');
    expect(timeline).toContain('Реформа орфографии, абз. 1–3');
  });

  it('shows the image slide with its caption and reports no slide cut off', async () => {
    expect((await orthography.pages('orthography-1918.pdf'))[8]).toContain('Ять, фита, «и десятеричное» и ъ на конце слов');
    const md = orthography.result.outputs.find((o) => o.format === 'md');
    expect(md).toBeDefined();
    expect(overflowText(orthography)).toEqual([]);
  });

  it('prints the notes, 2-up handouts and the reading pack with the cited passages', async () => {
    expect((await orthography.facts('orthography-1918.handout-notes.pdf')).pages).toBe(14);
    expect((await orthography.facts('orthography-1918.handout-2.pdf')).pages).toBe(7);
    const reading = (await orthography.pages('orthography-1918.reading.pdf')).join(' ');
    expect(reading).toContain('Хрестоматия к лекции');
    expect(reading).toContain('Фрагментов: 11; источников: 2.');
    expect(reading).toContain('Реформа русской орфографии готовилась задолго до революции.');
    expect(reading).toContain('Во дни сомнений, во дни тягостных раздумий о судьбах моей родины');
    expect(reading).toContain('Из алфавита были исключены буквы ять, фита и «и десятеричное»');
    // p2.s3 is cited nowhere: not in the reading pack.
    expect(reading).not.toContain('Временное правительство предписало');
  });
});
