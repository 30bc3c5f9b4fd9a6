/**
 * Build progress on stderr. On a terminal: a live block with one line per
 * deck and the state of each of its outputs, redrawn in place. Otherwise
 * (CI, pipes): plain lines as outputs are written. `--quiet`: nothing but
 * problems. At the end, a summary with the time of each output.
 */
import path from 'node:path';
import type { BuildEvent, BuildResult } from '../pipeline/build.js';
import type { Problem } from '../errors.js';
import { shownPath } from '../util/paths.js';
import type { Io } from './io.js';

interface Row {
  name: string;
  outputs: Map<string, string>;
}

export class Progress {
  private readonly rows = new Map<string, Row>();
  private drawn = 0;
  private readonly live: boolean;
  private readonly times: Array<{ file: string; ms: number; cached: boolean }> = [];

  constructor(
    private readonly io: Io,
    private readonly options: { quiet: boolean; printProblem: (p: Problem) => void },
  ) {
    this.live = !options.quiet && io.tty === true;
  }

  event(e: BuildEvent): void {
    if (this.options.quiet || e.type === 'warning') return;
    if (e.type === 'outline-start') {
      this.rows.set(e.outline + e.name, { name: e.name, outputs: new Map() });
      this.redraw();
      return;
    }
    // A folder (the PNG images) is shown as one, with a slash.
    const rel = shownPath(e.file, this.io.cwd) + (e.files !== undefined ? '/' : '');
    const some = e.printed ? `, ${e.printed} ${e.printed === 1 ? 'slide' : 'slides'} printed again` : '';
    const count = e.files !== undefined ? `${e.files} ${e.files === 1 ? 'image' : 'images'}, ` : '';
    this.times.push({ file: rel, ms: e.ms, cached: !!e.cached });
    if (this.live) {
      const base = path.basename(e.file);
      const rows = [...this.rows.values()];
      const row =
        rows.find((r) => base === r.name) ??
        rows.find((r) => base.startsWith(`${r.name}.`)) ??
        this.addRow(e.files !== undefined ? base : base.replace(/\.[^.]+$/, ''));
      row.outputs.set(e.format, e.cached ? `${e.format} ✓ (unchanged)` : `${e.format} ✓ ${count}${e.ms} ms${some}`);
      this.redraw();
    } else {
      this.io.err(`  ${e.cached ? 'unchanged' : 'wrote'} ${rel}${e.cached ? '' : ` (${count}${e.ms} ms${some})`}\n`);
    }
  }

  /** The course's own files (the page, the manifest, the combined PDFs), after its lectures': each written or unchanged, counted in the summary. */
  courseFiles(files: string[], changed: ReadonlySet<string>): void {
    for (const file of files) {
      const cached = !changed.has(file);
      const rel = shownPath(file, this.io.cwd);
      this.times.push({ file: rel, ms: 0, cached });
      if (!this.options.quiet) this.io.err(`  ${cached ? 'unchanged' : 'wrote'} ${rel}\n`);
    }
  }

  warn(p: Problem): void {
    this.clear();
    this.options.printProblem(p);
    this.redraw();
  }

  private addRow(name: string): Row {
    const row = { name, outputs: new Map<string, string>() };
    this.rows.set(name, row);
    return row;
  }

  private clear(): void {
    if (!this.live || this.drawn === 0) return;
    this.io.err(`\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
  }

  private redraw(): void {
    if (!this.live) return;
    this.clear();
    const lines = [...this.rows.values()].map((r) => `  ${r.name}: ${r.outputs.size ? [...r.outputs.values()].join('  ') : '…'}`);
    if (lines.length) this.io.err(lines.join('\n') + '\n');
    this.drawn = lines.length;
  }

  stop(): void {
    this.drawn = 0;
  }

  summary(result: BuildResult, ms: number): void {
    if (this.options.quiet) return;
    const decks = result.slides.size;
    const written = this.times.filter((t) => !t.cached).length;
    const unchanged = this.times.length - written;
    this.io.err(
      `built ${decks} deck${decks === 1 ? '' : 's'}: ${written} file${written === 1 ? '' : 's'} written${unchanged ? `, ${unchanged} unchanged` : ''} in ${(ms / 1000).toFixed(1)} s\n`,
    );
  }
}
