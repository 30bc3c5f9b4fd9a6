/**
 * `--set path=value` (and a variant's `set:`): override one field of the
 * merged outline, typed by the schema. Paths are dotted: `title`,
 * `vars.week`, `handout.paper`, `slides.terms.title` (a slide by id, or by
 * 1-based position).
 */
import { parse as parseYamlValue } from 'yaml';
import { LecternError, usageError, type Problem } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { Outline, type OutlineInput } from './schema.js';
import type { Path } from './positions.js';

export interface SetOverride {
  path: string;
  /** A string from the command line, or a value from a variant's YAML. */
  value: unknown;
  /** How the user wrote it, for messages: "--set title=…". */
  from: string;
}

type Schema = Record<string, unknown>;
/** Where an override was written (for a variant's `set:`), given its key. */
type Locate = (p: Path) => { file?: string; line?: number; column?: number };

export function parseSetArgs(args: string[]): SetOverride[] {
  return args.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw usageError(`--set "${arg}" is not path=value`, 'e.g. --set title="Лекция 7" or --set slides.terms.title=Положения');
    const key = arg.slice(0, eq).trim();
    if (key.split('.').some((k) => k === ''))
      throw usageError(`--set "${arg}": "${key}" is not a field path`, 'write dotted field names: title, vars.week, slides.terms.title');
    return { path: key, value: arg.slice(eq + 1), from: `--set ${arg}` };
  });
}

export function applySet(data: Partial<OutlineInput>, overrides: SetOverride[], locate: Locate): Partial<OutlineInput> {
  const out = structuredCloneKeepingSlides(data);
  const problems: Problem[] = [];
  for (const o of overrides) {
    try {
      setOne(out as Record<string, unknown>, o);
    } catch (err) {
      if (!(err instanceof SetError)) throw err;
      if (o.from.startsWith('--set')) throw usageError(`${o.from}: ${err.message}`, err.hint);
      problems.push({ severity: 'error', code: 'outline/set', message: `${o.from}: ${err.message}`, hint: err.hint, ...locate([o.path]) });
    }
  }
  if (problems.length) throw new LecternError(problems);
  return out;
}

class SetError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Top-level copy with the slides list and each touched slide copied (origins kept by spread). */
function structuredCloneKeepingSlides(data: Partial<OutlineInput>): Partial<OutlineInput> {
  return { ...data, slides: data.slides?.map((s) => ({ ...s })) };
}

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];
/** Fields that shape how the outline is put together, settled before overrides apply. */
const UNSETTABLE = ['extends', '$schema', 'variants', 'before', 'after', 'remove', 'include'];
const SLIDE = (Outline.properties.slides as unknown as Schema).items as Schema;

function setOne(root: Record<string, unknown>, o: SetOverride): void {
  const keys = o.path.split('.');
  let schema = Outline as unknown as Schema;
  let target: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const last = i === keys.length - 1;
    const sofar = keys.slice(0, i + 1).join('.');
    if (FORBIDDEN.includes(key)) throw new SetError(`"${key}" cannot be set`, 'it is not a field of an outline');
    if (UNSETTABLE.includes(key) && (i === 0 || schema === SLIDE))
      throw new SetError(`"${sofar}" cannot be set`, `${key} is read from the file before anything is overridden`);
    if (Array.isArray(target)) {
      // slides.ID or slides.N (1-based); likewise columns.N, timeline.N
      const items = (schema.items ?? {}) as Schema;
      const parent = keys.slice(0, i).join('.');
      if (items.type !== 'object') throw new SetError(`"${parent}" is a list of texts; set it whole`, `e.g. --set '${parent}=[first, second]'`);
      const list = target as Array<Record<string, unknown>>;
      const byId = list.findIndex((s) => s.id === key);
      const index = byId >= 0 ? byId : /^[1-9]\d*$/.test(key) ? Number(key) - 1 : -1;
      if (index < 0 || index >= list.length) {
        const ids = list.map((s) => String(s.id ?? '')).filter(Boolean);
        const what = parent === 'slides' ? 'slide' : 'item';
        throw new SetError(
          `no ${what} "${key}" in ${parent}`,
          (ids.length ? didYouMean(key, ids, `a ${what} id`) + ' ' : '') + `(or a number from 1 to ${list.length})`,
        );
      }
      if (last) throw new SetError(`a whole ${parent === 'slides' ? 'slide' : 'item'} cannot be set; set one of its fields (${sofar}.title=…)`);
      schema = items;
      target = list[index] = { ...list[index] };
      continue;
    }
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>);
    const free = patterns.find(([p]) => new RegExp(p).test(key))?.[1];
    const next = Object.hasOwn(props, key) ? props[key] : free;
    if (!next) {
      const known = Object.keys(props).filter((k) => k !== '$schema');
      if (patterns.length && !known.length)
        throw new SetError(`"${key}" is not a valid name in ${keys.slice(0, i).join('.')}`, 'names may use Latin letters, digits, "_" and "-"');
      throw new SetError(i === 0 ? `unknown field "${key}"` : `unknown field "${key}" in ${keys.slice(0, i).join('.')}`, didYouMean(key, known, 'a field'));
    }
    if (last) {
      (target as Record<string, unknown>)[key] = convert(o.value, next, o.path);
      return;
    }
    const child: unknown = (target as Record<string, unknown>)[key];
    const kind =
      next.type ?? (Array.isArray(next.anyOf) ? (next.anyOf as Schema[]).map((x) => x.type).find((t) => t === 'object' || t === 'array') : undefined);
    if (kind === 'array' && !isRecord(child)) {
      if (child === undefined) throw new SetError(`"${sofar}" is empty; nothing to set in it`, `set it whole: ${sofar}=…`);
      if (!Array.isArray(child))
        throw new SetError(`"${sofar}" is ${typeof child === 'string' ? 'text' : 'a single value'}, so it has no items`, `set it whole: ${sofar}=…`);
      target = (target as Record<string, unknown>)[key] = [...child];
    } else if (kind === 'object' || free === next) {
      if (child !== undefined && !isRecord(child))
        throw new SetError(`"${sofar}" is ${typeof child === 'string' ? 'text' : 'a single value'}, so it has no fields`, `set it whole: ${sofar}=…`);
      target = (target as Record<string, unknown>)[key] = { ...(child ?? {}) };
    } else {
      throw new SetError(`"${sofar}" is a single value, so it has no fields`, `set it whole: ${sofar}=…`);
    }
    schema = next;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value typed by the schema: command-line strings are read as the schema wants them. */
