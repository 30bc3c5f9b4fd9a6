/**
 * Slides as images: out/NAME/001.png… (--format png) and the HTML deck's
 * preview image out/NAME.thumb.png, shot in the build's browser (see
 * print/png.ts) and made again only when their document changed.
 *
 * The folder is written as a whole: the images go into a temporary sibling
 * folder first, which then takes the folder's place; a folder holding
 * anything else (files of the user's) keeps it, and gets the new images one
 * by one, each renamed into place. Lectern removes nothing but images it
 * wrote (NNN.png, as recorded in the cache): a stale 016.png of a longer
 * previous deck goes only if the record says Lectern wrote it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Deck } from '../deck/model.js';
import { LecternError } from '../errors.js';
import type { BrowserSession } from '../print/browser/index.js';
import { fontPackages } from '../render/fonts.js';
import type { RenderedSlides } from '../render/marp.js';
import { VERSION } from '../version.js';
import { hashText, type OutputRecord } from './cache.js';
import { PNG_SCALE } from './formats.js';

/** The preview image's width in pixels (its height: the slide's aspect, 675 for 16:9, 900 for 4:3). */
export const THUMB_WIDTH = 1200;

/** Image names: 001.png, 002.png, … (four digits and more for decks of a thousand slides and more). */
export function imageName(index: number, count: number): string {
  return `${String(index + 1).padStart(Math.max(3, String(count).length), '0')}.png`;
}

const IMAGE_NAME = /^\d{3,}\.png$/;

export interface SlideImages {
  /** New images, one per slide; undefined when the folder is kept as it is. */
  images?: Uint8Array[];
  /** What to remember: the key of the document shot, and the files. */
  record: { printKey: string; files: string[] };
}

/** The images of every slide at `scale` (1: 1280 px wide), unless the same document was shot last time and the files are as written. */
export async function slideImages(args: {
  session: BrowserSession;
  deck: Deck;
  slides: RenderedSlides;
  folder: string;
  scale: number;
  previous?: OutputRecord;
  force?: boolean;
}): Promise<SlideImages> {
  const { deck, slides, scale } = args;
  const [page, png] = await Promise.all([import('../render/page.js'), import('../print/png.js')]);
  const { width, height } = page.slideSize(deck);
  const pixels = Math.round(PNG_SCALE.width * scale);
  const html = page.printDocument(deck, slides);
  const printKey = hashText(VERSION, fontPackages().join(), 'png', String(pixels), html);
  const files = Array.from({ length: slides.slideCount }, (_, i) => imageName(i, slides.slideCount));
  if (!args.force && args.previous?.printKey === printKey && args.previous.files?.length === files.length) return { record: { printKey, files } };
  const images = await png.screenshotSlides(args.session, html, { width, height, pixelRatio: pixels / width, output: args.folder });
  return { images, record: { printKey, files } };
}

/** The preview image of the HTML deck: its first (title) slide, THUMB_WIDTH wide; undefined data when the file is kept. */
export async function thumbnail(args: {
  session: BrowserSession;
  deck: Deck;
  slides: RenderedSlides;
  file: string;
  previous?: OutputRecord;
  force?: boolean;
}): Promise<{ data?: Uint8Array; record: { printKey: string } }> {
  const { deck, slides } = args;
  const [page, png] = await Promise.all([import('../render/page.js'), import('../print/png.js')]);
  const { width, height } = page.slideSize(deck);
  const html = page.printDocument(deck, slides, [0]);
  const printKey = hashText(VERSION, fontPackages().join(), 'thumb', String(THUMB_WIDTH), html);
  if (!args.force && args.previous?.printKey === printKey) return { record: { printKey } };
  const [data] = await png.screenshotSlides(args.session, html, { width, height, pixelRatio: THUMB_WIDTH / width, output: args.file });
  return { data, record: { printKey } };
}

/**
 * Writes the images into `folder` as a whole (see the top of this file).
 * `ours`: the files Lectern wrote there last time (from the cache): the only
 * files it may remove, and only while they are as it wrote them. Returns the names written.
 */
export async function writeImageFolder(folder: string, images: Uint8Array[], ours: NonNullable<OutputRecord['files']>): Promise<string[]> {
  const names = images.map((_, i) => imageName(i, images.length));
  const existing = await stat(folder).catch(() => undefined);
  if (existing && !existing.isDirectory())
    throw new LecternError({
      severity: 'error',
      code: 'output/not-a-folder',
      message: `${folder} is a file, and the slide images (--format png) go into a folder of that name`,
      hint: 'move or rename the file',
    });
  const parent = path.dirname(folder);
  await mkdir(parent, { recursive: true });
  const temp = path.join(parent, `.${path.basename(folder)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await mkdir(temp);
  try {
    await Promise.all(images.map((data, i) => writeFile(path.join(temp, names[i]!), data)));
    if (!existing) {
      await rename(temp, folder);
      return names;
    }
    const there = await readdir(folder);
    // Lectern's: recorded as written by it, and still as it wrote them.
    const mine = new Set<string>();
    for (const f of ours) {
      if (!IMAGE_NAME.test(f.name) || !there.includes(f.name)) continue;
      const st = await stat(path.join(folder, f.name)).catch(() => undefined);
      if (st?.isFile() && st.size === f.size && Math.abs(st.mtimeMs - f.mtimeMs) <= 1) mine.add(f.name);
    }
    if (there.every((n) => mine.has(n))) {
      // Only images Lectern wrote: the new folder takes the old one's place, which then goes.
      const old = path.join(parent, `.${path.basename(folder)}.${process.pid}.${randomBytes(4).toString('hex')}.old`);
      await rename(folder, old);
      await rename(temp, folder);
      await Promise.all(there.map((n) => unlink(path.join(old, n)).catch(() => undefined)));
      await rmdir(old).catch(() => undefined);
      return names;
    }
    // Files of someone else's in the folder: they stay; each image is renamed into place.
    for (const name of names) await rename(path.join(temp, name), path.join(folder, name));
    const stale = there.filter((n) => mine.has(n) && !names.includes(n));
    await Promise.all(stale.map((n) => unlink(path.join(folder, n)).catch(() => undefined)));
    return names;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
