/**
 * Launches one Chromium for the whole test run and hands its endpoint to the
 * test files (inject('browserWSEndpoint')); launching costs about a second,
 * so no test launches its own unless it tests launching. Builds dist/ once
 * first: tests that run `bin/lectern.js` as a user would run this source.
 */
import type { TestProject } from 'vitest/node';
import puppeteer, { type Browser } from 'puppeteer-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, findBrowser } from '../../src/print/browser/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** dist/ missing, or older than a file of src/, templates/ or scripts/ (mtimes). */
function distIsStale(): boolean {
  let built: number;
  try {
    built = Math.min(...['dist/bundle/main.js', 'dist/index.js', 'dist/styles/warm-up.css'].map((f) => statSync(path.join(ROOT, f)).mtimeMs));
  } catch {
    return true;
  }
  const newer = (dir: string): boolean =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true }).some((e) => {
      const rel = path.join(dir, e.name);
      return e.isDirectory() ? newer(rel) : statSync(path.join(ROOT, rel)).mtimeMs > built;
    });
  return ['src', 'templates', 'scripts', 'package.json'].some((d) =>
    statSync(path.join(ROOT, d)).isDirectory() ? newer(d) : statSync(path.join(ROOT, d)).mtimeMs > built,
  );
}

let browser: Browser | undefined;
let profile: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (distIsStale()) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  profile = mkdtempSync(path.join(os.tmpdir(), 'lectern-test-chromium-'));
  browser = await puppeteer.launch({
    executablePath: findBrowser().path,
    headless: true,
    args: [...CHROMIUM_ARGS, `--user-data-dir=${profile}`],
  });
  project.provide('browserWSEndpoint', browser.wsEndpoint());
}

export async function teardown(): Promise<void> {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    browserWSEndpoint: string;
  }
}
