/**
 * Reading an outline: YAML with positions, checked against the schema, then
 * customized — `extends` (a base outline), `include` (slides from another
 * file), a variant, and `--set` overrides. Every problem of a file is
 * collected and thrown together; every value remembers the file and
 * line:column it came from, so that later stages report errors there.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { inputError, LecternError, usageError, type Problem } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { OutlinePart, Slide as SlideSchema, type OutlineInput, type SlideInput, type VariantInput } from './schema.js';
import { applySet, parseSetArgs, type SetOverride } from './set.js';
import { positionsOf, validateDocument, type Path, type Positions } from './validate.js';

export interface Located {
  file: string;
  line: number;
  column: number;
}

export interface LoadedOutline {
  /** Absolute path of the outline named on the command line. */
  file: string;
  /** Output base name: file name without extension, plus ".VARIANT". */
  name: string;
  variant?: string;
  data: OutlineInput;
  /** Where a path of the merged outline was written (its file, line and column). */
  locate(path: Path): Located;
  /** Every file this outline was made from (for cache keys and watching). */
  files: string[];
  /** The outline's raw text, for hashing. */
  text: string;
}

export interface LoadOptions {
  variant?: string;
  /** `--set path=value` overrides, applied last. */
  set?: string[];
}

export const MAX_OUTLINE_BYTES = 2 * 1024 * 1024;
const MAX_DEPTH = 16;

/** Where a slide object came from: its file, and its path within that file. */
const ORIGIN = Symbol('origin');
interface Origin {
  file: string;
  positions: Positions;
  path: Path;
}
type Traced<T> = T & { [ORIGIN]?: Origin };

interface ParsedFile {
  file: string;
  text: string;
  value: Partial<OutlineInput>;
  positions: Positions;
}

async function readText(file: string, what: string, from?: Located): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    if (text.length > MAX_OUTLINE_BYTES) throw inputError('outline/too-large', `${what} is too large (${text.length} characters, limit ${MAX_OUTLINE_BYTES})`, { file });
    return text;
  } catch (err) {
    if (err instanceof LecternError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw inputError(
      'outline/unreadable',
      code === 'ENOENT' ? `${what} not found: ${file}` : `cannot read ${what} ${file} (${code})`,
      from ?? { file },
      code === 'ENOENT' ? 'check the path (relative to the file that names it)' : undefined,
    );
  }
}

/** Parse YAML text and check it against a schema; all problems at once. */
function parseYaml(text: string, file: string, schema: Record<string, unknown>): { value: unknown; positions: Positions; warnings: Problem[] } {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), { lineCounter: lines, uniqueKeys: true, prettyErrors: false, merge: false, strict: true });
  const list: Document[] = Array.isArray(docs) ? docs : [];
  const problems: Problem[] = [];
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  if (list.length === 0 || list[0]!.contents === null) {
    throw inputError('outline/empty', 'the file is empty', { file, line: 1, column: 1 }, 'an outline starts with `title:` and `slides:`; `lectern init` writes an example');
  }
  if (list.length > 1) {
    problems.push({ severity: 'error', code: 'outline/several-documents', message: 'the file holds more than one YAML document (a line "---" or "..." starts another)', hint: 'keep one outline per file; remove the extra "---"', ...at(list[1]!.range?.[0] ?? 0) });
  }
  const doc = list[0]!;
  for (const e of doc.errors) {
    problems.push({ severity: 'error', code: `yaml/${e.code.toLowerCase().replace(/_/g, '-')}`, message: yamlMessage(e.code, e.message), hint: yamlHint(e.code, text, e.pos[0]), ...at(e.pos[0]) });
  }
  const warnings: Problem[] = doc.warnings.map((w) => ({ severity: 'warning', code: `yaml/${w.code.toLowerCase().replace(/_/g, '-')}`, message: w.message.split('\n')[0]!, ...at(w.pos[0]) }));
  if (problems.length > 0) throw new LecternError([...problems, ...warnings]);
  const { value, problems: schemaProblems } = validateDocument(doc, schema, file, lines);
  if (schemaProblems.length > 0) throw new LecternError(schemaProblems);
  return { value, positions: positionsOf(doc, lines), warnings };
}

