/**
 * The glyph check beside formulas (render/missing-glyph): a formula's
 * characters are drawn by KaTeX's embedded faces (π, ∑, ∞, →, ✓ in
 * `\checkmark`), so they are no warning; the same ✓ in the slide's text is
 * set in the PT faces, which lack it, and still warns; and a character
 * neither KaTeX's faces nor PT's draw warns inside a formula too.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { exampleProject, writeFiles } from '../helpers/project.js';

async function missingGlyphs(slides: string): Promise<string[]> {
  const dir = await exampleProject();
  await writeFiles(dir, { 'outlines/o.yaml': `title: O\nlang: en\nslides:\n${slides}` });
  const result = await build({ cwd: dir, outlines: ['outlines/o.yaml'], formats: ['html'], force: true });
  return result.warnings.filter((w) => w.code === 'render/missing-glyph').map((w) => w.message);
}

describe('the glyph check beside formulas', () => {
  it('takes a formula’s characters as KaTeX’s faces draw them', async () => {
    const found = await missingGlyphs(
      '  - title: Series\n    math: \\sum_{n=1}^\\infty \\frac{1}{n^2} = \\frac{\\pi^2}{6}\n' +
        '  - title: Maps\n    bullets:\n      - text: A map\n        math: \\mathbb{R}^n \\to \\mathcal{L} \\quad \\checkmark \\quad \\text{и}\n',
    );
    expect(found).toEqual([]);
  });

  it('still warns of a ✓ in the text beside a formula that draws one', async () => {
    const found = await missingGlyphs('  - title: Checked\n    text: "Done ✓"\n    math: x \\checkmark\n');
    expect(found).toEqual(['slide 1 «Checked» uses characters no embedded font has: ✓ (U+2713)']);
  });

  it('warns of a character in a formula that no embedded face draws', async () => {
    const found = await missingGlyphs('  - title: Foreign\n    math: x = \\text{日}\n');
    expect(found).toEqual(['slide 1 «Foreign» uses characters no embedded font has: 日 (U+65E5)']);
  });
});
