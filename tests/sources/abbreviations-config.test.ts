/**
 * The project's abbreviations (`abbreviations:` in lectern.config.yaml, issue
 * 22): every source an outline or `lectern passages` reads is cut into
 * sentences with them, besides its sidecar's own; a citation by sentence
 * follows, the build rebuilds when the list changes, and a bad list is an
 * error at its line.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { resolveOutline } from '../../src/deck/resolve.js';
import { SourceCache } from '../../src/deck/source-cache.js';
import { LecternError, type Problem } from '../../src/errors.js';
import { loadOutline } from '../../src/outline/load.js';
import { build, type BuildEvent } from '../../src/pipeline/build.js';
import { abbreviationsSetting } from '../../src/settings.js';
import { loadSource } from '../../src/sources/source.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeFiles } from '../helpers/project.js';

/** "Slg." (Sammlung) is not among German's own abbreviations, "Hs." (Handschrift) neither. */
const TEXT = 'Die Quelle ist alt. Die Slg. Schubert enthält frühe Drucke. Die Hs. Berlin ist jünger. Sie wurde 1890 angelegt.';
const OUTLINE = `title: Sammlungen
lang: de
sources:
  quelle: ../sources/quelle.txt
slides:
  - title: Die Sammlung
    bullets:
      - ref: quelle#p1.s2
`;

/** A German project: the source (its sidecar lists "Hs."), an outline citing p1.s2, and this config (none when undefined). */
async function project(config: string | undefined): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, {
    'sources/quelle.txt': `${TEXT}\n`,
    'sources/quelle.yaml': 'lang: de\nabbreviations: ["Hs."]\n',
    'outlines/sammlung.yaml': OUTLINE,
    ...(config === undefined ? {} : { 'lectern.config.yaml': config }),
  });
  return dir;
}

/** Builds the Markdown deck: the formats it wrote rather than answered from the cache, the deck, the warnings' messages. */
async function buildMd(dir: string): Promise<{ built: string[]; md: string; warnings: string[] }> {
  const built: string[] = [];
  const warnings: string[] = [];
  const onEvent = (e: BuildEvent) => {
    if (e.type === 'output' && !e.cached) built.push(e.format);
    if (e.type === 'warning') warnings.push(e.problem.message);
  };
  await build({ cwd: dir, formats: ['md'], onEvent });
  return { built, warnings, md: await readFile(path.join(dir, 'out/sammlung.md'), 'utf8') };
}

async function problemsOf(run: () => unknown): Promise<Problem[]> {
  try {
    await run();
  } catch (err) {
    if (err instanceof LecternError) return err.problems;
    throw err;
  }
  return [];
}

interface Passages {
  paragraphs: Array<{ sentences: Array<{ id: string; text: string }> }>;
}

