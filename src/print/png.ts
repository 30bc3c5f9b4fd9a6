/**
 * Slides as PNG images, shot in a page of the run's one browser: the slides
 * document (the same one the deck PDF is printed from) is loaded into a
 * pooled page, the viewport set to one slide at the asked scale, and the
 * slides shown one at a time and captured, each clipped to the slide.
 */
import type { Page } from 'puppeteer-core';
import { EXIT, LecternError } from '../errors.js';
import { trace } from '../trace.js';
import type { BrowserSession } from './browser/index.js';
import { leaveDocument, loadDocument } from './pdf.js';

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
    if (err instanceof LecternError) throw err;
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    const timeout = err instanceof Error && err.name === 'TimeoutError';
    const what = options.output ? ` ${options.output}` : '';
    throw new LecternError(
      {
        severity: 'error',
        code: timeout ? 'render/timeout' : 'render/browser',
        message: timeout
          ? `Chromium did not finish the images${what} within ${session.timeout} ms (${message})`
          : `Chromium failed while making the images${what}: ${message}`,
        hint: timeout
          ? 'a larger --timeout (milliseconds) may help for very large decks'
          : 'the previous outputs are kept; run the build again, and check that Chromium runs (`chromium --headless --version`)',
      },
      EXIT.environment,
      { cause: err },
    );
  }
}

async function shoot(page: Page, options: ShotOptions): Promise<Uint8Array[]> {
  const { width, height, pixelRatio } = options;
  trace('png: page');
  await page.bringToFront();
  await page.setViewport({ width, height, deviceScaleFactor: pixelRatio });
  try {
    // One slide shown at a time, at the top left: every shot is the same clip inside the viewport.
    const count = await page.evaluate(showOnly, -1);
    const images: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      await page.evaluate(showOnly, i);
      images.push(await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height }, captureBeyondViewport: false }));
    }
    trace(`png: ${count} shot`);
    return images;
  } finally {
    await page.evaluate(showOnly, -2);
    await page.setViewport(RESTING_VIEWPORT);
  }
}

/**
 * In the page: show only the slide of `index` (-1: set up and count the
 * slides; -2: undo). The slides are the print document's `svg[data-marpit-svg]`.
 */
function showOnly(index: number): number {
  const slides = [...document.querySelectorAll('svg[data-marpit-svg]')];
  if (index === -2) {
    document.getElementById('lectern-shot')?.remove();
    for (const s of slides) s.removeAttribute('data-lectern-shot');
    return slides.length;
  }
  if (index === -1) {
    const style = document.createElement('style');
    style.id = 'lectern-shot';
    style.textContent =
      'html, body { overflow: hidden !important; } svg[data-marpit-svg] { display: none !important; } svg[data-marpit-svg][data-lectern-shot] { display: block !important; }';
    document.head.append(style);
    window.scrollTo(0, 0);
    return slides.length;
  }
  for (const [i, s] of slides.entries()) {
    if (i === index) s.setAttribute('data-lectern-shot', '');
    else s.removeAttribute('data-lectern-shot');
  }
  return slides.length;
}
