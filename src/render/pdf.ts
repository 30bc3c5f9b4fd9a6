/**
 * Printing an HTML document to PDF through the run's one browser.
 */
import type { Page } from 'puppeteer';
import type { BrowserSession } from './browser.js';
import { EXIT, LecternError } from '../errors.js';

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
    if (err instanceof LecternError) throw err;
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    const timeout = err instanceof Error && err.name === 'TimeoutError';
    throw new LecternError(
      {
        severity: 'error',
        code: timeout ? 'render/timeout' : 'render/browser',
        message: timeout ? `Chromium did not finish printing within ${session.timeout} ms (${message})` : `Chromium failed while printing: ${message}`,
        hint: timeout ? 'a larger --timeout (milliseconds) may help for very large decks' : 'the previous outputs are kept; run the build again, and check that Chromium runs (`chromium --headless --version`)',
      },
      EXIT.environment,
      { cause: err },
    );
  }
}

async function printOnPage(session: BrowserSession, html: string, options: PrintOptions): Promise<Uint8Array> {
  return session.withPage(async (page) => {
    await page.setContent(html, { waitUntil: 'load', timeout: session.timeout });
    // Fonts are data URLs, but decoding them is asynchronous: print only once they are ready.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    if (options.ready) await page.waitForFunction(options.ready, { timeout: session.timeout });
    await options.inspect?.(page);
    const pdf = await page.pdf({
      width: size(options.width),
      height: size(options.height),
      printBackground: true,
      preferCSSPageSize: true,
      tagged: options.tagged ?? true,
      outline: options.outline ?? false,
      timeout: session.timeout,
    });
    // Leave the pooled page empty so that it does not hold on to a large document.
    await page.setContent('<!DOCTYPE html><title></title>');
    return pdf;
  });
}
