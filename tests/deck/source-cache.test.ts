/** The cache of loaded sources: one load per file and language, and what a change makes stale. */
import { describe, expect, it } from 'vitest';
import { SourceCache } from '../../src/deck/source-cache.js';
import type { Source } from '../../src/sources/source.js';

const source = (file: string) => ({ file }) as unknown as Source;

function counting() {
  const reads: string[] = [];
  const cache = new SourceCache();
  const load = (file: string, lang = 'ru', fail = false) =>
    cache.load(file, lang, async () => {
      reads.push(`${file} ${lang}`);
      if (fail) throw new Error('unreadable');
      return source(file);
    });
  return { cache, reads, load };
}

describe('SourceCache', () => {
  it('loads a file once per language, and shares the load', async () => {
    const { reads, load } = counting();
    const [a, b] = await Promise.all([load('/p/sources/a.txt'), load('/p/sources/a.txt')]);
    expect(a).toBe(b);
    await load('/p/sources/a.txt', 'en');
    expect(reads).toEqual(['/p/sources/a.txt ru', '/p/sources/a.txt en']);
  });

  it('invalidate() drops a changed file in every language, and one whose sidecar changed; the rest stay', async () => {
    const { cache, reads, load } = counting();
    await Promise.all([load('/p/sources/a.txt'), load('/p/sources/a.txt', 'en'), load('/p/sources/b.md'), load('/p/sources/c.txt')]);
    cache.invalidate(['/p/sources/a.txt', '/p/sources/b.yaml', '/p/outlines/x.yaml']);
    expect(cache.size).toBe(1);
    reads.length = 0;
    await Promise.all([load('/p/sources/a.txt'), load('/p/sources/b.md'), load('/p/sources/c.txt')]);
    expect(reads).toEqual(['/p/sources/a.txt ru', '/p/sources/b.md ru']);
  });

  it('invalidate() drops what lies below a changed folder, and what failed to load', async () => {
    const { cache, load } = counting();
    await load('/p/sources/a.txt');
    await load('/p/other/b.txt');
    await expect(load('/p/other/broken.txt', 'ru', true)).rejects.toThrow('unreadable');
    cache.invalidate([]);
    expect(cache.size).toBe(2);
    cache.invalidate(['/p/sources']);
    expect(cache.size).toBe(1);
    cache.invalidate(['/p']);
    expect(cache.size).toBe(0);
  });
});
