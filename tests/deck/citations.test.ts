/**
 * Citations that carry information: in a long paragraph, or in a source of one
 * paragraph (a speech on one line), they name the sentences ("para. 1, sent.
 * 3"; "абз. 1, предл. 3"); short paragraphs are cited as before ("para. 2").
 */
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LecternError } from '../../src/errors.js';
import { loadOutline } from '../../src/outline/load.js';
import { passageWhere, resolveOutline } from '../../src/deck/resolve.js';
import { stringsFor } from '../../src/deck/strings.js';
import { parseAddress, selectAddress } from '../../src/sources/address.js';
import { loadSource } from '../../src/sources/source.js';
import { ROOT, tempDir, writeFiles } from '../helpers/project.js';

const SPEECH = path.join(ROOT, 'tests/fixtures/sources/gettysburg.txt');
const EXAMPLE = path.join(ROOT, 'sources/ussr-japan-1925.txt');

/** An English project citing the Gettysburg Address (one line), with the given sidecar and slides. */
async function speechProject(sidecar: string, slides: string[]): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, {
    'sources/gettysburg.yaml': sidecar,
    'outlines/talk.yaml': ['title: Gettysburg', 'lang: en', 'sources:', '  speech: ../sources/gettysburg.txt', 'slides:', ...slides, ''].join('\n'),
  });
  await copyFile(SPEECH, path.join(dir, 'sources/gettysburg.txt'));
  return dir;
}

async function resolve(dir: string) {
  return resolveOutline(await loadOutline(path.join(dir, 'outlines/talk.yaml')));
}

const SIDECAR = 'title: Address at the Dedication of the Gettysburg National Cemetery\nshort: Gettysburg Address\nlang: en\n';

describe('citations of a source of one paragraph', () => {
  it('name the sentence, and a run of sentences as a range', async () => {
    const dir = await speechProject(SIDECAR, [
      '  - title: One',
      '    bullets:',
      '      - ref: speech#p1.s3',
      '  - title: Range',
      '    quote:',
      '      ref: speech#p1.s9-s10',
      '  - title: Several',
      '    bullets:',
      '      - ref: speech#p1.s3',
      '      - ref: speech#p1.s4-s5',
      '      - ref: speech#p1.s7',
      '  - title: Whole',
      '    text:',
      '      - ref: speech#p1',
    ]);
    const { deck } = await resolve(dir);
    // (Long passages continue onto further slides: find the slides by title.)
    const [one, range, several, whole] = ['One', 'Range', 'Several', 'Whole'].map((t) => deck.slides.find((s) => s.title === t)!);
    expect(one!.bullets[0]!.citation!.short).toBe('Gettysburg Address, para. 1, sent. 3');
    expect(one!.citeLine).toBe('Gettysburg Address, para. 1, sent. 3');
    expect(range!.quote!.citation!.short).toBe('Gettysburg Address, para. 1, sent. 9–10');
    expect(several!.citeLine).toBe('Gettysburg Address, para. 1, sent. 3–5, 7');
    // The whole paragraph is the whole text: nothing more precise to say.
    expect(whole!.citeLine).toBe('Gettysburg Address, para. 1');
  });

  it('find: cites the sentences it found', async () => {
    const dir = await speechProject(SIDECAR, ['  - quote:', '      find: a new birth of freedom']);
    const { deck } = await resolve(dir);
    expect(deck.slides[0]!.quote!.citation).toMatchObject({ address: 'speech#p1.s10', short: 'Gettysburg Address, para. 1, sent. 10' });
  });

  it('in Russian: "абз. 1, предл. 3"', async () => {
    // The example source as a dataset might give it: one line.
    const dir = await tempDir();
    const text = (await readFile(EXAMPLE, 'utf8')).replace(/\s*\n\s*/g, ' ');
    await writeFiles(dir, {
      'sources/conv.txt': text,
      'sources/conv.yaml': await readFile(path.join(ROOT, 'sources/ussr-japan-1925.yaml'), 'utf8'),
      'outlines/talk.yaml':
        'title: T\nlang: ru\nsources:\n  conv: ../sources/conv.txt\nslides:\n  - title: Конвенция\n    bullets:\n      - ref: conv#p1.s3\n      - ref: conv#p1.s5-s6\n',
    });
    const { deck, sources } = await resolve(dir);
    expect(sources.get('conv')!.paragraphs).toHaveLength(1);
    expect(deck.slides[0]!.bullets[0]!.citation!.short).toBe('Отношения СССР и Японии, абз. 1, предл. 3');
    expect(deck.slides[0]!.citeLine).toBe('Отношения СССР и Японии, абз. 1, предл. 3, 5–6');
  });

  it('says which sentences the source has when a reference asks for another paragraph', async () => {
    const dir = await speechProject(SIDECAR, ['  - bullets:', '      - ref: speech#p2.s1']);
    const err = (await resolve(dir).catch((e: unknown) => e)) as LecternError;
    expect(err).toBeInstanceOf(LecternError);
    expect(err.problems[0]!.message).toContain('(it has one paragraph, p1.s1–p1.s10)');
    expect(err.problems[0]!.hint).toContain('use p1.s1 to p1.s10');
  });

  it('a bad break in the sidecar is reported at its line and column, through the outline', async () => {
    const dir = await speechProject(`${SIDECAR}breaks:\n  - before: Fourscore\n`, ['  - bullets:', '      - ref: speech#p1.s1']);
    const err = (await resolve(dir).catch((e: unknown) => e)) as LecternError;
    expect(err.problems[0]!.code).toBe('source/bad-break');
    expect(err.problems[0]!.message).toContain(`(${path.join(dir, 'sources/gettysburg.yaml')}:5:13)`);
  });
});

