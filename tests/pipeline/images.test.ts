/**
 * An outline with an image slide and every handout, built again and again
 * with --force as a user would (bin/lectern.js, its own Chromium each time).
 * Before the fix, 3 runs in 6 hung for a minute: a pooled page that was not
 * the visible tab waited on img.decode(), which Chromium never settled there.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/init.js';
import { runBin } from '../helpers/cli.js';
import { ROOT, tempDir } from '../helpers/project.js';
import { pdfText } from '../helpers/pdf.js';

const RUNS = 20;

async function imageProject(): Promise<string> {
  const dir = await tempDir();
  await initProject(dir);
  await mkdir(path.join(dir, 'images'));
  await copyFile(path.join(ROOT, 'tests/fixtures/images/railroads.png'), path.join(dir, 'images/railroads.png'));
  const outline = path.join(dir, 'outlines/lecture.yaml');
  const text = (await readFile(outline, 'utf8')).replace(
    '  - layout: sources',
    '  - title: A chart\n    image:\n      path: ../images/railroads.png\n      alt: Bars rising from 1870 to 1910\n      caption: Railroad mileage (illustrative)\n\n  - layout: sources',
  );
  await writeFile(outline, text);
  return dir;
}

describe('an outline with an image and every handout', () => {
  it(
    `builds ${RUNS} times in a row with --force, every run finishing`,
    async () => {
      const dir = await imageProject();
      const times: number[] = [];
      for (let run = 1; run <= RUNS; run++) {
        const result = await runBin(dir, ['build', '--handout', 'notes,2,3-lines,4,6,reading', '--force', '-q']);
        times.push(result.ms);
        expect(result.err, `run ${run}`).not.toMatch(/^error/m);
        expect(result.code, `run ${run}: ${result.err}`).toBe(0);
        // A hang lasts the browser timeout (30 s); a normal run a few seconds.
        expect(result.ms, `run ${run}`).toBeLessThan(20_000);
      }
      console.log(`${RUNS} forced builds (ms): ${times.join(' ')}`);
      const pages = await pdfText(path.join(dir, 'out/lecture.pdf'));
      expect(pages.length).toBe(5);
      expect(pages[3]).toContain('A chart');
      expect((await pdfText(path.join(dir, 'out/lecture.handout-notes.pdf'))).join('\n')).toContain('A chart');
    },
    RUNS * 30_000,
  );
});
