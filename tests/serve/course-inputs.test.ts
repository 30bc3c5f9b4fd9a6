/** What `lectern serve course.yaml` watches: course.yaml, every lecture and its sources, what the course's defaults name; a broken course.yaml still counts. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseInputs, courseOf } from '../../src/serve/course-inputs.js';
import { isInput } from '../../src/serve/inputs.js';
import { tempDir, writeFiles } from '../helpers/project.js';

describe('a course’s inputs', () => {
  it('are course.yaml, each lecture with its sources and sidecars, the course’s templates, bibliography and CSL file', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'outlines/one.yaml': 'title: One\nsources:\n  text: ../sources/one.txt\nslides: [{title: x}]\n',
      'outlines/two.yaml': 'title: Two\nslides: [{title: x}]\n',
      'outlines/not-in-course.yaml': 'title: Other\nslides: [{title: x}]\n',
      'course.yaml': [
        'title: C',
        'defaults:',
        '  templates: my-templates',
        '  bibliography: [refs/a.bib]',
        '  citation_style: styles/house.csl',
        'lectures:',
        '  - outline: outlines/one.yaml',
        '  - outline: outlines/two.yaml',
        '',
      ].join('\n'),
    });
    const course = await courseOf(dir, ['course.yaml']);
    expect(course).toBe(path.join(dir, 'course.yaml'));
    const inputs = await courseInputs({ cwd: dir, course: course! });
    const at = (rel: string) => path.join(dir, rel);
    for (const rel of [
      'course.yaml',
      'outlines/one.yaml',
      'outlines/two.yaml',
      'sources/one.txt',
      'sources/one.yaml',
      'refs/a.bib',
      'styles/house.csl',
      'my-templates/x.hbs',
    ])
      expect(isInput(inputs, at(rel)), rel).toBe(true);
    // Only the course's lectures: another outline beside them, or the outputs, are not inputs.
    expect(isInput(inputs, at('outlines/not-in-course.yaml'))).toBe(false);
    expect(isInput(inputs, at('out/one.html'))).toBe(false);
  });

  it('of a course.yaml that cannot be read: the file itself', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'course.yaml': 'title: [broken\nlectures:\n' });
    const inputs = await courseInputs({ cwd: dir, course: path.join(dir, 'course.yaml') });
    expect(isInput(inputs, path.join(dir, 'course.yaml'))).toBe(true);
    expect(inputs.outlineDirs.size).toBe(0);
  });

  it('an outline is no course', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'outlines/one.yaml': 'title: One\nslides: [{title: x}]\n' });
    expect(await courseOf(dir, ['outlines/one.yaml'])).toBeUndefined();
    expect(await courseOf(dir, undefined)).toBeUndefined();
  });
});
