/**
 * What a lecturer notices on the printed slides (issue 14, item 5): an English lecture built
 * in the browser and read back from the PDF, by text and by where the text stands.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import type { BrowserSession } from '../../src/print/browser/index.js';
import { sharedSession, tempDir, writeFiles } from '../helpers/project.js';

interface Run {
  str: string;
  x: number;
  y: number;
  right: number;
}

/** The text runs of each page with their positions (points). */
async function pdfRuns(file: string): Promise<Run[][]> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), useSystemFonts: false, verbosity: 0 }).promise;
  const pages: Run[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    const runs = content.items
      .filter((it) => 'str' in it && it.str.trim() !== '')
      .map((it) => {
        const item = it as { str: string; transform: number[]; width: number };
        return { str: item.str, x: item.transform[4]!, y: item.transform[5]!, right: item.transform[4]! + item.width };
      });
    // Chromium ends a text run at every soft hyphen of a hyphenated word ("The Pana" "ma Canal"):
    // the pieces of a word that touch on one line are one run, as a reader sees them.
    const joined: Run[] = [];
    for (const r of runs) {
      const last = joined.at(-1);
      const inWord = last && /\p{L}$/u.test(last.str) && /^\p{Ll}/u.test(r.str);
      if (last && inWord && Math.abs(last.y - r.y) < 0.5 && Math.abs(r.x - last.right) < 0.5)
        joined[joined.length - 1] = { ...last, str: last.str + r.str, right: r.right };
      else joined.push({ ...r });
    }
    pages.push(joined);
  }
  await doc.destroy();
  return pages;
}

const pageText = (runs: Run[]) => runs.map((r) => r.str).join(' ');

const SOURCE = `The Panama Canal treaty was signed on November 18, 1903. The Senate ratified it on February 23, 1904, after a long debate.

On May 4, 1904, the United States took control of the canal zone. Work went on through 1905 and the years after.

We must put moral chains upon our appetites; otherwise the republic will fall. The canal opened in August 1914.
`;

const OUTLINE = `title: The Progressive Era
author: Jane Doe
institution: Example University
course: HIST 214 — The Progressive Era
lang: en
sources:
  tr: ../sources/tr.txt
slides:
  - layout: title
  - title: The canal
    timeline:
      from: tr#p1-p3
  - title: Highlighted
    quote:
      ref: tr#p3.s1
      highlight: moral chains upon our appetites
  - title: Plain
    quote:
      ref: tr#p3.s1
  - layout: sources
`;

describe('an English lecture as printed', () => {
  let session: BrowserSession;
  let pages: Run[][];
  let md: string;

  beforeAll(async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'sources/tr.txt': SOURCE,
      'sources/tr.yaml':
        'title: Annual Message to Congress\nshort: Annual Message\nauthor: Theodore Roosevelt\npublisher: Government Printing Office\nyear: "1905"\nurl: https://example.org/message\nlang: en\n',
      'outlines/t.yaml': OUTLINE,
    });
    session = sharedSession();
    await build({ cwd: dir, session, formats: ['md', 'pdf'], outlines: ['outlines/t.yaml'] });
    pages = await pdfRuns(path.join(dir, 'out/t.pdf'));
    md = await readFile(path.join(dir, 'out/t.md'), 'utf8');
  });
  afterAll(() => session.close());

  it('separates the institution from the course on the title slide, the author on a line of its own', () => {
    const text = pageText(pages[0]!);
    expect(text).toContain('Example University · HIST 214 — The Progressive Era');
    const author = pages[0]!.find((r) => r.str.includes('Jane Doe'))!;
    const rest = pages[0]!.find((r) => r.str.includes('Example University'))!;
    expect(author.str).toBe('Jane Doe');
    expect(rest.y).toBeLessThan(author.y);
  });

  it('shows a timeline date as the source writes it, each description starting at one x', () => {
    const runs = pages[1]!;
    const dates = ['November 18, 1903', 'February 23, 1904', 'May 4, 1904', '1905', 'August 1914'];
    expect(runs.filter((r) => dates.includes(r.str)).map((r) => r.str)).toEqual(dates);
    expect(pageText(runs)).not.toContain('23 February 1904');
    const starts = ['The Panama Canal', 'The Senate ratified', 'On May 4', 'Work went on', 'The canal opened'].map((s) =>
      runs.find((r) => r.str.startsWith(s))!,
    );
    for (const run of starts) expect(run.x).toBeCloseTo(starts[0]!.x, 0);
    // The date column fits the longest date, with room to spare before the descriptions.
    const longest = Math.max(...runs.filter((r) => dates.includes(r.str)).map((r) => r.right));
    expect(starts[0]!.x).toBeGreaterThan(longest + 5);
  });

  it('highlights a phrase without moving the text around it', () => {
    expect(md).toContain('We must put <mark>moral chains upon our appetites</mark>; otherwise');
    const highlighted = pages[2]!;
    const plain = pages[3]!;
    const mark = highlighted.find((r) => r.str === 'moral chains upon our appetites')!;
    const after = highlighted.find((r) => r.str.startsWith('; otherwise'))!;
    // No gap between the highlight and the semicolon …
    expect(after.x - mark.right).toBeLessThan(0.5);
    // … and each line ends where it does without the highlight.
    const lineEnd = (runs: Run[], y: number) => Math.max(...runs.filter((r) => Math.abs(r.y - y) < 1).map((r) => r.right));
    expect(lineEnd(highlighted, mark.y)).toBeCloseTo(lineEnd(plain, plain.find((r) => r.str.startsWith('We must put'))!.y), 0);
  });

  it('ends each element of a bibliography entry with a full stop', () => {
    expect(pageText(pages[4]!)).toContain(
      'Theodore Roosevelt. Annual Message to Congress. Government Printing Office, 1905. URL: https://example.org/message.',
    );
  });
});
