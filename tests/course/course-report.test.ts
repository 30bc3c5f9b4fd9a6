/**
 * What `lectern build course.yaml` reports of the course's own files (the
 * page, the manifest, the combined PDFs): written when this build changed
 * their contents, unchanged otherwise — a file written again as it was (the
 * manifest) is unchanged — and counted in the summary with the lectures'.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/progress.js';
import { changedSince, courseStamps } from '../../src/course/changed.js';
import { tempDir, writeFiles } from '../helpers/project.js';

describe('the course files a build changed', () => {
  it('are those whose contents differ from before the build, or that were not there', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    await writeFiles(out, { 'index.html': '<p>old</p>', 'course.manifest.json': '{}\n', 'course.handouts.pdf': '%PDF-1' });
    const before = await courseStamps(out);
    expect([...before.keys()].map((f) => path.basename(f)).sort()).toEqual(['course.handouts.pdf', 'course.manifest.json', 'index.html']);
    await writeFile(path.join(out, 'index.html'), '<p>new</p>');
    await writeFile(path.join(out, 'course.manifest.json'), '{}\n');
    await writeFile(path.join(out, 'course.reading.pdf'), '%PDF-2');
    const outputs = ['index.html', 'course.manifest.json', 'course.handouts.pdf', 'course.reading.pdf'].map((f) => path.join(out, f));
    expect((await changedSince(before, outputs)).map((f) => path.basename(f))).toEqual(['index.html', 'course.reading.pdf']);
  });
});

describe('the report of a course build', () => {
  const report = (quiet: boolean) => {
    const lines: string[] = [];
    const cwd = '/курс';
    const progress = new Progress({ out: () => undefined, err: (s) => lines.push(s), cwd, tty: false }, { quiet, printProblem: () => undefined });
    progress.event({ type: 'output', outline: '/курс/outlines/a.yaml', format: 'html', file: '/курс/out/a.html', ms: 12, cached: true });
    const files = ['index.html', 'course.manifest.json', 'course.reading.pdf'].map((f) => `${cwd}/out/${f}`);
    progress.courseFiles(files, new Set([files[0]!]));
    progress.summary({ outputs: [], warnings: [], slides: new Map([['a', 3]]) }, 1100);
    return lines.join('');
  };

  it('lists each course file as written or unchanged, and counts it', () => {
    expect(report(false)).toBe(
      [
        '  unchanged out/a.html',
        '  wrote out/index.html',
        '  unchanged out/course.manifest.json',
        '  unchanged out/course.reading.pdf',
        'built 1 deck: 1 file written, 3 unchanged in 1.1 s',
        '',
      ].join('\n'),
    );
  });

  it('says nothing with --quiet', () => {
    expect(report(true)).toBe('');
  });
});
