/**
 * Printing an HTML document to PDF through the run's one browser.
 */
import type { Page } from 'puppeteer-core';
import { POLL_MS, type BrowserSession } from './browser/index.js';
import { EXIT, LecternError } from '../errors.js';
import { trace } from '../trace.js';
import { FONTS_PLACEHOLDER, withFonts } from '../render/fonts.js';

export interface PrintOptions {
  /** Page size: a number is CSS pixels; a string carries its unit ("210mm"). A CSS `@page { size }` in the document wins. */
  width: number | string;
  height: number | string;
  /** Ask Chromium for a tagged (accessible) PDF and bookmarks from headings. */
  tagged?: boolean;
  outline?: boolean;
  /**
   * A JavaScript expression to wait for (truthy) after fonts are ready and
   * before printing: for documents that adjust their own layout by script.
   */
  ready?: string;
  /** The output being printed (its file), named by an error. */
  output?: string;
  /** Look at the laid-out document before it is printed (e.g. to measure overflow). */
  inspect?: (page: Page) => Promise<void>;
}

const size = (v: number | string) => (typeof v === 'number' ? `${v}px` : v);

/**
 * A browser that crashes, is killed or does not answer in time is a clear
 * environment error (exit 3), never an internal one; nothing is written.
 */
export async function printPdf(session: BrowserSession, html: string, options: PrintOptions): Promise<Uint8Array> {
  try {
    return await printOnPage(session, html, options);
  } catch (err) {
    throw browserError(err, session, { doing: 'printing', output: options.output });
  }
}

/**
 * What went wrong in Chromium, as the error a user reads: a timeout or a
 * crash while `doing` ("printing", "making the images") the output; a
 * LecternError passes as it is.
 */
export function browserError(err: unknown, session: BrowserSession, what: { doing: string; output?: string }): LecternError {
  if (err instanceof LecternError) return err;
  const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  const timeout = err instanceof Error && err.name === 'TimeoutError';
  const output = what.output ? ` ${what.output}` : '';
  return new LecternError(
    {
      severity: 'error',
      code: timeout ? 'render/timeout' : 'render/browser',
      message: timeout
        ? `Chromium did not finish ${what.doing}${output} within ${session.timeout} ms (${message})`
        : `Chromium failed while ${what.doing}${output}: ${message}`,
      hint: timeout
        ? 'a larger --timeout (milliseconds) may help for very large decks'
        : 'the previous outputs are kept; run the build again, and check that Chromium runs (`chromium --headless --version`)',
    },
    EXIT.environment,
    { cause: err },
  );
}

async function printOnPage(session: BrowserSession, html: string, options: PrintOptions): Promise<Uint8Array> {
  return session.withPage(async (page) => {
    trace('print: page');
    const injected = await loadDocument(page, session, html);
    if (options.ready) await page.waitForFunction(options.ready, { timeout: session.timeout, polling: POLL_MS });
    trace('print: fonts ready');
    await options.inspect?.(page);
    trace('print: inspected');
    const pdf = await page.pdf({
      width: size(options.width),
      height: size(options.height),
      printBackground: true,
      preferCSSPageSize: true,
      tagged: options.tagged ?? true,
      outline: options.outline ?? false,
      timeout: session.timeout,
    });
    trace('print: pdf');
    await leaveDocument(page, injected);
    return pdf;
  });
}

/**
 * Loads a document into a page of the pool, fonts ready; true when it was put
 * into the fonts document (see leaveDocument). A page that holds the fonts
 * document (fontsDocument) has the fonts decoded already: a document that
 * marks their place (FONTS_PLACEHOLDER) is put into it (CSS data: images are
 * ready at once, <img> are awaited). Anything else loads whole, with the
 * fonts in their place.
 */
export async function loadDocument(page: Page, session: BrowserSession, html: string): Promise<boolean> {
  const injected = html.includes(FONTS_PLACEHOLDER) && (await page.evaluate(putIntoFontsDocument, html, session.timeout / 2));
  if (!injected) await page.setContent(withFonts(html), { waitUntil: 'load', timeout: session.timeout });
  trace(`print: loaded (${injected ? 'into the fonts document' : 'whole'})`);
  // Fonts are data URLs, but decoding them is asynchronous: go on only once they are ready.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return injected;
}

/**
 * Leave the pooled page without the document, so that it does not hold on to
 * a large one: back to the fonts alone (injected), or empty.
 */
export async function leaveDocument(page: Page, injected: boolean): Promise<void> {
  if (injected) await page.evaluate(emptyFontsDocument);
  else await page.setContent('<!DOCTYPE html><title></title>');
}

/**
 * In the page: replace all but the fonts of the fonts document with a parsed
 * document, as if it had been loaded (attributes of <html>, head, body, inline
 * scripts run in order); resolves once its images have loaded. False when the
 * page does not hold the fonts document.
 */
function putIntoFontsDocument(html: string, deadline: number): Promise<boolean> | boolean {
  const root = document.documentElement;
  if (!root.hasAttribute('data-lectern-fonts')) return false;
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const a of [...root.attributes]) if (a.name !== 'data-lectern-fonts') root.removeAttribute(a.name);
  for (const a of [...parsed.documentElement.attributes]) root.setAttribute(a.name, a.value);
  // The new head before the old one goes: a style sheet with the same text as
  // one in the document (the same theme as the last print, or the warm-up in
  // fontsDocument) is then not parsed again.
  const before = [...document.head.childNodes].filter((n) => !(n instanceof Element && n.hasAttribute('data-lectern-fonts')));
  document.head.append(...[...parsed.head.childNodes].map((n) => document.adoptNode(n)));
  for (const n of before) n.remove();
  document.body.replaceWith(document.adoptNode(parsed.body));
  // Parsed scripts never run: replace each with a fresh copy, which does.
  for (const old of [...document.querySelectorAll('script')]) {
    const script = document.createElement('script');
    for (const a of [...old.attributes]) script.setAttribute(a.name, a.value);
    script.textContent = old.textContent;
    old.replaceWith(script);
  }
  // Every image loaded (or failed to) — `load`, not `decode()`: in a page of
  // the pool that is not the browser's visible tab Chromium draws no frames,
  // and a decode() promise may never settle (a build hung there for a minute);
  // printing decodes the images itself. Still bounded: an image that does not
  // load in time is reported with its slide.
  const pending = [...document.images].filter((img) => !img.complete);
  if (pending.length === 0) return true;
  const loaded = Promise.all(
    pending.map(
      (img) =>
        new Promise((resolve) => {
          img.addEventListener('load', resolve, { once: true });
          img.addEventListener('error', resolve, { once: true });
        }),
    ),
  );
  return new Promise<boolean>((resolve, reject) => {
    const timer = setTimeout(() => {
      const stuck = pending.find((img) => !img.complete);
      const index = [...document.querySelectorAll('svg[data-marpit-svg]')].findIndex((svg) => !!stuck && svg.contains(stuck));
      reject(new Error(`an image${index >= 0 ? ` on slide ${index + 1}` : ''} did not load within ${deadline} ms`));
    }, deadline);
    void loaded.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * In the page: back to the fonts document, fonts still decoded; the last
 * document's body goes (the bulk of it), its head stays until the next one
 * replaces it (see putIntoFontsDocument).
 */
function emptyFontsDocument(): void {
  const root = document.documentElement;
  for (const a of [...root.attributes]) if (a.name !== 'data-lectern-fonts') root.removeAttribute(a.name);
  document.body.replaceWith(document.createElement('body'));
}
