/**
 * Drift: the lock file beside an outline records the text of every passage it
 * cites; when the source changes under a reference, `lectern check` shows the
 * old and the new text as a warning, `--strict` makes it an error, and
 * `--update-lock` accepts the new text.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleProject } from '../helpers/project.js';
import { runCli } from '../helpers/cli.js';

const OUTLINE = 'outlines/ussr-japan-1925.yaml';
const LOCK = 'outlines/ussr-japan-1925.lock.json';
const OLD = 'К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина.';
const NEW = 'К 15 мая 1925 г. Япония обязалась полностью вывести свои войска с Северного Сахалина.';

const run = runCli;

interface Lock {
  lectern: number;
  passages: Record<string, { sha256: string; text: string }>;
}

describe('lock files and drift', () => {
  let dir: string;
  let line: number;

  beforeAll(async () => {
    dir = await exampleProject();
    await rm(path.join(dir, LOCK));
    const outline = await readFile(path.join(dir, OUTLINE), 'utf8');
    // The first reference to p2.s3 (the "terms" slide), where drift is reported.
    line = outline.split('\n').findIndex((l) => l.trim() === '- ref: conv#p2.s3') + 1;
    expect(line).toBeGreaterThan(0);
  });

  it('records the cited passages on the first check', async () => {
    const { code, err } = await run(dir, ['check', OUTLINE]);
    expect(code).toBe(0);
    expect(err).toBe('ok\n');
    const lock = JSON.parse(await readFile(path.join(dir, LOCK), 'utf8')) as Lock;
    expect(lock.lectern).toBe(1);
    expect(lock.passages['conv#p2.s3']!.text).toBe(OLD);
    expect(lock.passages['conv#p2.s3']!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(lock.passages)).toContain('conv?find=никоим образом не означает');
  });

  it('warns when the source changes under a reference, showing old and new text (exit 0)', async () => {
    const source = path.join(dir, 'sources', 'ussr-japan-1925.txt');
    const text = await readFile(source, 'utf8');
    expect(text).toContain('Япония обязалась вывести');
    await writeFile(source, text.replace('Япония обязалась вывести', 'Япония обязалась полностью вывести'));
    const { code, err } = await run(dir, ['check', OUTLINE]);
    expect(code).toBe(0);
    expect(err).toContain(`${OUTLINE}:${line}:14: warning [ref/drift] the source changed under conv#p2.s3:`);
    expect(err).toContain(`was: «${OLD}»`);
    expect(err).toContain(`now: «${NEW}»`);
    expect(err).toContain('lectern check --update-lock');
    // The notes' passage p2.s2-s4 holds the sentence too.
    expect(err).toContain('warning [ref/drift] the source changed under conv#p2.s2-s4:');
    expect(err).toMatch(/ok, with 2 warnings\n$/);
    // A plain check does not accept the change.
    const lock = JSON.parse(await readFile(path.join(dir, LOCK), 'utf8')) as Lock;
    expect(lock.passages['conv#p2.s3']!.text).toBe(OLD);
  });

  it('fails with --strict (exit 1)', async () => {
    const { code, err } = await run(dir, ['check', '--strict', OUTLINE]);
    expect(code).toBe(1);
    expect(err).toContain(`${OUTLINE}:${line}:14: error [ref/drift] the source changed under conv#p2.s3:`);
    expect(err).not.toContain('ok');
  });

  it('reports drift in JSON too', async () => {
    const { code, out } = await run(dir, ['check', '--format', 'json', OUTLINE]);
    expect(code).toBe(0);
    const list = JSON.parse(out) as Array<{ code: string; severity: string; line: number; message: string }>;
    expect(list.map((p) => `${p.severity} ${p.code} ${p.line}`)).toContain(`warning ref/drift ${line}`);
  });

  it('accepts the new text with --update-lock, after which check is clean, even with --strict', async () => {
    const updated = await run(dir, ['check', '--update-lock', OUTLINE]);
    expect(updated.code).toBe(0);
    expect(updated.err).toBe('ok\n');
    const lock = JSON.parse(await readFile(path.join(dir, LOCK), 'utf8')) as Lock;
    expect(lock.passages['conv#p2.s3']!.text).toBe(NEW);
    const again = await run(dir, ['check', OUTLINE]);
    expect(again).toMatchObject({ code: 0, err: 'ok\n' });
    const strict = await run(dir, ['check', '--strict', OUTLINE]);
    expect(strict).toMatchObject({ code: 0, err: 'ok\n' });
  });
});
