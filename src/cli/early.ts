/**
 * What `bin/lectern.js` does before loading the command line: for
 * `lectern build`, which prints a PDF unless told otherwise, start Chromium
 * at once (EarlyChromium), and end it if the command never used it
 * (finishEarly). The arguments are parsed as the command line parses them
 * (build-flags.ts) and judged as the settings judge them (settings.ts); the
 * config is not parsed yet (YAML costs more than the head start), only looked
 * at for a browser or formats of its own. When in doubt (another browser, a
 * format list without PDFs, help, a bad option), nothing is started early,
 * and a build launches its browser as usual.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { earlyChromium } from '../print/browser/early.js';
import { fontsDocument } from '../render/fonts.js';
import { findConfigFile } from '../config-file.js';
import { printsFor, type CommandLine } from '../settings.js';
import { buildCommand, commandLineOf, type BuildFlags } from './build-flags.js';

export function startEarly(argv: string[], cwd = process.cwd()): void {
  if (argv[0] !== 'build') return;
  const parsed = parseBuild(argv.slice(1));
  if (!parsed) return;
  const { commandLine, config } = parsed;
  // A browser of the command line's own, or nothing to print: the settings would not use a default browser.
  if (commandLine.browser !== undefined || !printsFor(commandLine)) return;
  const file = config ? path.resolve(cwd, config) : findConfigFile(cwd);
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    // The config's browser, or its formats when the command line names none, decide once it is read.
    if (names(text, 'browser') || (!commandLine.formats && names(text, 'formats'))) return;
  }
  earlyChromium.launch({ preload: fontsDocument });
}

/** Whether the config's text has the key (on a line of its own). */
const names = (text: string, key: string) => new RegExp(`^\\s*${key}\\s*:`, 'm').test(text);

/** The build's arguments as the command line reads them; undefined for help or a bad option or value. */
function parseBuild(args: string[]): { commandLine: CommandLine; config?: string } | undefined {
  let parsed: { commandLine: CommandLine; config?: string } | undefined;
  const command = buildCommand(new Command('build'))
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
    .action((_outlines: string[], opts: BuildFlags, cmd: Command) => {
      parsed = { commandLine: commandLineOf(opts, cmd), config: opts.config };
    });
  try {
    command.parse(args, { from: 'user' });
  } catch {
    return undefined;
  }
  return parsed;
}

/** After the command: an early Chromium nothing took (the command failed before building) is ended. */
export const finishEarly = (): Promise<void> => earlyChromium.discard();
