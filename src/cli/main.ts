/**
 * The `lectern` command: wiring only. Each command parses its options and
 * calls the library; errors become messages on stderr and exit codes
 * (0 ok, 1 bad input, 2 bad usage, 3 environment).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { EXIT, formatProblem, LecternError, sortProblems, usageError, type Problem } from '../errors.js';
import { build, FORMATS, type Format } from '../build/build.js';
import { nearest } from '../suggest.js';

const pkg = JSON.parse(readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8')) as { version: string };

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  cwd: process.cwd(),
};

export function parseList<T extends string>(value: string, allowed: readonly T[], what: string): T[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!allowed.includes(item as T)) {
      const close = nearest(item, allowed);
      throw usageError(`unknown ${what} "${item}"`, close.length ? `did you mean ${close.join(' or ')}? (${allowed.join(', ')})` : `use ${allowed.join(', ')}`);
    }
  }
  return items as T[];
}

function printProblems(io: Io, problems: Problem[]): void {
  for (const p of sortProblems(problems)) io.err(formatProblem(rel(io, p)) + '\n');
}

/** Paths in messages relative to where the user is. */
function rel(io: Io, p: Problem): Problem {
  if (!p.file || !path.isAbsolute(p.file)) return p;
  const r = path.relative(io.cwd, p.file);
  return { ...p, file: r.startsWith('..') ? p.file : r };
}

export function createProgram(io: Io): Command {
  const program = new Command('lectern')
    .description('Lecture slides, PDF decks and handouts from YAML outlines that cite source texts')
    .version(pkg.version, '-v, --version')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  program
    .command('build')
    .description('build outlines into out/NAME.md, .html and .pdf (default: every outlines/*.yaml)')
    .argument('[outline...]', 'outline files')
    .option('-o, --out <dir>', 'output folder', 'out')
    .addOption(new Option('-f, --format <list>', `outputs to write, comma-separated: ${FORMATS.join(',')}`).default(FORMATS.join(',')))
    .option('--browser <path>', 'Chromium or Chrome to print with (default: found automatically)')
    .option('--timeout <ms>', 'browser timeout in milliseconds', '60000')
    .option('-q, --quiet', 'print only errors')
    .action(async (outlines: string[], opts: { out: string; format: string; browser?: string; timeout: string; quiet?: boolean }) => {
      const formats = parseList<Format>(opts.format, FORMATS, 'format');
      const timeout = Number(opts.timeout);
      if (!Number.isFinite(timeout) || timeout <= 0) throw usageError(`--timeout must be a positive number of milliseconds, not "${opts.timeout}"`);
      const started = Date.now();
      const result = await build({
        outlines,
        cwd: io.cwd,
        outDir: opts.out,
        formats,
        browser: opts.browser,
        timeout,
        onEvent: (e) => {
          if (e.type === 'warning') printProblems(io, [e.problem]);
          else if (e.type === 'output' && !opts.quiet) io.err(`  wrote ${path.relative(io.cwd, e.file)} (${e.ms} ms)\n`);
        },
      });
      if (!opts.quiet) {
        const n = result.slides.size;
        io.err(`built ${n} outline${n === 1 ? '' : 's'}, ${result.outputs.length} file${result.outputs.length === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      }
    });

  return program;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      if (err.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof LecternError) {
      printProblems(io, err.problems);
      return err.exitCode;
    }
    io.err(`lectern: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 70;
  }
}
