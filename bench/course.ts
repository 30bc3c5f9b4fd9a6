/**
 * `npm run bench:course`: a 100-lecture course on one machine. The course is
 * generated in a temporary folder from the example lecture (copies with
 * different titles). Prints: Lectern's cold build of the course (decks,
 * PDFs, handouts, index.html and the combined PDFs) against Marp CLI
 * converting the same 100 decks' Markdown to PDF in one call (target ≤ 0.3×),
 * and Lectern's rebuild with one lecture changed (target ≤ 2 s, the combined
 * PDFs included).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser } from '../src/print/browser/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LECTURES = Number(process.env.LECTURES ?? 100);
const CHROMIUM = findBrowser().path;

/** BENCH_TRACE=DIR: each Lectern run's LECTERN_TRACE=1 lines are kept in DIR/NAME.trace.txt (where the time goes). */
const TRACE = process.env.BENCH_TRACE;

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, traceName?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (TRACE && traceName) writeFileSync(path.join(TRACE, `${traceName}.trace.txt`), err);
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}\n${err.slice(-2000)}`));
    });
  });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'lectern-course-bench-'));
try {
  cpSync(path.join(ROOT, 'sources'), path.join(dir, 'sources'), { recursive: true });
  mkdirSync(path.join(dir, 'outlines'));
  const example = readFileSync(path.join(ROOT, 'outlines/ussr-japan-1925.yaml'), 'utf8');
  const outline = (n: number, suffix = '') => example.replace(/^title: .*$/m, `title: Лекция ${n}${suffix}`);
  const names = Array.from({ length: LECTURES }, (_, i) => `lecture-${String(i + 1).padStart(3, '0')}`);
  names.forEach((name, i) => writeFileSync(path.join(dir, 'outlines', `${name}.yaml`), outline(i + 1)));
  writeFileSync(
    path.join(dir, 'course.yaml'),
    `title: История международных отношений\nlanguage: ru\nlectures:\n${names.map((n) => `  - outline: outlines/${n}.yaml\n`).join('')}`,
  );
  const lectern = (args: string[], name: string) =>
    run(process.execPath, [path.join(ROOT, 'bin/lectern.js'), ...args], dir, { LECTERN_BROWSER: CHROMIUM, ...(TRACE ? { LECTERN_TRACE: '1' } : {}) }, name);
  const cold = await lectern(['build', 'course.yaml', '--quiet'], 'cold');
  // Marp CLI gets the same 100 decks (the Markdown Lectern wrote) in one call.
  const md = path.join(dir, 'md');
  mkdirSync(md);
  for (const f of readdirSync(path.join(dir, 'out')).filter((f) => f.endsWith('.md'))) cpSync(path.join(dir, 'out', f), path.join(md, f));
  const marp = await run(
    path.join(ROOT, 'node_modules/.bin/marp'),
    [
      '--input-dir',
      md,
      '--output',
      path.join(dir, 'marp'),
      '--pdf',
      '--html',
      '--allow-local-files',
      // Its default of 30 s per browser operation fails on a busy machine (seen at lecture 87 of 100).
      '--browser-timeout',
      '300',
      '--theme-set',
      path.join(ROOT, 'templates/themes/lectern.css'),
    ],
    dir,
    { CHROME_PATH: CHROMIUM },
  );
  // The 42nd lecture (or the last of a smaller course) gets another title: its deck, handouts and the course's reading pack change.
  const changed = Math.min(41, LECTURES - 1);
  writeFileSync(path.join(dir, 'outlines', `${names[changed]}.yaml`), outline(changed + 1, ' (изменена)'));
  const warm = await lectern(['build', 'course.yaml', '--quiet'], 'warm');
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `${LECTURES} lectures, cold: Lectern ${s(cold)} (decks, PDFs, handouts, page, combined PDFs), Marp CLI ${s(marp)} (PDFs): ${(cold / marp).toFixed(2)}× (target ≤ 0.3×)`,
  );
  console.log(`one lecture changed: ${s(warm)} (target ≤ 2 s)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
