/**
 * Rebuilding on changes, as a user editing a lecture sees it: the served deck
 * follows the outline, sources and sidecars; atomic saves and bursts of
 * writes make one build; a broken outline shows its error to the pages while
 * the last good deck stays served; `build --watch` logs one line per build.
 */
import { existsSync, watch } from 'node:fs';
import { copyFile, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serve } from '../../src/serve/serve.js';
import { runCli } from '../helpers/cli.js';
import { flat, pdfText } from '../helpers/pdf.js';
import { exampleProject } from '../helpers/project.js';
import { DECK, EventClient, OUTLINE, request, startExample, type Started } from './helpers.js';

const SOURCE = 'sources/ussr-japan-1925.txt';
const SIDECAR = 'sources/ussr-japan-1925.yaml';

let s: Started | undefined;
const clients: EventClient[] = [];

afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await s?.handle.close();
  s = undefined;
});

async function start(...args: Parameters<typeof startExample>): Promise<Started> {
  s = await startExample(...args);
  return s;
}

async function events(port: number): Promise<EventClient> {
  const c = await EventClient.connect(port);
  clients.push(c);
  return c;
}

/**
 * Nothing that happened before makes another build: `count` builds so far,
 * and a fence — an input rewritten as it is — makes the next build, for the
 * fence alone. The watcher reports changes in the order they happened, so a
 * build still due from earlier either comes first (the count is off) or
 * folds into the fence's build (its changed files say so). The fence's build
 * counts: the next check expects one more.
 */
async function expectNoMoreBuilds(started: Started, count: number, fence = SOURCE): Promise<void> {
  expect(started.handle.builds).toBe(count);
  const file = path.join(started.dir, fence);
  const built = started.handle.nextBuild();
  await writeFile(file, await readFile(file));
  const report = await built;
  expect(report.changed).toEqual([file]);
  expect(started.handle.builds).toBe(count + 1);
}

/** Resolves when the file system reports a change of `file` (the watcher of serve, if open, has been told by then). */
function changeOf(file: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(path.dirname(file), (_event, name) => {
      if (name !== path.basename(file)) return;
      watcher.close();
      // Every watcher of this folder hears of a change in the same turn of the event loop.
      setImmediate(resolve);
    });
  });
}

