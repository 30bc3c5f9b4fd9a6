/**
 * Benchmark: every address of a 150 KB one-line English text (issue 3's
 * target: well under a second). Run: npm run bench:passages
 * Prints the median of several runs; the machine is shared, so read it as a
 * magnitude, and compare with Intl.Segmenter measured in the same run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSource } from '../src/sources/source.js';
import { passagesJson } from '../src/sources/passages.js';

const parts = [
  'Dr. Smith arrived in the U.S. on Jan. 5, 1925, and met Prof. J. R. Evans at 10 a.m.',
  'The treaty, signed on 20 January 1925, cost $100.00 per copy (see p. 45).',
  'Was it wise? Nobody knew... The committee said "We shall see." Then it adjourned.',
  'Visit www.example.com or write to a.b@example.org for the full text, e.g. chapter 2.',
  'Mr. Brown, Mrs. Green and Ms. White of Acme Co. Inc. met again in 1928.',
];
let text = '';
for (let i = 0; text.length < 150_000; i++) text += parts[i % parts.length]! + ' ';
const dir = mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-'));
const file = path.join(dir, 'long.txt');
writeFileSync(file, text.trim());

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const ours: number[] = [];
let count = 0;
for (let run = 0; run < 7; run++) {
  const t = performance.now();
  const source = await loadSource(file, 'long', { lang: 'en' });
  const json = passagesJson(source, file);
  count = json.paragraphs.reduce((n, p) => n + p.sentences.length, 0);
  ours.push(performance.now() - t);
}
const icu: number[] = [];
for (let run = 0; run < 3; run++) {
  const t = performance.now();
  let n = 0;
  // ICU on the whole line, as a reference point measured in the same run.
  for (const _ of new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)) n++;
  icu.push(performance.now() - t);
  void n;
}
console.log(`150 KB one-line English text: ${(text.length / 1024).toFixed(0)} KB, ${count} sentence addresses`);
console.log(`  lectern (read, segment, address): median ${median(ours).toFixed(0)} ms (first run ${ours[0]!.toFixed(0)} ms)`);
console.log(`  Intl.Segmenter alone, same text:  median ${median(icu).toFixed(0)} ms`);
console.log(`  ratio lectern / Intl.Segmenter:   ${(median(ours) / median(icu)).toFixed(2)}`);
