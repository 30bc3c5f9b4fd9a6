/**
 * `lectern bib` and `lectern styles` (issue 17), run through main() as a user types them.
 */
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT, tempDir } from '../helpers/project.js';

const FIXTURES = path.join(ROOT, 'tests/fixtures/bib');

async function project(): Promise<string> {
  const dir = await tempDir();
  for (const f of ['library.bib', 'broken.bib', 'library.json', 'library.ris']) await copyFile(path.join(FIXTURES, f), path.join(dir, f));
  return dir;
}

describe('lectern bib', () => {
  it('prints every entry in the style, one per line', async () => {
    const dir = await project();
    const { code, out, err } = await runCli(dir, ['bib', 'library.bib', '--style', 'gost', '--lang', 'ru']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('1. Тарле Е.В. Крымская война. Москва; Ленинград: Издательство Академии наук СССР, 1941. Т. 1.');
  });

  it('prints the others and each broken entry with its file:line, exit 1', async () => {
    const dir = await project();
    const { code, out, err } = await runCli(dir, ['bib', 'broken.bib', '--style', 'apa']);
    expect(code).toBe(1);
    expect(out).toBe('First, A. (2001). The First Book. Example Press.\nThird, C. (2003). The Third Book. Example Press.\n');
    expect(err).toContain('broken.bib:8: error [bib/entry] the brace that opens @article{broken2002 does not close before the next entry (line 15)');
  });

  it('names a key defined in two files by both places', async () => {
    const dir = await project();
    const { code, err } = await runCli(dir, ['bib', 'library.bib', 'library.json']);
    expect(code).toBe(1);
    expect(err).toContain('library.json:2: error [bib/duplicate-key] the key "tarle1941" is defined twice: here and at library.bib:4');
  });

  it('prints JSON [{id, text, html}] and an HTML fragment; the language sets the terms', async () => {
    const dir = await project();
    const json = await runCli(dir, ['bib', 'library.ris', '--style', 'ieee', '--format', 'json']);
    expect(json.code).toBe(0);
    const entries = JSON.parse(json.out) as Array<{ id: string; text: string; html: string }>;
    expect(entries.map((e) => e.id)).toEqual(['тарле1941', 'gödel1931', 'watson1953', 'hobsbawm1983', 'nash1950', 'worldhealthorganization2020']);
    expect(entries[1]!.html).toContain('<a href="https://doi.org/10.1007/BF01700692">');
    expect(entries[1]!.text).toContain('pp. 173–198, 1931');
    const ru = JSON.parse((await runCli(dir, ['bib', 'library.ris', '--style', 'ieee', '--format', 'json', '--lang', 'ru'])).out) as Array<{ text: string }>;
    expect(ru[1]!.text).toContain('с. 173–198, 1931');
    const html = await runCli(dir, ['bib', 'library.json', '--style', 'apa', '--format', 'html']);
    expect(html.out).toMatch(/^<div class="csl-bib-body">\n {2}<div class="csl-entry">Gödel, K\. \(1931\)/);
  });

  it('uses the config language and GOST for a Russian one by default; bad usage is exit 2', async () => {
    const dir = await project();
    await writeFile(path.join(dir, 'lectern.config.yaml'), 'lang: ru\n');
    expect((await runCli(dir, ['bib', 'library.json'])).out.split('\n')[0]).toBe(
      '1. Тарле Е.В. Крымская война. Москва; Ленинград: Издательство Академии наук СССР, 1941. Т. 1.',
    );
    expect((await runCli(dir, ['bib', 'library.json', '--format', 'pdf'])).code).toBe(2);
    const unknown = await runCli(dir, ['bib', 'library.json', '--style', 'gots']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown citation style "gots"');
  });
});

describe('lectern styles', () => {
  it('lists the named styles and how many are installed; --all lists them', async () => {
    const dir = await tempDir();
    const { code, out } = await runCli(dir, ['styles']);
    expect(code).toBe(0);
    expect(out).toMatch(/^gost +gost-r-7-0-5-2008-numeric {2}\(Russian GOST R 7\.0\.5-2008 \(numeric\)\)$/m);
    expect(out).toMatch(/^apa +apa {2}\(American Psychological Association 7th edition\)$/m);
    expect(out).toMatch(/^\d{4} styles \(and \d+ journal styles based on them\) in \/usr\/share\/citation-style-language\/styles/m);
    const all = await runCli(dir, ['styles', '--all']);
    expect(all.out.split('\n').length).toBeGreaterThan(2000);
    expect(all.out).toMatch(/^modern-language-association +Modern Language Association 9th edition$/m);
  });
});
