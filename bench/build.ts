/**
 * `npm run bench`: Lectern against Marp CLI on the same machine, in the same
 * run, with the same Chromium. Prints each figure as a ratio Lectern / Marp
 * CLI with both times (the machine is shared and noisy: ratios measured side
 * by side are what mean something, single times are not).
 *
 * Workload: the example lecture; 20 generated lectures of similar size; one
 * 200-slide lecture. Marp CLI converts the Markdown Lectern wrote (so both
 * print the same slides), with Lectern's theme. The one-lecture and
 * 200-slide cold figures are medians of three alternating runs, and so are
 * the export lines: the example as PowerPoint (Lectern's editable PPTX,
 * no browser, against Marp CLI's --pptx of slide images) and as PNG images
 * of its slides (--format png against --images png). The last two lines
 * are Lectern's own: one slide of the 200 changed with the browser
 * warm (against its cold build), and `lectern serve` from saving the example
 * outline to its deck reloaded in Chromium (absolute).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createEngine } from '../src/pipeline/build.js';
import { serve } from '../src/serve/serve.js';
import { BrowserSession, findBrowser } from '../src/print/browser/index.js';
import { fontsDocument } from '../src/render/fonts.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LECTERN = path.join(ROOT, 'bin/lectern.js');
const MARP = path.join(ROOT, 'node_modules/.bin/marp');
const CHROMIUM = findBrowser().path;
const THEME = path.join(ROOT, 'templates/themes/lectern.css');

interface Run {
  ms: number;
  /** Peak resident memory of the largest single process (MiB), sampled. */
  peakMiB: number;
}

/** Run a command, timing it and sampling the RSS of it and its descendants every 50 ms. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    const sample = setInterval(() => {
      for (const pid of descendants(child.pid!)) {
        try {
          const status = readFileSync(`/proc/${pid}/status`, 'utf8');
          const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
          peak = Math.max(peak, kb / 1024);
        } catch {
          // exited
        }
      }
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sample);
      if (code !== 0) reject(new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${code}):\n${stderr}`));
      else resolve({ ms: performance.now() - started, peakMiB: peak });
    });
  });
}

function descendants(pid: number): number[] {
  const all = [pid];
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    for (const c of children) all.push(...descendants(c));
  } catch {
    // gone
  }
  return all;
}

// Inputs first: --theme-set takes a list and would swallow a file named after it.
const marpCli = (cwd: string, args: string[]) => run(MARP, [...args, '--html', '--allow-local-files', '--theme-set', THEME], cwd, { CHROME_PATH: CHROMIUM });
const marp = (cwd: string, args: string[]) => marpCli(cwd, [...args, '--pdf']);
// The same outputs as the peer's comparison names: md, html and the deck PDF (no handouts).
const lectern = (cwd: string, args: string[]) =>
  run(process.execPath, [LECTERN, 'build', '-q', ...(args.includes('--format') ? [] : ['--format', 'md,html,pdf']), ...args], cwd);

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-'));
  cpSync(path.join(ROOT, 'sources'), path.join(dir, 'sources'), { recursive: true });
  mkdirSync(path.join(dir, 'outlines'));
  return dir;
}

const example = readFileSync(path.join(ROOT, 'outlines/ussr-japan-1925.yaml'), 'utf8');

function twenty(dir: string): void {
  for (let i = 1; i <= 20; i++) {
    writeFileSync(
      path.join(dir, 'outlines', `lecture-${String(i).padStart(2, '0')}.yaml`),
      example.replace(/^title: (.*)$/m, `title: $1 (${i})`).replace('date: Лекция 7', `date: Лекция ${i}`),
    );
  }
}

function big(dir: string): string {
  const kinds = [
    (n: number) =>
      `  - id: s${n}\n    title: Положения ${n}\n    bullets:\n      - ref: conv#p2.s2\n      - ref: conv#p2.s3\n      - text: Пункт ${n}\n        ref: conv#p2.s4\n    notes:\n      - ref: conv#p2.s2-s4\n`,
    (n: number) => `  - id: s${n}\n    title: Цитата ${n}\n    quote:\n      ref: conv#p2.s1\n      highlight: 20 января 1925 г.\n`,
    (n: number) => `  - id: s${n}\n    layout: section\n    title: Раздел ${n}\n`,
    (n: number) => `  - id: s${n}\n    title: Экономика ${n}\n    bullets:\n      - ref: conv#p3.s1\n      - ref: conv#p3.s3\n`,
  ];
  let text = 'title: Большая лекция\nlang: ru\nsources:\n  conv: ../sources/ussr-japan-1925.txt\nslides:\n';
  for (let n = 1; n <= 200; n++) text += kinds[n % kinds.length]!(n);
  const file = path.join(dir, 'outlines', 'big.yaml');
  writeFileSync(file, text);
  return file;
}

/** The example as PowerPoint and as slide images, cold (no Lectern cache), against Marp CLI on the Markdown Lectern wrote; medians of three alternating runs after one of each. */
async function exportLines(dir: string): Promise<void> {
  const out = path.join(dir, 'out');
  const pair = async (label: string, format: string, theirs: string[], target: string) => {
    const ours = () => {
      rmSync(path.join(out, '.lectern'), { recursive: true, force: true });
      return lectern(dir, ['--format', format]);
    };
    const peer = () => marpCli(out, ['ussr-japan-1925.md', ...theirs]);
    await ours();
    await peer();
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 3; i++) {
      a.push((await ours()).ms);
      b.push((await peer()).ms);
    }
    line(label, median(a), median(b), target);
  };
  await pair('example → PPTX (pptx vs --pptx), median of 3', 'pptx', ['--pptx', '-o', 'marp.pptx'], '≤ 0.3');
  await pair('example → PNGs (png vs --images png), median of 3', 'png', ['--images', 'png', '-o', path.join('marp-images', 'slide.png')], '≤ 0.5');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
