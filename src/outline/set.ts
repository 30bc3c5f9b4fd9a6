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
import type { Path } from './validate.js';

export interface SetOverride {
  path: string;
  /** A string from the command line, or a value from a variant's YAML. */
  value: unknown;
  /** How the user wrote it, for messages: "--set title=…". */
  from: string;
}

type Schema = Record<string, unknown>;
type Locate = (p: Path) => { file: string; line: number; column: number };

export function parseSetArgs(args: string[]): SetOverride[] {
  return args.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw usageError(`--set "${arg}" is not path=value`, 'e.g. --set title="Лекция 7" or --set slides.terms.title=Положения');
    return { path: arg.slice(0, eq).trim(), value: arg.slice(eq + 1), from: `--set ${arg}` };
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
      problems.push({ severity: 'error', code: 'outline/set', message: `${o.from}: ${err.message}`, hint: err.hint, ...locate([]) });
    }
  }
  if (problems.length) throw new LecternError(problems);
  return out;
}

class SetError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** Top-level copy with the slides list and each touched slide copied (origins kept by spread). */
function structuredCloneKeepingSlides(data: Partial<OutlineInput>): Partial<OutlineInput> {
  return { ...data, slides: data.slides?.map((s) => ({ ...s })) };
}

function setOne(root: Record<string, unknown>, o: SetOverride): void {
  const keys = o.path.split('.');
  let schema = Outline as unknown as Schema;
  let target: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const last = i === keys.length - 1;
    if (Array.isArray(target)) {
      // slides.ID or slides.N
      const list = target as Array<Record<string, unknown>>;
      const byId = list.findIndex((s) => s.id === key);
      const index = byId >= 0 ? byId : /^\d+$/.test(key) ? Number(key) - 1 : -1;
      if (index < 0 || index >= list.length) {
        throw new SetError(`no slide "${key}"`, didYouMean(key, list.map((s) => String(s.id ?? '')).filter(Boolean), 'a slide id'));
      }
      if (last) throw new SetError('a whole slide cannot be set; set one of its fields');
      schema = (schema.items ?? {}) as Schema;
      target = list[index] = { ...list[index] };
      continue;
    }
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    const free = schema.patternProperties ? (Object.values(schema.patternProperties as Record<string, Schema>)[0] ?? {}) : undefined;
    const next = Object.hasOwn(props, key) ? props[key] : free;
    if (!next || ['__proto__', 'constructor', 'prototype'].includes(key)) {
      throw new SetError(`unknown field "${keys.slice(0, i + 1).join('.')}"`, didYouMean(key, Object.keys(props).filter((k) => k !== '$schema')));
    }
    if (last) {
      (target as Record<string, unknown>)[key] = convert(o.value, next, o.path);
      return;
    }
    const child: unknown = (target as Record<string, unknown>)[key];
    if (next.type === 'array') {
      if (!Array.isArray(child)) throw new SetError(`"${keys.slice(0, i + 1).join('.')}" is empty; nothing to set in it`);
      target = (target as Record<string, unknown>)[key] = [...child];
    } else {
      target = (target as Record<string, unknown>)[key] = { ...(typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : {}) };
    }
    schema = next;
  }
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
      if (typeof value === 'object' && value !== null) throw new SetError(`${where} takes text`);
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(String(value))) throw new SetError(`"${String(value)}" is not valid for ${where}`, typeof schema.description === 'string' ? schema.description : undefined);
      return String(value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (text === 'true' || text === 'false') return text === 'true';
      throw new SetError(`${where} takes true or false`);
    case 'number':
    case 'integer':
      if (typeof value === 'number') return value;
      if (text !== undefined && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
      throw new SetError(`${where} takes a number`);
    case 'array': {
      const list = text !== undefined ? (text.trim().startsWith('[') ? (parseYamlValue(text) as unknown) : text.split(',').map((s) => s.trim()).filter(Boolean)) : value;
      if (!Array.isArray(list)) throw new SetError(`${where} takes a list (a,b or [a, b])`);
      return list.map((item) => convert(item, (schema.items ?? {}) as Schema, where));
    }
    case 'object':
      throw new SetError(`${where} is a mapping; set its fields one by one (${where}.FIELD=…)`);
    default:
      // Free values (vars): YAML scalars typed as YAML reads them.
      return text !== undefined ? (parseYamlValue(text) as unknown) ?? text : value;
  }
}
