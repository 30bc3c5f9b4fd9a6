/** Test projects: copies of the example (or bespoke files) in a temporary folder with an awkward name. */
import { cp, mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { BrowserSession } from '../../src/print/browser/index.js';
import { fontsDocument } from '../../src/render/fonts.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A fresh folder whose path has a space and Cyrillic in it. */
export async function tempDir(prefix = 'lectern test проект '): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A copy of the example lecture (outlines/ and sources/). */
export async function exampleProject(): Promise<string> {
  const dir = await tempDir();
  await cp(path.join(ROOT, 'outlines'), path.join(dir, 'outlines'), { recursive: true });
  await cp(path.join(ROOT, 'sources'), path.join(dir, 'sources'), { recursive: true });
  return dir;
}

/** Write files given as { 'relative/path': 'content' }. */
export async function writeFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/** A browser session on the test run's shared Chromium, with pages readied as a build readies them. */
export function sharedSession(): BrowserSession {
  return new BrowserSession({ wsEndpoint: inject('browserWSEndpoint'), preload: fontsDocument });
}
