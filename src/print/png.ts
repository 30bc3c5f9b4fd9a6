/**
 * Slides as PNG images, shot in a page of the run's one browser: the slides
 * document (the same one the deck PDF is printed from) is loaded into a
 * pooled page, the viewport set to one slide at the asked scale, and the
 * slides shown one at a time and captured, each clipped to the slide.
 */
import type { Page } from 'puppeteer-core';
import { trace } from '../trace.js';
import type { BrowserSession } from './browser/index.js';
import { browserError, leaveDocument, loadDocument } from './pdf.js';

export interface ShotOptions {
  /** The slide's size in CSS pixels (slideSize). */
  width: number;
  height: number;
  /** Image pixels per CSS pixel: 1280 / 1280 for a 16:9 slide at 1280 px wide. */
  pixelRatio: number;
  /** The output shot (its file or folder), named by an error. */
  output?: string;
}

/** The viewport a pooled page has between uses (Puppeteer's connect default). */
const RESTING_VIEWPORT = { width: 800, height: 600 };

/**
 * Chromium draws no frames for a page that is not its visible tab, and a
 * screenshot there waits for one that never comes: the page shooting is
 * brought to the front, and one page of a session shoots at a time (the
 * others may go on printing PDFs, which needs no frames).
 */
const shooting = new WeakMap<BrowserSession, Promise<unknown>>();

function oneAtATime<T>(session: BrowserSession, work: () => Promise<T>): Promise<T> {
  const before = shooting.get(session) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(work);
  shooting.set(session, mine);
  return mine;
}

/** One PNG per slide of the document (a print document: see printDocument), in order. */
export async function screenshotSlides(session: BrowserSession, html: string, options: ShotOptions): Promise<Uint8Array[]> {
  try {
    return await session.withPage(async (page) => {
      const injected = await loadDocument(page, session, html);
      try {
        return await oneAtATime(session, () => shoot(page, options));
      } finally {
        await leaveDocument(page, injected);
      }
    });
  } catch (err) {
    throw browserError(err, session, { doing: 'making the images', output: options.output });
  }
}

/** Device pixels of the viewport's height at most: slides are shot this many at a time. */
const BATCH_PIXELS = 8192;

async function shoot(page: Page, options: ShotOptions): Promise<Uint8Array[]> {
  const { width, height, pixelRatio } = options;
  trace('png: page');
  await page.bringToFront();
  // Slides shown a batch at a time, one under the other from the top left, the
  // viewport as tall as the batch: each shot is a clip of what is drawn
  // already, with nothing to change in the page or resize in between.
  const count = await page.evaluate(showSlides, 0, 0);
  const batch = Math.max(1, Math.min(count, Math.floor(BATCH_PIXELS / (height * pixelRatio))));
  try {
    const images: Uint8Array[] = [];
    for (let start = 0; start < count; start += batch) {
      const shown = Math.min(batch, count - start);
      await page.setViewport({ width, height: height * shown, deviceScaleFactor: pixelRatio });
      await page.evaluate(showSlides, start, shown);
      // One at a time: Chromium answers captures of one page made at once with the same image.
      for (let i = 0; i < shown; i++)
        images.push(await page.screenshot({ type: 'png', clip: { x: 0, y: i * height, width, height }, captureBeyondViewport: false }));
    }
    trace(`png: ${count} shot`);
    return images;
  } finally {
    await page.evaluate(showSlides, -1, 0);
    await page.setViewport(RESTING_VIEWPORT);
  }
}

/**
 * In the page: show only the `count` slides from `start`, one under the
 * other (the first call sets this up; start -1 undoes it); returns how many
 * slides there are. The slides are the print document's `svg[data-marpit-svg]`.
 */
function showSlides(start: number, count: number): number {
  const slides = [...document.querySelectorAll('svg[data-marpit-svg]')];
  let style = document.getElementById('lectern-shot');
  if (start < 0) {
    style?.remove();
    for (const s of slides) s.removeAttribute('data-lectern-shot');
    return slides.length;
  }
  if (!style) {
    style = document.createElement('style');
    style.id = 'lectern-shot';
    style.textContent =
      'html, body { overflow: hidden !important; } svg[data-marpit-svg] { display: none !important; break-after: auto !important; } svg[data-marpit-svg][data-lectern-shot] { display: block !important; }';
    document.head.append(style);
  }
  window.scrollTo(0, 0);
  for (const [i, s] of slides.entries()) {
    if (i >= start && i < start + count) s.setAttribute('data-lectern-shot', '');
    else s.removeAttribute('data-lectern-shot');
  }
  return slides.length;
}
