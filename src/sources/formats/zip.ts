/**
 * Safe reading of ZIP archives (EPUB and DOCX are ZIP files): the entries a
 * reader asks for, as bytes, with every entry checked before a byte is
 * inflated and again while it inflates.
 *
 * Before inflating anything the central directory is read whole and each
 * entry's name and declared sizes are judged: names that would leave the
 * archive (absolute, `..` segments, backslashes, NUL), duplicate names, too
 * many entries, a declared size or compression ratio beyond the limits (a zip
 * bomb), entries whose data overlap (the overlapping-file bomb), encrypted
 * entries and unknown compression methods are refused. Then each wanted entry
 * is inflated in small steps (fflate's streaming Inflate) and abandoned as
 * soon as it yields more than it declared (a lying header), so neither memory
 * nor time grows past the limits; its length and CRC-32 are checked at the
 * end. The central directory is parsed here rather than through fflate's
 * unzipSync, which inflates into a buffer of the declared size and silently
 * drops whatever a lying entry produces beyond it.
 *
 * `xmlText` decodes an XML entry and refuses entity declarations and
 * internal DTD subsets (XXE, billion laughs); a plain `<!DOCTYPE html …>`
 * (EPUB 2 chapters have one) is harmless, since nothing here fetches a DTD.
 */
import { Inflate } from 'fflate';
import { inputError, type LecternError } from '../../errors.js';

export interface ZipLimits {
  /** Entries in the central directory (directories included). */
  maxEntries: number;
  /** Inflated size of one entry. */
  maxEntryBytes: number;
  /** Inflated size of all the entries read. */
  maxTotalBytes: number;
  /** Inflated size ÷ compressed size of one entry (checked for entries over 64 KiB). */
  maxRatio: number;
}

/** Generous for books: an EPUB of a few thousand files, a DOCX of big images. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxEntryBytes: 50 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 200,
};

/** Entries smaller than this are never refused for their ratio: a page of spaces compresses very well and harms no one. */
const RATIO_FLOOR = 64 * 1024;
/** Compressed bytes pushed to the inflater at a time: at most ~1032 times as many come out per step. */
const STEP = 16 * 1024;

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  size: number;
  originalSize: number;
  headerOffset: number;
  /** Where the entry's data begins (after its local header); set once the local header is read. */
  dataOffset: number;
}

const UNSAFE_HINT = 'the archive looks crafted to harm the reader (paths leaving it, or a zip bomb); get the file again from a trusted place';
const CORRUPT_HINT = 'the file is damaged or not a ZIP archive; open it in the program that made it and save it again';

function unsafe(file: string, message: string): LecternError {
  return inputError('source/archive-unsafe', message, { file }, UNSAFE_HINT);
}

function corrupt(file: string, message: string): LecternError {
  return inputError('source/archive-corrupt', message, { file }, CORRUPT_HINT);
}

/**
 * The file entries of a ZIP archive (directories left out), by name. `only`
 * picks the entries to inflate (all by default); every entry's name is
 * checked all the same, the sizes only of those inflated.
 */
