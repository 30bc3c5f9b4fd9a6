/**
 * Watching folders for `lectern serve` and `lectern build --watch`.
 *
 * Folders are watched, never single files: editors save by writing a
 * temporary file and renaming it over the original, or by deleting and
 * creating it again, and a watch on the old inode would go quiet after the
 * first save. Each folder gets its own non-recursive fs.watch (inotify on
 * Linux); a recursive target (a templates folder) is walked here, and folders
 * created inside it later are added as they appear. Node 20's own
 * `{ recursive: true }` works on Linux but is emulated in JavaScript and
 * reports an atomic save as a change of the target only, so it is not used.
 *
 * The watcher reports absolute paths; which of them matter is decided by the
 * caller (src/serve/serve.ts), which knows the project's inputs.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../util/paths.js';

/** Folders never watched nor walked. */
export const IGNORED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.lectern']);

/** At most this many folders are watched (recursive targets stop growing there). */
export const MAX_WATCHED_DIRS = 1000;

/**
 * Files editors write while saving, and other noise: `x.tmp`, vim's
 * `.x.swp`/`.x.swx`/`x~`/`4913`, Emacs's `.#x` and `#x#`, JetBrains'
 * `x___jb_tmp___`, GNOME's `.goutputstream-*`, Chrome's `.crswap`.
 */
export function isTempFile(name: string): boolean {
  return (
    /\.tmp$/i.test(name) ||
    /^\..*\.sw[a-p]$/i.test(name) ||
    /\.sw[px]$/i.test(name) ||
    name.endsWith('~') ||
    name === '4913' ||
    name.startsWith('.#') ||
    /^#.*#$/.test(name) ||
    /___jb_(tmp|old)___$/.test(name) ||
    name.startsWith('.goutputstream-') ||
    name.endsWith('.crswap') ||
    name === '.DS_Store'
  );
}

function inode(dir: string): number | undefined {
  try {
    const st = statSync(dir);
    return st.isDirectory() ? st.ino : undefined;
  } catch {
    return undefined;
  }
}

export interface WatchTarget {
  dir: string;
  /** Also every folder below (except IGNORED_DIRS and `exclude`). */
  recursive?: boolean;
}

export interface WatcherOptions {
  /** Folders (absolute) never watched, e.g. the output folder. */
  exclude?: () => string[];
  /** Called when a folder cannot be watched (the watch set goes on without it). */
  onError?: (dir: string, err: Error) => void;
}

/** A set of watched folders, reconciled with `update()`. */
export class DirWatcher {
  /** Watched folders, with the inode watched (a folder replaced since is watched again). */
  private readonly watchers = new Map<string, { w: FSWatcher; ino: number }>();
  /** Roots of recursive targets. */
  private recursiveRoots = new Set<string>();
  private closed = false;

  constructor(
    private readonly onChange: (file: string) => void,
    private readonly options: WatcherOptions = {},
  ) {}

  /** The folders watched now (for tests and diagnostics). */
  get dirs(): string[] {
    return [...this.watchers.keys()].sort();
  }

  /** Watch exactly these targets: new folders are added, folders no longer wanted are released. */
  async update(targets: WatchTarget[]): Promise<void> {
    if (this.closed) return;
    const wanted = new Set<string>();
    const roots = new Set<string>();
    for (const t of targets) {
      const dir = path.resolve(t.dir);
      if (this.excluded(dir)) continue;
      wanted.add(dir);
      if (t.recursive) {
        roots.add(dir);
        for (const sub of await this.walk(dir)) wanted.add(sub);
      }
    }
    this.recursiveRoots = roots;
    for (const [dir, { w, ino }] of this.watchers) {
      if (!wanted.has(dir) || inode(dir) !== ino) {
        w.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of wanted) this.add(dir);
  }

  close(): void {
    this.closed = true;
    for (const { w } of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private excluded(dir: string): boolean {
    if (IGNORED_DIRS.has(path.basename(dir))) return true;
    return (this.options.exclude?.() ?? []).some((x) => isInside(dir, x));
  }

  private inRecursive(dir: string): boolean {
    for (const root of this.recursiveRoots) if (isInside(dir, root)) return true;
    return false;
  }

  /** Every folder below `dir` (not `dir` itself), breadth first, within the limit. */
  private async walk(dir: string): Promise<string[]> {
    const found: string[] = [];
    const queue = [dir];
    while (queue.length > 0 && this.watchers.size + found.length < MAX_WATCHED_DIRS) {
      const current = queue.shift()!;
      let entries;
      try {
        entries = await readdir(current, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (!e.isDirectory()) continue;
        const sub = path.join(current, e.name);
        if (this.excluded(sub)) continue;
        found.push(sub);
        queue.push(sub);
      }
    }
    return found;
  }

  private add(dir: string): void {
    if (this.closed || this.watchers.has(dir) || this.watchers.size >= MAX_WATCHED_DIRS) return;
    const ino = inode(dir);
    if (ino === undefined) return;
    let w: FSWatcher;
    try {
      w = watch(dir, { persistent: true }, (_event, name) => this.event(dir, name === null ? null : String(name)));
    } catch (err) {
      // Gone already, or not a folder: the next update() tries again.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'ENOTDIR') this.options.onError?.(dir, err as Error);
      return;
    }
    w.on('error', (err) => {
      // The folder was removed or replaced; its parent's watcher (if any) reports that.
      w.close();
      if (this.watchers.get(dir)?.w === w) this.watchers.delete(dir);
      if ((err as NodeJS.ErrnoException).code !== 'EPERM' && (err as NodeJS.ErrnoException).code !== 'ENOENT') this.options.onError?.(dir, err);
    });
    this.watchers.set(dir, { w, ino });
  }

  private event(dir: string, name: string | null): void {
    if (this.closed) return;
    if (name === null) {
      // The platform did not say which file: report the folder.
      this.onChange(dir);
      return;
    }
    if (isTempFile(path.basename(name))) return;
    const file = path.join(dir, name);
    if (this.inRecursive(dir) && !this.excluded(file)) void this.maybeAddTree(file);
    this.onChange(file);
  }

  /** A folder created (or moved) inside a recursive target: watch it and what it holds. */
  private async maybeAddTree(file: string): Promise<void> {
    const st = await stat(file).catch(() => undefined);
    if (!st?.isDirectory() || this.closed) return;
    this.add(file);
    for (const sub of await this.walk(file)) this.add(sub);
  }
}
