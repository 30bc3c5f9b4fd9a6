/**
 * lectern.config.yaml: found here or above, paths relative to it, problems at
 * its line:column, and the precedence command line > outline > config >
 * built-in defaults.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, loadConfig } from '../src/config.js';
import { LecternError, type Problem } from '../src/errors.js';
import { ROOT, tempDir, writeFiles } from './helpers/project.js';
import { runCli } from './helpers/cli.js';

const SOURCE = path.join(ROOT, 'sources', 'ussr-japan-1925.txt');

const run = runCli;

function problemsOf(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof LecternError) return err.problems;
    throw err;
  }
  throw new Error('expected a LecternError');
}

/** Front matter of a Marp file: theme, lang, size… */
function frontMatter(md: string): Record<string, string> {
  const head = /^---\n([\s\S]*?)\n---\n/.exec(md)![1]!;
  return Object.fromEntries(
    head
      .split('\n')
      .map((l) => /^(\w+): "?(.*?)"?$/.exec(l)!)
      .filter(Boolean)
      .map((m) => [m[1], m[2]]),
  );
}

/** A project with the example source, an outline, and the given config (if any). */
async function project(config: string | undefined, outline: string[] = []): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, {
    'sources/conv.txt': await readFile(SOURCE),
    'outlines/lecture.yaml': [
      'title: Установление дипломатических отношений между СССР и Японией',
      ...outline,
      'sources:',
      '  conv: ../sources/conv.txt',
      'slides:',
      '  - title: Основные положения',
      '    bullets:',
      '      - ref: conv#p2.s3',
    ].join('\n'),
    ...(config === undefined ? {} : { 'lectern.config.yaml': config }),
  });
  return dir;
}

describe('finding and reading the config', () => {
  it('is found in the working folder or the nearest folder above it; its paths are relative to it', async () => {
    const dir = await project('out: build/decks\ntemplates: my-templates\n');
    const deep = path.join(dir, 'outlines');
    expect(findConfigFile(deep)).toBe(path.join(dir, 'lectern.config.yaml'));
    const config = loadConfig(deep);
    expect(config.file).toBe(path.join(dir, 'lectern.config.yaml'));
    expect(config.root).toBe(dir);
    expect(config.data).toEqual({ out: 'build/decks', templates: 'my-templates' });
    expect(config.resolve(config.data.out!)).toBe(path.join(dir, 'build', 'decks'));
  });

  it('without a config, the working folder is the root and nothing is set', async () => {
    const dir = await tempDir();
    const config = loadConfig(dir);
    expect(config.file).toBeUndefined();
    expect(config.root).toBe(dir);
    expect(config.data).toEqual({});
  });

  it('accepts an empty config and a $schema key', async () => {
    expect(loadConfig(await project('# nothing yet\n')).data).toEqual({});
    expect(loadConfig(await project('$schema: ./config.schema.json\nlang: ru\n')).data).toEqual({ $schema: './config.schema.json', lang: 'ru' });
  });

  it('reports every problem of the config at its line:column, with did-you-mean', async () => {
    const dir = await project('# Настройки курса\nthme: gaia\nnotes: yes\nlang: Russian\nhandout:\n  paper: A5\n');
    const problems = problemsOf(() => loadConfig(dir));
    expect(problems.map((p) => `${path.basename(p.file!)}:${p.line}:${p.column} ${p.code} | ${p.message} | ${p.hint}`)).toEqual([
      'lectern.config.yaml:2:1 config/unknown-key | unknown key "thme" in the config | did you mean "theme"?',
      'lectern.config.yaml:3:8 config/type | notes must be true or false, not text | write true or false',
      'lectern.config.yaml:4:7 config/format | lang: "Russian" is not valid here | Language of outlines that name none (ru, en, …).',
      'lectern.config.yaml:6:10 config/enum | handout.paper must be one of "A4", "Letter", not "A5" | did you mean "A4"?',
    ]);
  });

  it('reports YAML mistakes in the config where to edit them', async () => {
    const dir = await project('out: out\n theme: gaia\n');
    const [p, ...rest] = problemsOf(() => loadConfig(dir));
    expect(rest).toEqual([]);
    expect(`${p!.line}:${p!.column} ${p!.code}`).toBe('2:2 yaml/bad-indent');
  });

  it("exits 1 from the command line with the config's location", async () => {
    const dir = await project('thme: gaia\n');
    const { code, err } = await run(dir, ['check']);
    expect(code).toBe(1);
    expect(err).toContain('lectern.config.yaml:1:1: error [config/unknown-key] unknown key "thme" in the config');
  });

  it('names a missing --config file', async () => {
    const dir = await project(undefined);
    const { code, err } = await run(dir, ['check', '--config', 'course.yaml']);
    expect(code).toBe(1);
    expect(err).toContain('course.yaml does not exist');
  });
});