/** Parse one outline file (pure: tests call it with strings). Fields may be missing; `finish` checks them. */
export function parseOutlineFile(text: string, file: string): ParsedFile {
  const { value, positions } = parseYaml(text, file, OutlinePart as unknown as Record<string, unknown>);
  const data = value as Partial<OutlineInput>;
  (data.slides ?? []).forEach((s, i) => ((s as Traced<SlideInput>)[ORIGIN] = { file, positions, path: ['slides', i] }));
  return { file, text, value: data, positions };
}

/** Parse a complete outline from a string, without extends or includes. */
export function parseOutline(text: string, file: string): LoadedOutline {
  const parsed = parseOutlineFile(text, file);
  const fieldFiles = new Map(Object.keys(parsed.value).map((k) => [k, parsed]));
  return finish(parsed, parsed.value, fieldFiles, [file], undefined);
}

export async function loadOutline(file: string, options: LoadOptions = {}): Promise<LoadedOutline> {
  const abs = path.resolve(file);
  const files: string[] = [];
  const { data, fieldFiles, root } = await loadChain(abs, files, []);
  let merged = data;
  if (options.variant !== undefined) merged = applyVariant(merged, options.variant, fieldFiles, root);
  if (options.set?.length) merged = applySet(merged, parseSetArgs(options.set), locateSet(root));
  return finish(root, merged, fieldFiles, files, options.variant);
}

/** Variant names of an outline file (after extends), for `--variant all`. */
export async function outlineVariants(file: string): Promise<string[]> {
  const { data } = await loadChain(path.resolve(file), [], []);
  return Object.keys(data.variants ?? {});
}

interface Chain {
  data: Partial<OutlineInput>;
  /** Which file set each top-level field. */
  fieldFiles: Map<string, ParsedFile>;
  root: ParsedFile;
}

async function loadChain(file: string, files: string[], stack: string[]): Promise<Chain> {
  if (stack.includes(file)) {
    throw inputError('outline/extends-cycle', `outlines extend each other in a circle: ${[...stack, file].map((f) => path.basename(f)).join(' → ')}`, { file });
  }
  if (stack.length > MAX_DEPTH) throw inputError('outline/extends-depth', `more than ${MAX_DEPTH} levels of extends`, { file });
  const parsed = parseOutlineFile(await readText(file, 'outline'), file);
  files.push(file);
  const own = { ...parsed.value, slides: await expandIncludes(parsed, parsed.value.slides ?? [], files, [...stack, file]) };
  if (!own.extends) {
    return { data: own, fieldFiles: new Map(Object.keys(own).map((k) => [k, parsed])), root: parsed };
  }
  const basePath = path.resolve(path.dirname(file), own.extends);
  let base: Chain;
  try {
    base = await loadChain(basePath, files, [...stack, file]);
  } catch (err) {
    if (err instanceof LecternError && err.code === 'outline/unreadable') {
      throw inputError('outline/unreadable', `extends: ${own.extends} not found (${basePath})`, { file, ...parsed.positions.at(['extends']) }, 'the path is relative to this outline');
    }
    throw err;
  }
  const data: Partial<OutlineInput> = { ...base.data };
  const fieldFiles = new Map(base.fieldFiles);
  for (const [key, value] of Object.entries(own)) {
    if (key === 'extends' || key === 'slides') continue;
    (data as Record<string, unknown>)[key] = deepMerge((data as Record<string, unknown>)[key], value);
    fieldFiles.set(key, parsed);
  }
  data.slides = mergeSlides(base.data.slides ?? [], own.slides, parsed);
  delete data.extends;
  return { data, fieldFiles, root: parsed };
}

/** Objects merge key by key (the child wins); anything else is replaced. */
function deepMerge(base: unknown, child: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(child)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(child)) out[k] = deepMerge(base[k], v);
    return out;
  }
  return child;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A child outline's slides applied to its base's: a slide with a base slide's
 * id replaces it; `remove: ID` removes one; `before: ID`/`after: ID` insert
 * there; any other slide is added at the end.
 */
