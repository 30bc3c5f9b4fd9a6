/**
 * `npm run bench:sources` (part of `npm run bench`): reading a 300-page text
 * PDF, against poppler's `pdftotext` on the same file in the same run.
 *
 * The PDF is generated here (Chromium prints 300 pages of ordinary prose with
 * embedded fonts, as a book PDF has them) into a temporary folder. Figures:
 * - cold: a fresh Node process that loads the reader and extracts every page
 *   (what the first build after a change pays), median of 3, against
 *   `pdftotext` (median of 3); target ≤ 8×. Peak memory of that process;
 *   target ≤ 400 MiB.
 * - cached: `loadSource` of the same file once its extraction is cached
 *   (every later build), median of 9; target ≤ 50 ms.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { findBrowser } from '../src/print/browser/index.js';
import { loadSource } from '../src/sources/source.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PAGES = 300;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Run a command; its time and the peak RSS of the process (sampled every 20 ms). */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ ms: number; peakMiB: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    const sample = setInterval(() => {
      try {
        peak = Math.max(peak, Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
      } catch {
        // exited
      }
    }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sample);
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${stderr}`));
      else resolve({ ms: performance.now() - started, peakMiB: peak });
    });
  });
}

const SENTENCES = [
  'The committee met again in the spring and reviewed the accounts of the previous year.',
  'Several members objected that the figures had been gathered in haste and could not be trusted.',
  'After a long debate the chairman proposed that a smaller group should examine every ledger in turn.',
  'The proposal was accepted, although two members voted against it and asked for their dissent to be recorded.',
  'Within a month the smaller group reported that most of the errors were clerical rather than deliberate.',
];

async function makePdf(file: string): Promise<void> {
  const paragraphs: string[] = [];
  for (let i = 0; paragraphs.length < PAGES * 4; i++) {
    paragraphs.push(
      Array.from({ length: 5 }, (_, k) => SENTENCES[(i + k) % SENTENCES.length]!)
        .join(' ')
        .replace('committee', `committee (${i + 1})`),
    );
  }
  const html = `<!doctype html><html lang="en"><head><style>
    @page { size: A5; margin: 18mm 16mm; }
    body { font: 11pt/1.45 serif; }
    p { margin: 0 0 0.6em; text-indent: 1.2em; }
    h2 { font-size: 14pt; break-before: page; }
  </style></head><body>${paragraphs.map((p, i) => `${i % 40 === 0 ? `<h2>Chapter ${i / 40 + 1}</h2>` : ''}<p>${p}</p>`).join('\n')}</body></html>`;
  const browser = await puppeteer.launch({ executablePath: findBrowser().path, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    writeFileSync(file, await page.pdf({ preferCSSPageSize: true, pageRanges: `1-${PAGES}` }));
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-sources-'));
  try {
    const pdf = path.join(dir, 'book.pdf');
    await makePdf(pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(await pdfinfo(pdf))?.[1] ?? 0);
    console.log(`Reading a ${pages}-page text PDF (${(readFileSync(pdf).length / 1024).toFixed(0)} KB), ${os.cpus().length} cores\n`);

    // The reader in a fresh process, as a cold `lectern build` runs it (built dist/, no cache).
    const script = `import { readPdf } from ${JSON.stringify(path.join(ROOT, 'dist/sources/formats/pdf.js'))};
      import { readFileSync } from 'node:fs';
      const doc = await readPdf(readFileSync(${JSON.stringify(pdf)}), ${JSON.stringify(pdf)}, { lang: 'en' });
      if (doc.blocks.length < ${PAGES}) throw new Error('too few blocks: ' + doc.blocks.length);`;
    await run('pdftotext', [pdf, path.join(dir, 'warm.txt')]);
    const ours: Array<{ ms: number; peakMiB: number }> = [];
    const theirs: number[] = [];
    for (let i = 0; i < 3; i++) {
      ours.push(await run(process.execPath, ['--input-type=module', '-e', script]));
      theirs.push((await run('pdftotext', ['-layout', pdf, path.join(dir, `out${i}.txt`)])).ms);
    }
    const cold = median(ours.map((r) => r.ms));
    const peer = median(theirs);
    console.log(
      `${'cold extraction / pdftotext, median of 3'.padEnd(46)} ${(cold / peer).toFixed(2).padStart(5)}  (lectern ${cold.toFixed(0)} ms, pdftotext ${peer.toFixed(0)} ms; target ≤ 8)`,
    );
    console.log(`${'peak memory of the cold extraction'.padEnd(46)} ${Math.max(...ours.map((r) => r.peakMiB)).toFixed(0)} MiB (target ≤ 400)`);

    // Cached: every later build reads the extraction back.
    process.env.LECTERN_CACHE_DIR = path.join(dir, 'cache');
    await loadSource(pdf, 'book', { lang: 'en' });
    const cached: number[] = [];
    for (let i = 0; i < 9; i++) {
      const t = performance.now();
      await loadSource(pdf, 'book', { lang: 'en' });
      cached.push(performance.now() - t);
    }
    console.log(
      `${'cached: loadSource of the same PDF, median of 9'.padEnd(46)} ${median(cached).toFixed(0).padStart(5)} ms (${cached.map((t) => t.toFixed(0)).join(' ')}; target ≤ 50 ms)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pdfinfo(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('pdfinfo', [file]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

await main();
