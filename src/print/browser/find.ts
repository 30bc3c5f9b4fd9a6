/**
 * Which Chromium prints: an explicit path (flag, config, LECTERN_BROWSER or
 * PUPPETEER_EXECUTABLE_PATH), then the usual system paths (/usr/bin/chromium
 * first, as on Debian). Lectern depends on puppeteer-core alone: installing it
 * never downloads a browser.
 */
import { existsSync } from 'node:fs';
import { EXIT, LecternError } from '../../errors.js';

export const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/usr/local/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export interface FindOptions {
  /** --browser flag or config `browser:`. */
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  /** For tests: the system paths to try. */
  systemPaths?: string[];
}

export function findBrowser(options: FindOptions = {}): { path: string; via: string } {
  const env = options.env ?? process.env;
  const explicit: Array<[string | undefined, string]> = [
    [options.explicit, 'the --browser option or config'],
    [env.LECTERN_BROWSER, 'LECTERN_BROWSER'],
    [env.PUPPETEER_EXECUTABLE_PATH, 'PUPPETEER_EXECUTABLE_PATH'],
  ];
  for (const [candidate, via] of explicit) {
    if (!candidate) continue;
    if (existsSync(candidate)) return { path: candidate, via };
    throw new LecternError(
      {
        severity: 'error',
        code: 'browser/not-found',
        message: `the browser set by ${via} does not exist: ${candidate}`,
        hint: 'fix the path, or unset it to use the system Chromium',
      },
      EXIT.environment,
    );
  }
  for (const candidate of options.systemPaths ?? SYSTEM_BROWSERS) {
    if (existsSync(candidate)) return { path: candidate, via: 'system' };
  }
  throw new LecternError(
    {
      severity: 'error',
      code: 'browser/not-found',
      message: 'no Chromium or Chrome found to print PDFs',
      hint: 'install one (Debian/Ubuntu: `apt-get install -y chromium`), or set --browser PATH or LECTERN_BROWSER; HTML and Markdown need no browser (--format md,html)',
    },
    EXIT.environment,
  );
}
