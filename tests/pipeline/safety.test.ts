/** Nothing outside the project is read; nothing of the lecturer's is overwritten; builds do not interleave. */
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { main } from '../../src/cli/main.js';
import type { LecternError } from '../../src/errors.js';
import { exampleProject, tempDir, writeFiles } from '../helpers/project.js';

const outline = (sourcePath: string, extra = '') =>
  `title: T\nsources:\n  s: ${JSON.stringify(sourcePath)}\nslides:\n  - bullets:\n      - ref: s#p1\n${extra}`;

async function failure(p: Promise<unknown>): Promise<LecternError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the build should have failed').toBeDefined();
  return err as LecternError;
}

describe('path confinement', () => {
  it('refuses a source outside the project (../, absolute, through a symlink)', async () => {
    const outsideDir = await tempDir('lectern-outside-');
    await writeFiles(outsideDir, { 'secret.txt': 'Secret text.' });
    const dir = await exampleProject();
    await writeFiles(dir, { 'lectern.config.yaml': 'out: out\n' });
    await symlink(outsideDir, path.join(dir, 'sources', 'link'));
    for (const [name, src] of [
      ['dotdot', `../../${path.basename(outsideDir)}/secret.txt`],
      ['absolute', path.join(outsideDir, 'secret.txt')],
      ['symlink', '../sources/link/secret.txt'],
    ] as const) {
      await writeFiles(dir, { [`outlines/${name}.yaml`]: outline(src) });
      const err = await failure(build({ cwd: dir, outlines: [`outlines/${name}.yaml`], formats: ['md'] }));
      expect(err.problems[0]).toMatchObject({ code: 'path/outside-project', file: path.join(dir, `outlines/${name}.yaml`), line: 3 });
      expect(err.problems[0]!.hint).toContain('allow');
    }
  });

  it('allows a folder named in the config', async () => {
    const outsideDir = await tempDir('lectern-shared-');
    await writeFiles(outsideDir, { 'shared.txt': 'Shared text.' });
    const dir = await exampleProject();
    await writeFiles(dir, {
      'lectern.config.yaml': `allow: [${JSON.stringify(outsideDir)}]\n`,
      'outlines/x.yaml': outline(path.join(outsideDir, 'shared.txt')),
    });
    await build({ cwd: dir, outlines: ['outlines/x.yaml'], formats: ['md'] });
    expect(await readFile(path.join(dir, 'out/x.md'), 'utf8')).toContain('Shared text.');
  });

  it('refuses a templates folder and an image outside the project', async () => {
    const outsideDir = await tempDir('lectern-tpl-');
    await writeFiles(outsideDir, { 'layouts/quote.hbs': 'x\n' });
    const dir = await exampleProject();
    await writeFiles(dir, { 'lectern.config.yaml': `templates: ${JSON.stringify(outsideDir)}\n` });
    const err = await failure(build({ cwd: dir, outlines: ['outlines/ussr-japan-1925.yaml'], formats: ['md'] }));
    expect(err.problems[0]!.code).toBe('path/outside-project');
    await writeFiles(dir, {
      'lectern.config.yaml': 'out: out\n',
      'outlines/img.yaml': 'title: T\nslides:\n  - image:\n      path: /etc/hostname\n      alt: x\n',
    });
    const err2 = await failure(build({ cwd: dir, outlines: ['outlines/img.yaml'], formats: ['md'] }));
    expect(err2.problems[0]).toMatchObject({ code: 'image/invalid', line: 4 });
    expect(err2.message).toContain('outside the project');
  });
});

describe('the out folder', () => {
  it('may not be the project folder, nor hold the outlines', async () => {
    const dir = await exampleProject();
    const io = { cwd: dir, out: () => undefined, err: () => undefined };
    expect(await main(['build', '--format', 'md', '--out', '.'], io)).toBe(2);
    expect(await main(['build', '--format', 'md', '--out', 'outlines'], io)).toBe(2);
  });

  it('keeps files Lectern did not write', async () => {
    const dir = await exampleProject();
    await mkdir(path.join(dir, 'out'));
    await writeFile(path.join(dir, 'out', 'my-notes.txt'), 'mine');
    await build({ cwd: dir, outlines: ['outlines/ussr-japan-1925.yaml'], formats: ['md'] });
    await build({ cwd: dir, outlines: ['outlines/ussr-japan-1925.yaml'], formats: ['md'], force: true });
    expect(await readFile(path.join(dir, 'out', 'my-notes.txt'), 'utf8')).toBe('mine');
  });

  it('serialises two builds on one out folder', async () => {
    const dir = await exampleProject();
    const [a, b] = await Promise.all([
      build({ cwd: dir, outlines: ['outlines/ussr-japan-1925.yaml'], formats: ['md', 'html'], force: true }),
      build({ cwd: dir, outlines: ['outlines/ussr-japan-1925-review.yaml'], formats: ['md', 'html'], force: true }),
    ]);
    expect(a.outputs).toHaveLength(2);
    expect(b.outputs).toHaveLength(2);
    const html = await readFile(path.join(dir, 'out/ussr-japan-1925.html'), 'utf8');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });
});
