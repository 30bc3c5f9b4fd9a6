/**
 * `lectern draft`: a source becomes an outline that checks and builds as it
 * is, with slides that fit (bullets and quotes short enough, ≤ 5 bullets).
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { build, createEngine, prepareOutline } from '../../src/pipeline/build.js';
import { checkOutlines } from '../../src/pipeline/check.js';
import type { Deck } from '../../src/deck/model.js';
import { findDates } from '../../src/sources/dates/index.js';
import { draftOutline, sourceSlug, writeDraft, type DraftOptions } from '../../src/draft/draft.js';
import { keyTitle, titleFrom } from '../../src/draft/titles.js';
import { yamlString } from '../../src/draft/write.js';
import { isStopword, stemWord, topicModel, topicRuns } from '../../src/draft/topics.js';
import { LecternError } from '../../src/errors.js';
import { ROOT, tempDir, writeFiles } from '../helpers/project.js';

// ---------------------------------------------------------------------------------------------
// A long, varied, deterministic English text on one line.

/** mulberry32: a tiny seeded generator, so the text is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = [
  'Foreign Minister Shidehara',
  'Ambassador Karakhan',
  'Mr. Yoshizawa',
  'Dr. Lena Hart',
  'Professor Ivan Petrov',
  'the Japanese delegation',
  'the Soviet government',
  'President Coolidge',
  'Ms. Ada Brooks',
  'General Tanaka',
  'the British consul',
  'a correspondent of The Times',
];
const PLACES = [
  'Beijing',
  'Tokyo',
  'Moscow',
  'Vladivostok',
  'Harbin',
  'northern Sakhalin',
  'Manchuria',
  'Portsmouth',
  'Shanghai',
  'Kamchatka',
  'Dairen',
  'Chita',
];
const NOUNS = [
  'treaty',
  'convention',
  'fishing agreement',
  'oil concession',
  'trade talks',
  'border commission',
  'railway dispute',
  'consular office',
  'press campaign',
  'naval program',
  'coal lease',
  'customs tariff',
  'timber contract',
  'loan negotiation',
];
const VERBS = ['signed', 'rejected', 'reopened', 'delayed', 'announced', 'discussed', 'ratified', 'questioned', 'praised', 'postponed', 'revised', 'defended'];
const ADJS = ['cautious', 'lengthy', 'secret', 'bilateral', 'provisional', 'disputed', 'ambitious', 'modest', 'unexpected', 'long-awaited'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const QUOTE_A = [
  'no government can',
  'we shall never',
  'the people of both countries must',
  'history will',
  'our delegation cannot',
  'every nation should',
  'the press must not',
];
const QUOTE_B = [
  'accept terms dictated by force',
  'forget the lessons of the war',
  'trade freely across the sea',
  'judge this agreement kindly',
  'sign away the fisheries',
  'live in peace with its neighbours',
  'confuse rumour with policy',
];
const QUOTE_C = ['', ' whatever the cost', ' in the years to come', ', and that is final', ' while this cabinet stands'];

function englishText(minBytes: number, seed = 1925): string {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const year = () => 1890 + Math.floor(rnd() * 50);
  const day = () => 1 + Math.floor(rnd() * 28);
  const quote = () => `${pick(QUOTE_A)} ${pick(QUOTE_B)}${pick(QUOTE_C)}`;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const templates: Array<() => string> = [
    () => `${cap(pick(PEOPLE))} ${pick(VERBS)} the ${pick(ADJS)} ${pick(NOUNS)} in ${pick(PLACES)} on ${day()} ${pick(MONTHS)} ${year()}.`,
    () => `In ${year()}, the ${pick(NOUNS)} with ${pick(PLACES)} was ${pick(VERBS)} by ${pick(PEOPLE)}, who had long argued for a ${pick(ADJS)} settlement.`,
    () => `${cap(pick(PEOPLE))} later wrote that "${quote()}".`,
    () => `According to ${pick(PEOPLE)}, the ${pick(NOUNS)} was “${quote()}”, a view that ${pick(PEOPLE)} did not share.`,
    () =>
      `The ${pick(NOUNS)} employed some ${1 + Math.floor(rnd() * 9)},${100 + Math.floor(rnd() * 900)} workers between ${1900 + Math.floor(rnd() * 10)} and ${1915 + Math.floor(rnd() * 10)}, most of them near ${pick(PLACES)}.`,
    () =>
      `It was ${pick(ADJS)}, it was ${pick(ADJS)}, and it was, in the words of ${pick(PEOPLE)}, the most ${pick(ADJS)} ${pick(NOUNS)} of the decade, although the ${pick(NOUNS)} in ${pick(PLACES)} and the ${pick(NOUNS)} in ${pick(PLACES)} were debated for much longer by everyone involved.`,
    () => `Meanwhile ${pick(PEOPLE)} travelled from ${pick(PLACES)} to ${pick(PLACES)} to discuss the ${pick(NOUNS)}.`,
    () =>
      `On ${pick(MONTHS)} ${day()}, ${year()}, the ${pick(NOUNS)} of ${pick(PLACES)} was ${pick(VERBS)} after ${Math.floor(rnd() * 30) + 2} rounds of talks.`,
    () =>
      `Few observers in ${pick(PLACES)} expected the ${pick(NOUNS)} to last, e.g. the U.S. embassy reported that the ${pick(ADJS)} mood would fade within a year.`,
    () =>
      `The ${pick(NOUNS)} cost about $${1 + Math.floor(rnd() * 9)}.${Math.floor(rnd() * 10)} million, a sum that ${pick(PEOPLE)} described as ${pick(ADJS)}.`,
    () =>
      `By the late 1920s the ${pick(NOUNS)} near ${pick(PLACES)} had become a symbol of ${pick(ADJS)} cooperation; it also showed how little either side trusted the other.`,
    () => `Why did ${pick(PEOPLE)} insist on the ${pick(NOUNS)}?`,
    () => `${cap(pick(PEOPLE))} ${pick(VERBS)} the plan.`,
  ];
  const parts: string[] = [];
  let length = 0;
  while (length < minBytes) {
    const s = pick(templates)();
    parts.push(s);
    length += s.length + 1;
  }
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A temporary project with the given sources; the draft of `source` is written to outlines/NAME.yaml. */
async function draftProject(sources: Record<string, string>, source: string, options: Partial<DraftOptions> = {}, name = 'draft') {
  const dir = await tempDir('lectern draft проект ');
  await writeFiles(dir, Object.fromEntries(Object.entries(sources).map(([f, text]) => [`sources/${f}`, text])));
  const outline = path.join(dir, 'outlines', `${name}.yaml`);
  await writeDraft(path.join(dir, 'sources', source), { ...options, output: outline });
  return { dir, outline, text: await readFile(outline, 'utf8') };
}