describe('the config’s abbreviations', () => {
  it('keep a cited sentence whole, and the build follows when the list changes', async () => {
    const dir = await project('abbreviations: ["Slg."]\n');
    const first = await buildMd(dir);
    expect(first.built).toEqual(['md']);
    // p1.s2 is the whole sentence, not "Die Slg." — and "Hs." from the sidecar still applies.
    expect(first.md).toContain('Die Slg. Schubert enthält frühe Drucke.');
    expect(first.md).not.toContain('Die Hs.');
    expect(first.warnings).toEqual([]);

    // Nothing changed: answered from the cache.
    expect((await buildMd(dir)).built).toEqual([]);

    // The list emptied: the outline is rebuilt, and a sentence ends after "Slg.": p1.s2 is "Die Slg." alone.
    await writeFile(path.join(dir, 'lectern.config.yaml'), 'abbreviations: []\n');
    const second = await buildMd(dir);
    expect(second.built).toEqual(['md']);
    expect(second.md).toMatch(/^- Die Slg\.$/m);
    expect(second.md).not.toContain('Schubert');
    // The lock file remembers the text the outline cited, and says where it went.
    expect(second.warnings).toEqual([expect.stringMatching(/quelle#p1\.s2 now reads differently; the text it had is now at quelle#p1\.s2-s3/)]);

    // And back: rebuilt again with the whole sentence.
    await writeFile(path.join(dir, 'lectern.config.yaml'), '# Sammlungen\nabbreviations:\n  - Slg.\n');
    const third = await buildMd(dir);
    expect(third.built).toEqual(['md']);
    expect(third.md).toContain('Die Slg. Schubert enthält frühe Drucke.');
  });

  it('key the sources kept between rebuilds (serve, --watch): another list reads the source again', async () => {
    const dir = await project(undefined);
    const outline = await loadOutline(path.join(dir, 'outlines/sammlung.yaml'));
    const sourceCache = new SourceCache();
    const cited = async (abbreviations: string[]) => (await resolveOutline(outline, { sourceCache, abbreviations })).references.get('quelle#p1.s2')?.text;
    expect(await cited([])).toBe('Die Slg.');
    expect(await cited(['Slg.'])).toBe('Die Slg. Schubert enthält frühe Drucke.');
    expect(await cited([])).toBe('Die Slg.');
    expect(sourceCache.size).toBe(2);
  });

  it('cut the source in `lectern passages` as the build does, besides the sidecar’s', async () => {
    const passages = async (dir: string) => {
      const { code, out, err } = await runCli(dir, ['passages', 'sources/quelle.txt', '--json']);
      expect(err).toBe('');
      expect(code).toBe(0);
      return (JSON.parse(out) as Passages).paragraphs[0]?.sentences.map((s) => `${s.id} ${s.text}`);
    };
    expect(await passages(await project('abbreviations: ["Slg."]\n'))).toEqual([
      'p1.s1 Die Quelle ist alt.',
      'p1.s2 Die Slg. Schubert enthält frühe Drucke.',
      'p1.s3 Die Hs. Berlin ist jünger.',
      'p1.s4 Sie wurde 1890 angelegt.',
    ]);
    // Without the config only the sidecar's "Hs." holds.
    expect(await passages(await project(undefined))).toEqual([
      'p1.s1 Die Quelle ist alt.',
      'p1.s2 Die Slg.',
      'p1.s3 Schubert enthält frühe Drucke.',
      'p1.s4 Die Hs. Berlin ist jünger.',
      'p1.s5 Sie wurde 1890 angelegt.',
    ]);
  });

  it('are part of the key of a document’s cached source (HTML)', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'quelle.html');
    await writeFiles(dir, {
      'quelle.html': `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Quelle</title></head><body><article><p>${TEXT}</p></article></body></html>`,
    });
    const texts = async (abbreviations?: string[]) =>
      (await loadSource(file, undefined, { abbreviations })).paragraphs.flatMap((p) => p.sentences.map((s) => s.text));
    expect(await texts()).toContain('Die Slg.');
    expect(await texts(['Slg.'])).toContain('Die Slg. Schubert enthält frühe Drucke.');
    expect(await texts()).toContain('Die Slg.');
  });

  it('are read as written, with their origin; none by default', async () => {
    const dir = await project('lang: de\nabbreviations:\n  - " Slg. "\n  - "z. Hd."\n');
    const setting = abbreviationsSetting(loadConfig(dir));
    expect(setting.value).toEqual(['Slg.', 'z. Hd.']);
    expect(setting.origin).toMatchObject({ file: path.join(dir, 'lectern.config.yaml'), line: 3 });
    expect(abbreviationsSetting(loadConfig(await project(undefined)))).toEqual({ value: [], origin: 'default' });
  });

  it('that are not a list of abbreviations are an error at their line with a hint', async () => {
    const dir = await project('lang: de\nabbreviations: Slg.\n');
    const [notList] = await problemsOf(() => loadConfig(dir));
    expect(notList).toMatchObject({ file: path.join(dir, 'lectern.config.yaml'), line: 2, message: expect.stringMatching(/abbreviations.*must be a list/) });
    expect(notList?.hint).toMatch(/"- "/);

    await writeFile(path.join(dir, 'lectern.config.yaml'), 'abbreviations:\n  - Slg.\n  - "."\n  - {Hs: x}\n');
    const problems = await problemsOf(() => loadConfig(dir));
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ['config/format', 3],
      ['config/type', 4],
    ]);
    expect(problems[0]?.hint).toMatch(/with its dot: "Slg\."/);

    // The command line says so too, where to edit.
    const { code, err } = await runCli(dir, ['passages', 'sources/quelle.txt']);
    expect(code).toBe(1);
    expect(err).toMatch(/lectern\.config\.yaml:3:\d+/);
  });
});
