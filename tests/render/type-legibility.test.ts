/**
 * The legibility check and the glyph check, as a build reports them: text
 * smaller than the floors at 1280×720 (configurable), and characters no
 * embedded font has, each a warning at the outline's slide line; italic
 * faces embedded only when something is italic.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import type { Problem } from '../../src/errors.js';
import { exampleProject, sharedSession, writeFiles } from '../helpers/project.js';

const session = sharedSession();
afterAll(() => session.close());

async function built(slides: string, config?: string): Promise<{ warnings: Problem[]; html: string }> {
  const dir = await exampleProject();
  await writeFiles(dir, {
    'outlines/o.yaml': `title: O\nlang: en\nsources:\n  conv: ../sources/ussr-japan-1925.txt\nslides:\n${slides}`,
    ...(config ? { 'lectern.config.yaml': config } : {}),
  });
  const result = await build({ cwd: dir, outlines: ['outlines/o.yaml'], formats: ['html', 'pdf'], session, force: true });
  return { warnings: result.warnings, html: await readFile(path.join(dir, 'out/o.html'), 'utf8') };
}

const TINY =
  '  - title: Fine\n    bullets: [Readable]\n  - title: Tiny\n    md: "Readable, then <small><small><small><small>very small print</small></small></small></small>"\n';

describe('legibility, measured as printed', () => {
  it('reports body text under 24 px at its slide’s line, once, with its size', async () => {
    const { warnings } = await built(TINY);
    const small = warnings.filter((w) => w.code === 'render/too-small');
    expect(small).toHaveLength(1);
    expect(small[0]!.message).toMatch(
      /^slide 2 «Tiny» has text too small to read from the back of the room: \d+(\.\d)?px, under 24px for body text \(«very small print»\)$/,
    );
    expect(small[0]).toMatchObject({ severity: 'warning', line: 8 });
  });

  it('takes its floors from lectern.config.yaml', async () => {
    const { warnings } = await built(TINY, 'legibility:\n  body: 18\n');
    expect(warnings.filter((w) => w.code === 'render/too-small')).toEqual([]);
    const { warnings: strict } = await built(TINY, 'legibility:\n  small: 20\n');
    // Body floor 24 (default) still finds slide 2; small print 18 px (citations, page numbers) is now under 20.
    expect(strict.filter((w) => w.code === 'render/too-small').map((w) => w.message.slice(0, 9))).toEqual(['slide 1 «', 'slide 2 «']);
  });

  it('warns of a character no embedded font has, naming its slide; embeds italics only when used', async () => {
    const { warnings, html } = await built('  - title: Plain\n    bullets: [Nothing special]\n  - title: Checked\n    md: "Done ✓ and *stressed*"\n');
    const missing = warnings.filter((w) => w.code === 'render/missing-glyph');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toBe('slide 2 «Checked» uses characters no embedded font has: ✓ (U+2713)');
    expect(missing[0]).toMatchObject({ line: 8 });
    expect(html).toMatch(/@font-face \{[^}]*font-style: italic/);
    const { html: upright } = await built('  - title: Plain\n    bullets: [Nothing special]\n');
    expect(upright).not.toMatch(/@font-face \{[^}]*font-style: italic/);
  });
});
