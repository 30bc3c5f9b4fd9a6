/**
 * Sources loaded once and shared: by the outlines of one run, and across the
 * rebuilds of serve and `build --watch`, which drop what a change made stale.
 * A source is read in a language (one without a declared language is read in
 * the outline's: sentence rules differ) and with the project's abbreviations
 * (the config's), so it is kept per file, language and abbreviations.
 */
import { sidecarPath } from '../sources/metadata.js';
import type { Source } from '../sources/source.js';
import { isInside } from '../util/paths.js';

interface Entry {
  file: string;
  loading: Promise<Source>;
  failed: boolean;
}

export class SourceCache {
  private readonly entries = new Map<string, Entry>();

  /** The source at `file` read in `lang` with `abbreviations`: read() the first time, the same promise after. */
  load(file: string, lang: string, read: () => Promise<Source>, abbreviations: readonly string[] = []): Promise<Source> {
    const key = [file, lang, ...abbreviations].join('\0');
    const found = this.entries.get(key);
    if (found) return found.loading;
    const entry: Entry = { file, loading: read(), failed: false };
    // Those who load it see the error; the cache only remembers that it failed.
    void entry.loading.catch(() => {
      entry.failed = true;
    });
    this.entries.set(key, entry);
    return entry.loading;
  }

  /**
   * Forgets the sources these changes concern — a changed file, its metadata
   * sidecar, or a folder on the way to either (renamed, or a change the
   * platform named no file for) — and every source that failed to load.
   */
  invalidate(changed: Iterable<string>): void {
    const files = [...changed];
    const touches = (a: string, b: string) => isInside(a, b) || isInside(b, a);
    for (const [key, entry] of this.entries) {
      const stale = entry.failed || files.some((f) => touches(f, entry.file) || touches(f, sidecarPath(entry.file)));
      if (stale) this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
