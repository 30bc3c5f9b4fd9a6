/**
 * What a run builds — outline files and their variants — and how many at
 * once: a small pool of workers, and a browser session sized to it.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { LecternError, usageError, type Problem } from '../errors.js';
import type { Config } from '../config.js';
import { BrowserSession } from '../print/browser/index.js';
import { fontsDocument } from '../render/fonts.js';
import { outlinesDirSetting, type RunSettings } from '../settings.js';

/** Outlines in flight at once: enough to keep two cores and the browser busy. */
export const OUTLINES_AT_ONCE = 3;

export interface Target {
  file: string;
  variant?: string;
}

export async function defaultOutlines(cwd: string, config: Config): Promise<string[]> {
  const dir = outlinesDirSetting(cwd, config).value;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw usageError(`no outline given and no outlines folder (${dir})`, 'name an outline: `lectern build path/to/lecture.yaml`, or run `lectern init`');
  }
  const list = names
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort()
    .map((n) => path.join(dir, n));
  if (list.length === 0) throw usageError(`no outlines (*.yaml) in ${dir}`);
  return list;
}

/** Which (outline file, variant) pairs to build. */
export async function expandTargets(files: string[], variant: string | undefined): Promise<Target[]> {
  const targets: Target[] = [];
  for (const file of files) {
    if (variant === 'all') {
      targets.push({ file });
      const { outlineVariants } = await import('../outline/load.js');
      // An outline that does not load is still a target: building it reports why.
      const variants = await outlineVariants(file).catch((err: unknown) => {
        if (err instanceof LecternError) return [];
        throw err;
      });
      for (const v of variants) targets.push({ file, variant: v });
    } else {
      targets.push({ file, variant });
    }
  }
  return targets;
}

/** Builds the targets, OUTLINES_AT_ONCE at a time: while Chromium prints one, the next is read and rendered. */
export async function forEachTarget(targets: Target[], work: (target: Target) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < targets.length) await work(targets[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(OUTLINES_AT_ONCE, targets.length) }, worker));
}

/**
 * The browser session of a build (or of serve): the browser and timeout the
 * settings name (browserSettings), two or three pages, each readied with the
 * fonts document.
 */
export function printSession(
  settings: Pick<RunSettings, 'browser' | 'timeout'>,
  options: { onBlocked?: (p: Problem) => void; outlines?: number },
): BrowserSession {
  return new BrowserSession({
    // A page costs Chromium most of a second of its own (the fonts decoded
    // again): one outline's five prints finish sooner on two pages than on
    // three on two cores; several outlines keep three busy.
    pages: (options.outlines ?? OUTLINES_AT_ONCE) > 1 ? OUTLINES_AT_ONCE : 2,
    preload: fontsDocument,
    explicit: settings.browser.value,
    timeout: settings.timeout.value,
    onBlocked: options.onBlocked,
  });
}
