/**
 * The schema walker's state and primitives: reporting a problem at a node,
 * naming paths and nodes in messages, and expanding aliases within a budget.
 */
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type LineCounter, type Node } from 'yaml';
import type { Problem } from '../errors.js';
import type { Path } from './positions.js';

export type Schema = Record<string, unknown>;

/** Nodes visited through aliases, at most: an alias of an alias of … (or of a huge list) is refused. */
const ALIAS_BUDGET = 10_000;

export interface Context {
  doc: Document;
  file: string;
  lines: LineCounter;
  problems: Problem[];
  refs: Map<string, Schema>;
  /** Nodes visited inside alias expansions so far. */
  expanded: number;
  /** The aliases being expanded, outermost first (where an alias bomb is reported). */
  aliasStack: Node[];
  /** What each alias stands for, found in one pass over the document (the parser's own lookup walks the whole document per alias). */
  aliasTargets?: Map<Node, Node | null>;
  /** How messages name the document and paths that start with a list index. */
  root: string;
  listName?: string;
}

/** Thrown to stop at an alias bomb: everything after it would be noise. */
export class AliasBomb extends Error {}

export function report(ctx: Context, node: Node | null | undefined, code: string, message: string, hint?: string): void {
  const offset = node && 'range' in node && node.range ? node.range[0] : 0;
  const { line, col } = ctx.lines.linePos(offset);
  ctx.problems.push({ severity: 'error', code, message, hint, file: ctx.file, line, column: col });
}

export function describe(ctx: Context, path: Path): string {
  if (path.length === 0) return ctx.root;
  const text = path.map((p, i) => (typeof p === 'number' ? `[${p + 1}]` : i === 0 ? p : `.${p}`)).join('');
  return typeof path[0] === 'number' ? `${ctx.listName ?? 'item'}${text}` : text;
}

export function kindOf(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing (null)';
    return typeof v === 'string' ? 'text' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? `the boolean ${v}` : 'a value';
  }
  return 'a value';
}

/**
 * The node an alias stands for. Every node visited inside an alias expansion
 * counts against the budget, so that neither nested aliases (a billion laughs)
 * nor many aliases of one huge list can make the check run for ever.
 */
export function resolveAlias(ctx: Context, node: Node | null): Node | null {
  if (ctx.aliasStack.length > 0) spend(ctx, node);
  let n = node;
  while (n && isAlias(n)) {
    spend(ctx, n);
    n = aliasTargets(ctx).get(n) ?? null;
  }
  return n;
}

/** Each alias's node: the last node before it (in document order) with its anchor, as YAML defines it. */
function aliasTargets(ctx: Context): Map<Node, Node | null> {
  if (ctx.aliasTargets) return ctx.aliasTargets;
  const targets = new Map<Node, Node | null>();
  const anchors = new Map<string, Node>();
  visit(ctx.doc, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source) ?? null);
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  ctx.aliasTargets = targets;
  return targets;
}

function spend(ctx: Context, node: Node | null): void {
  if (++ctx.expanded <= ALIAS_BUDGET) return;
  report(
    ctx,
    ctx.aliasStack[0] ?? node,
    'outline/alias-bomb',
    `aliases here expand to more than ${ALIAS_BUDGET} values`,
    'this looks like an alias bomb (aliases of aliases of …); write the values out, or use fewer aliases',
  );
  throw new AliasBomb();
}

/** Runs `fn` on the node `raw` stands for, keeping track of the aliases being expanded. */
export function withAlias<T>(ctx: Context, raw: Node | null, fn: (node: Node | null) => T): T {
  const node = resolveAlias(ctx, raw);
  if (node === raw) return fn(node);
  ctx.aliasStack.push(raw!);
  try {
    return fn(node);
  } finally {
    ctx.aliasStack.pop();
  }
}
