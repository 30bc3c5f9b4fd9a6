/**
 * Rendering faults: no browser, a browser killed mid-print, Ctrl-C/SIGTERM
 * during a build — each a clear error, the previous outputs kept, and no
 * Chromium process left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/print/browser/index.js';
import type { LecternError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { ROOT, exampleProject } from '../helpers/project.js';

describe('finding a browser', () => {
  it('names a missing explicit browser', () => {
    let err: LecternError | undefined;
    try {
      findBrowser({ explicit: '/nonexistent/chromium', env: {} });
    } catch (e) {
      err = e as LecternError;
    }
    expect(err?.exitCode).toBe(3);
    expect(err?.message).toContain('/nonexistent/chromium');
  });

  it('says how to install one when there is none', () => {
    let err: LecternError | undefined;
    try {
      findBrowser({ env: {}, systemPaths: ['/nonexistent/a'] });
    } catch (e) {
      err = e as LecternError;
    }
    expect(err?.problems[0]?.code).toBe('browser/not-found');
    expect(err?.problems[0]?.hint).toContain('apt-get install -y chromium');
  });

  it('prefers the explicit setting, then the environment, then the system', () => {
    const exe = process.execPath;
    expect(findBrowser({ explicit: exe, env: { LECTERN_BROWSER: '/x' } }).via).toContain('--browser');
    expect(findBrowser({ env: { LECTERN_BROWSER: exe } }).via).toBe('LECTERN_BROWSER');
    expect(findBrowser({ env: {}, systemPaths: [exe] })).toEqual({ path: exe, via: 'system' });
  });
});

/** Descendant process ids of pid (read from /proc). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const out: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(pid);
  return out;
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
const isChromium = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('lectern-chromium-');
  } catch {
    return false;
  }
};

/** Start `lectern build` as its own process; resolves once its Chromium is running. */
async function buildUntilChromium(
  cwd: string,
  args: string[],
  until?: RegExp,
): Promise<{ child: ChildProcess; chromium: number[]; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> }> {
  // The built CLI, as users run it (a TypeScript runner in between would handle signals itself);
  // with `until`, also wait for that step in its trace (LECTERN_TRACE).
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/lectern.js'), 'build', ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...(until ? { LECTERN_TRACE: '1' } : {}) },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const chromium = descendants(child.pid!).filter(isChromium);
    // A renderer process exists once a page is open: Chromium has started and is working.
    const rendering = chromium.some((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer'));
    if (rendering && (!until || until.test(stderr))) return { child, chromium: descendants(child.pid!).filter(isChromium), done };
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`Chromium did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A deck big enough that printing takes a while. */
async function bigProject(): Promise<string> {
  const dir = await exampleProject();
  let text = 'title: Big\nlang: ru\nsources:\n  conv: ../sources/ussr-japan-1925.txt\nslides:\n';
  for (let n = 1; n <= 300; n++) text += `  - title: Слайд ${n}\n    bullets:\n      - ref: conv#p2.s${(n % 5) + 1}\n`;
  await writeFile(path.join(dir, 'outlines/big.yaml'), text);
  return dir;
}

describe('faults while printing', () => {
  it('a browser that does not exist: exit 3, a clear message, the previous outputs kept', async () => {
    const dir = await exampleProject();
    expect((await runCli(dir, ['build', 'outlines/ussr-japan-1925.yaml', '--format', 'md,html'])).code).toBe(0);
    const before = await readFile(path.join(dir, 'out/ussr-japan-1925.html'));
    await writeFile(
      path.join(dir, 'outlines/ussr-japan-1925.yaml'),
      (await readFile(path.join(dir, 'outlines/ussr-japan-1925.yaml'), 'utf8')).replace('title: Путь к нормализации', 'title: Путь'),
    );
    const run = await runCli(dir, ['build', 'outlines/ussr-japan-1925.yaml', '--format', 'md,html,pdf', '--browser', '/nonexistent/chromium']);
    expect(run.code).toBe(3);
    expect(run.err).toContain('/nonexistent/chromium');
    expect(await readFile(path.join(dir, 'out/ussr-japan-1925.html'))).toEqual(before);
  });

  it('Chromium killed mid-print: a clear error, nothing half-written, no Chromium left', async () => {
    const dir = await bigProject();
    // A clear error within the configured timeout, whatever Chromium was doing when it died.
    const { chromium, done } = await buildUntilChromium(dir, ['outlines/big.yaml', '--format', 'pdf', '--timeout', '8000'], /print: loaded/);
    for (const pid of chromium) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    const { code, stderr } = await done;
    expect(code).toBe(3);
    expect(stderr).toMatch(/Chromium.*(failed|did not)/);
    expect(stderr).not.toContain('unsettled');
    expect(stderr).not.toContain('internal error');
    expect(existsSync(path.join(dir, 'out/big.pdf'))).toBe(false);
    expect(readdirSync(path.join(dir, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} during a build: Chromium is closed and its profile removed`, async () => {
      const dir = await bigProject();
      const { child, chromium, done } = await buildUntilChromium(dir, ['outlines/big.yaml', '--format', 'pdf', '--force']);
      const profile = readFileSync(`/proc/${chromium[0]}/cmdline`, 'utf8')
        .split('\0')
        .find((a) => a.startsWith('--user-data-dir='))
        ?.slice('--user-data-dir='.length);
      process.kill(child.pid!, signal);
      await Promise.race([done, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 500));
      expect(chromium.filter(alive)).toEqual([]);
      if (profile) expect(existsSync(profile)).toBe(false);
      expect(await stat(path.join(dir, 'out/big.pdf')).catch(() => undefined)).toBeUndefined();
    }, 60_000);
  }

  describe('Chromium started early, before the command line loads', () => {
    /** Run bin/lectern.js with LECTERN_TRACE; the profile folder of the Chromium it spawned, if any. */
    const traced = (cwd: string, args: string[]) =>
      new Promise<{ code: number | null; stderr: string; profile?: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, 'bin/lectern.js'), ...args], {
          cwd,
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, LECTERN_TRACE: '1' },
        });
        let stderr = '';
        child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (code) => resolve({ code, stderr, profile: /browser: spawned \(profile (.+)\)/.exec(stderr)?.[1] }));
      });
    const leftovers = (profile: string) =>
      readdirSync('/proc').filter(
        (p) =>
          /^\d+$/.test(p) &&
          alive(Number(p)) &&
          (() => {
            try {
              return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(profile);
            } catch {
              return false;
            }
          })(),
      );

    it('is used by a build that prints, and ended (profile removed) by one that finds everything up to date', async () => {
      const dir = await exampleProject();
      const first = await traced(dir, ['build', 'outlines/ussr-japan-1925.yaml', '--format', 'md,pdf']);
      expect(first.code).toBe(0);
      // One Chromium, started before the command line loaded, and printed with.
      expect(first.stderr.match(/browser: spawned/g)).toHaveLength(1);
      expect(first.stderr.indexOf('browser: spawned')).toBeLessThan(first.stderr.indexOf('main: imported'));
      expect(first.stderr).toContain('print: pdf');
      const again = await traced(dir, ['build', 'outlines/ussr-japan-1925.yaml', '--format', 'md,pdf']);
      expect(again.code).toBe(0);
      expect(again.stderr).not.toContain('print: pdf');
      for (const run of [first, again]) {
        expect(run.profile).toBeDefined();
        expect(existsSync(run.profile!)).toBe(false);
        expect(leftovers(run.profile!)).toEqual([]);
      }
    }, 60_000);

    it('is ended when the command fails before building, and not started for a config that names the browser', async () => {
      const empty = await exampleProject();
      // No outlines folder: a usage error, at once, with nothing left behind.
      const { rm: remove } = await import('node:fs/promises');
      await remove(path.join(empty, 'outlines'), { recursive: true });
      const failed = await traced(empty, ['build']);
      expect(failed.code).toBe(2);
      expect(failed.profile).toBeDefined();
      expect(existsSync(failed.profile!)).toBe(false);
      expect(leftovers(failed.profile!)).toEqual([]);
      const unknown = await traced(empty, ['build', '--bogus']);
      expect(unknown.code).toBe(2);
      if (unknown.profile) expect(existsSync(unknown.profile)).toBe(false);

      const configured = await exampleProject();
      await writeFile(path.join(configured, 'lectern.config.yaml'), `browser: ${findBrowser().path}\n`);
      const run = await traced(configured, ['build', 'outlines/ussr-japan-1925.yaml', '--format', 'pdf']);
      expect(run.code).toBe(0);
      // Spawned by the build itself, after the command line loaded.
      expect(run.stderr.indexOf('browser: spawned')).toBeGreaterThan(run.stderr.indexOf('main: imported'));
    }, 60_000);

    it('is not started when nothing is printed', async () => {
      const dir = await exampleProject();
      const run = await traced(dir, ['build', 'outlines/ussr-japan-1925.yaml', '--format', 'md,html']);
      expect(run.code).toBe(0);
      expect(run.stderr).not.toContain('browser: spawned');
    }, 30_000);

    it('is ended by Ctrl-C before the build has begun', async () => {
      const dir = await exampleProject();
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/lectern.js'), 'build', '--format', 'pdf'], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LECTERN_TRACE: '1' },
      });
      let stderr = '';
      const spawned = new Promise<string>((resolve) =>
        child.stderr!.on('data', (d: Buffer) => {
          stderr += d.toString();
          const profile = /browser: spawned \(profile (.+)\)/.exec(stderr)?.[1];
          if (profile) resolve(profile);
        }),
      );
      const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      const profile = await spawned;
      process.kill(child.pid!, 'SIGINT');
      await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
      expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(leftovers(profile)).toEqual([]);
      expect(existsSync(profile)).toBe(false);
    }, 30_000);
  });
});
