/**
 * Checks a YAML document against a schema of src/outline/schema.ts and builds
 * the plain value at the same time, so that every problem is located at the
 * node that caused it and every problem of a file is reported at once.
 *
 * The value is built from the syntax tree by us, never by a generic YAML→JS
 * conversion: keys the schema does not know are reported instead of copied,
 * `__proto__`/`constructor`/`prototype` keys are refused, and aliases are
 * expanded with a budget (no alias bombs; walk.ts).
 */
import { isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node, type LineCounter } from 'yaml';
import type { Problem } from '../errors.js';
import { didYouMean, nearest } from '../suggest.js';
import type { Path } from './positions.js';
import { AliasBomb, describe, kindOf, report, resolveAlias, withAlias, type Context, type Schema } from './walk.js';

/** Paths are defined with positions (positions.ts); some modules still import the type from here. */
export type { Path } from './positions.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface ValidateOptions {
  /** What the whole document is called in messages (default "the outline"). */
  root?: string;
  /** The name of a document that is a list, for paths in messages ("slides" → slides[2].title). */
  listName?: string;
}

export function validateDocument(
  doc: Document,
  schema: Schema,
  file: string,
  lines: LineCounter,
  options: ValidateOptions = {},
): { value: unknown; problems: Problem[] } {
  const ctx: Context = {
    doc,
    file,
    lines,
    problems: [],
    refs: new Map(),
    expanded: 0,
    aliasStack: [],
    root: options.root ?? 'the outline',
    listName: options.listName,
  };
  try {
    const value = check(ctx, doc.contents as Node | null, schema, []);
    return { value, problems: ctx.problems };
  } catch (err) {
    if (err instanceof AliasBomb) return { value: undefined, problems: ctx.problems };
    throw err;
  }
}

function check(ctx: Context, raw: Node | null, schema: Schema, path: Path): unknown {
  if (typeof schema.$id === 'string' && schema.$id !== '' && !ctx.refs.has(schema.$id)) ctx.refs.set(schema.$id, schema);
  if (typeof schema.$ref === 'string') {
    const target = ctx.refs.get(schema.$ref);
    if (!target) throw new Error(`schema reference ${schema.$ref} not found`);
    return check(ctx, raw, target, path);
  }
  return withAlias(ctx, raw, (node) => {
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
  });
}

function checkUnion(ctx: Context, node: Node | null, options: Schema[], path: Path): unknown {
  const resolved = options.map((o) => (typeof o.$ref === 'string' ? (ctx.refs.get(o.$ref) ?? o) : o));
  if (resolved.every((o) => o.const !== undefined)) return checkScalarChoice(ctx, node, resolved, path);
  const want = isMap(node) ? 'object' : isSeq(node) ? 'array' : 'string';
  const index = resolved.findIndex((o) => o.type === want || (want === 'string' && o.const !== undefined));
  if (index < 0) {
    const kinds = resolved.map((o) => (o.type === 'object' ? 'a mapping' : o.type === 'array' ? 'a list' : 'text'));
    report(
      ctx,
      node,
      'outline/type',
      `${describe(ctx, path)} must be ${kinds.join(' or ')}, not ${kindOf(node)}`,
      typeHint(
        resolved.map((o) => String(o.type)),
        node,
      ),
    );
    return undefined;
  }
  return check(ctx, node, options[index]!, path);
}

function checkScalarChoice(ctx: Context, node: Node | null, options: Schema[], path: Path): unknown {
  const allowed = options.map((o) => String(o.const));
  const text = isScalar(node) && node.value !== null ? scalarText(node) : undefined;
  if (text !== undefined && allowed.includes(text)) return text;
  const list = allowed.map((a) => `"${a}"`).join(', ');
  report(
    ctx,
    node,
    'outline/enum',
    `${describe(ctx, path)} must be one of ${list}${text !== undefined ? `, not "${text}"` : `, not ${kindOf(node)}`}`,
    (text !== undefined && nearest(text, allowed).length > 0 ? didYouMean(text, allowed) : '') || `write one of ${list}`,
  );
  return undefined;
}

/**
 * The text a scalar was written as: `1.10` stays "1.10" (not 1.1), `10:00`
 * stays "10:00" (not 600 in YAML 1.1), `no` stays "no" (not false).
 */
function scalarText(node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  if (typeof node.source === 'string') return node.source;
  return String(node.value);
}

