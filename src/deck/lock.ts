/**
 * Drift: a lock file beside each outline (NAME.lock.json, meant to be
 * committed) records the text of every passage the outline references, as it
 * was when the outline was last checked. When a source later changes under a
 * reference, the next check or build says so, showing the old and new text;
 * `--strict` makes that an error and `lectern check --update-lock` accepts
 * the new text.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inputError, type Problem } from '../errors.js';
import { writeAtomic } from '../build/write.js';
import type { Resolved } from './resolve.js';

export interface LockFile {
  lectern: 1;
  passages: Record<string, { sha256: string; text: string }>;
}

export function lockPath(outlineFile: string): string {
  return outlineFile.replace(/\.ya?ml$/i, '') + '.lock.json';
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

async function readLock(file: string): Promise<LockFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as LockFile;
    if (data && typeof data.passages === 'object' && data.passages !== null) return data;
  } catch {
    // fall through
  }
  throw inputError('lock/invalid', 'the lock file is not valid', { file }, 'delete it and run `lectern check` to record the passages again');
}

/** The two texts around their first difference, so that a change late in a long passage shows. */
function excerpts(was: string, now: string, width = 150): [string, string] {
  let i = 0;
  while (i < was.length && i < now.length && was[i] === now[i]) i++;
  const start = Math.max(0, i - Math.floor(width / 3));
  const cut = (t: string) => `${start > 0 ? '…' : ''}${t.slice(start, start + width)}${t.length > start + width ? '…' : ''}`;
  return [cut(was), cut(now)];
}

export interface LockResult {
  problems: Problem[];
  /** Call once the build succeeded: records new references (and, with update, changed ones). */
  commit(): Promise<void>;
}

export async function checkLock(outlineFile: string, refs: Resolved['references'], options: { strict?: boolean; update?: boolean } = {}): Promise<LockResult> {
  const file = lockPath(outlineFile);
  const lock = (await readLock(file)) ?? { lectern: 1 as const, passages: {} };
  const problems: Problem[] = [];
  let changed = false;
  const next: LockFile = { lectern: 1, passages: { ...lock.passages } };
  for (const [key, { text, where }] of refs) {
    const entry = lock.passages[key];
    const sha256 = hash(text);
    if (!entry) {
      next.passages[key] = { sha256, text };
      changed = true;
    } else if (entry.sha256 !== sha256) {
      if (options.update) {
        next.passages[key] = { sha256, text };
        changed = true;
      } else {
        const [was, now] = excerpts(entry.text, text);
        problems.push({
          severity: options.strict ? 'error' : 'warning',
          code: 'ref/drift',
          message: `the source changed under ${key}:\n    was: «${was}»\n    now: «${now}»`,
          hint: 'check that the reference still says what the slide needs, then accept the new text with `lectern check --update-lock`',
          ...where,
        });
      }
    }
  }
  return {
    problems,
    async commit() {
      if (!changed) return;
      const sorted: LockFile = { lectern: 1, passages: Object.fromEntries(Object.entries(next.passages).sort(([a], [b]) => a.localeCompare(b))) };
      await writeAtomic(file, JSON.stringify(sorted, null, 2) + '\n');
    },
  };
}
