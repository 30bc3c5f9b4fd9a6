/**
 * Launches one Chromium for the whole test run and hands its endpoint to the
 * test files (inject('browserWSEndpoint')); launching costs about a second,
 * so no test launches its own unless it tests launching.
 */
import type { TestProject } from 'vitest/node';
import puppeteer, { type Browser } from 'puppeteer';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, findBrowser } from '../../src/render/browser.js';

let browser: Browser | undefined;
let profile: string | undefined;

export async function setup(project: TestProject): Promise<void> {
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