/** What to do when a value has the wrong shape. */
function typeHint(wanted: string[], node: Node | null): string {
  const got = isMap(node) ? 'object' : isSeq(node) ? 'array' : isScalar(node) && node.value !== null ? 'scalar' : 'nothing';
  if (got === 'nothing') return 'the value is missing: write it after the colon, on the same line (or indented below it for a list or mapping)';
  if (wanted.includes('string') && got === 'object') return 'a colon followed by a space starts a mapping; if this is text, put it in quotes';
  if (wanted.includes('string') && got === 'array') {
    return isSeq(node) && node.flow
      ? 'text starting with "[" is read as a list; put it in quotes'
      : 'lines starting with "- " make a list; write the text on one line after the colon';
  }
  if (wanted.includes('array')) return 'write the items on the lines below, each starting with "- " (or on one line as [a, b])';
  if (wanted.includes('object')) return 'write its fields below it as "key: value" lines, indented further than its own key';
  if (wanted.includes('boolean')) return 'write true or false';
  if (wanted.includes('number') || wanted.includes('integer')) return 'write a number, such as 3';
  return 'check the value against the outline format (docs/outline.md)';
}

function checkString(ctx: Context, node: Node | null, schema: Schema, path: Path): string | undefined {
  if (!isScalar(node) || node.value === null) {
    report(ctx, node, 'outline/type', `${describe(ctx, path)} must be text, not ${kindOf(node)}`, typeHint(['string'], node));
    return undefined;
  }
  const text = scalarText(node);
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(text)) {
    const last = path[path.length - 1];
    const description = typeof schema.description === 'string' ? schema.description : undefined;
    if (last === 'ref') {
      report(
        ctx,
        node,
        'outline/bad-address',
        `${describe(ctx, path)}: "${text}" is not an address`,
        'write SOURCE#p2 (a paragraph), SOURCE#p2.s3 (a sentence), SOURCE#p2.s1-s3, SOURCE#p2-p4, SOURCE#p2.s3-p3.s1, SOURCE#fn3 (a footnote) or SOURCE#pg45 (a printed page); `lectern passages FILE` lists them',
      );
    } else {
      report(ctx, node, 'outline/format', `${describe(ctx, path)}: "${text}" is not valid here`, description ?? `it must match ${schema.pattern}`);
    }
  }
  return text;
}

function checkPrimitive(ctx: Context, node: Node | null, type: string, path: Path): unknown {
  const v = isScalar(node) ? node.value : undefined;
  const ok = type === 'boolean' ? typeof v === 'boolean' : typeof v === 'number' && (type === 'number' || Number.isInteger(v));
  if (!ok) {
    report(
      ctx,
      node,
      'outline/type',
      `${describe(ctx, path)} must be ${type === 'boolean' ? 'true or false' : 'a number'}, not ${kindOf(node)}`,
      typeHint([type], node),
    );
    return undefined;
  }
  return v;
}

function checkArray(ctx: Context, node: Node | null, schema: Schema, path: Path): unknown[] | undefined {
  if (!isSeq(node)) {
    report(ctx, node, 'outline/type', `${describe(ctx, path)} must be a list (items starting with "- "), not ${kindOf(node)}`, typeHint(['array'], node));
    return undefined;
  }
  const out = node.items.map((item, i) => check(ctx, item as Node | null, (schema.items ?? {}) as Schema, [...path, i]));
  const min = schema.minItems as number | undefined;
  const max = schema.maxItems as number | undefined;
  const exactly = min !== undefined && min === max ? `exactly ${min}` : undefined;
  if (min !== undefined && out.length < min)
    report(
      ctx,
      node,
      'outline/count',
      `${describe(ctx, path)} needs ${exactly ?? `at least ${min}`} item${min === 1 ? '' : 's'}, not ${out.length}`,
      `add ${min - out.length} more`,
    );
  if (max !== undefined && out.length > max)
    report(ctx, node, 'outline/count', `${describe(ctx, path)} takes ${exactly ?? `at most ${max}`} items, not ${out.length}`, `remove ${out.length - max}`);
  return out;
}

/** Names under `sources:` and `variants:`. */
const NAME_PATTERN = '^[A-Za-z0-9_-]+$';

/** A mapping entry's key as text; keys that are not text, or are forbidden, are reported (undefined). */
function pairKey(ctx: Context, pair: { key: unknown; value: unknown }, path: Path): { key?: string; keyNode: Node | null } {
  const keyNode = resolveAlias(ctx, pair.key as Node | null);
  const key = isScalar(keyNode) && keyNode.value !== null ? scalarText(keyNode) : undefined;
  if (key === undefined) {
    report(
      ctx,
      keyNode ?? (pair.value as Node | null),
      'outline/key',
      `${describe(ctx, path)} has a key that is not text`,
      'write keys as plain words followed by ": "',
    );
    return { keyNode };
  }
  if (FORBIDDEN_KEYS.has(key)) {
    report(ctx, keyNode, 'outline/forbidden-key', `the key "${key}" is not allowed`, forbiddenHint(key));
    return { keyNode };
  }
  return { key, keyNode };
}

