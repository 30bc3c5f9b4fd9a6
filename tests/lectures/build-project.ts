/**
 * Building a lecture of tests/lectures/ as a lecturer would: a copy in a
 * temporary folder (never writing the repository), built with the run's one
 * Chromium, its PDFs read back page by page.
 */
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildResult } from '../../src/pipeline/build.js';
import type { Problem } from '../../src/errors.js';
import { flat, pdfFacts, pdfText } from '../helpers/pdf.js';
import { sharedSession, tempDir } from '../helpers/project.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const session = sharedSession();

export interface Built {
  dir: string;
  result: BuildResult;
  /** Text of each page of out/FILE, whitespace folded (read once). */
  pages(file: string): Promise<string[]>;
  facts(file: string): Promise<Awaited<ReturnType<typeof pdfFacts>>>;
  overflow: Problem[];
}

/** Copies tests/lectures/NAME to a temporary folder (never writing the repository) and builds it there. */
export async function buildProject(
  name: string,
  options: Omit<Parameters<typeof build>[0] & object, 'cwd' | 'session'>,
  /** Files to put in the copy first: path in the project → path under tests/fixtures (documents kept once, with their generators). */
  fixtures: Record<string, string> = {},
): Promise<Built> {
  const dir = await tempDir(`lectern lectures ${name} `);
  const from = path.join(HERE, name);
  await cp(from, dir, { recursive: true, filter: (src) => !/^(out|.*\.lock\.json)$/.test(path.relative(from, src).split(path.sep).pop() ?? '') });
  for (const [to, from] of Object.entries(fixtures)) {
    await mkdir(path.dirname(path.join(dir, to)), { recursive: true });
    await cp(path.join(HERE, '..', 'fixtures', from), path.join(dir, to));
  }
  const result = await build({ ...options, cwd: dir, session, force: true });
  const texts = new Map<string, Promise<string[]>>();
  return {
    dir,
    result,
    overflow: result.warnings.filter((w) => w.code === 'render/overflow'),
    pages(file) {
      if (!texts.has(file))
        texts.set(
          file,
          pdfText(path.join(dir, 'out', file)).then((p) => p.map(flat)),
        );
      return texts.get(file)!;
    },
    facts: (file) => pdfFacts(path.join(dir, 'out', file)),
  };
}
