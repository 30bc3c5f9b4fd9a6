/**
 * The options of `lectern build` and how they become the settings' command
 * line: one definition, read by the command line (main.ts) and by the early
 * Chromium start (early.ts), which parses the arguments the same way before
 * anything heavy loads.
 */
import type { Command } from 'commander';
import { usageError } from '../errors.js';
import { nearest } from '../suggest.js';
import { DEFAULT_FORMATS, FORMATS, HANDOUTS, PNG_SCALE, type Format, type Handout } from '../pipeline/formats.js';
import type { CommandLine } from '../settings.js';

export interface BuildFlags {
  out?: string;
  format?: string;
  handout?: string;
  paper?: string;
  pdfNotes?: boolean;
  pdfSteps?: boolean;
  variant?: string;
  set: string[];
  notes: boolean;
  strict?: boolean;
  browser?: string;
  timeout?: string;
  pngScale?: string;
  config?: string;
  quiet?: boolean;
  force?: boolean;
  watch?: boolean;
  shard?: string;
}

export function parseList<T extends string>(value: string, allowed: readonly T[], what: string): T[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    if (!allowed.includes(item as T)) {
      const close = nearest(item, allowed);
      throw usageError(`unknown ${what} "${item}"`, close.length ? `did you mean ${close.join(' or ')}? (${allowed.join(', ')})` : `use ${allowed.join(', ')}`);
    }
  }
  return items as T[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** --format names decks and handouts ("pdf,notes,handout-3-lines,reading"); --handout adds handouts. */
export function formatsAndHandouts(format: string | undefined, handout: string | undefined): { formats?: Format[]; handouts?: Handout[] } {
  const all = [...FORMATS, ...HANDOUTS] as const;
  const strip = (list: string) => list.replace(/\bhandout-/g, '');
  const named = format ? parseList(strip(format), all, 'format') : undefined;
  const extra = handout ? parseList(strip(handout), HANDOUTS, 'handout') : [];
  const formats = named?.filter((f): f is Format => (FORMATS as readonly string[]).includes(f));
  const handouts = [...(named ?? []).filter((f): f is Handout => (HANDOUTS as readonly string[]).includes(f)), ...extra];
  return { formats, handouts: handouts.length ? [...new Set(handouts)] : undefined };
}

function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw usageError(`--timeout must be a positive number of milliseconds, not "${value}"`);
  return n;
}

/** --png-scale: the images' width as a share of 1280 px. */
export function parsePngScale(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < PNG_SCALE.min || n > PNG_SCALE.max)
    throw usageError(
      `--png-scale must be a number from ${PNG_SCALE.min} to ${PNG_SCALE.max}, not "${value}"`,
      `1 makes images ${PNG_SCALE.width} px wide, 0.5 makes them ${PNG_SCALE.width / 2} px, 2 makes them ${PNG_SCALE.width * 2} px`,
    );
  return n;
}

/** Adds the arguments and options of `lectern build` to its command. */
export function buildCommand(command: Command): Command {
  return command
    .description('build outlines into out/NAME.md, .html and .pdf, and on request PNG images and PowerPoint (default: every outlines/*.yaml)')
    .argument('[outline...]', 'outline files')
    .option('-o, --out <dir>', 'output folder (default: config, else out)')
    .option(
      '-f, --format <list>',
      `outputs to write, comma-separated: ${FORMATS.join(',')} and handouts ${HANDOUTS.join(',')} (default: ${DEFAULT_FORMATS.join(',')} and the handouts the outline or config asks for)`,
    )
    .option('--png-scale <factor>', `PNG images (--format png): width as a share of ${PNG_SCALE.width} px, e.g. 0.5 or 2 (default 1)`)
    .option('--handout <list>', `handouts to print as well: ${HANDOUTS.join(',')}`)
    .option('--paper <size>', 'handout paper: A4 or Letter (default: outline, config, else A4)')
    .option('--pdf-notes', "add each slide's speaker notes to the deck PDF as annotations")
    .option('--pdf-steps', 'print a page per step of each slide whose items appear one at a time (default: the finished slide)')
    .option('--variant <name>', 'build a variant of the outline (out/NAME.VARIANT.*), or "all"')
    .option('--set <path=value>', 'override an outline field (repeatable): --set title="…" --set slides.terms.title=…', collect, [])
    .option('--no-notes', 'leave speaker notes out of the HTML deck (for publishing)')
    .option('--strict', 'a source that changed under a reference is an error, not a warning')
    .option('--browser <path>', 'Chromium or Chrome to print with (default: found automatically)')
    .option('--timeout <ms>', 'browser timeout in milliseconds (default 30000)')
    .option('--config <file>', 'config file (default: lectern.config.yaml here or above)')
    .option('--force', 'rebuild everything, even outputs whose inputs did not change')
    .option('--shard <I/N>', 'a course only: build the I-th of N slices of its lectures, balanced by slide count (CI; `lectern course index` merges them)')
    .option('-w, --watch', 'rebuild whenever an outline, source, template, theme or the config changes (no server)')
    .option('-q, --quiet', 'print only errors');
}

/** The settings' command line from the parsed options (a usage error for a bad value). */
export function commandLineOf(opts: BuildFlags, command: Command): CommandLine {
  return {
    outDir: opts.out,
    ...formatsAndHandouts(opts.format, opts.handout),
    paper: opts.paper === undefined ? undefined : parseList(opts.paper, ['A4', 'Letter'] as const, 'paper')[0],
    pdfNotes: opts.pdfNotes,
    pdfSteps: opts.pdfSteps,
    browser: opts.browser,
    timeout: parseTimeout(opts.timeout),
    pngScale: parsePngScale(opts.pngScale),
    variant: opts.variant,
    set: opts.set,
    strict: opts.strict,
    notes: command.getOptionValueSource('notes') === 'cli' ? opts.notes : undefined,
  };
}
