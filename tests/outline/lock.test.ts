/**
 * Drift: the lock file beside an outline records the text of every passage it
 * cites; when the source changes under a reference, `lectern check` shows the
 * old and the new text as a warning, `--strict` makes it an error, and
 * `--update-lock` accepts the new text.
 */
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, exampleProject, tempDir, writeFiles } from '../helpers/project.js';
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

describe('references whose text moved (paragraph breaks added to a source)', () => {
  const SIDECAR = 'title: Gettysburg Address\nlang: en\nbreaks:\n  - before: It is for us the living\n';
  const TALK = 'outlines/talk.yaml';
  let dir: string;

  beforeAll(async () => {
    dir = await tempDir();
    // p1: sentences 1–8 of the speech, p2: 9–10.
    await writeFiles(dir, {
      'sources/gettysburg.yaml': SIDECAR,
      [TALK]: [
        'title: Gettysburg',
        'lang: en',
        'sources:',
        '  speech: ../sources/gettysburg.txt',
        'slides:',
        '  - title: The task',
        '    bullets:',
        '      - ref: speech#p2.s1', // line 8: "It is for us the living…"
        '      - ref: speech#p1.s1',
        '  - title: The field',
        '    bullets:',
        '      - ref: speech#p1.s3', // line 12: "We are met on a great battle-field of that war."
        '',
      ].join('\n'),
    });
    await copyFile(path.join(ROOT, 'tests/fixtures/sources/gettysburg.txt'), path.join(dir, 'sources/gettysburg.txt'));
    expect(await run(dir, ['check', TALK])).toMatchObject({ code: 0, err: 'ok\n' });
  });

  it('`lectern check` names each moved reference and the address its text has now', async () => {
    // A break after the second sentence: p1 is s1–s2, p2 is s3–s8, p3 is s9–s10.
    await writeFile(path.join(dir, 'sources/gettysburg.yaml'), `${SIDECAR}  - after: p1.s2\n`);
    const { code, err } = await run(dir, ['check', TALK]);
    // An error (the reference that no longer resolves), and the moved reference listed with it.
    expect(code).toBe(1);
    // An address that still exists but now holds other text: a warning naming where the text went.
    expect(err).toContain(
      `${TALK}:8:14: warning [ref/moved] speech#p2.s1 now reads differently; the text it had is now at speech#p3.s1 — update the reference`,
    );
    expect(err).toContain("hint: the source's paragraphs were renumbered (e.g. by `breaks:` in its metadata): write speech#p3.s1");
    // An address that no longer exists: the error says where its text is now.
    expect(err).toContain(`${TALK}:12:14: error [ref/not-found] sentence p1.s3 does not exist (p1 has 2 sentences)`);
    expect(err).toContain('hint: the text it had is now at speech#p2.s1');
    // The unmoved reference is not mentioned.
    expect(err).not.toContain('speech#p1.s1 ');
  });

  it('is clean once the references are updated', async () => {
    const file = path.join(dir, TALK);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('speech#p2.s1', 'speech#p3.s1').replace('speech#p1.s3', 'speech#p2.s1'));
    expect(await run(dir, ['check', TALK])).toMatchObject({ code: 0, err: 'ok\n' });
    // The lock follows the references: speech#p2.s1 now holds the text it shows.
    const lock = JSON.parse(await readFile(path.join(dir, 'outlines/talk.lock.json'), 'utf8')) as Lock;
    expect(lock.passages['speech#p2.s1']!.text).toBe('We are met on a great battle-field of that war.');
    expect(lock.passages['speech#p3.s1']!.text.startsWith('It is for us the living')).toBe(true);
  });

  it('without errors, a moved reference is a warning (exit 0), an error with --strict', async () => {
    const sidecar = path.join(dir, 'sources/gettysburg.yaml');
    const before = await readFile(sidecar, 'utf8');
    // Another break, after the fifth sentence of the text as it is: p2 is s3–s5, p3 s6–s8, p4 s9–s10.
    await writeFile(sidecar, `${before}  - after: p1.s5\n`);
    const { code, err } = await run(dir, ['check', TALK]);
    expect(code).toBe(0);
    expect(err).toBe(
      `${TALK}:8:14: warning [ref/moved] speech#p3.s1 now reads differently; the text it had is now at speech#p4.s1 — update the reference\n` +
        "  hint: the source's paragraphs were renumbered (e.g. by `breaks:` in its metadata): write speech#p4.s1; or, if the slide means the new text, accept it with `lectern check --update-lock`\n" +
        'ok, with 1 warning\n',
    );
    const strict = await run(dir, ['check', '--strict', TALK]);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain(`${TALK}:8:14: error [ref/moved] speech#p3.s1 now reads differently`);
    await writeFile(sidecar, before);
    expect(await run(dir, ['check', TALK])).toMatchObject({ code: 0, err: 'ok\n' });
  });

  it('a changed text that is nowhere else in the source is still plain drift', async () => {
    const source = path.join(dir, 'sources/gettysburg.txt');
    await writeFile(source, (await readFile(source, 'utf8')).replace('the unfinished work', 'the unfinished labour'));
    const { code, err } = await run(dir, ['check', TALK]);
    expect(code).toBe(0);
    expect(err).toContain('warning [ref/drift] the source changed under speech#p3.s1:');
    expect(err).not.toContain('ref/moved');
  });
});
