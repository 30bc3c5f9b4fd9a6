/** Path containment and paths as shown to the user: one definition each. */
import path from 'node:path';
import type { Problem } from '../errors.js';

/** `file` is `dir` or inside it (lexically: resolve links first where that matters). */
export function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** A path for messages: relative to `cwd` when it is an absolute path below it, else as given. */
export function shownPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}

/** A problem with its file shown relative to where the user is (see shownPath). */
export function shownProblem(p: Problem, cwd: string): Problem {
  return p.file ? { ...p, file: shownPath(p.file, cwd) } : p;
}
