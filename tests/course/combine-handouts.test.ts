/**
 * out/course.handouts.pdf as a lecturer checks it: every lecture's handouts
 * in course order, a bookmark per lecture at its first page, and after one
 * lecture changes, its pages — and only its — replaced. Lectures are copies
 * of the example, built for real (handouts printed by Chromium).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combinePdfs, combinedRecordFile } from '../../src/course/combine-handouts.js';
import { sliceLectures } from '../../src/course/shard.js';
import { build } from '../../src/pipeline/build.js';
import type { BrowserSession } from '../../src/print/browser/index.js';
import { pdfBookmarks } from '../helpers/pdf-outline.js';
import { pdfText } from '../helpers/pdf.js';
import { exampleProject, sharedSession } from '../helpers/project.js';

let dir: string;
let session: BrowserSession;
const names = ['first', 'second', 'third'];
const outline = (base: string, name: string, title: string) =>
  base
    .replace(/^title: .*$/m, `title: ${title}`)
    .replace(/layouts: \[.*\]/, 'layouts: [notes]')
    .replace(/^course: .*$/m, `course: Курс ${name}`);

async function buildLectures(only?: string) {
  return build({
    cwd: dir,
    session,
    formats: [],
    handouts: ['notes'],
    outlines: names.filter((n) => !only || n === only).map((n) => path.join(dir, 'outlines', `${n}.yaml`)),
  });
}

const parts = () => names.map((n, i) => ({ name: n, title: `${i + 1}. ${n}`, files: [path.join(dir, 'out', `${n}.handout-notes.pdf`)] }));

beforeAll(async () => {
  dir = await exampleProject();
  session = sharedSession();
  const base = await readFile(path.join(dir, 'outlines/ussr-japan-1925.yaml'), 'utf8');
  for (const n of names) await writeFile(path.join(dir, 'outlines', `${n}.yaml`), outline(base, n, `Лекция ${n}`));
  await buildLectures();
}, 300_000);

afterAll(async () => session?.close());

describe('course.handouts.pdf', () => {
  it('holds each lecture’s pages in order with a bookmark per lecture, and replaces only a changed lecture’s pages', async () => {
    const output = path.join(dir, 'out', 'course.handouts.pdf');
    const options = { output, record: combinedRecordFile(path.join(dir, 'out', '.lectern'), output), title: 'Курс', lang: 'ru' };
    const first = await combinePdfs(parts(), options);
    const each = await Promise.all(names.map((n) => pdfText(path.join(dir, 'out', `${n}.handout-notes.pdf`))));
    const pages = each.map((p) => p.length);
    expect(first).toMatchObject({ whole: true, replaced: names, pages: pages[0]! + pages[1]! + pages[2]! });
    const text = await pdfText(output);
    expect(text).toEqual(each.flat());
    const marks = await pdfBookmarks(output);
    expect(marks.map((m) => [m.title, m.page])).toEqual([
      ['1. first', 1],
      ['2. second', 1 + pages[0]!],
      ['3. third', 1 + pages[0]! + pages[1]!],
    ]);

    // Nothing changed: the file is left as it is.
    expect(await combinePdfs(parts(), options)).toMatchObject({ replaced: [], whole: false });

    // The second lecture changes (its course line is on every page).
    const base = await readFile(path.join(dir, 'outlines/ussr-japan-1925.yaml'), 'utf8');
    await writeFile(path.join(dir, 'outlines', 'second.yaml'), outline(base, 'изменён', 'Лекция second'));
    await buildLectures('second');
    const again = await combinePdfs(parts(), options);
    expect(again).toMatchObject({ replaced: ['second'], whole: false });
    const after = await pdfText(output);
    const second = await pdfText(path.join(dir, 'out', 'second.handout-notes.pdf'));
    expect(after.slice(0, pages[0])).toEqual(text.slice(0, pages[0]));
    expect(after.slice(pages[0], pages[0]! + second.length)).toEqual(second);
    expect(after.slice(pages[0]! + second.length)).toEqual(text.slice(pages[0]! + pages[1]!));
    expect(after.join('\n')).toContain('Курс изменён');
    expect(text.join('\n')).not.toContain('Курс изменён');
    expect((await pdfBookmarks(output)).map((m) => m.title)).toEqual(['1. first', '2. second', '3. third']);
  }, 300_000);
});

describe('shards', () => {
  it('are balanced by slide count, longest first, ties by path, each in course order', () => {
    const lectures = [
      { written: 'b.yaml', slides: 10 },
      { written: 'a.yaml', slides: 10 },
      { written: 'c.yaml', slides: 30 },
      { written: 'd.yaml', slides: 5 },
      { written: 'e.yaml', slides: 5 },
    ];
    const slices = sliceLectures(lectures, 3);
    expect(slices.map((s) => s.map((l) => l.written))).toEqual([['c.yaml'], ['a.yaml', 'd.yaml'], ['b.yaml', 'e.yaml']]);
    // Every lecture in exactly one slice, whatever the order given.
    expect(sliceLectures([...lectures].reverse(), 3).map((s) => s.map((l) => l.written).sort())).toEqual(slices.map((s) => s.map((l) => l.written).sort()));
    expect(sliceLectures(lectures, 7).filter((s) => s.length === 0)).toHaveLength(2);
  });
});
