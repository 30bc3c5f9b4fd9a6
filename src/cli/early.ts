/**
 * What `bin/lectern.js` does before loading the command line: for
 * `lectern build`, which prints a PDF unless --format says otherwise, start
 * Chromium at once (see launchEarly). Only the arguments are looked at; when
 * in doubt (another browser named, a format list without PDFs, help), nothing
 * is started, and the build launches its browser as usual.
 */
import { launchEarly } from '../render/browser.js';
import { fontsDocument } from '../render/fonts.js';
import { HANDOUTS } from '../build/formats.js';

export function startEarly(argv: string[]): void {
  if (argv[0] !== 'build') return;
  let formats: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--browser' || arg.startsWith('--browser=') || arg === '--help' || arg === '-h' || arg === '--config' || arg.startsWith('--config=')) return;
    if (arg === '-f' || arg === '--format') formats = argv[i + 1] ?? '';
    else if (arg.startsWith('--format=')) formats = arg.slice('--format='.length);
    else if (arg.startsWith('-f') && arg.length > 2) formats = arg.slice(2);
  }
  if (formats !== undefined && !formats.split(',').some((f) => f.trim() === 'pdf' || (HANDOUTS as readonly string[]).includes(f.trim().replace(/^handout-/, '')))) return;
  launchEarly({ preload: fontsDocument });
}