function mergeSlides(base: SlideInput[], child: SlideInput[], parsed: ParsedFile): SlideInput[] {
  const out = [...base];
  const problems: Problem[] = [];
  const ids = () => out.map((s) => s.id).filter((id): id is string => !!id);
  const indexOf = (id: string, slide: SlideInput, key: 'before' | 'after' | 'remove') => {
    const at = out.findIndex((s) => s.id === id);
    if (at < 0) {
      problems.push({ severity: 'error', code: 'outline/unknown-slide-id', message: `${key}: no slide with id "${id}" in the extended outline`, hint: didYouMean(id, ids(), 'a slide id'), ...locateSlide(slide, [key]) });
    }
    return at;
  };
  for (const slide of child) {
    if (slide.remove !== undefined) {
      const at = indexOf(slide.remove, slide, 'remove');
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    const anchor = slide.before ?? slide.after;
    const existing = slide.id ? out.findIndex((s) => s.id === slide.id) : -1;
    if (anchor !== undefined) {
      if (existing >= 0) out.splice(existing, 1);
      const at = indexOf(anchor, slide, slide.before !== undefined ? 'before' : 'after');
      if (at >= 0) out.splice(slide.before !== undefined ? at : at + 1, 0, slide);
    } else if (existing >= 0) {
      out[existing] = slide;
    } else {
      out.push(slide);
    }
  }
  if (problems.length) throw new LecternError(problems);
  void parsed;
  return out;
}

/** `- include: more.yaml` items replaced by the slides of that file (a list, or an outline's `slides:`). */
async function expandIncludes(parsed: ParsedFile, slides: SlideInput[], files: string[], stack: string[]): Promise<SlideInput[]> {
  const out: SlideInput[] = [];
  for (const slide of slides) {
    if (slide.include === undefined) {
      out.push(slide);
      continue;
    }
    const where = locateSlide(slide, ['include']);
    const others = Object.keys(slide).filter((k) => k !== 'include');
    if (others.length) throw inputError('outline/include-alone', `an include item takes no other keys (found ${others.join(', ')})`, where);
    const file = path.resolve(path.dirname(parsed.file), slide.include);
    if (stack.includes(file)) throw inputError('outline/include-cycle', `include of ${slide.include} would include itself`, where);
    if (stack.length > MAX_DEPTH) throw inputError('outline/include-depth', `more than ${MAX_DEPTH} levels of include`, where);
    const text = await readText(file, 'included file', where);
    const list = parseSlideList(text, file);
    files.push(file);
    out.push(...(await expandIncludes(list, list.value.slides ?? [], files, [...stack, file])));
  }
  return out;
}

/** An included file: a YAML list of slides, or a mapping with `slides:`. */
function parseSlideList(text: string, file: string): ParsedFile {
  const looksLikeList = /^\s*(#.*\n\s*)*-/.test(text);
  if (!looksLikeList) return parseOutlineFile(text, file);
  const { value, positions } = parseYaml(text, file, { type: 'array', items: SlideSchema } as unknown as Record<string, unknown>);
  const slides = value as SlideInput[];
  slides.forEach((s, i) => ((s as Traced<SlideInput>)[ORIGIN] = { file, positions, path: [i] }));
  return { file, text, value: { slides }, positions };
}

function locateSlide(slide: SlideInput, rest: Path): Located {
  const origin = (slide as Traced<SlideInput>)[ORIGIN];
  if (!origin) return { file: '', line: 1, column: 1 };
  return { file: origin.file, ...origin.positions.at([...origin.path, ...rest]) };
}

function applyVariant(data: Partial<OutlineInput>, name: string, fieldFiles: Map<string, ParsedFile>, root: ParsedFile): Partial<OutlineInput> {
  const variants = data.variants ?? {};
  const variant: VariantInput | undefined = variants[name];
  if (!variant) {
    const names = Object.keys(variants);
    throw usageError(
      names.length ? `unknown variant "${name}" of ${path.basename(root.file)}` : `${path.basename(root.file)} has no variants`,
      names.length ? didYouMean(name, names, 'a variant') : 'declare them under `variants:` in the outline',
    );
  }
  const include = variant.include_tags;
  const exclude = variant.exclude_tags ?? [];
  const slides = (data.slides ?? []).filter((s) => {
    const tags = s.tags ?? [];
    if (tags.some((t) => exclude.includes(t))) return false;
    if (include && tags.length > 0 && !tags.some((t) => include.includes(t))) return false;
    return true;
  });
  let out: Partial<OutlineInput> = { ...data, slides };
  if (variant.set) {
    const file = fieldFiles.get('variants') ?? root;
    const overrides: SetOverride[] = Object.entries(variant.set).map(([key, value]) => ({ path: key, value, from: `variants.${name}.set.${key}` }));
    out = applySet(out, overrides, (p) => ({ file: file.file, ...file.positions.at(['variants', name, 'set', ...p.slice(0, 1)]) }));
  }
  return out;
}

function locateSet(root: ParsedFile) {
  return (_p: Path): Located => ({ file: root.file, line: 1, column: 1 });
}

/** Required fields, then the located view of the merged outline. */
function finish(root: ParsedFile, data: Partial<OutlineInput>, fieldFiles: Map<string, ParsedFile>, files: string[], variant: string | undefined): LoadedOutline {
  const problems: Problem[] = [];
  if (data.title === undefined) problems.push({ severity: 'error', code: 'outline/missing-key', message: 'the outline needs a "title"', hint: 'add `title: …` at the top (or in the outline it extends)', file: root.file, line: 1, column: 1 });
  if (!data.slides || data.slides.length === 0) problems.push({ severity: 'error', code: 'outline/missing-key', message: 'the outline has no slides', hint: 'add `slides:` with at least one slide', file: root.file, line: 1, column: 1 });
  for (const s of data.slides ?? []) {
    if (s.remove !== undefined || s.include !== undefined || s.before !== undefined || s.after !== undefined) {
      const key = s.remove !== undefined ? 'remove' : s.include !== undefined ? 'include' : s.before !== undefined ? 'before' : 'after';
      if (key === 'include') continue;
      if (!root.value.extends) problems.push({ severity: 'error', code: 'outline/needs-extends', message: `"${key}" places slides of an outline this one extends, but there is no extends:`, hint: 'add `extends: base.yaml`, or remove the key', ...locateSlide(s, [key]) });
    }
  }
  const ids = new Map<string, SlideInput>();
  for (const s of data.slides ?? []) {
    if (!s.id) continue;
    const prior = ids.get(s.id);
    if (prior) problems.push({ severity: 'error', code: 'outline/duplicate-id', message: `two slides have the id "${s.id}"`, hint: `the other is at ${fmt(locateSlide(prior, ['id']))}; ids must be unique`, ...locateSlide(s, ['id']) });
    ids.set(s.id, s);
  }
  if (problems.length) throw new LecternError(problems);
  // Object rest keeps the (enumerable) origin symbol: placement keys go, origins stay.
  const slides = data.slides!.map(({ before: _b, after: _a, remove: _r, include: _i, ...rest }) => rest as SlideInput);
  const merged = { ...data, slides } as OutlineInput;
  delete (merged as Partial<OutlineInput>).extends;
  const base = path.basename(root.file).replace(/\.ya?ml$/i, '');
  return {
    file: root.file,
    name: variant ? `${base}.${variant}` : base,
    variant,
    data: merged,
    files,
    text: root.text,
    locate(p) {
      if (p[0] === 'slides' && typeof p[1] === 'number') {
        const slide = merged.slides[p[1]];
        if (slide) {
          const at = locateSlide(slide, p.slice(2));
          if (at.file) return at;
        }
      }
      const owner = (typeof p[0] === 'string' && fieldFiles.get(p[0])) || root;
      return { file: owner.file, ...owner.positions.at(p) };
    },
  };
}

function fmt(l: Located): string {
  return `${l.file}:${l.line}:${l.column}`;
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return `duplicate key: ${first.replace(/^Map keys must be unique;?\s*/, '') || 'a key appears twice in the same mapping'}`;
  return first;
}

function yamlHint(code: string, text: string, offset: number): string | undefined {
  if (code === 'DUPLICATE_KEY') return 'each key may appear once per mapping; merge the two or rename one';
  if (text.slice(Math.max(0, offset - 40), offset + 40).includes('\t')) return 'YAML does not allow tabs for indentation; use spaces';
  if (code === 'BAD_INDENT' || code === 'BAD_INDENTATION') return 'check that items of one list or mapping start in the same column';
  if (code === 'MISSING_CHAR' || code === 'BAD_SCALAR_START') return 'text containing ": " or starting with a special character must be quoted';
  return undefined;
}