/** The outline checks with no errors; returns the resolved deck. */
async function checkedDeck(dir: string, outline: string): Promise<Deck> {
  const problems = await checkOutlines({ outlines: [outline], cwd: dir });
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  const prepared = await prepareOutline(createEngine(dir), outline);
  return prepared.resolved.deck;
}

/** What fits a slide: ≤ 5 bullets of ≤ 140 characters as shown, quotes ≤ 300. */
function expectFits(deck: Deck): void {
  for (const slide of deck.slides) {
    expect(slide.bullets.length, `slide ${slide.number} "${slide.title}"`).toBeLessThanOrEqual(5);
    for (const b of slide.bullets) expect(b.text.length, `slide ${slide.number}: ${b.text}`).toBeLessThanOrEqual(140);
    if (slide.quote) expect(slide.quote.text.length, `slide ${slide.number}: ${slide.quote.text}`).toBeLessThanOrEqual(300);
    for (const t of slide.timeline) expect(t.text.length, `slide ${slide.number}: ${t.text}`).toBeLessThanOrEqual(140);
    if (slide.layout === 'bullets') expect(slide.bullets.length).toBeGreaterThanOrEqual(1);
  }
}

async function buildsMdAndHtml(dir: string, outline: string): Promise<string> {
  const result = await build({ cwd: dir, outlines: [outline], formats: ['md', 'html'] });
  expect(result.outputs.map((o) => o.format).sort()).toEqual(['html', 'md']);
  return readFile(result.outputs.find((o) => o.format === 'md')!.file, 'utf8');
}

