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
 * State lives in CACHE/state.json — the cache folder is OUT/.lectern unless
 * `cache_dir:` names another (out-dir.ts) —; Lectern wrote it, and removing
 * it only makes the next build a full one. Paths in it are relative (outlines
 * and their inputs to the project, outputs to the out folder), so that CI can
 * restore it on another machine or checkout, and shards that share it each
 * add their own lectures (save() merges with what is on disk).
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
  lectern: 4;
  targets: Record<string, TargetRecord>;
}

/** Where the state's relative paths are relative to. */
export interface CachePlaces {
  /** The project folder: outlines (target ids) and the files they depend on. */
  root: string;
  /** The out folder: the outputs. */
  outDir: string;
}

/** A path as the state file keeps it: relative, with forward slashes (the same on every machine). */
const relative = (base: string, file: string) => path.relative(base, file).split(path.sep).join('/');
const absolute = (base: string, file: string) => path.resolve(base, file);

/** A target's record with its paths made relative (`to`) or absolute again. */
function mapPaths(record: TargetRecord, places: CachePlaces, to: typeof relative): TargetRecord {
  return {
    ...record,
    deps: Object.fromEntries(Object.entries(record.deps).map(([f, h]) => [to(places.root, f), h])),
    outputs: record.outputs.map((o) => ({ ...o, file: to(places.outDir, o.file) })),
  };
}

function mapTargets(targets: Record<string, TargetRecord>, places: CachePlaces, to: typeof relative): Record<string, TargetRecord> {
  // A target id is `FILE#VARIANT`.
  return Object.fromEntries(
    Object.entries(targets).map(([id, record]) => {
      const at = id.lastIndexOf('#');
      return [`${to(places.root, id.slice(0, at))}${id.slice(at)}`, mapPaths(record, places, to)];
    }),
  );
}

async function readState(file: string): Promise<StateFile | undefined> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as StateFile;
    if (data?.lectern === 4 && typeof data.targets === 'object') return data;
  } catch {
    // no state yet, or unreadable
  }
  return undefined;
}

export { hashText } from '../util/hash.js';

export class BuildCache {
  private state: StateFile = { lectern: 4, targets: {} };
  private readonly fileHashes = new Map<string, Promise<string>>();
  /** Targets recorded by this run: the only ones save() writes over what is on disk. */
  private readonly recordedNow = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly places: CachePlaces,
  ) {}

  /** The state in the cache folder `cacheDir` (see cacheDirOf in out-dir.ts). */
  static async open(cacheDir: string, places: CachePlaces): Promise<BuildCache> {
    const cache = new BuildCache(path.join(cacheDir, 'state.json'), places);
    const data = await readState(cache.file);
    // None, or unreadable: a full build.
    if (data) cache.state = { lectern: 4, targets: mapTargets(data.targets, places, absolute) };
    return cache;
  }

  /** The files a target depended on when last built, with their content hashes (absolute paths); undefined if never built. */
  dependencies(target: string): Record<string, string> | undefined {
    return this.state.targets[target]?.deps;
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
    this.recordedNow.add(target);
  }

  /** Writes the targets built by this run over the state on disk (another shard sharing the folder may have added its own meanwhile). */
  async save(): Promise<void> {
    if (this.recordedNow.size === 0) return;
    const mine = Object.fromEntries([...this.recordedNow].map((t) => [t, this.state.targets[t]!]));
    const onDisk = (await readState(this.file))?.targets ?? {};
    const targets = { ...onDisk, ...mapTargets(mine, this.places, relative) };
    await writeAtomic(this.file, JSON.stringify({ lectern: 4, targets } satisfies StateFile));
    this.recordedNow.clear();
  }
}
