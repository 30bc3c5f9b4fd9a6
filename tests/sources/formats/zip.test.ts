import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LecternError } from '../../../src/errors.js';
import { readZip, xmlText } from '../../../src/sources/formats/zip.js';

function code(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(LecternError);
    return (err as LecternError).code;
  }
  return 'no error';
}

describe('readZip', () => {
  it('reads stored and deflated entries, leaving directories out', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello '.repeat(100)), 'dir/': new Uint8Array(0), 'dir/b.xml': [strToU8('<a/>'), { level: 0 }] });
    const entries = readZip(zip, 'x.zip');
    expect([...entries.keys()]).toEqual(['a.txt', 'dir/b.xml']);
    expect(new TextDecoder().decode(entries.get('a.txt'))).toBe('hello '.repeat(100));
  });

  it('inflates only the entries asked for', () => {
    const zip = zipSync({ 'a.txt': strToU8('a'), 'b.txt': strToU8('b') });
    expect([...readZip(zip, 'x.zip', { only: (name) => name === 'b.txt' }).keys()]).toEqual(['b.txt']);
  });

  it('refuses an entry declaring more than the limit before inflating it', () => {
    const zip = zipSync({ 'big.bin': new Uint8Array(2 * 1024 * 1024) });
    expect(code(() => readZip(zip, 'x.zip', { limits: { maxEntryBytes: 1024 * 1024 } }))).toBe('source/archive-unsafe');
    expect(code(() => readZip(zip, 'x.zip', { limits: { maxRatio: 100 } }))).toBe('source/archive-unsafe');
    expect(readZip(zip, 'x.zip', { limits: { maxRatio: 1e6 } }).get('big.bin')!.length).toBe(2 * 1024 * 1024);
  });

  it('refuses names leaving the archive', () => {
    for (const name of ['../evil.txt', 'a/../../evil.txt', '/etc/passwd', 'C:/evil.txt', 'a\\b.txt']) {
      expect(code(() => readZip(zipSync({ [name]: strToU8('x') }), 'x.zip'))).toBe('source/archive-unsafe');
    }
  });

  it('says a file that is not a zip is corrupt', () => {
    expect(code(() => readZip(strToU8('not a zip at all, just text'), 'x.zip'))).toBe('source/archive-corrupt');
  });
});

describe('xmlText', () => {
  it('decodes UTF-8 and refuses entity declarations', () => {
    expect(xmlText(strToU8('\uFEFF<?xml version="1.0"?><a>ж</a>'), 'x', 'a.xml')).toBe('<?xml version="1.0"?><a>ж</a>');
    expect(xmlText(strToU8('<!DOCTYPE html><html/>'), 'x', 'a.xml')).toBe('<!DOCTYPE html><html/>');
    const xxe = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>';
    expect(code(() => xmlText(strToU8(xxe), 'x', 'a.xml'))).toBe('source/archive-unsafe');
  });
});

describe('readZip on crafted archives', () => {
  const DIR = path.resolve(__dirname, '../../fixtures/sources/epub');
  const fixture = (name: string) => new Uint8Array(readFileSync(path.join(DIR, name)));

  it('abandons an entry that inflates past the size it declares', () => {
    expect(code(() => readZip(fixture('lying-size.zip'), 'lying-size.zip'))).toBe('source/archive-unsafe');
  });

  it('refuses a bomb on its declared size, and a traversal name even among entries not asked for', () => {
    expect(code(() => readZip(fixture('bomb.epub'), 'bomb.epub'))).toBe('source/archive-unsafe');
    expect(code(() => readZip(fixture('traversal.epub'), 'traversal.epub', { only: (name) => name === 'mimetype' }))).toBe('source/archive-unsafe');
  });

  it('refuses too many entries', () => {
    const zip = zipSync(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.txt`, strToU8('x')])));
    expect(code(() => readZip(zip, 'x.zip', { limits: { maxEntries: 10 } }))).toBe('source/archive-unsafe');
    expect(code(() => readZip(zip, 'x.zip', { limits: { maxTotalBytes: 5 } }))).toBe('source/archive-unsafe');
  });

  it('says a damaged entry is corrupt', () => {
    const zip = zipSync({ 'a.txt': [strToU8('hello hello hello'), { level: 0 }] });
    zip[35] = zip[35]! ^ 0xff; // a byte of the stored data: the CRC no longer matches
    expect(code(() => readZip(zip, 'x.zip'))).toBe('source/archive-corrupt');
    expect(code(() => readZip(zipSync({ 'a.txt': strToU8('x') }).subarray(0, 40), 'x.zip'))).toBe('source/archive-corrupt');
  });
});
