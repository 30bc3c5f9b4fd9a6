/**
 * A course built on three CI machines and put together (issue 21): the
 * course fixture (three lectures, one a draft) built whole, then as
 * `--shard 1/3`, `2/3` and `3/3` into three out folders that share one
 * `cache_dir:`, merged by `lectern course index` — the merged out folder is
 * the whole build's, file for file and byte for byte (SOURCE_DATE_EPOCH
 * set: no exception). Merging a set with a shard missing, a shard twice, or
 * a shard whose outline is not the checkout's is an error naming the lecture
 * and the shard folder; a bad --shard is a usage error.
 */
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/course/build.js';
import { readManifest } from '../../src/course/shard-manifest.js';
import { runCli } from '../helpers/cli.js';
import { courseProject } from '../helpers/course.js';
import { pdfInfo } from '../helpers/pdf-outline.js';
import { sharedSession } from '../helpers/project.js';

const EPOCH = 1767225600; // 2026-01-01T00:00:00Z
const before = process.env.SOURCE_DATE_EPOCH;
let dir: string;

/** Every file under `root` (relative, "/"-separated, sorted). */
async function filesOf(root: string, sub = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(root, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesOf(root, rel)));
    else out.push(rel);
  }
  return out.sort();
}

const at = (...p: string[]) => path.join(dir, ...p);

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = String(EPOCH);
  dir = await courseProject();
  const course = await readFile(at('course.yaml'), 'utf8');
  await writeFile(at('course.yaml'), course.replace(/^defaults:/m, 'cache_dir: ci-cache\ndefaults:'));
  const session = sharedSession();
  try {
    // The whole course, with a cache of its own (the build's cacheDir comes before course.yaml's).
    await buildCourse('course.yaml', { cwd: dir, session, outDir: 'whole', cacheDir: at('whole-cache') });
    await buildCourse('course.yaml', { cwd: dir, session, outDir: 'out-1', shard: '1/3' });
    await buildCourse('course.yaml', { cwd: dir, session, outDir: 'out-2', shard: '2/3' });
  } finally {
    await session.close();
  }
  // The third as a user types it (its own Chromium).
  const third = await runCli(dir, ['build', 'course.yaml', '--shard', '3/3', '--out', 'out-3', '--quiet']);
  expect(third.code, third.err).toBe(0);
  const merged = await runCli(dir, ['course', 'index', 'course.yaml', '--from', 'out-1', 'out-2', 'out-3', '--out', 'merged']);
  expect(merged.code, merged.err).toBe(0);
}, 600_000);

