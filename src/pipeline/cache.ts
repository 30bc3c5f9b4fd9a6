/**
 * The incremental cache. After a build, each (outline, variant) records the
 * files it depended on (outline and what it extends or includes, sources and
 * their metadata, templates, themes, images, config) with their content
 * hashes, plus a key of everything else that shapes the outputs (options,
 * Lectern's and the fonts' versions). A rebuild whose files and key are
 * unchanged — and whose outputs are still there, as written — is skipped
 * without even reading the outline. A PDF is also keyed by the exact document
 * it is printed from, so a change that does not show (a note, a comment)
 * does not print again.
 *
 * State lives in OUT/.lectern/state.json; Lectern wrote it, and removing it
 * only makes the next build a full one.
 */
import { hashText } from '../util/hash.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../util/write.js';
import type { Overflow } from '../print/overflow.js';
import type { Problem } from '../errors.js';

export interface OutputRecord {
  /** md, html, pdf, png (a folder), pptx, thumb (the HTML deck's preview image), or a handout layout. */
  format: string;
  file: string;
  size: number;
  mtimeMs: number;
  /** For PDFs: hash of the document printed. */
  printKey?: string;
  /** For the deck PDF: hash of its print document without the slides, and of each slide (see deck-pdf.ts). */
  frame?: string;
  slides?: string[];
  /** For the deck PDF: the slides that overflowed when printed. */
  overflow?: Overflow[];
  /** For a folder of images (out/NAME/): the files Lectern wrote in it, each as written. */
  files?: Array<{ name: string; size: number; mtimeMs: number }>;
  /** Warnings of making this output, reported again while it is kept (the PPTX). */
  problems?: Problem[];
}

/** What the build tells the cache about an output: a folder names the files it wrote. */
export type OutputWritten = Omit<OutputRecord, 'size' | 'mtimeMs' | 'files'> & { files?: string[] };

/** Whether an output is on disk as it was written: the file, or every file of the folder (other files in it do not count). */
async function asWritten(out: OutputRecord): Promise<boolean> {
  const same = async (file: string, size: number, mtimeMs: number) => {
    const st = await stat(file).catch(() => undefined);
    return !!st && st.isFile() && st.size === size && Math.abs(st.mtimeMs - mtimeMs) <= 1;
  };
  if (!out.files) return same(out.file, out.size, out.mtimeMs);
  for (const f of out.files) if (!(await same(path.join(out.file, f.name), f.size, f.mtimeMs))) return false;
  return true;
}

export interface TargetRecord {
  key: string;
  /** Output name and slide count, to report a skipped target. */
  name: string;
  slides: number;
  /** Warnings of the build that wrote the outputs (reported again while they are kept). */
  warnings?: Problem[];
  deps: Record<string, string>;
  outputs: OutputRecord[];
}

interface StateFile {
  lectern: 3;
  targets: Record<string, TargetRecord>;
}

export { hashText } from '../util/hash.js';

export class BuildCache {
  private state: StateFile = { lectern: 3, targets: {} };
  private readonly fileHashes = new Map<string, Promise<string>>();
  private dirty = false;

  constructor(private readonly file: string) {}

  static async open(outDir: string): Promise<BuildCache> {
    const cache = new BuildCache(path.join(outDir, '.lectern', 'state.json'));
    try {
      const data = JSON.parse(await readFile(cache.file, 'utf8')) as StateFile;
      if (data?.lectern === 3 && typeof data.targets === 'object') cache.state = data;
    } catch {
      // no state yet, or unreadable: a full build
    }
    return cache;
  }

  /** Content hash of a file, once per run ("missing" if it cannot be read). */
  hashFile(file: string): Promise<string> {
    let pending = this.fileHashes.get(file);
    if (!pending) {
      pending = readFile(file).then(
        (b) => hashText(b),
        () => 'missing',
      );
      this.fileHashes.set(file, pending);
    }
    return pending;
  }

  /** Forget file hashes (watch mode: files change between builds). */
  forgetFiles(): void {
    this.fileHashes.clear();
  }

  /** The outputs recorded for a target, if nothing it depends on changed and they are still on disk as written. */
  async fresh(target: string, key: string): Promise<TargetRecord | undefined> {
    const record = this.state.targets[target];
    if (!record || record.key !== key) return undefined;
    for (const [file, hash] of Object.entries(record.deps)) {
      if ((await this.hashFile(file)) !== hash) return undefined;
    }
    for (const out of record.outputs) if (!(await asWritten(out))) return undefined;
    return record;
  }

  /** The record of a previous output file, if the file is still as it was written. */
  async previous(target: string, file: string): Promise<OutputRecord | undefined> {
    const out = this.state.targets[target]?.outputs.find((o) => o.file === file);
    if (!out) return undefined;
    return (await asWritten(out)) ? out : undefined;
  }

  /** The record of a previous output, whatever became of it since (a folder's files Lectern wrote, to remove stale ones). */
  recorded(target: string, file: string): OutputRecord | undefined {
    return this.state.targets[target]?.outputs.find((o) => o.file === file);
  }

  /** The print key of a previous output file, for skipping an identical PDF. */
  async printed(target: string, file: string, printKey: string): Promise<boolean> {
    return (await this.previous(target, file))?.printKey === printKey;
  }

  async record(
    target: string,
    key: string,
    meta: { name: string; slides: number; warnings?: Problem[] },
    depFiles: string[],
    outputs: OutputWritten[],
  ): Promise<void> {
    const deps: Record<string, string> = {};
    for (const f of [...new Set(depFiles)].sort()) deps[f] = await this.hashFile(f);
    const records: OutputRecord[] = [];
    for (const { files, ...o } of outputs) {
      if (files) {
        const written = [];
        for (const name of files) {
          const st = await stat(path.join(o.file, name));
          written.push({ name, size: st.size, mtimeMs: st.mtimeMs });
        }
        records.push({ ...o, files: written, size: written.reduce((n, f) => n + f.size, 0), mtimeMs: Math.max(0, ...written.map((f) => f.mtimeMs)) });
        continue;
      }
      const st = await stat(o.file);
      records.push({ ...o, size: st.size, mtimeMs: st.mtimeMs });
    }
    this.state.targets[target] = { key, ...meta, deps, outputs: records };
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await writeAtomic(this.file, JSON.stringify(this.state));
    this.dirty = false;
  }
}
