/** `lectern passages`: what a lecturer reads to write references. */
import { describe, expect, it } from 'vitest';
import { exampleProject, tempDir, writeFiles } from '../helpers/project.js';
import { runCli } from '../helpers/cli.js';

const run = (args: string[], cwd: string) => runCli(cwd, args);

describe('lectern passages', () => {
  it('prints the JSON shape the issue names, with trimmed, corrected sentences', async () => {
    const dir = await exampleProject();
    const { code, out } = await run(['passages', 'sources/ussr-japan-1925.txt', '--json'], dir);
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      source: string;
      lang: string;
      paragraphs: Array<{ id: string; text: string; sentences: Array<{ id: string; text: string }> }>;
    };
    expect(json.source).toBe('sources/ussr-japan-1925.txt');
    expect(json.lang).toBe('ru');
    expect(json.paragraphs).toHaveLength(5);
    const p2 = json.paragraphs[1]!;
    expect(p2.id).toBe('p2');
    expect(p2.sentences[2]).toEqual({ id: 'p2.s3', text: 'К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина.' });
    expect(p2.sentences[4]!.text).toContain('никоим образом не означает');
    for (const p of json.paragraphs) for (const s of p.sentences) expect(s.text).toBe(s.text.trim());
  });

  it('filters with --grep, ignoring case and ё', async () => {
    const dir = await exampleProject();
    const { out } = await run(['passages', 'sources/ussr-japan-1925.txt', '--grep', 'СВОЁМ стремлении'], dir);
    expect(out).toContain('p2.s4');
    expect(out).not.toContain('p2.s3');
  });

  it('uses --lang over the declared language', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a.txt': 'Dr. Smith arrived. He left at 5 p.m. Monday.', 'a.yaml': 'lang: de\n' });
    const de = JSON.parse((await run(['passages', 'a.txt', '--json'], dir)).out) as { lang: string };
    const en = JSON.parse((await run(['passages', 'a.txt', '--json', '--lang', 'en'], dir)).out) as {
      lang: string;
      paragraphs: Array<{ sentences: unknown[] }>;
    };
    expect(de.lang).toBe('de');
    expect(en.lang).toBe('en');
    expect(en.paragraphs[0]!.sentences).toHaveLength(2);
  });

  it('reports coverage: which sentences the outlines cite, from which slides, and which none cite', async () => {
    const dir = await exampleProject();
    const { code, out } = await run(['passages', 'sources/ussr-japan-1925.txt', '--coverage'], dir);
    expect(code).toBe(0);
    const line = (id: string) => out.split('\n').findIndex((l) => l.includes(` ${id} `));
    const at = (id: string) =>
      out
        .split('\n')
        .slice(line(id), line(id) + 2)
        .join('\n');
    expect(at('p2.s3')).toMatch(/✓[\s\S]*ussr-japan-1925 slide 7 «Основные положения»/);
    expect(at('p5.s4')).toContain('not cited');
    expect(out).toMatch(/\d+ of 19 sentences cited/);
  });

  it('says which file is not UTF-8, and where', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'bad.txt': Buffer.from([0x41, 0xff]) });
    const { code, err } = await run(['passages', 'bad.txt'], dir);
    expect(code).toBe(1);
    expect(err).toContain('bad.txt');
    expect(err).toContain('not UTF-8 at byte 1');
  });
});
