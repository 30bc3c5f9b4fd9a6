/**
 * Path confinement: sources, images, templates, themes and outlines that an
 * outline pulls in must lie inside the project (or a folder the config
 * allows), after following symlinks — a shared outline or template folder
 * cannot read /etc/passwd or a neighbour's files.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { isInside } from './paths.js';

export interface Confinement {
  roots: string[];
  /** The reason a path is refused, or undefined when it is inside a root. */
  check(file: string): string | undefined;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    // Not there (yet): confine what it would be, resolving its nearest existing parent.
    const parent = path.dirname(p);
    return parent === p ? p : path.join(real(parent), path.basename(p));
  }
}

export function confinement(roots: string[]): Confinement {
  const realRoots = [...new Set(roots.map((r) => real(path.resolve(r))))];
  return {
    roots: realRoots,
    check(file) {
      const target = real(path.resolve(file));
      if (realRoots.some((r) => isInside(target, r))) return undefined;
      return `${file}${target !== path.resolve(file) ? ` (${target})` : ''} is outside the project (${realRoots.join(', ')})`;
    },
  };
}
