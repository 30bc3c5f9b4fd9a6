import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `unit` (npm run test:unit, run with --no-isolate: its files
 * share their workers' loaded modules — marp-core, the schema — 19 s instead
 * of 44 s on two cores; unit tests keep no module state) needs no browser and starts no
 * process: it runs with the browser pointed at nothing, so a test there that
 * tries to print fails instead of quietly launching Chromium. `browser` runs
 * in real Chromium, one for the whole run (tests/setup/browser.ts), and runs
 * the command line as a user does. `npm test` runs both.
 */
const BROWSER = [
  'tests/cli/pipe.test.ts',
  'tests/compose/lecturer.test.ts',
  'tests/course/{page,combine,shard,merge,serve}*.test.ts',
  'tests/export/pptx-libreoffice.test.ts',
  'tests/export/pptx-build-browser.test.ts',
  'tests/lectures/**/*.test.ts',
  'tests/pipeline/example.test.ts',
  'tests/pipeline/images.test.ts',
  'tests/pipeline/package.test.ts',
  'tests/pipeline/png.test.ts',
  'tests/pipeline/splice.test.ts',
  'tests/print/**/*.test.ts',
  'tests/render/**/*.test.ts',
  'tests/robustness/corpus.test.ts',
  'tests/serve/browser.test.ts',
  'tests/serve/rebuild.test.ts',
  'tests/serve/server.test.ts',
];

/** Extracted documents (PDF, DOCX…) are cached here during tests, not in the user's ~/.cache. */
const CACHE = { LECTERN_CACHE_DIR: fileURLToPath(new URL('node_modules/.cache/lectern-test', import.meta.url)) };

export default defineConfig({
  test: {
    pool: 'forks',
    // npm test reports coverage of src/ (both tiers; the command line run as a
    // child process is not counted); the thresholds are the level reached.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/render/runtime/**'],
      reporter: ['text-summary', 'json-summary'],
      // The level reached (93% of statements, 89% of branches), less a little for noise.
      thresholds: { statements: 92, branches: 87, functions: 94, lines: 92 },
    },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: BROWSER,
          env: { LECTERN_BROWSER: '/nonexistent/chromium', CHROME_PATH: '/nonexistent/chromium', ...CACHE },
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: BROWSER,
          globalSetup: ['tests/setup/browser.ts'],
          env: CACHE,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
