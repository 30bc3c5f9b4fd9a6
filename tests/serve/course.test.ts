/**
 * `lectern serve course.yaml` as a lecturer editing a course sees it: the
 * course page at `/`, a lecture edited rebuilds that lecture and the page
 * (the other lecture stays as it was), a broken course.yaml keeps the last
 * good page and tells the pages, and a new course title rewrites the page
 * without building a deck. HTML only: no browser.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type ServeHandle } from '../../src/serve/serve.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeFiles } from '../helpers/project.js';
import { EventClient, request } from './helpers.js';

const COURSE = (title: string, theme = 'default') =>
  [`title: ${title}`, 'language: en', `defaults: {theme: ${theme}}`, 'lectures:', '  - outline: outlines/one.yaml', '  - outline: outlines/two.yaml', ''].join(
    '\n',
  );

let handle: ServeHandle | undefined;
const clients: EventClient[] = [];

afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await handle?.close();
  handle = undefined;
});

async function project(): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, {
    'outlines/one.yaml': 'title: Versailles\nslides:\n  - title: The treaty\n    bullets: [Reparations]\n',
    'outlines/two.yaml': 'title: Locarno\nslides:\n  - title: The guarantees\n    bullets: [Rhineland]\n',
    'course.yaml': COURSE('Interwar Diplomacy'),
  });
  return dir;
}

const mtime = async (file: string) => (await stat(file)).mtimeMs;

describe('lectern serve course.yaml', () => {
  it('serves the course page at /, rebuilds the lecture edited and the page, keeps the last good page on a broken course.yaml', async () => {
    const dir = await project();
    const log: string[] = [];
    handle = await serve({ cwd: dir, outlines: ['course.yaml'], port: 0, formats: ['html'], signals: false, log: (l) => log.push(l) });
    const port = handle.port!;
    const out = path.join(dir, 'out');
    expect(log).toContain(`  ${handle.url} (the course page)`);

    // The course page at /, with the live-reload client naming it (not the address).
    const home = await request(port, '/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Interwar Diplomacy');
    expect(home.body).toContain('href="one.html"');
    expect(home.body).toContain('let here = "index.html";');
    // The Host check holds at / as everywhere.
    expect((await request(port, '/', { headers: { host: `evil.example:${port}` } })).status).toBe(403);

    const events = await EventClient.connect(port);
    clients.push(events);
    const twoBefore = await mtime(path.join(out, 'two.html'));

    // One lecture edited: that lecture and the page, not the other lecture.
    let built = handle.nextBuild();
    await writeFile(path.join(dir, 'outlines/one.yaml'), 'title: The Treaty of Versailles\nslides:\n  - title: The treaty\n    bullets: [War guilt]\n');
    expect(await built).toMatchObject({ ok: true });
    expect((await request(port, '/one.html')).body).toContain('War guilt');
    expect((await request(port, '/')).body).toContain('The Treaty of Versailles');
    expect(await mtime(path.join(out, 'two.html'))).toBe(twoBefore);
    expect(log.at(-1)).toMatch(/built in \d+ ms: one\.html, index\.html/);
    expect(log.at(-1)).not.toContain('two.html');
    const reload = await events.next<{ changed: string[] }>('reload');
    expect(reload.changed).toContain('one.html');

    // A mistake in course.yaml: the error at its line, the last good page still served.
    built = handle.nextBuild();
    const from = events.events.length;
    await writeFile(path.join(dir, 'course.yaml'), COURSE('Interwar Diplomacy').replace('lectures:', 'lectrues: []\nlectures:'));
    const failed = await built;
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(/course\.yaml:4:1/);
    expect(failed.error).toContain('lectures');
    const error = await events.next<{ problems: Array<{ file: string; line: number }> }>('build-error', { from });
    expect(error.problems[0]).toMatchObject({ file: 'course.yaml', line: 4 });
    expect((await request(port, '/')).body).toContain('The Treaty of Versailles');

    // Mended with a new title: the page rewritten, no deck built again.
    const oneBefore = await mtime(path.join(out, 'one.html'));
    built = handle.nextBuild();
    await writeFile(path.join(dir, 'course.yaml'), COURSE('Diplomacy Between the Wars'));
    expect(await built).toMatchObject({ ok: true });
    expect((await request(port, '/')).body).toContain('Diplomacy Between the Wars');
    expect(await mtime(path.join(out, 'one.html'))).toBe(oneBefore);
    expect(await mtime(path.join(out, 'two.html'))).toBe(twoBefore);
    expect(log.at(-1)).toMatch(/built in \d+ ms: index\.html/);
    expect(log.at(-1)).not.toMatch(/one\.html|two\.html/);

    // The course's theme: every lecture again.
    built = handle.nextBuild();
    await writeFile(path.join(dir, 'course.yaml'), COURSE('Diplomacy Between the Wars', 'gaia'));
    expect(await built).toMatchObject({ ok: true });
    expect(log.at(-1)).toMatch(/one\.html/);
    expect(log.at(-1)).toMatch(/two\.html/);
    expect(await readFile(path.join(out, 'two.html'), 'utf8')).not.toBe('');
    expect(await mtime(path.join(out, 'two.html'))).not.toBe(twoBefore);
  });

  it('lists the decks at / until the course page is built, and serves a course alone', async () => {
    const dir = await project();
    // A lecture that does not build: no course page yet, / lists what there is.
    await writeFile(path.join(dir, 'outlines/two.yaml'), 'title: Locarno\nslides: [{layout: nonesuch}]\n');
    handle = await serve({ cwd: dir, outlines: ['course.yaml'], port: 0, formats: ['html'], signals: false, log: () => undefined });
    expect(handle.last.ok).toBe(false);
    const home = await request(handle.port!, '/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('<h1>Lectern</h1>');
    await handle.close();
    handle = undefined;

    const both = await runCli(dir, ['serve', 'course.yaml', 'outlines/one.yaml', '--port', '0']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('course.yaml is a course: serve it alone');
  });
});
