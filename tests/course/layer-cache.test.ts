/**
 * The course's settings in the build cache's key: a change of the course's
 * theme rebuilds every lecture that takes it, a change of its title rebuilds
 * no deck but the course page, and an outline built alone keys apart from
 * the same outline built as a lecture. Markdown and HTML only (no browser).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/course/build.js';
import { build, type BuildEvent } from '../../src/pipeline/build.js';
import { tempDir, writeFiles } from '../helpers/project.js';

const COURSE = (title: string, theme: string, more = '') =>
  [
    `title: ${title}`,
    'language: en',
    `defaults: {theme: ${theme}${more}}`,
    'lectures:',
    '  - outline: outlines/one.yaml',
    '  - outline: outlines/two.yaml',
    '  - outline: outlines/own-theme.yaml',
    '',
  ].join('\n');

async function project(): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, {
    'outlines/one.yaml': 'title: First lecture\nslides:\n  - title: Treaties\n    bullets: [Versailles]\n',
    'outlines/two.yaml': 'title: Second lecture\nslides:\n  - title: Locarno\n    bullets: [Guarantees]\n',
    // Sets its theme itself: the course's theme does not reach it, but it is keyed by the course all the same.
    'outlines/own-theme.yaml': 'title: Third lecture\ntheme: uncover\nslides:\n  - title: Washington\n',
    'course.yaml': COURSE('Interwar Diplomacy', 'default'),
    'my-templates/README.txt': 'Templates overlaying the defaults (none yet).\n',
  });
  return dir;
}

/** Builds the course (md, html) and says which lectures were built rather than answered from the cache. */
async function courseBuild(dir: string): Promise<{ built: string[]; page: string }> {
  const events: BuildEvent[] = [];
  await buildCourse('course.yaml', { cwd: dir, formats: ['md', 'html'], onEvent: (e) => events.push(e) });
  const built = events.flatMap((e) => (e.type === 'output' && e.format === 'html' && !e.cached ? [path.basename(e.outline)] : []));
  return { built: built.sort(), page: await readFile(path.join(dir, 'out', 'index.html'), 'utf8') };
}

describe('the course in the build cache key', () => {
  it('rebuilds every lecture when the theme changes, none when only the title does, and rewrites the page', async () => {
    const dir = await project();
    const first = await courseBuild(dir);
    expect(first.built).toEqual(['one.yaml', 'own-theme.yaml', 'two.yaml']);
    expect(await readFile(path.join(dir, 'out', 'one.md'), 'utf8')).toMatch(/^theme: "default"$/m);

    expect((await courseBuild(dir)).built).toEqual([]);

    await writeFile(path.join(dir, 'course.yaml'), COURSE('Diplomacy Between the Wars', 'default'));
    const retitled = await courseBuild(dir);
    expect(retitled.built).toEqual([]);
    expect(retitled.page).toContain('Diplomacy Between the Wars');
    expect(retitled.page).not.toContain('Interwar Diplomacy');

    await writeFile(path.join(dir, 'course.yaml'), COURSE('Diplomacy Between the Wars', 'gaia'));
    const rethemed = await courseBuild(dir);
    expect(rethemed.built).toEqual(['one.yaml', 'own-theme.yaml', 'two.yaml']);
    expect(await readFile(path.join(dir, 'out', 'one.md'), 'utf8')).toMatch(/^theme: "gaia"$/m);
    expect(await readFile(path.join(dir, 'out', 'own-theme.md'), 'utf8')).toMatch(/^theme: "uncover"$/m);

    // The course's templates folder (a path, keyed relative to course.yaml): every lecture again.
    await writeFile(path.join(dir, 'course.yaml'), COURSE('Diplomacy Between the Wars', 'gaia', ', templates: my-templates'));
    expect((await courseBuild(dir)).built).toEqual(['one.yaml', 'own-theme.yaml', 'two.yaml']);
    expect((await courseBuild(dir)).built).toEqual([]);
  });

  it('builds an outline alone again after it was built as a lecture (the course theme no longer applies)', async () => {
    const dir = await project();
    await courseBuild(dir);
    const events: BuildEvent[] = [];
    await build({ cwd: dir, outlines: ['outlines/one.yaml'], formats: ['md', 'html'], onEvent: (e) => events.push(e) });
    expect(events.some((e) => e.type === 'output' && !e.cached)).toBe(true);
    expect(await readFile(path.join(dir, 'out', 'one.md'), 'utf8')).toMatch(/^theme: "lectern"$/m);
  });
});