describe('citations after breaks, and of long paragraphs', () => {
  // p1: s1–s2; p2: s3–s8 of the speech (six sentences); p3: s9–s10.
  const BROKEN = `${SIDECAR}breaks:\n  - after: p1.s2\n  - before: It is for us the living\n`;

  it('a paragraph of five sentences or fewer is cited by its number alone; a longer one by its sentences', async () => {
    const dir = await speechProject(BROKEN, [
      '  - title: Short',
      '    bullets:',
      '      - ref: speech#p1.s2',
      '      - ref: speech#p3.s1',
      '  - title: Long',
      '    bullets:',
      '      - ref: speech#p2.s1',
      '      - ref: speech#p2.s3-s4',
      '  - title: Mixed',
      '    bullets:',
      '      - ref: speech#p3.s1',
      '      - ref: speech#p2.s6',
      '      - ref: speech#p1.s2',
      '  - title: Across',
      '    text:',
      '      - ref: speech#p2.s5-p3.s1',
      '  - title: Across short',
      '    text:',
      '      - ref: speech#p1-p3',
    ]);
    const { deck } = await resolve(dir);
    const [short, long, mixed, across, acrossShort] = ['Short', 'Long', 'Mixed', 'Across', 'Across short'].map((t) => deck.slides.find((s) => s.title === t)!);
    expect(short!.bullets.map((b) => b.citation!.short)).toEqual(['Gettysburg Address, para. 1', 'Gettysburg Address, para. 3']);
    expect(short!.citeLine).toBe('Gettysburg Address, para. 1, 3');
    expect(long!.bullets.map((b) => b.citation!.short)).toEqual(['Gettysburg Address, para. 2, sent. 1', 'Gettysburg Address, para. 2, sent. 3–4']);
    expect(long!.citeLine).toBe('Gettysburg Address, para. 2, sent. 1, 3–4');
    expect(mixed!.citeLine).toBe('Gettysburg Address, para. 1, para. 2, sent. 6, para. 3');
    expect(across!.citeLine).toBe('Gettysburg Address, para. 2, sent. 5 – para. 3');
    expect(acrossShort!.citeLine).toBe('Gettysburg Address, para. 1–3');
  });

  it('gives the reading pack the same words (passageWhere)', async () => {
    const source = await loadSource(path.join(await speechProject(BROKEN, []), 'sources/gettysburg.txt'), 'speech');
    expect(passageWhere(selectAddress(source, parseAddress('speech#p2.s2-s3')), stringsFor('en'))).toBe('para. 2, sent. 2–3');
    expect(passageWhere(selectAddress(source, parseAddress('speech#p3.s2')), stringsFor('ru'))).toBe('абз. 3');
  });
});

describe('the example lecture', () => {
  it('keeps its citations: every paragraph has five sentences or fewer', async () => {
    const source = await loadSource(EXAMPLE);
    expect(Math.max(...source.paragraphs.map((p) => p.sentences.length))).toBeLessThanOrEqual(5);
    const outline = await loadOutline(path.join(ROOT, 'outlines/ussr-japan-1925.yaml'));
    // Without its citation style (the example is in GOST: tests/deck/bib.test.ts), its short titles.
    const { deck } = await resolveOutline(outline, { citations: { bibliography: [{ file: path.join(ROOT, 'sources/further-reading.bib') }] } });
    const lines = deck.slides.map((s) => s.citeLine).filter(Boolean);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line).not.toContain('предл.');
    expect(lines).toContain('Отношения СССР и Японии, абз. 2');
    // In GOST: paragraphs (the textbook's pages are not known), by the style's numbers.
    const gost = (await resolveOutline(outline)).deck.slides.map((s) => s.citeLine).filter(Boolean);
    expect(gost).toContain('[1, п. 2]');
    for (const line of gost) expect(line).not.toContain('предл.');
  });
});