describe('rebuilding on changes', () => {
  it('rebuilds when the outline changes: the served deck has the new title and pages get a reload event', async () => {
    const s = await start();
    expect(s.handle.builds).toBe(1);
    expect(s.handle.last.ok).toBe(true);
    const sse = await events(s.port);
    const built = s.handle.nextBuild();
    await s.edit(OUTLINE, 'title: Предпосылки', 'title: Предпосылки сближения');
    const report = await built;
    expect(report.ok).toBe(true);
    expect(report.ms).toBeGreaterThan(0);
    expect((await request(s.port, `/${DECK}`)).body).toContain('Предпосылки сближения');
    const reload = await sse.next<{ changed: string[] }>('reload');
    expect(reload.changed).toContain(DECK);
    await sse.next('build-ok');
    await expectNoMoreBuilds(s, 2);
  });

  it('an atomic save (a temporary file renamed over the outline) makes exactly one rebuild', async () => {
    const s = await start();
    const text = await readFile(s.outline, 'utf8');
    const built = s.handle.nextBuild();
    const tmp = `${s.outline}.tmp`;
    await writeFile(tmp, text.replace('title: Предпосылки', 'title: Сохранено атомарно'));
    await rename(tmp, s.outline);
    expect((await built).ok).toBe(true);
    expect((await request(s.port, `/${DECK}`)).body).toContain('Сохранено атомарно');
    await expectNoMoreBuilds(s, 2);

    // Delete and create again (another way editors save): one more build, and the watch survives it.
    const again = s.handle.nextBuild();
    await rm(s.outline);
    await writeFile(s.outline, text.replace('title: Предпосылки', 'title: Удалено и создано'));
    expect((await again).ok).toBe(true);
    expect((await request(s.port, `/${DECK}`)).body).toContain('Удалено и создано');
    await expectNoMoreBuilds(s, 4);
  });

  it('rebuilds when a source text or its metadata sidecar changes', async () => {
    const s = await start();
    let built = s.handle.nextBuild();
    await s.edit(SOURCE, 'Японское правительство не спешило с ответом.', 'Японское правительство долго не спешило с ответом.');
    expect((await built).ok).toBe(true);
    expect((await request(s.port, `/${DECK}`)).body).toContain('долго не спешило');
    await expectNoMoreBuilds(s, 2, SIDECAR);

    built = s.handle.nextBuild();
    // The example cites in GOST: its bibliographic data shows on the sources slide.
    await s.edit(SIDECAR, 'container-title: Учебник истории', 'container-title: Учебник новейшей истории');
    expect((await built).ok).toBe(true);
    expect((await request(s.port, `/${DECK}`)).body).toContain('Учебник новейшей истории');
    await expectNoMoreBuilds(s, 4);
  });

  it('a burst of writes makes one build, of the last text', async () => {
    const s = await start();
    const text = await readFile(s.outline, 'utf8');
    const built = s.handle.nextBuild();
    for (let i = 1; i <= 5; i++) await writeFile(s.outline, text.replace('title: Предпосылки', `title: Версия ${i}`));
    expect((await built).ok).toBe(true);
    const body = (await request(s.port, `/${DECK}`)).body;
    expect(body).toContain('Версия 5');
    expect(body).not.toContain('Версия 4');
    await expectNoMoreBuilds(s, 2);
  });

  it('a change during a build makes exactly one more build, after it', async () => {
    const s = await start({ debounceMs: 10 });
    const sse = await events(s.port);
    const text = await readFile(s.outline, 'utf8');
    const first = s.handle.nextBuild();
    await writeFile(s.outline, text.replace('title: Предпосылки', 'title: Первая'));
    // The deck's page reloads as soon as its HTML is written; its PDFs are printed after.
    await sse.next('reload');
    expect(s.handle.building).toBe(true);
    const second = s.handle.nextBuild();
    // Saved atomically: a build reading the file while it is written in place could see it empty.
    for (const word of ['Вторая', 'Третья']) {
      await writeFile(`${s.outline}.tmp`, text.replace('title: Предпосылки', `title: ${word}`));
      await rename(`${s.outline}.tmp`, s.outline);
    }
    const r1 = await first;
    expect(r1.ok, r1.error).toBe(true);
    const r2 = await second;
    expect(r2.ok).toBe(true);
    expect(r2.changed).toContain(s.outline);
    expect((await request(s.port, `/${DECK}`)).body).toContain('Третья');
    await expectNoMoreBuilds(s, 3);
  });

  it('ignores files that are not inputs: editor swap files, lock files, outputs', async () => {
    const s = await start();
    await writeFile(path.join(s.dir, 'outlines', '.ussr-japan-1925.yaml.swp'), 'x');
    await writeFile(path.join(s.dir, 'outlines', 'ussr-japan-1925.yaml~'), 'x');
    await writeFile(path.join(s.dir, 'outlines', '4913'), 'x');
    await writeFile(path.join(s.dir, 'outlines', 'notes.txt'), 'x');
    await writeFile(path.join(s.dir, 'sources', 'unrelated.txt'), 'x');
    await writeFile(path.join(s.dir, 'out', 'extra.md'), 'x');
    await writeFile(path.join(s.dir, 'README.md'), 'x');
    await expectNoMoreBuilds(s, 1);
    expect(s.handle.last.ok).toBe(true);
  });

  it('builds an outline added to outlines/, and follows the config', async () => {
    const s = await start({}, async (dir) => writeFile(path.join(dir, 'lectern.config.yaml'), 'notes: true\n'));
    let built = s.handle.nextBuild();
    await copyFile(s.outline, path.join(s.dir, 'outlines', 'second.yaml'));
    expect((await built).ok).toBe(true);
    expect(existsSync(path.join(s.dir, 'out', 'second.html'))).toBe(true);
    expect((await request(s.port, '/')).body).toContain('href="/second.html"');

    expect((await request(s.port, `/${DECK}`)).body).toContain('id="lectern-notes"');
    built = s.handle.nextBuild();
    await writeFile(path.join(s.dir, 'lectern.config.yaml'), 'notes: false\n');
    expect((await built).ok).toBe(true);
    expect((await request(s.port, `/${DECK}`)).body).not.toContain('id="lectern-notes"');
  });
});

