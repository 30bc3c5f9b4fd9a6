/**
 * `lectern course index` refusing shards that do not fit together, before
 * anything is copied: another Lectern, course.yaml or config, a lecture the
 * course does not list, two shards that read one file with other contents,
 * a folder that is no course build. Each problem names the shard folder and,
 * where there is one, the lecture at its line in course.yaml.
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCourse } from '../../src/course/load.js';
import { checkShards, mergeShards } from '../../src/course/merge.js';
import type { CourseManifest, LectureManifest } from '../../src/course/shard-manifest.js';
import { LecternError } from '../../src/errors.js';
import { hashText } from '../../src/util/hash.js';
import { VERSION } from '../../src/version.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeFiles } from '../helpers/project.js';

const text = 'title: Курс\nlectures:\n  - outline: outlines/a.yaml\n  - outline: outlines/b.yaml\n';
const course = parseCourse(text, '/курс/course.yaml');

const lecture = (outline: string, inputs: Record<string, string>): LectureManifest => ({
  outline,
  name: path.basename(outline, '.yaml'),
  number: 1,
  title: outline,
  status: 'ready',
  slides: 3,
  outputs: [],
  inputs,
  summary: {} as LectureManifest['summary'],
});

const manifest = (lectures: LectureManifest[], over: Partial<CourseManifest> = {}): CourseManifest => ({
  lectern: VERSION,
  course: hashText(text),
  config: 'none',
  shard: '1/2',
  lectures,
  ...over,
});

describe('checkShards', () => {
  it('accepts every lecture once from shards that read the same files', () => {
    const { found, problems } = checkShards(
      course,
      [
        { dir: 'out-1', manifest: manifest([lecture('outlines/a.yaml', { 'sources/s.txt': 'h1', 'outlines/a.yaml': 'ha' })]) },
        { dir: 'out-2', manifest: manifest([lecture('outlines/b.yaml', { 'sources/s.txt': 'h1', 'outlines/b.yaml': 'hb' })], { shard: '2/2' }) },
      ],
      'none',
    );
    expect(problems).toEqual([]);
    expect([...found].map(([o, f]) => [o, f.dir])).toEqual([
      ['outlines/a.yaml', 'out-1'],
      ['outlines/b.yaml', 'out-2'],
    ]);
  });

  it('names the shard built by another Lectern, from another course.yaml or with another config', () => {
    const { problems } = checkShards(
      course,
      [
        { dir: 'out-1', manifest: manifest([lecture('outlines/a.yaml', {})], { lectern: '0.0.1', course: hashText('title: другой'), config: 'abc' }) },
        { dir: 'out-2', manifest: manifest([lecture('outlines/b.yaml', {})]) },
      ],
      'none',
    );
    expect(problems.map((p) => p.message)).toEqual([
      `the shard in out-1 was built by Lectern 0.0.1, this is ${VERSION}`,
      'the shard in out-1 was built from another course.yaml',
      'the shard in out-1 was built with another lectern.config.yaml',
    ]);
    expect(problems.every((p) => p.code === 'course/shards' && p.file === '/курс/course.yaml')).toBe(true);
  });

  it('names a lecture the course does not list, and two lectures that read one file with other contents, with their shards', () => {
    const { problems } = checkShards(
      course,
      [
        { dir: 'out-1', manifest: manifest([lecture('outlines/a.yaml', { 'sources/s.txt': 'old' }), lecture('outlines/z.yaml', {})]) },
        { dir: 'out-2', manifest: manifest([lecture('outlines/b.yaml', { 'sources/s.txt': 'new' })]) },
      ],
      'none',
    );
    expect(problems.map((p) => [p.message, p.line])).toEqual([
      ['the shard in out-1 built outlines/z.yaml, which the course does not list', undefined],
      ['lecture outlines/b.yaml (shard out-2) read sources/s.txt with other contents than lecture outlines/a.yaml (shard out-1)', 4],
    ]);
  });
});

describe('lectern course index', () => {
  it('refuses a folder that holds no course manifest, naming it', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'course.yaml': text, 'outlines/a.yaml': 'title: A\n', 'outlines/b.yaml': 'title: B\n' });
    await mkdir(path.join(dir, 'out-1'));
    await expect(mergeShards('course.yaml', { cwd: dir, from: ['out-1'] })).rejects.toThrow(LecternError);
    const r = await runCli(dir, ['course', 'index', 'course.yaml', '--from', 'out-1']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${path.join(dir, 'out-1')} has no course.manifest.json: it is not the out folder of a course build`);
    expect(await readdir(dir)).not.toContain('out');
  });
});
