/**
 * `lectern build --format pptx` as a user runs it: the PowerPoint written
 * without a browser (pointed at nothing, so that starting one would fail),
 * one slide part per slide, and a second build answered from the cache.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createEngine, prepareOutline } from '../../src/pipeline/build.js';
import { runBin } from '../helpers/cli.js';
import { exampleProject } from '../helpers/project.js';

const NAME = 'ussr-japan-1925';
const NO_BROWSER = { LECTERN_BROWSER: '/nonexistent/chromium', CHROME_PATH: '/nonexistent/chromium' };

describe('--format pptx', () => {
  it('writes out/NAME.pptx with no browser, one slide per slide of the deck, then answers from the cache', async () => {
    const dir = await exampleProject();
    const first = await runBin(dir, ['build', `outlines/${NAME}.yaml`, '--format', 'pptx'], NO_BROWSER);
    expect(first.err).not.toMatch(/^error/m);
    expect(first.code, first.err).toBe(0);
    expect(first.err).toContain(`wrote out/${NAME}.pptx`);

    const zip = unzipSync(new Uint8Array(await readFile(path.join(dir, 'out', `${NAME}.pptx`))));
    const slides = Object.keys(zip).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    const { slides: rendered } = await prepareOutline(createEngine(dir), path.join(dir, 'outlines', `${NAME}.yaml`));
    expect(rendered.slideCount).toBeGreaterThan(10);
    expect(slides).toHaveLength(rendered.slideCount);
    expect(new TextDecoder().decode(zip['[Content_Types].xml'])).toContain('presentationml');

    const second = await runBin(dir, ['build', `outlines/${NAME}.yaml`, '--format', 'pptx'], NO_BROWSER);
    expect(second.code, second.err).toBe(0);
    expect(second.err).toContain(`unchanged out/${NAME}.pptx`);
    expect(second.err).toContain('0 files written');
  });

  it('a PNG build does need the browser: pointed at nothing, it fails as an environment error', async () => {
    const dir = await exampleProject();
    const run = await runBin(dir, ['build', `outlines/${NAME}.yaml`, '--format', 'png'], NO_BROWSER);
    expect(run.code).toBe(3);
    expect(run.err).toMatch(/nonexistent/);
  });
});