function line(label: string, ours: number, theirs: number, target: string): void {
  console.log(`${label.padEnd(46)} ${(ours / theirs).toFixed(2).padStart(5)}  (lectern ${fmt(ours)}, marp-cli ${fmt(theirs)}; target ${target})`);
}

async function main(): Promise<void> {
  console.log(`Lectern / Marp CLI, one run on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Chromium ${CHROMIUM}\n`);

  // 1. One lecture, cold: Lectern md+html+pdf vs Marp CLI pdf alone. Cold means
  // no Lectern cache (out/.lectern removed before each run), not a cold disk:
  // one untimed run of each first, then three of each, alternating; medians.
  const one = project();
  writeFileSync(path.join(one, 'outlines', 'ussr-japan-1925.yaml'), example);
  await lectern(one, ['--format', 'md']); // the Markdown Marp CLI will convert (not timed)
  const coldOurs = () => {
    rmSync(path.join(one, 'out', '.lectern'), { recursive: true, force: true });
    return lectern(one, []);
  };
  const oneMarp = () => marp(path.join(one, 'out'), ['ussr-japan-1925.md', '-o', 'marp.pdf']);
  await coldOurs();
  await oneMarp();
  const oursRuns: number[] = [];
  const theirsRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    oursRuns.push((await coldOurs()).ms);
    theirsRuns.push((await oneMarp()).ms);
  }
  line('one lecture cold (md+html+pdf vs pdf), median of 3', median(oursRuns), median(theirsRuns), '≤ 0.65');
  await exportLines(one);
  if (process.argv.includes('--exports')) return;

  // 2. Twenty lectures in one call.
  const many = project();
  twenty(many);
  await lectern(many, ['--format', 'md']);
  mkdirSync(path.join(many, 'md'));
  cpSync(path.join(many, 'out'), path.join(many, 'md'), { recursive: true, filter: (f) => !f.includes('.lectern') });
  rmSync(path.join(many, 'out'), { recursive: true, force: true });
  const manyOurs = await lectern(many, []);
  const manyTheirs = await marp(many, ['-I', 'md', '-o', 'marp-out']);
  line('20 lectures (md+html+pdf vs 20 pdf)', manyOurs.ms, manyTheirs.ms, '≤ 0.40');

  // 3. Rebuild of the twenty with nothing changed.
  const again = await lectern(many, []);
  line('20 lectures rebuilt, nothing changed', again.ms, manyTheirs.ms, '≤ 0.05');
  console.log(
    `${'peak memory of one process, 20 lectures'.padEnd(46)} lectern ${manyOurs.peakMiB.toFixed(0)} MiB, marp-cli ${manyTheirs.peakMiB.toFixed(0)} MiB (target ≤ 300 MiB)`,
  );

  // 4. The 200-slide lecture, cold; then a change of one slide with the browser running.
  const large = project();
  const bigFile = big(large);
  await lectern(large, ['--format', 'md']);
  const bigRuns: number[] = [];
  const bigTheirsRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    rmSync(path.join(large, 'out', '.lectern'), { recursive: true, force: true });
    bigRuns.push((await lectern(large, [])).ms);
    bigTheirsRuns.push((await marp(path.join(large, 'out'), ['big.md', '-o', 'marp.pdf'])).ms);
  }
  const bigOurs = { ms: median(bigRuns) };
  line('200-slide lecture cold, median of 3', bigOurs.ms, median(bigTheirsRuns), '≤ 0.9');

  // Watch mode as `lectern serve` runs it: browser and engine (templates, marp-core, sources) warm.
  const session = new BrowserSession({ pages: 3, preload: fontsDocument });
  const engine = createEngine(large);
  try {
    await build({ cwd: large, outlines: [bigFile], session, engine, force: true });
    writeFileSync(bigFile, readFileSync(bigFile, 'utf8').replace('title: Цитата 1\n', 'title: Цитата один\n'));
    const t = performance.now();
    engine.sources.clear(); // what serve does for changed inputs
    await build({ cwd: large, outlines: [bigFile], session, engine });
    const changed = performance.now() - t;
    console.log(
      `${'200 slides, one changed, browser running'.padEnd(46)} ${(changed / bigOurs.ms).toFixed(2).padStart(5)}  of its cold build (${fmt(changed)} vs ${fmt(bigOurs.ms)}; target ≤ 0.3)`,
    );
  } finally {
    await session.close();
  }

  // 5. serve: from saving the example outline to its deck reloaded in a browser, at the same slide.
  const served = project();
  const outlineFile = path.join(served, 'outlines', 'ussr-japan-1925.yaml');
  writeFileSync(outlineFile, example);
  const handle = await serve({ cwd: served, port: 0, log: () => undefined, signals: false });
  const viewer = new BrowserSession({});
  try {
    const first = handle.nextBuild();
    if (handle.builds === 0 || handle.building) await first;
    const times = await viewer.withPage(async (page) => {
      // A viewer, not a print page: it may load the server's pages.
      page.removeAllListeners('request');
      await page.setRequestInterception(false);
      await page.goto(`${handle.url}ussr-japan-1925.html#3`, { waitUntil: 'load' });
      const out: number[] = [];
      for (let i = 1; i <= 9; i++) {
        const reloaded = page.waitForNavigation({ waitUntil: 'load' });
        const t = performance.now();
        writeFileSync(outlineFile, example.replace(/^title: (.*)$/m, `title: $1 — правка ${i}`));
        await reloaded;
        out.push(performance.now() - t);
        if (!(await page.evaluate(() => document.title)).includes(`правка ${i}`)) throw new Error('the reloaded deck is not the new one');
        await new Promise((r) => setTimeout(r, 200));
      }
      return out.sort((a, b) => a - b);
    });
    const median = times[Math.floor(times.length / 2)]!;
    console.log(
      `${'serve: save → reloaded deck (median of 9)'.padEnd(46)} ${(median / 1000).toFixed(2).padStart(5)} s  (${times.map((t) => t.toFixed(0)).join(' ')} ms; target < 0.30 s)`,
    );
  } finally {
    await viewer.close();
    await handle.close();
  }
  for (const d of [one, many, large, served]) rmSync(d, { recursive: true, force: true });
}

await main();
