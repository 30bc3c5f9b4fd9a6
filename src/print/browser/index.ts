/**
 * The print stage's browser: discovery (find.ts), the Chromium process
 * (chromium.ts), the Chromium started before the command line loads
 * (early.ts), and the session with its pool of confined pages (pool.ts).
 */
export { findBrowser, SYSTEM_BROWSERS, type FindOptions } from './find.js';
export { CHROMIUM_ARGS, PUPPETEER_DEFAULT_ARGS } from './chromium.js';
export { EarlyChromium, earlyChromium, discardEarly } from './early.js';
export { BrowserSession, POLL_MS, type SessionOptions } from './pool.js';