export function readZip(
  bytes: Uint8Array,
  file: string,
  options: { only?: (name: string) => boolean; limits?: Partial<ZipLimits> } = {},
): Map<string, Uint8Array> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const entries = centralDirectory(bytes, file, limits);
  const seen = new Set<string>();
  for (const entry of entries) {
    checkName(entry.name, file);
    if (seen.has(entry.name)) throw unsafe(file, `the archive has two entries named "${entry.name}"`);
    seen.add(entry.name);
  }
  locateData(bytes, entries, file);
  const wanted = entries.filter((e) => !e.name.endsWith('/') && (!options.only || options.only(e.name)));
  let declaredTotal = 0;
  for (const entry of wanted) {
    checkDeclared(entry, file, limits);
    declaredTotal += entry.originalSize;
    if (declaredTotal > limits.maxTotalBytes) {
      throw unsafe(file, `the archive's entries would inflate to more than ${limits.maxTotalBytes} bytes in all`);
    }
  }
  const out = new Map<string, Uint8Array>();
  for (const entry of wanted) out.set(entry.name, inflateEntry(bytes, entry, file));
  return out;
}

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** A little-endian 64-bit number, refused past 2^53 (no archive we read is that big). */
function u64(b: Uint8Array, at: number, file: string): number {
  const high = u32(b, at + 4);
  if (high > 0x1fffff) throw corrupt(file, 'a ZIP64 size or offset is impossibly large');
  return high * 0x100000000 + u32(b, at);
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function centralDirectory(bytes: Uint8Array, file: string, limits: ZipLimits): Entry[] {
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65535.
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 65535; at--) {
    if (u32(bytes, at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw corrupt(file, 'not a ZIP archive (no end of central directory)');
  let count = u16(bytes, end + 10);
  let dirSize = u32(bytes, end + 12);
  let dirOffset = u32(bytes, end + 16);
  if (end >= 20 && u32(bytes, end - 20) === EOCD64_LOCATOR) {
    const at64 = u64(bytes, end - 12, file);
    if (at64 + 56 > bytes.length || u32(bytes, at64) !== EOCD64) throw corrupt(file, 'the ZIP64 end of central directory is missing');
    count = u64(bytes, at64 + 32, file);
    dirSize = u64(bytes, at64 + 40, file);
    dirOffset = u64(bytes, at64 + 48, file);
  }
  if (count > limits.maxEntries) throw unsafe(file, `the archive has ${count} entries (limit ${limits.maxEntries})`);
  if (dirOffset + dirSize > bytes.length) throw corrupt(file, 'the central directory lies outside the file (truncated download?)');
  const entries: Entry[] = [];
  let at = dirOffset;
  const utf8 = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) throw corrupt(file, `central directory entry ${i + 1} of ${count} is missing or damaged`);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > bytes.length) throw corrupt(file, `central directory entry ${i + 1} runs past the end of the file`);
    const entry: Entry = {
      name: utf8.decode(bytes.subarray(at + 46, nameEnd)),
      flags: u16(bytes, at + 8),
      method: u16(bytes, at + 10),
      crc: u32(bytes, at + 16),
      size: u32(bytes, at + 20),
      originalSize: u32(bytes, at + 24),
      headerOffset: u32(bytes, at + 42),
      dataOffset: 0,
    };
    readZip64Extra(bytes, nameEnd, extraLength, entry, file);
    entries.push(entry);
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offset marked 0xFFFFFFFF are in the ZIP64 extra field (id 1), in this order. */
function readZip64Extra(bytes: Uint8Array, start: number, length: number, entry: Entry, file: string): void {
  const fields = (['originalSize', 'size', 'headerOffset'] as const).filter((k) => entry[k] === 0xffffffff);
  if (!fields.length) return;
  for (let at = start; at + 4 <= start + length; at += 4 + u16(bytes, at + 2)) {
    if (u16(bytes, at) !== 1) continue;
    let p = at + 4;
    for (const key of fields) {
      if (p + 8 > at + 4 + u16(bytes, at + 2)) break;
      entry[key] = u64(bytes, p, file);
      p += 8;
    }
    return;
  }
  throw corrupt(file, `entry "${entry.name}" lacks its ZIP64 sizes`);
}

/** Refuses names that would leave the archive if anyone wrote them out. */
function checkName(name: string, file: string): void {
  const shown = JSON.stringify(name);
  if (!name) throw unsafe(file, 'the archive has an entry without a name');
  if (name.includes('\0')) throw unsafe(file, `entry name ${shown} contains a NUL character`);
  if (name.includes('\\')) throw unsafe(file, `entry name ${shown} contains a backslash`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw unsafe(file, `entry name ${shown} is an absolute path`);
  if (name.split('/').some((part) => part === '..')) throw unsafe(file, `entry name ${shown} climbs out of the archive ("..")`);
}

/** Reads each local header for where the data begins; refuses entries whose data overlap another's. */
function locateData(bytes: Uint8Array, entries: Entry[], file: string): void {
  for (const entry of entries) {
    const at = entry.headerOffset;
    if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) throw corrupt(file, `the local header of "${entry.name}" is missing`);
    entry.dataOffset = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
    if (entry.dataOffset + entry.size > bytes.length) throw corrupt(file, `the data of "${entry.name}" runs past the end of the file (truncated download?)`);
  }
  const byOffset = [...entries].sort((a, b) => a.headerOffset - b.headerOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const before = byOffset[i - 1]!;
    const entry = byOffset[i]!;
    if (entry.headerOffset < before.dataOffset + before.size) {
      throw unsafe(file, `entries "${before.name}" and "${entry.name}" share their data (an overlapping-entries zip bomb)`);
    }
  }
}

function checkDeclared(entry: Entry, file: string, limits: ZipLimits): void {
  const shown = JSON.stringify(entry.name);
  if (entry.flags & 1) throw corrupt(file, `entry ${shown} is encrypted (a password-protected ZIP), which Lectern cannot read`);
  if (entry.method !== 0 && entry.method !== 8)
    throw corrupt(file, `entry ${shown} uses compression method ${entry.method}; only stored and deflated entries are read`);
  if (entry.originalSize > limits.maxEntryBytes) {
    throw unsafe(file, `entry ${shown} would inflate to ${entry.originalSize} bytes (limit ${limits.maxEntryBytes})`);
  }
  if (entry.method === 0 && entry.size !== entry.originalSize) throw corrupt(file, `stored entry ${shown} declares two different sizes`);
  if (entry.originalSize > RATIO_FLOOR && entry.originalSize > limits.maxRatio * Math.max(entry.size, 1)) {
    const ratio = Math.round(entry.originalSize / Math.max(entry.size, 1));
    throw unsafe(file, `entry ${shown} would inflate ${ratio} times (limit ${limits.maxRatio})`);
  }
}

function inflateEntry(bytes: Uint8Array, entry: Entry, file: string): Uint8Array {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.size);
  let result: Uint8Array;
  if (entry.method === 0) {
    result = data.slice();
  } else {
    result = new Uint8Array(entry.originalSize);
    let length = 0;
    const inflater = new Inflate((chunk) => {
      if (length + chunk.length > entry.originalSize) {
        throw unsafe(file, `entry ${JSON.stringify(entry.name)} inflates to more than the ${entry.originalSize} bytes it declares`);
      }
      result.set(chunk, length);
      length += chunk.length;
    });
    try {
      for (let at = 0; ; at += STEP) {
        const last = at + STEP >= data.length;
        inflater.push(data.subarray(at, Math.min(at + STEP, data.length)), last);
        if (last) break;
      }
    } catch (err) {
      if ((err as LecternError).name === 'LecternError') throw err;
      throw corrupt(file, `entry ${JSON.stringify(entry.name)} cannot be inflated (${(err as Error).message})`);
    }
    if (length !== entry.originalSize) {
      throw corrupt(file, `entry ${JSON.stringify(entry.name)} inflates to ${length} bytes, not the ${entry.originalSize} it declares`);
    }
  }
  if (crc32(result) !== entry.crc) throw corrupt(file, `entry ${JSON.stringify(entry.name)} fails its checksum (CRC-32)`);
  return result;
}

let crcTable: Uint32Array | undefined;

function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * An XML entry's text (UTF-8, or UTF-16 with a byte-order mark), refused
 * when it declares entities or has an internal DTD subset.
 */
export function xmlText(bytes: Uint8Array, file: string, entry: string): string {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw corrupt(file, `"${entry}" is not valid UTF-8 text`);
  }
  if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^>[]*\[/i.test(text)) {
    throw inputError(
      'source/archive-unsafe',
      `"${entry}" declares XML entities (a DOCTYPE with an internal subset), which could read local files or expand without end; Lectern does not read such files`,
      { file },
      'a file made by ordinary software never declares XML entities; get a clean copy of it',
    );
  }
  return text;
}