describe('a failed build', () => {
  it('tells the pages the error with file:line, keeps the last good deck, and clears when fixed', async () => {
    const s = await start();
    const good = (await request(s.port, `/${DECK}`)).body;
    const text = await readFile(s.outline, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('ref: conv#p1.s1')) + 1;
    const sse = await events(s.port);

    const failed = s.handle.nextBuild();
    await writeFile(s.outline, text.replace('ref: conv#p1.s1', 'ref: conv#p99.s1').replace('title: Предпосылки', 'title: Не должно появиться'));
    const report = await failed;
    expect(report.ok).toBe(false);
    expect(report.error).toContain(`${OUTLINE}:${line}:`);
    const error = await sse.next<{ message: string; problems: Array<{ file: string; line: number; code: string }> }>('build-error');
    expect(error.message).toContain(`${OUTLINE}:${line}:`);
    expect(error.message).toContain('p99');
    expect(error.problems[0]).toMatchObject({ file: OUTLINE, line, code: 'ref/not-found' });
    expect(sse.events.some((e) => e.event === 'reload')).toBe(false);

    // The last good deck is still served, and a page opened now learns of the error at once.
    const served = (await request(s.port, `/${DECK}`)).body;
    expect(served).toBe(good);
    expect(served).not.toContain('Не должно появиться');
    const late = await events(s.port);
    expect((await late.next<{ message: string }>('build-error', { timeout: 1000 })).message).toContain('p99');

    const fixed = s.handle.nextBuild();
    const mark = sse.events.length;
    await writeFile(s.outline, text.replace('title: Предпосылки', 'title: Исправлено'));
    expect((await fixed).ok).toBe(true);
    await sse.next('build-ok', { from: mark });
    expect((await sse.next<{ changed: string[] }>('reload', { from: mark })).changed).toContain(DECK);
    expect((await request(s.port, `/${DECK}`)).body).toContain('Исправлено');
    // A page opened now hears of no error: what the server sends on connecting comes before the next build's news.
    const after = await events(s.port);
    await expectNoMoreBuilds(s, 3);
    await after.next('build-ok');
    expect(after.events.some((e) => e.event === 'build-error')).toBe(false);
  });

  it('a project that fails from the start still serves, and builds once fixed', async () => {
    let text = '';
    const s = await start({}, async (dir) => {
      const file = path.join(dir, OUTLINE);
      text = await readFile(file, 'utf8');
      await writeFile(file, text.replace('ref: conv#p1.s1', 'ref: conv#p99.s1'));
    });
    expect(s.handle.last.ok).toBe(false);
    const missing = await request(s.port, `/${DECK}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('data-lectern-serve'); // reloads itself once the deck is built
    const built = s.handle.nextBuild();
    await writeFile(s.outline, text);
    expect((await built).ok).toBe(true);
    expect((await request(s.port, `/${DECK}`)).status).toBe(200);
  });
});

describe('build --watch', () => {
  it('rebuilds without a server, one line per build with its time and errors', async () => {
    const s = await start({ watchOnly: true });
    expect(s.handle.url).toBeUndefined();
    expect(s.handle.port).toBeUndefined();
    expect(s.log.some((l) => /built in \d+ ms: .*ussr-japan-1925\.html/.test(l))).toBe(true);
    let built = s.handle.nextBuild();
    const mark = s.log.length;
    await s.edit(OUTLINE, 'title: Предпосылки', 'title: Наблюдение');
    await built;
    expect(s.log.slice(mark).filter((l) => /built in \d+ ms/.test(l))).toHaveLength(1);
    expect(await readFile(path.join(s.dir, 'out', DECK), 'utf8')).toContain('Наблюдение');

    built = s.handle.nextBuild();
    const mark2 = s.log.length;
    await s.edit(OUTLINE, 'ref: conv#p1.s1', 'ref: conv#p99.s1');
    await built;
    const lines = s.log.slice(mark2);
    // The review outline extends the lecture, so it fails too.
    expect(lines[0]).toMatch(/build failed in \d+ ms: \d+ errors?$/);
    expect(lines.join('\n')).toContain(`${OUTLINE}:`);
    expect(lines.join('\n')).toContain('p99');
  });

  it('keeps the PDF and every handout up to date: a stale PDF is printed at start, an edited title reaches each', async () => {
    // The HTML and Markdown alone were built: the PDFs are missing (stale).
    const dir = await exampleProject();
    expect((await runCli(dir, ['build', 'outlines/ussr-japan-1925.yaml', '--format', 'md,html'])).code).toBe(0);
    const log: string[] = [];
    s = {
      dir,
      log,
      outline: path.join(dir, OUTLINE),
      port: 0,
      edit: async () => undefined,
      handle: await serve({ cwd: dir, outlines: [OUTLINE], watchOnly: true, signals: false, log: (l) => log.push(l) }),
    };
    const outputs = ['ussr-japan-1925.pdf', 'ussr-japan-1925.handout-notes.pdf', 'ussr-japan-1925.handout-3-lines.pdf'];
    const first = log.find((l) => /built in \d+ ms/.test(l)) ?? '';
    for (const file of outputs) expect(first).toContain(file);
    expect(first).not.toContain('nothing changed');

    const built = s.handle.nextBuild();
    const started = Date.now();
    const text = await readFile(s.outline, 'utf8');
    await writeFile(s.outline, text.replace('title: Предпосылки', 'title: Переименованный слайд'));
    expect((await built).ok).toBe(true);
    console.log(`title edit to PDF and handouts under --watch: ${Date.now() - started} ms`);
    const line = log.at(-1) ?? '';
    for (const file of outputs) {
      expect(line).toContain(file);
      expect(flat((await pdfText(path.join(dir, 'out', file))).join('\n'))).toContain('Переименованный слайд');
    }
    // The HTML is written before the PDFs are printed.
    expect(line.indexOf('.html')).toBeLessThan(line.indexOf('.pdf'));
  });

  it('close() stops watching: later changes build nothing', async () => {
    const s = await start({ watchOnly: true, debounceMs: 0 });
    await s.handle.close();
    const seen = changeOf(s.outline);
    await s.edit(OUTLINE, 'title: Предпосылки', 'title: После закрытия');
    await seen;
    // That the loop ignores changes and timers once closed is tested on fake timers (rebuild-loop.test.ts).
    expect(s.handle.building).toBe(false);
    expect(s.handle.builds).toBe(1);
    expect(await s.handle.nextBuild()).toEqual({ ok: false, ms: 0, error: 'closed' });
  });
});
