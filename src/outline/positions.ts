/** Where each node of a parsed YAML document was written: line and column by path. */
import { isMap, isScalar, type Document, type LineCounter, type Node } from 'yaml';

/** A path into a document or value: keys and list indexes. */
export type Path = Array<string | number>;

export interface Positions {
  /** Line and column of the node at `path`, or of its nearest ancestor that exists. */
  at(path: Path): { line: number; column: number };
  /** Whether this document itself has a node at `path`. */
  has(path: Path): boolean;
  /** Line and column of the key of the mapping entry at `path` (else as `at`). */
  key(path: Path): { line: number; column: number };
}

export function positionsOf(doc: Document, lines: LineCounter): Positions {
  return {
    has(path) {
      return path.length === 0 ? doc.contents !== null : doc.hasIn(path);
    },
    key(path) {
      const parent = doc.getIn(path.slice(0, -1), true) as Node | undefined;
      const last = path[path.length - 1];
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
        const range = (pair?.key as Node | undefined)?.range;
        if (range) {
          const { line, col } = lines.linePos(range[0]);
          return { line, column: col };
        }
      }
      return this.at(path);
    },
    at(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
        if (node && 'range' in node && node.range) {
          const { line, col } = lines.linePos(node.range[0]);
          return { line, column: col };
        }
      }
      return { line: 1, column: 1 };
    },
  };
}
