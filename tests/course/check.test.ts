/** lectern check course.yaml and passages --coverage --course: the course's defaults apply, drafts are left out, shared passages are listed. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCourse, courseSourceCoverage } from '../../src/course/check.js';
import { loadSource } from '../../src/sources/source.js';
import { courseProject } from '../helpers/course.js';

describe('a course checked', () => {
  it('checks every lecture with the course defaults and lists paragraphs quoted in more than one published lecture', async () => {
    const dir = await courseProject();
    const { problems, shared } = await checkCourse('course.yaml', { cwd: dir });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    // citation_style: gost comes from the course's defaults: the short lectures' sources lack bibliographic data for it.
    expect(problems.filter((p) => p.code === 'bib/missing-data').map((p) => path.basename(p.file!))).toEqual(['locarno-1925.yaml', 'washington-1922.yaml']);
    expect(shared).toEqual([`${path.join('sources', 'ussr-japan-1925.txt')} p2 (Установление дипломатических отношений между СССР и Японией): lectures 7, 8`]);
    const source = await loadSource(path.join(dir, 'sources', 'washington-1922.txt'));
    // The draft's source: no published lecture cites it.
    expect((await courseSourceCoverage(dir, source, 'course.yaml')).size).toBe(0);
    const conv = await loadSource(path.join(dir, 'sources', 'ussr-japan-1925.txt'));
    const cited = await courseSourceCoverage(dir, conv, 'course.yaml');
    expect(cited.get('p2.s1')?.map((c) => c.outline)).toEqual(['ussr-japan-1925', 'ussr-japan-1925', 'locarno-1925']);
  });
});
