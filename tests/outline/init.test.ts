/**
 * `lectern init` starts a project that checks and builds at once.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outlineJsonSchema } from '../../src/outline/schema.js';
import { tempDir, writeFiles } from '../helpers/project.js';
import { runCli } from '../helpers/cli.js';

const run = runCli;

describe('lectern init', () => {
  it('writes a project in an empty folder that `lectern check` accepts and that builds', async () => {
    const dir = await tempDir();
    const init = await run(dir, ['init']);
    expect(init.code).toBe(0);
    for (const f of [
      'lectern.config.yaml',
      'outlines/lecture.yaml',
      'sources/printing-press.txt',
      'sources/printing-press.yaml',
      'schema/outline.schema.json',
    ]) {
      expect(init.err).toContain(`created ${f}`);
    }
    const check = await run(dir, ['check']);
    expect(check).toMatchObject({ code: 0, err: 'ok\n' });
    // The check recorded the cited passages.
    expect(JSON.parse(await readFile(path.join(dir, 'outlines/lecture.lock.json'), 'utf8')).passages).toHaveProperty(['press#p1.s1']);

    const build = await run(dir, ['build', '--format', 'md,html']);
    expect(build.code).toBe(0);
    expect((await readdir(path.join(dir, 'out'))).filter((f) => !f.startsWith('.')).sort()).toEqual(['lecture.html', 'lecture.md']);
    const md = await readFile(path.join(dir, 'out', 'lecture.md'), 'utf8');
    expect(md).toContain('# The Printing Revolution');
    expect(md).toContain('The printing press was introduced in Europe by Johannes Gutenberg around 1440.');
    expect(md).toContain('lang: "en"');
  });

  it('gives the outline editor completion: the schema comment, and the schema beside it', async () => {
    const dir = await tempDir();
    expect((await run(dir, ['init'])).code).toBe(0);
    const outline = await readFile(path.join(dir, 'outlines/lecture.yaml'), 'utf8');
    expect(outline.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/outline.schema.json');
    expect(JSON.parse(await readFile(path.join(dir, 'schema/outline.schema.json'), 'utf8'))).toEqual(outlineJsonSchema());
  });

  it('initializes a named folder', async () => {
    const dir = await tempDir();
    expect((await run(dir, ['init', 'лекции'])).code).toBe(0);
    expect((await run(path.join(dir, 'лекции'), ['check'])).code).toBe(0);
  });

  it('never overwrites: a folder with an outline already is refused (exit 1)', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'outlines/lecture.yaml': 'title: Моя лекция\n' });
    const { code, err } = await run(dir, ['init']);
    expect(code).toBe(1);
    expect(err).toContain('[init/exists]');
    expect(err).toContain('outlines/lecture.yaml');
    expect(await readFile(path.join(dir, 'outlines/lecture.yaml'), 'utf8')).toBe('title: Моя лекция\n');
  });
});
