/**
 * Benchmark (issue 17): what a bibliography adds to a build — a generated
 * 2,000-entry .bib read, the GOST style resolved, 20 of its entries cited
 * and their bibliography formatted. Targets: ≤ 300 ms cold, ≤ 20 ms cached.
 * Run: vite-node bench/bib.ts
 *
 * Each cold figure is a fresh process (its own module loading, no memory
 * cache): "first read" with an empty disk cache (citation-js and citeproc
 * load, every entry parsed); "other citations" with the .bib's parse cached
 * on disk by an earlier build but a deck citing other entries (citeproc
 * loads and formats); "same citations" with both cached (the .bib and the
 * deck's citations did not change: neither library loads); "one entry
 * edited" after the lecturer changed an entry the deck does not cite (that
 * entry alone is parsed again). "cached" is the
 * next build in the same process (serve, watch). The machine is shared:
 * read the medians as magnitudes.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRIES = 2000;
const CITES = 20;

/** One build's bibliography work; its time in ms. */
async function once(file: string, offset: number): Promise<{ ms: number; cpu: number }> {
  // Lectern's own modules are loaded before the clock starts (a build has them: bundled, small);
  // citation-js and citeproc load inside, on first need, as in a build.
  const { loadLibrary } = await import('../src/bib/library.js');
  const { resolveStyle } = await import('../src/bib/style.js');
  const { Citer } = await import('../src/bib/format.js');
  const t = performance.now();
  const cpu = process.cpuUsage();
  const [library, style] = await Promise.all([loadLibrary([file]), resolveStyle('gost', '/')]);
  const ids = [...library.items.keys()].filter((_, i) => i % Math.floor(ENTRIES / CITES) === offset).slice(0, CITES);
  const citer = new Citer(
    style,
    'ru',
    ids.map((id) => library.items.get(id)!.csl),
  );
  for (const id of ids) citer.cite([{ id, locator: '45' }]);
  const bib = citer.bibliography();
  if (bib.length !== CITES || library.items.size !== ENTRIES) throw new Error(`expected ${CITES} of ${ENTRIES}, got ${bib.length} of ${library.items.size}`);
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - t, cpu: (used.user + used.system) / 1000 };
}

function generate(file: string): void {
  const families = ['Тарле', 'Ключевский', 'Müller', 'Smith', 'Иванов', 'Gödel', 'Petrov', 'Brown'];
  let text = '';
  for (let i = 0; i < ENTRIES; i++) {
    const who = families[i % families.length]!;
    text +=
      i % 3 === 0
        ? `@article{key${i},\n  author = {${who}, Hans and Smith, John},\n  title = {On the {Nature} of Things, part ${i}},\n  journaltitle = {Journal of Stuff},\n  volume = {${i % 50}},\n  number = {${i % 12}},\n  pages = {1--20},\n  date = {${1900 + (i % 120)}},\n  doi = {10.1000/${i}},\n}\n\n`
        : `@book{key${i},\n  author = {${who}, Евгений Викторович},\n  title = {Книга номер ${i}},\n  publisher = {Издательство},\n  location = {Москва},\n  year = {${1900 + (i % 120)}},\n  langid = {russian},\n}\n\n`;
  }
  writeFileSync(file, text);
}

type Figure = { ms: number; cpu: number };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (process.argv.includes('--child')) {
  const file = process.argv[process.argv.indexOf('--child') + 1]!;
  const offset = Number(process.argv[process.argv.indexOf('--child') + 2]);
  const first = await once(file, offset);
  const again: Array<{ ms: number; cpu: number }> = [];
  for (let i = 0; i < 5; i++) again.push(await once(file, offset));
  console.log(JSON.stringify({ first, cached: { ms: median(again.map((a) => a.ms)), cpu: median(again.map((a) => a.cpu)) } }));
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-bib-'));
  const file = path.join(dir, 'refs.bib');
  generate(file);
  const self = fileURLToPath(import.meta.url);
  const run = (cacheDir: string, bib: string, offset: number) => {
    const child = spawnSync(path.resolve('node_modules/.bin/vite-node'), [self, '--', '--child', bib, String(offset)], {
      env: { ...process.env, LECTERN_CACHE_DIR: cacheDir },
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(child.stderr);
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as { first: Figure; cached: Figure };
  };
  const firstRead: Figure[] = [];
  const newCites: Figure[] = [];
  const cold: Figure[] = [];
  const edited: Figure[] = [];
  const cached: Figure[] = [];
  for (let i = 0; i < 3; i++) {
    const cache = mkdtempSync(path.join(dir, 'cache-'));
    const bib = path.join(cache, 'refs.bib');
    copyFileSync(file, bib);
    const runs = [run(cache, bib, 0), run(cache, bib, 1), run(cache, bib, 1)];
    // The lecturer fixes a title of an entry the deck does not cite.
    writeFileSync(bib, readFileSync(bib, 'utf8').replace('Книга номер 1999}', 'Книга номер 1999, исправленная}'));
    runs.push(run(cache, bib, 1));
    firstRead.push(runs[0]!.first);
    newCites.push(runs[1]!.first);
    cold.push(runs[2]!.first);
    edited.push(runs[3]!.first);
    cached.push(...runs.map((r) => r.cached));
  }
  const show = (label: string, figures: Figure[]) => {
    const wall = median(figures.map((f) => f.ms));
    const cpu = median(figures.map((f) => f.cpu));
    console.log(`  ${label}: median ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU  [${figures.map((f) => f.ms.toFixed(0)).join(', ')} ms]`);
  };
  console.log(`${ENTRIES}-entry .bib (${(statSync(file).size / 1024).toFixed(0)} KB), GOST numeric, ${CITES} cites and their bibliography:`);
  show('first read (fresh process, nothing cached)', firstRead);
  show("cold build, other citations (fresh process, the .bib's parse cached on disk)", newCites);
  show('cold build, same citations (fresh process, parse and citations cached on disk)', cold);
  show('cold build, one uncited entry of the .bib edited (fresh process)', edited);
  show('cached (same process, the next build)', cached);
  console.log(`targets: ≤ 300 ms cold, ≤ 20 ms cached; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
}
