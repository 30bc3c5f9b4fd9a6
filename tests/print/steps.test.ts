/**
 * --pdf-steps (issue 20): the deck PDF as a lecturer who hands out the
 * build-up wants it — a slide whose items appear one at a time prints a page
 * per step, each page one item more (read back with pdftotext, poppler's
 * reader); bookmarks open each slide's first page. Without the flag the PDF
 * shows every slide finished, once.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommand, commandLineOf, type BuildFlags } from '../../src/cli/build-flags.js';
import { build } from '../../src/pipeline/build.js';
import { pdfAnnotations, pdfjsBookmarks } from '../helpers/pdf-outline.js';
import { exampleProject, sharedSession, writeFiles } from '../helpers/project.js';
import { STEP_ITEMS, STEPS_OUTLINE } from '../helpers/steps-outline.js';

/** Each page's text as pdftotext gives it (pages split at form feeds), soft hyphens and spacing folded. */
async function pagesOf(file: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { maxBuffer: 1 << 24 });
  return stdout
    .split('\f')
    .slice(0, -1)
    .map((page) =>
      page
        .replace(/\u00ad/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
}

const session = sharedSession();
afterAll(() => session.close());

describe('--pdf-steps', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await exampleProject();
    await writeFiles(dir, { 'outlines/steps.yaml': STEPS_OUTLINE });
  });

  it('is a build flag of its own, off unless given', () => {
    const parse = (args: string[]) => {
      const command = buildCommand(new Command()).exitOverride();
      command.parse(['node', 'lectern', ...args]);
      return commandLineOf(command.opts<BuildFlags>(), command).pdfSteps;
    };
    expect(parse(['o.yaml', '--pdf-steps'])).toBe(true);
    expect(parse(['o.yaml'])).toBeUndefined();
  });

  it('prints the finished slide once without it, and a page per step with it, each showing one item more', async () => {
    const file = path.join(dir, 'out', 'steps.pdf');
    await build({ cwd: dir, session, formats: ['pdf'], outlines: ['outlines/steps.yaml'] });
    const plain = await pagesOf(file);
    expect(plain).toHaveLength(3);
    for (const item of STEP_ITEMS) expect(plain[1]).toContain(item);

    const result = await build({ cwd: dir, session, formats: ['pdf'], outlines: ['outlines/steps.yaml'], pdfSteps: true });
    expect(result.outputs.map((o) => path.basename(o.file))).toEqual(['steps.pdf']);
    const pages = await pagesOf(file);
    // Before · Three steps as it starts, then with 1, 2, 3, 4 items · After.
    expect(pages).toHaveLength(1 + (STEP_ITEMS.length + 1) + 1);
    expect(pages[0]).toContain('Nothing to reveal here');
    for (let shown = 0; shown <= STEP_ITEMS.length; shown++) {
      const page = pages[1 + shown]!;
      expect(page, `step ${shown}`).toContain('Three steps');
      expect(
        STEP_ITEMS.filter((item) => page.includes(item)),
        `step ${shown}`,
      ).toEqual(STEP_ITEMS.slice(0, shown));
    }
    expect(pages[6]).toContain('The end');
    // Bookmarks open each slide's first page.
    const marks = await pdfjsBookmarks(file);
    expect(marks.map((m) => [m.title, m.page])).toEqual([
      ['Before', 1],
      ['Three steps', 2],
      ['After', 7],
    ]);
    // The flag given again with nothing changed: up to date, the same pages.
    const again = await build({ cwd: dir, session, formats: ['pdf'], outlines: ['outlines/steps.yaml'], pdfSteps: true });
    expect(again.outputs).toHaveLength(1);
    expect(await pagesOf(file)).toHaveLength(7);
  });

  it('with --pdf-notes, puts each slide’s notes on its first page, titled with the slide’s number, not the page’s', async () => {
    const withNotes = STEPS_OUTLINE.replace('bullets: [The end]', 'bullets: [The end]\n    notes: [Thank the audience]').replace(
      '* Third point"',
      '* Third point"\n    notes: [Take the points one by one]',
    );
    await writeFiles(dir, { 'outlines/noted.yaml': withNotes });
    await build({ cwd: dir, session, formats: ['pdf'], outlines: ['outlines/noted.yaml'], pdfSteps: true, pdfNotes: true });
    const notes = await pdfAnnotations(path.join(dir, 'out', 'noted.pdf'));
    expect(notes.map((n) => [n.page, n.title, n.contents])).toEqual([
      [2, 'Notes: Slide 2', 'Take the points one by one'],
      [7, 'Notes: Slide 3', 'Thank the audience'],
    ]);
  });
});
