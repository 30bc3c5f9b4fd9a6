/**
 * What `bin/lectern.js` does before loading the command line: for
 * `lectern build`, which prints a PDF unless told otherwise, start Chromium
 * at once (EarlyChromium), and end it if the command never used it
 * (finishEarly). Only the arguments and whether the project config names a
 * browser or formats are looked at; when in doubt (another browser, a format
 * list without PDFs, help), nothing is started early, and a build launches
 * its browser as usual.
 */
import { readFileSync } from 'node:fs';
import { earlyChromium } from '../print/browser/early.js';
import { fontsDocument } from '../render/fonts.js';
import { HANDOUTS } from '../pipeline/formats.js';
import { findConfigFile } from '../config-file.js';

export function startEarly(argv: string[], cwd = process.cwd()): void {
  if (argv[0] !== 'build') return;
  let formats: string | undefined;
  let handout = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (/^--(browser|config|help|version)(=|$)/.test(arg)) return;
    if (/^--handout(=|$)/.test(arg)) handout = true;
    else if (arg === '--format') formats = argv[i + 1] ?? '';
    else if (arg.startsWith('--format=')) formats = arg.slice('--format='.length);
    else if (/^-[a-zA-Z]+/.test(arg)) {
      // Short options, alone or grouped (-q, -f md, -qf md, -fmd).
      const letters = arg.slice(1);
      const f = letters.indexOf('f');
      const h = letters.indexOf('h');
      if (h >= 0 && (f < 0 || h < f)) return;
      if (f >= 0) formats = f === letters.length - 1 ? (argv[i + 1] ?? '') : letters.slice(f + 1);
    }
  }
  const prints = (list: string) =>
    list.split(',').some((f) => f.trim() === 'pdf' || (HANDOUTS as readonly string[]).includes(f.trim().replace(/^handout-/, '')));
  if (formats !== undefined && !prints(formats) && !handout) return;
  const config = findConfigFile(cwd);
  if (config) {
    try {
      if (/^\s*(browser|formats)\s*:/m.test(readFileSync(config, 'utf8'))) return;
    } catch {
      return;
    }
  }
  earlyChromium.launch({ preload: fontsDocument });
}

/** After the command: an early Chromium nothing took (the command failed before building) is ended. */
export const finishEarly = (): Promise<void> => earlyChromium.discard();
