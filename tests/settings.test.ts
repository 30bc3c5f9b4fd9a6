/**
 * The settings resolver: command line > outline > config > default, each
 * value with where it came from, and errors about a value at that place.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { LecternError } from '../src/errors.js';
import { parseOutline } from '../src/outline/load.js';
import { checkOutlines } from '../src/pipeline/check.js';
import { originText, outlineSettings, printsFor, runSettings, unknownHandout, type CommandLine } from '../src/settings.js';
import { tempDir, writeFiles } from './helpers/project.js';

const CONFIG = [
  'out: build/decks',
  'theme: gaia',
  'lang: de',
  'notes: false',
  'browser: bin/chrome',
  'timeout: 5000',
  'templates: my-templates',
  'handout:',
  '  paper: Letter',
  '  layouts: [notes, "4"]',
  '',
].join('\n');

async function project(config?: string): Promise<string> {
  const dir = await tempDir('lectern settings ');
  if (config !== undefined) await writeFiles(dir, { 'lectern.config.yaml': config });
  return dir;
}

const outlineText = (extra: string[] = []) => ['title: A lecture', ...extra, 'slides:', '  - title: One', ''].join('\n');

describe('run settings', () => {
  it('take the defaults without a config or command line', async () => {
    const dir = await project();
    const run = runSettings(loadConfig(dir), {}, dir);
    expect(run.outDir).toEqual({ value: path.join(dir, 'out'), origin: 'default' });
    expect(run.formats).toEqual({ value: ['md', 'html', 'pdf'], origin: 'default' });
    expect(run.handouts).toEqual([]);
    expect(run.outlineHandouts).toBe(true);
    expect(run.prints).toBe(true);
    expect(run.browser).toEqual({ value: undefined, origin: 'default' });
    expect(run.strict).toEqual({ value: false, origin: 'default' });
    expect(run.set).toEqual({ value: [], origin: 'default' });
  });

  it('take the config over the defaults, each at its line', async () => {
    const dir = await project(CONFIG);
    const config = loadConfig(dir);
    const run = runSettings(config, {}, dir);
    const file = path.join(dir, 'lectern.config.yaml');
    expect(run.outDir.value).toBe(path.join(dir, 'build', 'decks'));
    expect(run.outDir.origin).toEqual({ file, line: 1, column: 6 });
    expect(run.browser.value).toBe(path.join(dir, 'bin', 'chrome'));
    expect(originText(run.browser.origin)).toBe(`${file}:5:10`);
    expect(run.timeout).toEqual({ value: 5000, origin: { file, line: 6, column: 10 } });
  });

  it('take the command line over the config', async () => {
    const dir = await project(CONFIG);
    const commandLine: CommandLine = { outDir: 'elsewhere', browser: 'chromium', timeout: 100, strict: true, formats: ['md'], handouts: ['2'] };
    const run = runSettings(loadConfig(dir), commandLine, dir);
    expect(run.outDir).toEqual({ value: path.join(dir, 'elsewhere'), origin: 'command line' });
    expect(run.browser).toEqual({ value: 'chromium', origin: 'command line' });
    expect(run.timeout.origin).toBe('command line');
    expect(run.strict).toEqual({ value: true, origin: 'command line' });
    expect(run.formats).toEqual({ value: ['md'], origin: 'command line' });
    expect(run.handouts).toEqual([{ value: '2', origin: 'command line' }]);
    // --format was given: outlines and the config add no handouts.
    expect(run.outlineHandouts).toBe(false);
    expect(run.prints).toBe(true);
    expect(printsFor({ formats: ['md', 'html'] })).toBe(false);
  });

  it("split the config's formats into decks and handouts, after the command line's handouts", async () => {
    const dir = await project('formats: [html, handout-notes, reading]\n');
    const file = path.join(dir, 'lectern.config.yaml');
    const run = runSettings(loadConfig(dir), { handouts: ['reading', '6'] }, dir);
    expect(run.formats).toEqual({ value: ['html'], origin: { file, line: 1, column: 10 } });
    expect(run.handouts.map((h) => [h.value, originText(h.origin)])).toEqual([
      ['reading', 'command line'],
      ['6', 'command line'],
      ['notes', `${file}:1:17`],
    ]);
    expect(run.problems).toEqual([]);
  });

  it("report an unknown format at the config's line", async () => {
    const dir = await project('out: out\nformats: [html, pfd]\n');
    const run = runSettings(loadConfig(dir), {}, dir);
    expect(run.problems).toEqual([
      expect.objectContaining({ code: 'config/format', message: 'unknown format "pfd" in formats', file: path.join(dir, 'lectern.config.yaml'), line: 2 }),
    ]);
  });
});

describe('outline settings', () => {
  it('take the outline over the config, and never change the outline', async () => {
    const dir = await project(CONFIG);
    const config = loadConfig(dir);
    const file = path.join(dir, 'outlines', 'a.yaml');
    const outline = parseOutline(outlineText(['theme: uncover', 'lang: ru', 'handout:', '  paper: A4', '  layouts: [reading]']), file);
    const before = JSON.stringify(outline.data);
    const settings = outlineSettings(outline, config, runSettings(config, {}, dir));
    expect(settings.theme).toEqual({ value: 'uncover', origin: { file, line: 2, column: 8 } });
    expect(settings.lang).toEqual({ value: 'ru', origin: { file, line: 3, column: 7 } });
    expect(settings.paper.value).toBe('A4');
    expect(settings.handouts.map((h) => h.value)).toEqual(['reading']);
    // The config's notes: the outline names none.
    expect(settings.notes).toEqual({ value: false, origin: { file: path.join(dir, 'lectern.config.yaml'), line: 4, column: 8 } });
    expect(JSON.stringify(outline.data)).toBe(before);
  });

  it('take the config where the outline names nothing, else the defaults', async () => {
    const dir = await project(CONFIG);
    const configFile = path.join(dir, 'lectern.config.yaml');
    const config = loadConfig(dir);
    const outline = parseOutline(outlineText(), path.join(dir, 'a.yaml'));
    const settings = outlineSettings(outline, config, runSettings(config, {}, dir));
    expect(settings.theme).toEqual({ value: 'gaia', origin: { file: configFile, line: 2, column: 8 } });
    expect(settings.lang?.value).toBe('de');
    expect(settings.paper).toEqual({ value: 'Letter', origin: { file: configFile, line: 9, column: 10 } });
    expect(settings.handouts.map((h) => h.value)).toEqual(['notes', '4']);
    expect(settings.templates).toEqual([{ value: path.join(dir, 'my-templates'), origin: { file: configFile, line: 7, column: 12 } }]);
    expect(outline.data.theme).toBeUndefined();
    expect(outline.data.lang).toBeUndefined();

    const bare = await project();
    const none = outlineSettings(outline, loadConfig(bare));
    expect(none.theme).toEqual({ value: 'lectern', origin: 'default' });
    expect(none.lang).toBeUndefined();
    expect(none.notes).toEqual({ value: true, origin: 'default' });
    expect(none.paper).toEqual({ value: 'A4', origin: 'default' });
    expect(none.handouts).toEqual([]);
  });

  it('take the command line over the outline (paper, notes) and add its handouts', async () => {
    const dir = await project(CONFIG);
    const config = loadConfig(dir);
    const outline = parseOutline(outlineText(['notes: true', 'handout:', '  paper: A4', '  layouts: [reading]']), path.join(dir, 'a.yaml'));
    const settings = outlineSettings(outline, config, runSettings(config, { paper: 'Letter', notes: false, handouts: ['2'] }, dir));
    expect(settings.paper).toEqual({ value: 'Letter', origin: 'command line' });
    expect(settings.notes).toEqual({ value: false, origin: 'command line' });
    expect(settings.handouts.map((h) => `${h.value} (${originText(h.origin).replace(dir, '')})`)).toEqual(['2 (command line)', 'reading (/a.yaml:5:13)']);
  });

  it('name an unknown handout where it was written', async () => {
    const dir = await project('handout:\n  layouts: [notes, nots]\n');
    const config = loadConfig(dir);
    const outline = parseOutline(outlineText(), path.join(dir, 'a.yaml'));
    const problem = unknownHandout(outlineSettings(outline, config, runSettings(config, {}, dir)), outline);
    expect(problem).toMatchObject({ code: 'outline/unknown-handout', message: 'unknown handout "nots"', file: path.join(dir, 'lectern.config.yaml'), line: 2 });
  });
});

describe('an unknown theme is reported where it was set', () => {
  const check = async (config: string, outline: string[]) => {
    const dir = await project(config);
    await writeFiles(dir, { 'outlines/a.yaml': outlineText(outline) });
    const problems = await checkOutlines({ cwd: dir }).catch((err: unknown) => {
      if (err instanceof LecternError) return err.problems;
      throw err;
    });
    const problem = problems.find((p) => p.code === 'outline/unknown-theme');
    expect(problem).toBeDefined();
    return { dir, problem: problem! };
  };

  it("at the config's line when the theme came from the config", async () => {
    const { dir, problem } = await check('out: out\ntheme: giaa\n', []);
    expect(problem).toMatchObject({ file: path.join(dir, 'lectern.config.yaml'), line: 2, column: 8, message: 'unknown theme "giaa"' });
  });

  it("at the outline's line when the outline set it (over the config's)", async () => {
    const { dir, problem } = await check('theme: gaia\n', ['author: Me', 'theme: giaa']);
    expect(problem).toMatchObject({ file: path.join(dir, 'outlines', 'a.yaml'), line: 3, column: 8, message: 'unknown theme "giaa"' });
  });
});
