/** `lectern passages --lang xx`: a lecturer checks how a German or Polish source is cut into sentences. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeFiles } from '../helpers/project.js';

interface Passages {
  lang: string;
  paragraphs: Array<{ sentences: Array<{ id: string; text: string }> }>;
}

describe('lectern passages --lang for the languages with their own rules', () => {
  it('de: ordinals, "z. B." and „…“ stay inside their sentences', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'vertrag.txt': 'Am 20. Januar 1925 wurde z. B. der Vertrag unterzeichnet. Er sagte: „Das ist gut.“ Dann ging er.\n' });
    const { code, out } = await runCli(dir, ['passages', 'vertrag.txt', '--json', '--lang', 'de']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as Passages;
    expect(json.lang).toBe('de');
    expect(json.paragraphs[0]?.sentences).toEqual([
      { id: 'p1.s1', text: 'Am 20. Januar 1925 wurde z. B. der Vertrag unterzeichnet.' },
      { id: 'p1.s2', text: 'Er sagte: „Das ist gut.“' },
      { id: 'p1.s3', text: 'Dann ging er.' },
    ]);
  });

  it('pl: "1925 r." ends a sentence before a new one and not before the subject', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'traktat.txt': 'Traktat podpisano 20 stycznia 1925 r. Japonia wycofała wojska. W 1925 r. Japonia uznała ZSRR.\n' });
    const json = JSON.parse((await runCli(dir, ['passages', 'traktat.txt', '--json', '--lang', 'pl'])).out) as Passages;
    expect(json.paragraphs[0]?.sentences.map((s) => s.text)).toEqual([
      'Traktat podpisano 20 stycznia 1925 r.',
      'Japonia wycofała wojska.',
      'W 1925 r. Japonia uznała ZSRR.',
    ]);
  });
});