function convert(value: unknown, schema: Schema, where: string): unknown {
  const options = Array.isArray(schema.anyOf) ? (schema.anyOf as Schema[]) : [schema];
  const consts = options.filter((s) => s.const !== undefined).map((s) => String(s.const));
  if (consts.length) {
    if (consts.includes(String(value))) return String(value);
    throw new SetError(`"${String(value)}" is not one of ${consts.join(', ')}`, didYouMean(String(value), consts));
  }
  const type = options.map((s) => s.type).find((t) => t !== undefined);
  const text = typeof value === 'string' ? value : undefined;
  switch (type) {
    case 'string':
      if (typeof value === 'object' || value === undefined)
        throw new SetError(`${where} takes text`, value === null ? 'the value is missing; quote it if it is the word "null" or "~"' : undefined);
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(String(value)))
        throw new SetError(`"${String(value)}" is not valid for ${where}`, typeof schema.description === 'string' ? schema.description : undefined);
      return String(value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (text === 'true' || text === 'false') return text === 'true';
      throw new SetError(`${where} takes true or false, not "${String(value)}"`, `write ${where}=true or ${where}=false`);
    case 'number':
    case 'integer':
      if (typeof value === 'number') return value;
      if (text !== undefined && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
      throw new SetError(`${where} takes a number, not "${String(value)}"`, `e.g. ${where}=3`);
    case 'array': {
      const items = (schema.items ?? {}) as Schema;
      if (items.type === 'object')
        throw new SetError(
          `${where} is a list of ${where.endsWith('slides') ? 'slides' : 'mappings'}; set the fields of one item (${where}.ID.title=… or ${where}.1.title=…)`,
        );
      const list =
        text !== undefined
          ? text.trim().startsWith('[')
            ? readYaml(text, where)
            : text
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean)
          : value;
      if (!Array.isArray(list)) throw new SetError(`${where} takes a list (a,b or [a, b])`);
      return list.map((item) => convert(item, items, where));
    }
    case 'object':
      throw new SetError(`${where} is a mapping; set its fields one by one (${where}.FIELD=…)`);
    default: {
      // Free values (vars): read as YAML reads them, except that a number
      // keeps the text it was written as when it would read differently ("1.10").
      if (text === undefined) return value;
      const read = readYaml(text, where, true);
      if (read === NOT_YAML) return text;
      if (typeof read === 'number' && String(read) !== text.trim()) return text.trim();
      return read ?? text;
    }
  }
}

/** A YAML value from the command line, with no keys that could change how objects behave. */
const NOT_YAML = Symbol('not YAML');

function readYaml(text: string, where: string, lenient = false): unknown {
  let value: unknown;
  try {
    value = parseYamlValue(text, { merge: false, maxAliasCount: 100 }) as unknown;
  } catch (err) {
    if (lenient) return NOT_YAML;
    throw new SetError(`${where}: "${text}" is not valid YAML (${(err as Error).message.split('\n')[0]})`, 'quote the value, or write a list as [a, b]');
  }
  const clean = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(clean);
    if (isRecord(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (FORBIDDEN.includes(k)) throw new SetError(`${where}: the key "${k}" is not allowed`);
        out[k] = clean(x);
      }
      return out;
    }
    return v;
  };
  return clean(value);
}