async function exampleSources(): Promise<Record<string, string>> {
  return {
    'ussr-japan-1925.txt': await readFile(path.join(ROOT, 'sources', 'ussr-japan-1925.txt'), 'utf8'),
    'ussr-japan-1925.yaml': await readFile(path.join(ROOT, 'sources', 'ussr-japan-1925.yaml'), 'utf8'),
  };
}

// ---------------------------------------------------------------------------------------------

describe('draft of the example source', () => {
  let project: { dir: string; outline: string; text: string };
  let deck: Deck;
  beforeAll(async () => {
    project = await draftProject(await exampleSources(), 'ussr-japan-1925.txt');
    deck = await checkedDeck(project.dir, project.outline);
  });

  it('checks, fits and builds to md and html', async () => {
    expectFits(deck);
    const md = await buildsMdAndHtml(project.dir, project.outline);
    expect(md).toContain('Установление дипломатических отношений между СССР и Японией');
  });

  it('has a title, an agenda, sections, bullets, a quote, a timeline and sources', () => {
    const layouts = deck.slides.map((s) => s.layout);
    expect(layouts[0]).toBe('title');
    expect(layouts[1]).toBe('agenda');
    expect(layouts[layouts.length - 1]).toBe('sources');
    expect(layouts).toContain('section');
    expect(layouts).toContain('quote');
    expect(layouts.filter((l) => l === 'timeline')).toHaveLength(1);
    expect(layouts.filter((l) => l === 'bullets').length).toBeGreaterThanOrEqual(2);
    expect(deck.slides.length).toBeGreaterThanOrEqual(9);
    expect(deck.slides.length).toBeLessThanOrEqual(15);
    expect(deck.title).toBe('Установление дипломатических отношений между СССР и Японией');
    expect(deck.lang).toBe('ru');
    expect(deck.sections.length).toBeGreaterThanOrEqual(2);
    for (const s of deck.slides.filter((x) => x.layout === 'bullets')) {
      expect(s.bullets.length).toBeGreaterThanOrEqual(3);
      for (const b of s.bullets) expect(b.citation?.address).toMatch(/^ussr#p\d+\.s\d+$/);
    }
    expect(deck.bibliography[0]?.cited.length).toBeGreaterThan(5);
  });

  it('writes the timeline as explicit entries with date, text and ref', () => {
    const data = parse(project.text) as { slides: Array<{ layout?: string; timeline?: Array<{ date: string; text: string; ref: string }> }> };
    const timeline = data.slides.find((s) => s.layout === 'timeline')!.timeline!;
    expect(timeline.map((e) => [e.date, e.ref])).toEqual([
      ['5 сентября 1905', 'ussr#p2.s5'],
      ['1907', 'ussr#p3.s2'],
      ['20 января 1925', 'ussr#p2.s1'],
      ['15 мая 1925', 'ussr#p2.s3'],
      // (1928 would be a fifth two-line event: more than one timeline slide holds.)
    ]);
    for (const e of timeline) expect(e.text.length).toBeLessThanOrEqual(90);
    const slide = deck.slides.find((s) => s.layout === 'timeline')!;
    expect(slide.timeline.map((t) => t.citation?.address)).toEqual(timeline.map((e) => e.ref));
  });

  it('quotes the Soviet declaration, shortened to the quotation', () => {
    const quote = deck.slides.find((s) => s.layout === 'quote')!.quote!;
    expect(quote.text).toMatch(/^«никоим образом не означает/);
    expect(quote.citation?.address).toBe('ussr#p2.s5');
    expect(project.text).toMatch(/find: "никоим образом/);
  });

  it('names the source by a slug, relative to the outline, and says how to edit', () => {
    expect(project.text).toContain('sources:\n  ussr: "../sources/ussr-japan-1925.txt"');
    expect(project.text).toContain('lectern passages sources/ussr-japan-1925.txt');
    expect(project.text).toContain('lectern build outlines/draft.yaml');
    expect(project.text).toMatch(/^# +ref: ussr#p2\.s3 /m);
    // No schema folder in this project: no schema line.
    expect(project.text).not.toContain('yaml-language-server');
  });

  it('gives long sentences a shortened text and keeps short ones as plain refs', () => {
    const data = parse(project.text) as { slides: Array<{ bullets?: Array<{ ref: string; text?: string }> }> };
    const bullets = data.slides.flatMap((s) => s.bullets ?? []);
    const shortened = bullets.filter((b) => b.text !== undefined);
    expect(shortened.length).toBeGreaterThan(0);
    for (const b of shortened) expect(b.text!.length).toBeLessThanOrEqual(110);
    const p2s3 = bullets.find((b) => b.ref === 'ussr#p2.s3');
    if (p2s3) expect(p2s3.text).toBeUndefined();
  });
});

describe('draft of a long one-line English text', () => {
  const text = englishText(150_000);
  let project: { dir: string; outline: string; text: string };
  let deck: Deck;
  beforeAll(async () => {
    expect(text.length).toBeGreaterThanOrEqual(150_000);
    expect(text).not.toContain('\n');
    project = await draftProject({ 'pacific-relations_notes.txt': text }, 'pacific-relations_notes.txt');
    deck = await checkedDeck(project.dir, project.outline);
  });

  it('checks, fits and builds to md and html', async () => {
    expectFits(deck);
    await buildsMdAndHtml(project.dir, project.outline);
  });

  it('is English, titled from its first sentence (not its file name), about 12 slides', () => {
    expect(deck.lang).toBe('en');
    expect(text.startsWith('According to Ms. Ada Brooks, ')).toBe(true);
    expect(deck.title).toBe('According to Ms. Ada Brooks');
    expect(project.text).toContain('The title comes from the first sentence.');
    expect(deck.slides.length).toBeGreaterThanOrEqual(10);
    expect(deck.slides.length).toBeLessThanOrEqual(14);
    expect(deck.sections.length).toBeGreaterThanOrEqual(2);
    expect(project.text).toContain('pacific: "../sources/pacific-relations_notes.txt"');
  });

  it('keeps each section to its own stretch of the text, in order', () => {
    const starts: number[] = [];
    let last = -1;
    for (const slide of deck.slides.filter((x) => x.layout === 'bullets')) {
      for (const b of slide.bullets) {
        const n = Number(/\.s(\d+)$/.exec(b.citation!.address)![1]);
        expect(n).toBeGreaterThan(last);
        last = n;
      }
      starts.push(last);
    }
    expect(starts.length).toBeGreaterThanOrEqual(3);
  });

  it('has a timeline of at most six dated events in date order, and quotes', () => {
    const timeline = deck.slides.find((s) => s.layout === 'timeline')!;
    expect(timeline.timeline.length).toBeGreaterThanOrEqual(3);
    expect(timeline.timeline.length).toBeLessThanOrEqual(6);
    for (const t of timeline.timeline) expect(t.text).toMatch(/\d{4}/);
    const quote = deck.slides.find((s) => s.layout === 'quote')!;
    expect(quote.quote!.text).toMatch(/["“]/);
  });

  it('targets the number of slides asked for', async () => {
    const few = parse(await draftOutline(path.join(project.dir, 'sources', 'pacific-relations_notes.txt'), { output: project.outline, slides: 6 })) as {
      slides: unknown[];
    };
    expect(few.slides.length).toBeGreaterThanOrEqual(5);
    expect(few.slides.length).toBeLessThanOrEqual(8);
    await writeDraft(path.join(project.dir, 'sources', 'pacific-relations_notes.txt'), { output: project.outline, slides: 30, force: true });
    const many = await checkedDeck(project.dir, project.outline);
    expectFits(many);
    expect(many.slides.length).toBeGreaterThanOrEqual(24);
    expect(many.slides.length).toBeLessThanOrEqual(34);
    // An agenda that fits: at most eight sections.
    expect(many.sections.length).toBeLessThanOrEqual(8);
  });
});

describe('draft of a one-paragraph speech, by its topics (issue 14, item 7)', () => {
  // tests/fixtures/sources/annual-message.txt: a message to Congress on one line, about corporations
  // and railroad rates, the Monroe Doctrine and the navy at length, and a dozen small matters full
  // of dates ("In its note of December 16, 1904, …", "A statute in force, enacted April 15, 1902, …").
  const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'sources', 'annual-message.txt');
  let source: string;
  let project: { dir: string; outline: string; text: string };
  let deck: Deck;
  /** The source's sentences by number (p1.sN), as the deck cites them. */
  let sentences: Map<number, string>;
  beforeAll(async () => {
    source = await readFile(FIXTURE, 'utf8');
    project = await draftProject({ 'annual-message.txt': source }, 'annual-message.txt');
    deck = await checkedDeck(project.dir, project.outline);
    const { loadSource } = await import('../../src/sources/source.js');
    const loaded = await loadSource(path.join(project.dir, 'sources', 'annual-message.txt'));
    sentences = new Map(loaded.paragraphs[0]!.sentences.map((x) => [x.index, x.text]));
  });
  const cited = (address: string) => sentences.get(Number(/\.s(\d+)$/.exec(address)![1]))!;

  it('is one long paragraph of 15–30 KB', () => {
    expect(source.trimEnd()).not.toContain('\n');
    expect(Buffer.byteLength(source)).toBeGreaterThan(15_000);
    expect(Buffer.byteLength(source)).toBeLessThan(30_000);
    expect(sentences.size).toBeGreaterThan(100);
  });

  it('checks clean, fits and builds to md and html', async () => {
    expectFits(deck);
    await buildsMdAndHtml(project.dir, project.outline);
  });

  it('makes its sections of its main topics: corporations, the Monroe Doctrine, the navy', () => {
    expect(deck.sections.map((s) => s.title)).toEqual(['Corporations', 'Monroe Doctrine', 'Navy']);
    expect(project.text).toContain('(titled with the key term of its topic; give it your own)');
    // Each section's bullets are about its topic.
    const topics: Record<string, RegExp> = {
      Corporations: /corporation|railroad|rate|interstate commerce/i,
      'Monroe Doctrine': /Monroe Doctrine|Dominican|Santo Domingo|republic|customs/i,
      Navy: /navy|naval|battleship|ships|fleet/i,
    };
    let section = '';
    for (const slide of deck.slides) {
      if (slide.layout === 'section') section = slide.title!;
      if (slide.layout !== 'bullets') continue;
      const bullets = slide.bullets.map((b) => cited(b.citation!.address));
      const onTopic = bullets.filter((b) => topics[section]!.test(b));
      expect(onTopic.length, `${section}: ${bullets.join(' | ')}`).toBeGreaterThanOrEqual(Math.ceil(bullets.length / 2));
    }
  });

  it('chooses nothing for its date: titles and bullets are dated no more often than the text, dates go to the timeline', () => {
    const titles = deck.slides.filter((s) => s.layout === 'section' || s.layout === 'bullets').map((s) => s.title!);
    for (const t of titles) expect(findDates(t, 'en'), t).toEqual([]);
    expect(titles.join(' | ')).not.toMatch(/In its note of December 16|A statute in force/);
    const bullets = deck.slides.flatMap((s) => s.bullets.map((b) => cited(b.citation!.address)));
    const dated = (list: string[]) => list.filter((x) => findDates(x, 'en').length > 0).length / list.length;
    expect(bullets.length).toBeGreaterThanOrEqual(10);
    expect(dated(bullets)).toBeLessThanOrEqual(dated([...sentences.values()]));
    const timeline = deck.slides.find((s) => s.layout === 'timeline')!;
    expect(timeline.timeline.length).toBeGreaterThanOrEqual(3);
    expect(timeline.timeline.map((t) => t.text).join(' ')).toMatch(/December 16, 1904/);
  });

  it('is titled with the opening of its first sentence, not its file name', () => {
    expect(deck.title).toBe('To the Senate and House of Representatives');
    expect(deck.title).not.toMatch(/annual|message/i);
    expect(project.text).toContain('The title comes from the first sentence.');
  });

  it("prefers the sidecar's title", async () => {
    const withMeta = await draftProject(
      { 'annual-message.txt': source, 'annual-message.yaml': 'title: Annual Message, 1905\nlang: en\n' },
      'annual-message.txt',
    );
    expect(parse(withMeta.text).title).toBe('Annual Message, 1905');
    expect(withMeta.text).toContain("The title comes from the source's metadata.");
  });

  it('covers more topics when asked for more slides, each once', async () => {
    const many = await draftProject({ 'annual-message.txt': source }, 'annual-message.txt', { slides: 24 }, 'many');
    const big = await checkedDeck(many.dir, many.outline);
    expectFits(big);
    const titles = big.sections.map((s) => s.title);
    expect(titles).toEqual(expect.arrayContaining(['Corporations', 'Monroe Doctrine', 'Navy']));
    expect(titles.length).toBeGreaterThan(3);
    expect(new Set(titles).size).toBe(titles.length);
  });
});

describe('topics', () => {
  it('stems English and Russian words and knows their function words (from the data files)', () => {
    expect(['corporations', 'corporation', 'Corporations'].map(stemWord)).toEqual(['corpor', 'corpor', 'corpor']);
    expect(['Японии', 'Японией', 'Япония'].map(stemWord)).toEqual(['япон', 'япон', 'япон']);
    for (const w of ['the', 'The', 'whereas', 'и', 'которые', 'её', '1905', 'of']) expect(isStopword(w), w).toBe(true);
    for (const w of ['navy', 'doctrine', 'конвенция']) expect(isStopword(w), w).toBe(false);
  });

  it('finds the stretches a term keeps coming back to, not the words used everywhere', () => {
    const filler = (i: number) => `The government of the nation acted on matter number ${i} as the law required.`;
    const texts = [
      ...Array.from({ length: 10 }, (_, i) => filler(i)),
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `The navy needs ${['ships', 'men', 'officers', 'docks', 'coal', 'guns', 'pay', 'training'][i]} and the government must give the navy what it asks.`,
      ),
      ...Array.from({ length: 10 }, (_, i) => filler(i + 10)),
    ];
    const model = topicModel(texts);
    const runs = topicRuns(model, 5);
    expect(runs[0]).toMatchObject({ from: 10, to: 17, count: 8 });
    expect(runs.find((r) => r.term === 'navi')).toMatchObject({ label: 'navy', from: 10, to: 17, count: 8 });
    expect(runs.some((r) => r.term === 'govern' || r.term === 'law')).toBe(false);
    expect(model.nounUses('navi')).toBeGreaterThan(0);
    // Centrality (TextRank) of every sentence, the highest 1.
    expect(model.rank).toHaveLength(texts.length);
    expect(Math.max(...model.rank)).toBe(1);
    expect(Math.min(...model.rank)).toBeGreaterThan(0);
  });
});

describe('draft of a Markdown source', () => {
  const md = [
    '# The **Peking** Convention',
    '',
    'This lecture text introduces the convention signed in Beijing. It was a turning point for the region. Both sides claimed a victory at home.',
    '',
    '## Background',
    '',
    'After the intervention ended in 1922, Moscow proposed talks again and again. Tokyo did not hurry to answer. Stability in the Soviet Union changed the picture.',
    '',
    'The recognition of the Soviet Union by Britain in 1924 weighed on Tokyo. Japanese fishing firms also wanted a settlement. The press in Osaka called for talks.',
    '',
    '## The terms',
    '',
    'The convention was signed on 20 January 1925 in Beijing. It restored diplomatic and consular relations. Japan promised to withdraw its troops from northern Sakhalin by 15 May 1925.',
    '',
    'A Soviet declaration said that the Portsmouth treaty "in no way means that the Soviet government shares political responsibility for it". The treaty of 1905 stayed in force.',
    '',
    '## Limits',
    '',
    'Trade talks failed soon after. Mutual suspicion remained: each side accused the other of harbouring hostile groups. A new fishing convention followed in 1928.',
  ].join('\n');

  it('takes the title from the first heading and a section from each other heading', async () => {
    const { dir, outline } = await draftProject({ 'peking.md': md }, 'peking.md');
    const deck = await checkedDeck(dir, outline);
    expectFits(deck);
    expect(deck.title).toBe('The Peking Convention');
    expect(deck.sections.map((s) => s.title)).toEqual(expect.arrayContaining(['Background', 'The terms', 'Limits']));
    expect(deck.slides.find((s) => s.layout === 'quote')?.quote?.text).toContain('in no way means');
    await buildsMdAndHtml(dir, outline);
  });

  it('sees a title heading that has no paragraph of its own, and prefers the metadata title', async () => {
    const noIntro = md.replace(/\n\nThis lecture text[^\n]*/, '');
    const { dir, outline } = await draftProject({ 'peking.md': noIntro }, 'peking.md');
    const deck = await checkedDeck(dir, outline);
    expect(deck.title).toBe('The Peking Convention');
    expect(deck.sections.map((s) => s.title)).toEqual(['Background', 'The terms', 'Limits']);
    const withMeta = await draftProject({ 'peking.md': `---\ntitle: From the metadata\n---\n${md}` }, 'peking.md');
    expect(parse(withMeta.text).title).toBe('From the metadata');
  });
});

describe('YAML that reads back exactly', () => {
  it('quotes every text scalar safely', async () => {
    const title = '# Not a comment: - "quoted" \\ back slash, {braces} & *star* @at `tick` | pipe > gt — %pct';
    const sources = {
      'tricky.txt': [
        '- A sentence that starts like a list item: it has a colon, #hash and "quotes" in it, and a date in 1925.',
        'Another one with key: value pairs, [brackets], {braces} and a backslash \\n here, signed on 3 March 1926.',
        '? A question mark at the start, then &anchor and *alias and !tag and %directive and a long tail of words to shorten past one hundred and ten characters.',
        'Then: «a quotation with #hash: and - dashes — in it» closed here, and the year 1927 too.',
        'Plain closing sentence with nothing special at all in it whatsoever, but long enough to count.',
      ].join('\n\n'),
      'tricky.yaml': `title: ${JSON.stringify(title)}\nlang: en\n`,
    };
    const { dir, outline, text } = await draftProject(sources, 'tricky.txt');
    const data = parse(text) as { title: string; slides: unknown[] };
    expect(data.title).toBe(title);
    const deck = await checkedDeck(dir, outline);
    expect(deck.title).toBe(title);
    expectFits(deck);
    await buildsMdAndHtml(dir, outline);
  });

  it('yamlString writes JSON strings with YAML line breaks escaped', () => {
    for (const s of ['plain', '#x', ': y', '- z', '"q"', 'a\u2028b\u0085c\ufeffd', 'tab\tnew\nline', 'yes', 'null', '012', '~']) {
      expect(parse(`v: ${yamlString(s)}`)).toEqual({ v: s });
    }
    expect(yamlString('a\u2028b')).toBe('"a\\u2028b"');
  });
});

describe('writeDraft', () => {
  it('refuses to overwrite without force, and overwrites with it', async () => {
    const dir = await tempDir('lectern draft write ');
    await writeFiles(dir, await exampleSources().then((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [`sources/${k}`, v]))));
    const outline = path.join(dir, 'outlines', 'lecture.yaml');
    await mkdir(path.dirname(outline), { recursive: true });
    await writeFile(outline, 'title: mine\n');
    const source = path.join(dir, 'sources', 'ussr-japan-1925.txt');
    const err = await writeDraft(source, { output: outline }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LecternError);
    expect((err as LecternError).code).toBe('draft/exists');
    expect((err as LecternError).exitCode).toBe(1);
    expect(await readFile(outline, 'utf8')).toBe('title: mine\n');
    expect(await writeDraft(source, { output: outline, force: true })).toBe(outline);
    expect(await readFile(outline, 'utf8')).toContain('layout: agenda');
  });

  it('creates the folder, and points at the schema when the project has one', async () => {
    const dir = await tempDir('lectern draft schema ');
    await writeFiles(dir, Object.fromEntries(Object.entries(await exampleSources()).map(([k, v]) => [`sources/${k}`, v])));
    await mkdir(path.join(dir, 'schema'));
    await copyFile(path.join(ROOT, 'schema', 'outline.schema.json'), path.join(dir, 'schema', 'outline.schema.json'));
    const outline = path.join(dir, 'lectures', 'week 3', 'draft.yaml');
    await writeDraft(path.join(dir, 'sources', 'ussr-japan-1925.txt'), { output: outline });
    const text = await readFile(outline, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/outline.schema.json');
    expect(text).toContain('ussr: "../../sources/ussr-japan-1925.txt"');
    await checkedDeck(dir, outline);
  });

  it('says so for an empty source, and rejects a bad language code', async () => {
    const dir = await tempDir('lectern draft empty ');
    await writeFiles(dir, { 'sources/empty.txt': '\n\n  \n' });
    const empty = await draftOutline(path.join(dir, 'sources', 'empty.txt'), { output: path.join(dir, 'outlines', 'x.yaml') }).catch((e: unknown) => e);
    expect((empty as LecternError).code).toBe('draft/empty-source');
    const bad = await draftOutline(path.join(ROOT, 'sources', 'ussr-japan-1925.txt'), { output: path.join(dir, 'outlines', 'x.yaml'), lang: 'русский' }).catch(
      (e: unknown) => e,
    );
    expect((bad as LecternError).exitCode).toBe(2);
  });
});

describe('draft of a German text', () => {
  const text = [
    'Der Deutsche Zollverein wurde am 1. Januar 1834 gegründet. Er vereinte achtzehn Staaten zu einem gemeinsamen Markt.',
    'Preußen hatte schon 1818 ein eigenes Zollgesetz erlassen. Die Binnenzölle fielen, der Handel wuchs rasch.',
    'Baden trat dem Verein 1836 bei. Nassau und Frankfurt folgten im selben Jahr, Braunschweig erst 1842.',
    'Die Eisenbahn verband seit 1835 immer mehr Städte des Vereins. Waren kamen schneller und billiger an ihr Ziel.',
    'Mit der Reichsgründung von 1871 ging der Zollverein im Deutschen Reich auf. Seine Grenzen wurden die Grenzen des Reiches.',
  ].join('\n\n');

  it('titles its slides in German words, not Russian or English ones', async () => {
    const project = await draftProject({ 'zollverein.txt': text }, 'zollverein.txt', { lang: 'de', slides: 10 });
    const outline = parse(project.text) as { lang: string; slides: Array<{ layout?: string; title?: string }> };
    expect(outline.lang).toBe('de');
    expect(outline.slides.find((s) => s.layout === 'timeline')?.title).toBe('Zeitleiste');
    expect(project.text).not.toMatch(/Timeline|Хронология|Key points|Основные положения/);
  });

  it("falls back to the language's “key points” when no sentence makes a title", () => {
    expect(keyTitle([], new Map(), undefined, new Set(), 'de')).toBe('Kernpunkte');
    expect(keyTitle([], new Map(), undefined, new Set(['kernpunkte']), 'de-AT')).toBe('Kernpunkte (2)');
    expect(keyTitle([], new Map(), undefined, new Set(), 'uk')).toBe('Основні положення');
    expect(keyTitle([], new Map(), undefined, new Set(), 'ja')).toBe('Key points');
  });
});

describe('small parts', () => {
  it('names sources by a short slug of the file name', () => {
    expect(sourceSlug('/a/ussr-japan-1925.txt')).toBe('ussr');
    expect(sourceSlug('/a/pacific-relations_notes.txt')).toBe('pacific');
    expect(sourceSlug('/a/Лекция 3.txt')).toBe('lektsiya');
    expect(sourceSlug('/a/my_lecture.md')).toBe('my-lecture');
    expect(sourceSlug('/a/---.txt')).toBe('src');
  });

  it('makes titles of the first words of a sentence', () => {
    expect(titleFrom('После длительных переговоров 20 января 1925 г. в Пекине была подписана советско-японская конвенция.')).toBe(
      'После длительных переговоров 20 января 1925…',
    );
    expect(titleFrom('Однако стабилизация обстановки в СССР, установившего отношения с рядом стран, побудила Японию.')).toBe('Стабилизация обстановки в СССР');
    expect(titleFrom('Trade talks failed.')).toBe('Trade talks failed');
  });
});