function checkObject(ctx: Context, node: Node | null, schema: Schema, path: Path): Record<string, unknown> | undefined {
  if (!isMap(node)) {
    const slideList = path.length === 0 && isSeq(node) && ctx.root === 'the outline';
    const hint = slideList
      ? 'a list of slides is included from an outline with `- include: FILE`; keep such files in a subfolder (outlines/parts/), since every .yaml file directly in outlines/ is built as an outline'
      : typeHint(['object'], node);
    report(ctx, node, 'outline/type', `${describe(ctx, path)} must be a mapping (key: value lines), not ${kindOf(node)}`, hint);
    return undefined;
  }
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>);
  const out: Record<string, unknown> = {};
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const { key, keyNode } = pairKey(ctx, pair, path);
    if (key === undefined) continue;
    const prop = Object.hasOwn(props, key) ? props[key] : patterns.find(([p]) => new RegExp(p).test(key))?.[1];
    if (!prop) {
      const known = Object.keys(props).filter((k) => k !== '$schema');
      if (patterns.length > 0 && known.length === 0) {
        const names = patterns.every(([p]) => p === NAME_PATTERN);
        report(
          ctx,
          keyNode,
          'outline/bad-name',
          `"${key}" is not a valid name in ${describe(ctx, path)}`,
          names ? 'names may use Latin letters, digits, "_" and "-" (no spaces)' : `names must match ${patterns.map(([p]) => p).join(' or ')}`,
        );
        continue;
      }
      if (key === '<<') {
        report(
          ctx,
          keyNode,
          'outline/unknown-key',
          `unknown key "<<" in ${describe(ctx, path)}: YAML merge keys are not supported`,
          'write the fields out, or share slides with include: and whole outlines with extends:',
        );
        continue;
      }
      const close = nearest(key, known);
      const looksLikeText = /\s/.test(key.trim()) || /[^\x00-\x7f]/.test(key);
      const hint =
        close.length > 0
          ? didYouMean(key, known)
          : looksLikeText
            ? `if "${key}: …" is meant as text, put the whole text in quotes: a colon followed by a space makes a key`
            : didYouMean(key, known, 'a known key');
      report(ctx, keyNode, 'outline/unknown-key', `unknown key "${key}" in ${describe(ctx, path)}`, hint);
      continue;
    }
    const value = check(ctx, pair.value as Node | null, prop, [...path, key]);
    if (value !== undefined) out[key] = value;
  }
  for (const req of (schema.required ?? []) as string[]) {
    if (!node.items.some((p) => isPair(p) && isScalar(p.key) && p.key.value === req)) {
      report(
        ctx,
        node,
        'outline/missing-key',
        `${describe(ctx, path)} needs "${req}"`,
        typeof props[req]?.description === 'string' ? `${req}: ${props[req].description}` : `add "${req}: …"`,
      );
    }
  }
  return out;
}

function forbiddenHint(key: string): string {
  return `"${key}" could change how every object behaves in the program reading the outline; rename the key`;
}

/**
 * Values the schema leaves free (template vars, a variant's `set:`): copied,
 * minus dangerous keys. A number keeps the text it was written as when the
 * number would read differently ("1.10", "0x1F", "1e3"): these values are
 * shown on slides.
 */
function freeValue(ctx: Context, node: Node | null, path: Path, depth = 0): unknown {
  return withAlias(ctx, node, (n) => {
    if (n === null) return null;
    if (depth > 50) {
      report(ctx, n, 'outline/too-deep', `${describe(ctx, path)} is nested too deeply`, 'more than 50 levels of lists and mappings; flatten it');
      return null;
    }
    if (isScalar(n)) {
      if (typeof n.value === 'number' && typeof n.source === 'string' && String(n.value) !== n.source.trim()) return n.source.trim();
      return n.value;
    }
    if (isSeq(n)) return n.items.map((item, i) => freeValue(ctx, item as Node | null, [...path, i], depth + 1));
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      for (const pair of n.items) {
        const { key } = pairKey(ctx, pair, path);
        if (key === undefined) continue;
        out[key] = freeValue(ctx, pair.value as Node | null, [...path, key], depth + 1);
      }
      return out;
    }
    return null;
  });
}
