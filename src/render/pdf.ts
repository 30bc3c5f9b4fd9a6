/**
 * Printing an HTML document to PDF through the run's one browser.
 */
import type { BrowserSession } from './browser.js';

export interface PrintOptions {
  width: number;
  height: number;
  /** Ask Chromium for a tagged (accessible) PDF and bookmarks from headings. */
  tagged?: boolean;
  outline?: boolean;
}

export async function printPdf(session: BrowserSession, html: string, options: PrintOptions): Promise<Uint8Array> {
  return session.withPage(async (page) => {
    await page.setContent(html, { waitUntil: 'load', timeout: session.timeout });
    // Fonts are data URLs, but decoding them is asynchronous: print only once they are ready.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const pdf = await page.pdf({
      width: `${options.width}px`,
      height: `${options.height}px`,
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
