/**
 * `lectern init --lang de|fr|es|it|uk|pl`: a sample lecture in that language,
 * which checks and builds, with the deck's own words from the language's
 * catalogue (the sources slide, citations) and none of English's.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/project.js';

/** What each sample's deck shows in its language: the sources slide's title and the start of a citation line. */
const EXPECTED = {
  de: { sources: 'Quellen', cite: 'Die ersten Eisenbahnen, Abs. 1', mark: 'schneller als je zuvor' },
  fr: { sources: 'Sources', cite: 'Le télégraphe Chappe, § 1', mark: 'communication rapide' },
  es: { sources: 'Fuentes', cite: 'El primer ferrocarril, párr. 1', mark: 'mercados lejanos' },
  it: { sources: 'Fonti', cite: 'La prima ferrovia, par. 1', mark: 'integrazione nazionale' },
  uk: { sources: 'Джерела', cite: 'Острозька Біблія, абз. 1', mark: 'далеко за межами Волині' },
  pl: { sources: 'Źródła', cite: 'Konstytucja 3 maja, akap. 1', mark: 'przetrwała rozbiory' },
} as const;

describe('lectern init --lang', () => {
  it.each(Object.entries(EXPECTED))('%s: a sample in the language that checks and builds in it', async (lang, expected) => {
    const dir = await tempDir();
    const init = await runCli(dir, ['init', '--lang', lang]);
    expect(init.code).toBe(0);
    expect(await readFile(path.join(dir, 'lectern.config.yaml'), 'utf8')).toMatch(new RegExp(`^lang: ${lang}$`, 'm'));
    const sources = (await readdir(path.join(dir, 'sources'))).filter((f) => f.endsWith('.txt'));
    expect(sources).toHaveLength(1);
    expect(await runCli(dir, ['check'])).toMatchObject({ code: 0, err: 'ok\n' });
    expect((await runCli(dir, ['build', '--format', 'md', '-q'])).code).toBe(0);
    const md = await readFile(path.join(dir, 'out/lecture.md'), 'utf8');
    expect(md).toContain(`lang: "${lang}"`);
    expect(md).toMatch(new RegExp(`^#+ ${expected.sources}$`, 'm'));
    expect(md).toContain(expected.cite);
    expect(md).toContain(`<mark>${expected.mark}</mark>`);
    // No English citation words ("para.", "sent.").
    expect(md).not.toMatch(/\b(para|sent)\. \d/);
  });
});