afterAll(() => {
  if (before === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = before;
});

describe('lectern build course.yaml --shard I/N, then lectern course index', () => {
  it('gives the whole build’s out folder: the same files, byte for byte', async () => {
    const whole = await filesOf(at('whole'));
    expect(whole).toEqual(expect.arrayContaining(['index.html', 'course.manifest.json', 'course.handouts.pdf', 'course.reading.pdf']));
    expect(await filesOf(at('merged'))).toEqual(whole);
    const differ: string[] = [];
    for (const f of whole) if (!(await readFile(at('whole', f))).equals(await readFile(at('merged', f)))) differ.push(f);
    expect(differ).toEqual([]);
  });

  it('slices every lecture into exactly one shard, which writes its lectures and its manifest only', async () => {
    const shards = await Promise.all(['out-1', 'out-2', 'out-3'].map((d) => readManifest(at(d))));
    expect(shards.map((m) => m?.shard)).toEqual(['1/3', '2/3', '3/3']);
    const built = shards.flatMap((m) => m!.lectures.map((l) => l.outline)).sort();
    expect(built).toEqual(['outlines/locarno-1925.yaml', 'outlines/ussr-japan-1925.yaml', 'outlines/washington-1922.yaml']);
    // Longest first: the example lecture (most slides) is the first shard's.
    expect(shards[0]!.lectures.map((l) => l.outline)).toEqual(['outlines/ussr-japan-1925.yaml']);
    for (const [i, m] of shards.entries()) {
      const files = await filesOf(at(`out-${i + 1}`));
      expect(files).toEqual([...m!.lectures.flatMap((l) => l.outputs), 'course.manifest.json'].sort());
    }
    // Lectern's own templates are named inside its package, not by where it is installed.
    const inputs = Object.keys(shards[0]!.lectures[0]!.inputs);
    expect(inputs).toContain('lectern:templates/deck.hbs');
    expect(inputs.filter((f) => f.startsWith('..'))).toEqual([]);
  });

  it('keeps the shared cache in cache_dir, outside the out folders', async () => {
    const cache = await filesOf(at('ci-cache'));
    expect(cache).toContain('state.json');
    const state = JSON.parse(await readFile(at('ci-cache', 'state.json'), 'utf8')) as { targets: Record<string, unknown> };
    expect(Object.keys(state.targets).sort()).toEqual(['outlines/locarno-1925.yaml#', 'outlines/ussr-japan-1925.yaml#', 'outlines/washington-1922.yaml#']);
    for (const d of ['out-1', 'out-2', 'out-3', 'merged']) expect((await readdir(at(d))).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('dates every PDF by SOURCE_DATE_EPOCH and leaves no XMP metadata with a date of its own', async () => {
    for (const f of (await filesOf(at('merged'))).filter((f) => f.endsWith('.pdf'))) {
      const info = await pdfInfo(at('merged', f));
      expect(info.creationDate?.getTime(), f).toBe(EPOCH * 1000);
      expect(info.modificationDate?.getTime(), f).toBe(EPOCH * 1000);
      const doc = await PDFDocument.load(await readFile(at('merged', f)), { updateMetadata: false });
      expect(doc.catalog.get(PDFName.of('Metadata')), f).toBeUndefined();
    }
  });

  it('names the lecture and the folders when a shard is missing', async () => {
    const r = await runCli(dir, ['course', 'index', 'course.yaml', '--from', 'out-1', 'out-2', '--out', 'bad']);
    const third = (await readManifest(at('out-3')))!.lectures[0]!.outline;
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`course\\.yaml:\\d+:\\d+.*lecture ${third.replace(/\./g, '\\.')} was built by none of the shards \\(.*out-1, .*out-2\\)`));
  });

  it('names the lecture and both folders when a shard is merged twice', async () => {
    await cp(at('out-2'), at('out-2 again'), { recursive: true });
    const r = await runCli(dir, ['course', 'index', 'course.yaml', '--from', 'out-1', 'out-2', 'out-2 again', 'out-3', '--out', 'bad']);
    const second = (await readManifest(at('out-2')))!.lectures[0]!.outline;
    expect(r.code).toBe(1);
    expect(r.err).toContain(`lecture ${second} was built by two shards: ${at('out-2')} and ${at('out-2 again')}`);
  });

  it('names the lecture, the folder and the file when a shard was built from another outline text', async () => {
    const outline = at('outlines', 'locarno-1925.yaml');
    const text = await readFile(outline, 'utf8');
    const shard = (await Promise.all(['out-1', 'out-2', 'out-3'].map(async (d) => ({ d, m: await readManifest(at(d)) })))).find((s) =>
      s.m!.lectures.some((l) => l.outline === 'outlines/locarno-1925.yaml'),
    )!.d;
    await writeFile(outline, text.replace(/^title: .*$/m, 'title: Локарно (другая редакция)'));
    try {
      const r = await runCli(dir, ['course', 'index', 'course.yaml', '--from', 'out-1', 'out-2', 'out-3', '--out', 'bad']);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`lecture outlines/locarno-1925.yaml (shard ${at(shard)}) was built from other contents of outlines/locarno-1925.yaml`);
      expect(r.err).not.toContain('ussr-japan-1925.yaml (shard');
    } finally {
      await writeFile(outline, text);
    }
  });

  it('builds nothing but an empty manifest for a shard with no lectures (more shards than lectures)', async () => {
    const r = await buildCourse('course.yaml', { cwd: dir, outDir: 'out-4-of-4', shard: '4/4' });
    expect(r.lectures).toEqual([]);
    expect(r.outputs).toEqual([at('out-4-of-4', 'course.manifest.json')]);
    expect((await readManifest(at('out-4-of-4')))?.lectures).toEqual([]);
  });

  it.each([
    [['course.yaml', '--shard', '0/3'], '--shard takes I/N with 1 ≤ I ≤ N, not "0/3"'],
    [['course.yaml', '--shard', '4/3'], '--shard takes I/N with 1 ≤ I ≤ N, not "4/3"'],
    [['course.yaml', '--shard', 'x'], '--shard takes I/N with 1 ≤ I ≤ N, not "x"'],
    [['outlines/locarno-1925.yaml', '--shard', '1/3'], '--shard slices the lectures of a course'],
    [['course.yaml', '--shard', '1/3', '--watch'], '--shard builds a slice of a course once'],
  ])('refuses lectern build %j', async (args, message) => {
    const r = await runCli(dir, ['build', ...args, '--out', 'never']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    await expect(readdir(at('never'))).rejects.toThrow();
  });
});
