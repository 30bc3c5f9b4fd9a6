/** Customizing the look piece by piece: overlays, new layouts, themes, eject; long text. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { main } from '../../src/cli/main.js';
import type { LecternError } from '../../src/errors.js';
import { exampleProject, writeFiles } from '../helpers/project.js';

/** The Marp markdown of each slide of out/NAME.md (front matter dropped). */
async function slidesOf(dir: string, name = 'ussr-japan-1925'): Promise<string[]> {
  const md = await readFile(path.join(dir, 'out', `${name}.md`), 'utf8');
  return md
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .split(/\n---\n/)
    .map((s) => s.trim());
}

const quiet = { out: () => undefined, err: () => undefined };

describe('a user templates folder', () => {
  it('replaces one partial and adds one layout, changing exactly those slides', async () => {
    const dir = await exampleProject();
    await build({ cwd: dir, formats: ['md'] });
    const before = await slidesOf(dir);
    await writeFiles(dir, {
      'my-templates/layouts/quote.hbs': '# {{title}}\n\n> {{quote.text}}\n\n*(цитата)*\n',
      'my-templates/layouts/big-number.hbs': '# {{@root.vars.number}}\n\n{{title}}\n',
      'lectern.config.yaml': 'templates: my-templates\n',
    });
    const outlineFile = path.join(dir, 'outlines/ussr-japan-1925.yaml');
    const text = await readFile(outlineFile, 'utf8');
    await writeFiles(dir, {
      'outlines/ussr-japan-1925.yaml': text
        .replace('  - id: questions\n', '  - id: number\n    layout: big-number\n    title: лет действовала конвенция\n\n  - id: questions\n')
        .replace('lang: ru\n', 'lang: ru\nvars:\n  number: 16\n'),
    });
    await build({ cwd: dir, formats: ['md'] });
    const after = await slidesOf(dir);
    expect(after).toHaveLength(before.length + 1);
    const added = after.findIndex((s) => s.includes('# 16'));
    expect(after[added]).toContain('лет действовала конвенция');
    const rest = after.filter((_, i) => i !== added);
    const changed = rest.map((s, i) => (s === before[i] ? null : i)).filter((i) => i !== null);
    // Exactly the two quote slides (signing, portsmouth) changed.
    expect(changed.map((i) => before[i!]!.match(/^# (.*)$/m)?.[1])).toEqual(['Подписание конвенции', 'Портсмутский договор и советская декларация']);
    for (const i of changed) expect(rest[i!]).toContain('*(цитата)*');
  });

  it('applies a user theme from the templates folder', async () => {
    const dir = await exampleProject();
    await writeFiles(dir, {
      'my-templates/themes/campus.css': "/* @theme campus */\n@import 'default';\nsection { background: rgb(1, 2, 3); }\n",
      'lectern.config.yaml': 'templates: my-templates\ntheme: campus\n',
    });
    const outline = path.join(dir, 'outlines/ussr-japan-1925.yaml');
    // The outline names a theme, and the outline wins over the config …
    await build({ cwd: dir, formats: ['md'] });
    expect(await readFile(path.join(dir, 'out/ussr-japan-1925.md'), 'utf8')).toContain('theme: "lectern"');
    // … so without it, the config's theme applies.
    await writeFiles(dir, { 'outlines/ussr-japan-1925.yaml': (await readFile(outline, 'utf8')).replace('theme: lectern\n', '') });
    await build({ cwd: dir, formats: ['md', 'html'] });
    expect(await readFile(path.join(dir, 'out/ussr-japan-1925.md'), 'utf8')).toContain('theme: "campus"');
    const html = await readFile(path.join(dir, 'out/ussr-japan-1925.html'), 'utf8');
    expect(html).toMatch(/background:\s*rgb\(1, 2, 3\)/);
  });

  it('names an unknown theme with suggestions', async () => {
    const dir = await exampleProject();
    await writeFiles(dir, { 'lectern.config.yaml': 'theme: gaya\n' });
    const outline = path.join(dir, 'outlines/ussr-japan-1925.yaml');
    await writeFiles(dir, { 'outlines/ussr-japan-1925.yaml': (await readFile(outline, 'utf8')).replace('theme: lectern\n', '') });
    const err = (await build({ cwd: dir, formats: ['md'] }).catch((e: unknown) => e)) as LecternError;
    expect(err.problems[0]).toMatchObject({ code: 'outline/unknown-theme' });
    expect(err.problems[0]!.hint).toContain('"gaia"');
  });

  it('eject then build gives the same deck as before', async () => {
    const dir = await exampleProject();
    await build({ cwd: dir, formats: ['md', 'html'] });
    const md = await readFile(path.join(dir, 'out/ussr-japan-1925.md'), 'utf8');
    const html = await readFile(path.join(dir, 'out/ussr-japan-1925.html'), 'utf8');
    expect(await main(['templates', 'eject', 'tpl'], { cwd: dir, ...quiet })).toBe(0);
    await writeFiles(dir, { 'lectern.config.yaml': 'templates: tpl\n' });
    await build({ cwd: dir, formats: ['md', 'html'] });
    expect(await readFile(path.join(dir, 'out/ussr-japan-1925.md'), 'utf8')).toBe(md);
    expect(await readFile(path.join(dir, 'out/ussr-japan-1925.html'), 'utf8')).toBe(html);
    // A second eject into the same folder refuses to overwrite.
    expect(await main(['templates', 'eject', 'tpl'], { cwd: dir, ...quiet })).toBe(1);
  });

  it('locates a template error at the template file and line', async () => {
    const dir = await exampleProject();
    await writeFiles(dir, {
      'tpl/layouts/quote.hbs': '## {{title}}\n\n> {{quote.txt}}\n',
      'lectern.config.yaml': 'templates: tpl\n',
    });
    const err = (await build({ cwd: dir, formats: ['md'] }).catch((e: unknown) => e)) as LecternError;
    expect(err.problems[0]!.file).toBe(path.join(dir, 'tpl/layouts/quote.hbs'));
    expect(err.problems[0]!.line).toBe(3);
    expect(err.message).toContain('"txt" not defined');
  });

  it('refuses unknown helpers, and prototype access does nothing', async () => {
    const dir = await exampleProject();
    await writeFiles(dir, { 'tpl/layouts/quote.hbs': '## {{title}}\n\n{{shout title}}\n', 'lectern.config.yaml': 'templates: tpl\n' });
    const err = (await build({ cwd: dir, formats: ['md'] }).catch((e: unknown) => e)) as LecternError;
    expect(err.problems[0]).toMatchObject({ code: 'template/error', file: path.join(dir, 'tpl/layouts/quote.hbs'), line: 3 });
    expect(err.message).toContain('shout');
    for (const payload of [
      '{{lookup this "constructor"}}',
      '{{#with title}}{{lookup this "__proto__"}}{{/with}}',
      '{{#with (lookup this "constructor")}}{{lookup this "name"}}{{/with}}',
      '{{#with title}}{{__lookupGetter__}}{{/with}}',
    ]) {
      await writeFiles(dir, { 'tpl/layouts/quote.hbs': `## {{title}}\n\nX${payload}X\n` });
      const result = await build({ cwd: dir, formats: ['md'] }).catch((e: unknown) => e as LecternError);
      if (result instanceof Error) {
        expect(result.problems[0]!.code).toBe('template/error');
      } else {
        const md = await readFile(path.join(dir, 'out/ussr-japan-1925.md'), 'utf8');
        expect(md).toContain('XX');
        expect(md).not.toMatch(/function|Object|\[native code\]/);
      }
    }
  });
});

describe('long passages', () => {
  it('continue on further slides at sentence boundaries, each cited and marked', async () => {
    const dir = await exampleProject();
    await writeFiles(dir, {
      'outlines/long.yaml':
        'title: Long\nsources:\n  conv: ../sources/ussr-japan-1925.txt\nslides:\n  - title: Весь текст\n    layout: text\n    text:\n      - ref: conv#p2-p5\n',
    });
    await build({ cwd: dir, outlines: ['outlines/long.yaml'], formats: ['md'] });
    const slides = await slidesOf(dir, 'long');
    expect(slides.length).toBeGreaterThan(2);
    expect(slides[0]).toContain('\n# Весь текст\n');
    for (const s of slides.slice(1)) expect(s).toContain('\n# Весь текст (продолжение)');
    for (const s of slides) expect(s).toMatch(/<div class="cite">\n\nОтношения СССР и Японии, абз\. \d/);
    // Every sentence appears once, in order, and no slide ends mid-sentence.
    const body = slides
      .map((s) =>
        s
          .replace(/^##.*$/m, '')
          .replace(/<div class="cite">[\s\S]*?<\/div>/, '')
          .replace(/<!--[\s\S]*?-->/g, ''),
      )
      .join(' ');
    expect(body.replace(/\\/g, '')).toContain('К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина.');
    for (const s of slides) expect(s.replace(/<div class="cite">[\s\S]*?<\/div>/, '').trim()).toMatch(/[.»]$/);
  });
});

describe('themes stay offline', () => {
  it.each([
    ["@import url('https://fonts.example.com/x.css');"],
    ['@import "//cdn.example.com/theme.css";'],
    ['section { background: url(https://example.com/bg.png); }'],
  ])('refuses a theme with %s, at its line', async (rule) => {
    const dir = await exampleProject();
    await writeFiles(dir, {
      'tpl/themes/campus.css': `/* @theme campus */\n@import 'default';\n${rule}\n`,
      'lectern.config.yaml': 'templates: tpl\n',
    });
    const err = (await build({ cwd: dir, formats: ['md'] }).catch((e: unknown) => e)) as LecternError;
    expect(err.problems[0]).toMatchObject({ code: 'theme/remote', file: path.join(dir, 'tpl/themes/campus.css'), line: 3 });
  });
});