describe('precedence: command line > outline > config > built-in defaults', () => {
  const config = 'out: build/decks\ntheme: gaia\nlang: en\n';

  it('uses the built-in defaults without a config: theme lectern, language ru, out/ in the working folder', async () => {
    const dir = await project(undefined);
    expect((await run(dir, ['build', '--format', 'md'])).code).toBe(0);
    const fm = frontMatter(await readFile(path.join(dir, 'out', 'lecture.md'), 'utf8'));
    expect(fm).toMatchObject({ theme: 'lectern', lang: 'ru' });
  });

  it('uses the config where the outline says nothing, with out relative to the config (run from a subfolder)', async () => {
    const dir = await project(config);
    const { code, err } = await run(path.join(dir, 'outlines'), ['build', '--format', 'md,html']);
    expect(err).not.toMatch(/error/);
    expect(code).toBe(0);
    expect((await readdir(path.join(dir, 'build', 'decks'))).filter((f) => !f.startsWith('.')).sort()).toEqual(['lecture.html', 'lecture.md']);
    const fm = frontMatter(await readFile(path.join(dir, 'build', 'decks', 'lecture.md'), 'utf8'));
    expect(fm).toMatchObject({ theme: 'gaia', lang: 'en' });
    expect(await readFile(path.join(dir, 'build', 'decks', 'lecture.html'), 'utf8')).toContain('<html lang="en">');
  });

  it('lets the outline win over the config', async () => {
    const dir = await project(config, ['theme: uncover', 'lang: ru']);
    expect((await run(dir, ['build', '--format', 'md'])).code).toBe(0);
    const fm = frontMatter(await readFile(path.join(dir, 'build', 'decks', 'lecture.md'), 'utf8'));
    expect(fm).toMatchObject({ theme: 'uncover', lang: 'ru' });
  });

  it('lets the command line win over the outline and the config (--set, --out relative to the working folder)', async () => {
    const dir = await project(config, ['theme: uncover', 'lang: ru']);
    const { code } = await run(dir, ['build', '--format', 'md', '--set', 'theme=default', '--set', 'lang=de', '--out', 'handouts']);
    expect(code).toBe(0);
    const fm = frontMatter(await readFile(path.join(dir, 'handouts', 'lecture.md'), 'utf8'));
    expect(fm).toMatchObject({ theme: 'default', lang: 'de' });
    await expect(readFile(path.join(dir, 'build', 'decks', 'lecture.md'))).rejects.toThrow();
  });

  it("resolves the config's templates and outlines folders relative to the config", async () => {
    const dir = await project('outlines: lectures\ntemplates: my-templates\n');
    await writeFiles(dir, {
      'lectures/short.yaml': 'title: Коротко\nslides:\n  - layout: motto\n    title: Мир и дружба\n',
      'my-templates/layouts/motto.hbs': '# ✦ {{title}} ✦\n',
    });
    const { code, err } = await run(path.join(dir, 'sources'), ['build', '--format', 'md']);
    expect(err).not.toMatch(/error/);
    expect(code).toBe(0);
    // Only the config's outlines folder is built, into out/ beside the config.
    expect((await readdir(path.join(dir, 'out'))).filter((f) => !f.startsWith('.'))).toEqual(['short.md']);
    expect(await readFile(path.join(dir, 'out', 'short.md'), 'utf8')).toContain('# ✦ Мир и дружба ✦');
  });

  it('reports an unknown theme from the config at the config', async () => {
    const dir = await project('theme: giaa\n');
    const { code, err } = await run(dir, ['check']);
    expect(code).toBe(1);
    expect(err).toContain('lectern.config.yaml');
    expect(err).toContain('unknown theme "giaa"');
    expect(err).toContain('did you mean "gaia"?');
  });
});
