/**
 * Checks a YAML document against a schema of src/outline/schema.ts and builds
 * the plain value at the same time, so that every problem is located at the
 * node that caused it and every problem of a file is reported at once.
 *
 * The value is built from the syntax tree by us, never by a generic YAML→JS
 * conversion: keys the schema does not know are reported instead of copied,
 * `__proto__`/`constructor`/`prototype` keys are refused, and aliases are
 * expanded with a budget (no alias bombs).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node, type LineCounter } from 'yaml';
import type { Problem } from '../errors.js';
import { didYouMean } from '../suggest.js';

type Schema = Record<string, unknown>;
export type Path = Array<string | number>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const ALIAS_BUDGET = 10_000;

export interface Positions {
  /** Line and column of the node at `path`, or of its nearest ancestor that exists. */
  at(path: Path): { line: number; column: number };
}

export function positionsOf(doc: Document, lines: LineCounter): Positions {
  return {
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

interface Context {
  doc: Document;
  file: string;
  lines: LineCounter;
  problems: Problem[];
  refs: Map<string, Schema>;
  aliases: number;
}

export function validateDocument(doc: Document, schema: Schema, file: string, lines: LineCounter): { value: unknown; problems: Problem[] } {
  const ctx: Context = { doc, file, lines, problems: [], refs: new Map(), aliases: 0 };
  const value = check(ctx, doc.contents as Node | null, schema, []);
  return { value, problems: ctx.problems };
}

function report(ctx: Context, node: Node | null | undefined, code: string, message: string, hint?: string): void {
  const offset = node && 'range' in node && node.range ? node.range[0] : 0;
  const { line, col } = ctx.lines.linePos(offset);
  ctx.problems.push({ severity: 'error', code, message, hint, file: ctx.file, line, column: col });
}

function describe(path: Path): string {
  if (path.length === 0) return 'the outline';
  return path.map((p, i) => (typeof p === 'number' ? `[${p + 1}]` : i === 0 ? p : `.${p}`)).join('');
}

function kindOf(node: Node | null): string {
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

function resolveAlias(ctx: Context, node: Node | null): Node | null {
  let n = node;
  while (n && isAlias(n)) {
    if (++ctx.aliases > ALIAS_BUDGET) {
      report(ctx, node, 'outline/alias-budget', `too many alias expansions (over ${ALIAS_BUDGET})`, 'this looks like an alias bomb; write the values out');
      return null;
    }
    n = (n.resolve(ctx.doc) as Node | undefined) ?? null;
  }
  return n;
}

function check(ctx: Context, raw: Node | null, schema: Schema, path: Path): unknown {
  if (typeof schema.$id === 'string' && schema.$id !== '' && !ctx.refs.has(schema.$id)) ctx.refs.set(schema.$id, schema);
  if (typeof schema.$ref === 'string') {
    const target = ctx.refs.get(schema.$ref);
    if (!target) throw new Error(`schema reference ${schema.$ref} not found`);
    return check(ctx, raw, target, path);
  }
  const node = resolveAlias(ctx, raw);
  if (Array.isArray(schema.anyOf)) return checkUnion(ctx, node, schema.anyOf as Schema[], path);
  if (schema.const !== undefined) return checkScalarChoice(ctx, node, [schema], path);
  switch (schema.type) {
    case 'object':
      return checkObject(ctx, node, schema, path);
    case 'array':
      return checkArray(ctx, node, schema, path);
    case 'string':
      return checkString(ctx, node, schema, path);
    case 'boolean':
    case 'number':
    case 'integer':
      return checkPrimitive(ctx, node, schema.type, path);
    default:
      return freeValue(ctx, node, path);
  }
}

function checkUnion(ctx: Context, node: Node | null, options: Schema[], path: Path): unknown {
  const resolved = options.map((o) => (typeof o.$ref === 'string' ? (ctx.refs.get(o.$ref) ?? o) : o));
  if (resolved.every((o) => o.const !== undefined)) return checkScalarChoice(ctx, node, resolved, path);
  const want = isMap(node) ? 'object' : isSeq(node) ? 'array' : 'string';
  const index = resolved.findIndex((o) => o.type === want || (want === 'string' && o.const !== undefined));
  if (index < 0) {
    const kinds = resolved.map((o) => (o.type === 'object' ? 'a mapping' : o.type === 'array' ? 'a list' : 'text'));
    report(ctx, node, 'outline/type', `${describe(path)} must be ${kinds.join(' or ')}, not ${kindOf(node)}`);
    return undefined;
  }
  return check(ctx, node, options[index]!, path);
}

function checkScalarChoice(ctx: Context, node: Node | null, options: Schema[], path: Path): unknown {
  const allowed = options.map((o) => String(o.const));
  const text = isScalar(node) ? scalarText(node) : undefined;
  if (text !== undefined && allowed.includes(text)) return text;
  report(ctx, node, 'outline/enum', `${describe(path)} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}${text !== undefined ? `, not "${text}"` : ''}`, text !== undefined ? didYouMean(text, allowed) : undefined);
  return undefined;
}

/** The text a scalar was written as: `1.10` stays "1.10", not 1.1; `no` stays "no". */
function scalarText(node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  if (typeof node.source === 'string') return node.source;
  return String(node.value);
}

function checkString(ctx: Context, node: Node | null, schema: Schema, path: Path): string | undefined {
  if (!isScalar(node) || node.value === null) {
    report(ctx, node, 'outline/type', `${describe(path)} must be text, not ${kindOf(node)}`, isMap(node) ? 'a colon followed by a space starts a mapping; put the text in quotes' : undefined);
    return undefined;
  }
  const text = scalarText(node);
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(text)) {
    report(ctx, node, 'outline/format', `${describe(path)}: "${text}" is not valid here`, typeof schema.description === 'string' ? schema.description : undefined);
  }
  return text;
}

function checkPrimitive(ctx: Context, node: Node | null, type: string, path: Path): unknown {
  const v = isScalar(node) ? node.value : undefined;
  const ok = type === 'boolean' ? typeof v === 'boolean' : typeof v === 'number' && (type === 'number' || Number.isInteger(v));
  if (!ok) {
    report(ctx, node, 'outline/type', `${describe(path)} must be ${type === 'boolean' ? 'true or false' : 'a number'}, not ${kindOf(node)}`);
    return undefined;
  }
  return v;
}

function checkArray(ctx: Context, node: Node | null, schema: Schema, path: Path): unknown[] | undefined {
  if (!isSeq(node)) {
    report(ctx, node, 'outline/type', `${describe(path)} must be a list (items starting with "- "), not ${kindOf(node)}`);
    return undefined;
  }
  const out = node.items.map((item, i) => check(ctx, item as Node | null, (schema.items ?? {}) as Schema, [...path, i]));
  const min = schema.minItems as number | undefined;
  const max = schema.maxItems as number | undefined;
  if (min !== undefined && out.length < min) report(ctx, node, 'outline/count', `${describe(path)} needs at least ${min} item${min === 1 ? '' : 's'}`);
  if (max !== undefined && out.length > max) report(ctx, node, 'outline/count', `${describe(path)} takes at most ${max} items`);
  return out;
}

function checkObject(ctx: Context, node: Node | null, schema: Schema, path: Path): Record<string, unknown> | undefined {
  if (!isMap(node)) {
    report(ctx, node, 'outline/type', `${describe(path)} must be a mapping (key: value lines), not ${kindOf(node)}`);
    return undefined;
  }
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>);
  const out: Record<string, unknown> = {};
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const keyNode = resolveAlias(ctx, pair.key as Node | null);
    const key = isScalar(keyNode) ? scalarText(keyNode) : undefined;
    if (key === undefined) {
      report(ctx, keyNode, 'outline/key', `${describe(path)} has a key that is not text`);
      continue;
    }
    if (FORBIDDEN_KEYS.has(key)) {
      report(ctx, keyNode, 'outline/forbidden-key', `the key "${key}" is not allowed`, 'rename it');
      continue;
    }
    const prop = Object.hasOwn(props, key) ? props[key] : patterns.find(([p]) => new RegExp(p).test(key))?.[1];
    if (!prop) {
      const known = Object.keys(props).filter((k) => k !== '$schema');
      const hint = /\s/.test(key.trim())
        ? `if "${key}: …" is meant as text, put it in quotes: a colon followed by a space makes a key`
        : patterns.length > 0
          ? `keys here must match ${patterns.map(([p]) => p).join(' or ')}`
          : didYouMean(key, known, 'a known key');
      report(ctx, keyNode, 'outline/unknown-key', `unknown key "${key}" in ${describe(path)}`, hint);
      continue;
    }
    const value = check(ctx, pair.value as Node | null, prop, [...path, key]);
    if (value !== undefined) out[key] = value;
  }
  for (const req of (schema.required ?? []) as string[]) {
    if (!node.items.some((p) => isPair(p) && isScalar(p.key) && p.key.value === req)) {
      report(ctx, node, 'outline/missing-key', `${describe(path)} needs "${req}"`, typeof props[req]?.description === 'string' ? `${req}: ${props[req].description}` : undefined);
    }
  }
  return out;
}

/** Values the schema leaves free (template vars): copied, minus dangerous keys. */
function freeValue(ctx: Context, node: Node | null, path: Path, depth = 0): unknown {
  const n = resolveAlias(ctx, node);
  if (n === null) return null;
  if (depth > 50) {
    report(ctx, n, 'outline/too-deep', `${describe(path)} is nested too deeply`);
    return null;
  }
  if (isScalar(n)) return n.value;
  if (isSeq(n)) return n.items.map((item, i) => freeValue(ctx, item as Node | null, [...path, i], depth + 1));
  if (isMap(n)) {
    const out: Record<string, unknown> = {};
    for (const pair of n.items) {
      const keyNode = resolveAlias(ctx, pair.key as Node | null);
      const key = isScalar(keyNode) ? scalarText(keyNode) : '';
      if (FORBIDDEN_KEYS.has(key)) {
        report(ctx, keyNode, 'outline/forbidden-key', `the key "${key}" is not allowed`, 'rename it');
        continue;
      }
      out[key] = freeValue(ctx, pair.value as Node | null, [...path, key], depth + 1);
    }
    return out;
  }
  return null;
}
