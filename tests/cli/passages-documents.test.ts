/**
 * `lectern passages` on the documents lecturers have (issue 16), run as a
 * user types it: a PDF whose text layer is garbled on two pages names those
 * pages and never prints their garbage; with Tesseract it prints what OCR
 * read there; `--page` and `--json` show pages and kinds.
 */
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT, tempDir } from '../helpers/project.js';

const fixture = (rel: string) => path.join(ROOT, 'tests/fixtures/sources', rel);

async function project(files: Record<string, string>, sidecars: Record<string, string> = {}): Promise<string> {
  const dir = await tempDir();
  for (const [to, from] of Object.entries(files)) await copyFile(fixture(from), path.join(dir, to));
  for (const [to, text] of Object.entries(sidecars)) await writeFile(path.join(dir, to), text);
  return dir;
}

describe('lectern passages on a PDF with a garbled text layer', () => {
  it('with ocr: off, names the pages left out and prints none of their garbage', async () => {
    const dir = await project({ 'garbled.pdf': 'pdf/garbled.pdf' }, { 'garbled.yaml': 'lang: en\nocr: off\n' });
    const { code, out, err } = await runCli(dir, ['passages', 'garbled.pdf']);
    expect(code).toBe(0);
    expect(err).toContain('warning [source/no-text-layer]');
    expect(err).toContain('pages 2–3');
    expect(out).toContain('no usable text layer, left out (a scan, or fonts without a Unicode map): pages 2–3');
    expect(out).toContain('The first page has a good text layer.');
    expect(out).toContain('The last page can be read again.');
    // Nothing from pages 2 and 3: every sentence printed is on page 1 or 4.
    const json = JSON.parse((await runCli(dir, ['passages', 'garbled.pdf', '--json'])).out);
    expect(json.pages.map((p: { state: string }) => p.state)).toEqual(['text', 'no-text', 'no-text', 'text']);
    const pages = json.paragraphs.flatMap((p: { sentences: Array<{ page: number }> }) => p.sentences.map((s) => s.page));
    expect([...new Set(pages)]).toEqual([1, 4]);
    for (const p of json.paragraphs) expect(p.text).toMatch(/^[A-Za-z ,.'’-]+$/);
  });

  it('with Tesseract (ocr: auto), prints what OCR read on those pages', async () => {
    const dir = await project({ 'garbled.pdf': 'pdf/garbled.pdf' }, { 'garbled.yaml': 'lang: en\n' });
    const { code, out } = await runCli(dir, ['passages', 'garbled.pdf', '--page', '2']);
    expect(code).toBe(0);
    expect(out).toContain('read by OCR (no usable text layer): page 2');
    expect(out).toContain('This page is set in a font whose Unicode map is broken, so its text is nonsense.');
    expect(out).not.toContain('The first page has a good text layer.');
  });
});

describe('lectern passages --json on a paginated source', () => {
  it('gives page, pageLabel and kind, and the pages with their state', async () => {
    const dir = await project({ 'journal.pdf': 'pdf/journal.pdf' });
    const { code, out } = await runCli(dir, ['passages', 'journal.pdf', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.format).toBe('pdf');
    expect(json.pages.map((p: { label: string }) => p.label)).toEqual(['i', '45', '46']);
    const compiler = json.paragraphs.find((p: { text: string }) => p.text.startsWith('A compiler translates'));
    expect(compiler).toMatchObject({ kind: 'body', page: 2, pageLabel: '45' });
    expect(compiler.sentences[0]).toMatchObject({ page: 2, pageLabel: '45' });
    expect(json.paragraphs.find((p: { kind: string }) => p.kind === 'footnote')).toMatchObject({ id: 'fn1', note: '1', pageLabel: '45' });
    expect(json.paragraphs.filter((p: { kind: string }) => p.kind === 'caption').map((p: { pageLabel: string }) => p.pageLabel)).toEqual(['45', '46']);
  });
});
