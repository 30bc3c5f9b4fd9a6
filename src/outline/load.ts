/**
 * Reading an outline: YAML with positions, checked against the schema, then
 * customized — `extends` (a base outline), `include` (slides from another
 * file), a variant, and `--set` overrides. Every problem of a file is
 * collected and thrown together; every value remembers the file and
 * line:column it came from, so that later stages report errors there.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { inputError, LecternError, usageError, type Problem } from '../errors.js';
import { didYouMean, nearest } from '../suggest.js';
import { OutlinePart, Slide as SlideSchema, type OutlineInput, type SlideInput, type VariantInput } from './schema.js';
import { applySet, parseSetArgs, type SetOverride } from './set.js';
import { positionsOf, validateDocument, type Path, type Positions, type ValidateOptions } from './validate.js';
import { syntaxProblems } from './yaml-errors.js';

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
    if (text.length > MAX_OUTLINE_BYTES)
      throw inputError('outline/too-large', `${what} is too large (${text.length} characters, limit ${MAX_OUTLINE_BYTES})`, { file });
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

/** Which schema a document is checked against, chosen by what its root is. */
interface SchemaChoice {
  schema: Record<string, unknown>;
  options?: ValidateOptions;
}

/**
 * Parse YAML text and check it against a schema, reporting every problem of
 * the file at once: syntax errors (each at the spot to edit), else a second
 * document and schema problems together.
 */
function parseYaml(text: string, file: string, choose: (root: unknown) => SchemaChoice): { value: unknown; positions: Positions; warnings: Problem[] } {
  const lines = new LineCounter();
  const body = text.replace(/^\uFEFF/, '');
  const docs = parseAllDocuments(body, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, merge: false, strict: true });
  const list: Document[] = Array.isArray(docs) ? docs : [];
  const problems: Problem[] = [];
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const doc = list[0];
  if (!doc || (doc.contents === null && doc.errors.length === 0)) {
    throw inputError(
      'outline/empty',
      'the file is empty',
      { file, line: 1, column: 1 },
      'an outline starts with `title:` and `slides:`; `lectern init` writes an example',
    );
  }
  if (list.length > 1) {
    // The "---" (or "...") line after the first document's contents starts the next one.
    const from = (doc.contents as Node | null)?.range?.[2] ?? 0;
    const marker = /^(?:---|\.\.\.)(?=\s|$)/m.exec(body.slice(from));
    const offset = marker ? from + marker.index : (list[1]!.range?.[0] ?? from);
    problems.push({
      severity: 'error',
      code: 'outline/several-documents',
      message: `the file holds more than one YAML document: the line "${marker?.[0] ?? '---'}" starts another`,
      hint: 'keep one outline per file: delete this line to continue the outline, or move what follows into a file of its own',
      ...at(offset),
    });
  }
  problems.push(...syntaxProblems(doc, body, lines, file));
  const warnings: Problem[] = doc.warnings.map((w) => ({
    severity: 'warning',
    code: `yaml/${w.code.toLowerCase().replace(/_/g, '-')}`,
    message: w.message.split('\n')[0]!,
    ...at(w.pos[0]),
  }));
  // A broken tree would only add noise; a duplicate key or a second document leaves it whole.
  const whole = doc.errors.every((e) => e.code === 'DUPLICATE_KEY');
  if (whole) {
    const { schema, options } = choose(doc.contents);
    const checked = validateDocument(doc, schema, file, lines, options);
    problems.push(...checked.problems);
    if (problems.length === 0) return { value: checked.value, positions: positionsOf(doc, lines), warnings };
  }
  throw new LecternError([...problems, ...warnings]);
}

const outlineSchema = (): SchemaChoice => ({ schema: OutlinePart as unknown as Record<string, unknown> });

/** Parse one outline file (pure: tests call it with strings). Fields may be missing; `finish` checks them. */
export function parseOutlineFile(text: string, file: string): ParsedFile {
  const { value, positions } = parseYaml(text, file, outlineSchema);
  const data = value as Partial<OutlineInput>;
  (data.slides ?? []).forEach((s, i) => ((s as Traced<SlideInput>)[ORIGIN] = { file, positions, path: ['slides', i] }));
  return { file, text, value: data, positions };
}

/** Parse a complete outline from a string, without extends or includes. */
export function parseOutline(text: string, file: string): LoadedOutline {
  const parsed = parseOutlineFile(text, file);
  return finish(parsed, parsed.value, ownFields(parsed.value, parsed), [file], undefined);
}

export async function loadOutline(file: string, options: LoadOptions = {}): Promise<LoadedOutline> {
  const abs = path.resolve(file);
  const files: string[] = [];
  const { data, fieldFiles, root } = await loadChain(abs, files, []);
  let merged = data;
  if (options.variant !== undefined) merged = applyVariant(merged, options.variant, fieldFiles, root);
  if (options.set?.length) merged = applySet(merged, parseSetArgs(options.set), () => ({ file: root.file }));
  return finish(root, merged, fieldFiles, files, options.variant);
}

/** Variant names of an outline file (after extends), for `--variant all`. */
export async function outlineVariants(file: string): Promise<string[]> {
  const { data } = await loadChain(path.resolve(file), [], []);
  return Object.keys(data.variants ?? {});
}

/** The files that wrote each top-level field, base first (a child's `vars:` adds to its base's). */
type FieldFiles = Map<string, ParsedFile[]>;

interface Chain {
  data: Partial<OutlineInput>;
  fieldFiles: FieldFiles;
  root: ParsedFile;
}

function ownFields(value: Partial<OutlineInput>, parsed: ParsedFile): FieldFiles {
  return new Map(Object.keys(value).map((k) => [k, [parsed]]));
}

/** The file that wrote the value at `p` of the merged outline (the last in the chain that has it). */
function ownerOf(fieldFiles: FieldFiles, root: ParsedFile, p: Path): ParsedFile {
  const owners = (typeof p[0] === 'string' && fieldFiles.get(p[0])) || [];
  for (let n = p.length; n >= 1; n--) {
    for (let i = owners.length - 1; i >= 0; i--) if (owners[i]!.positions.has(p.slice(0, n))) return owners[i]!;
  }
  return owners[owners.length - 1] ?? root;
}

async function loadChain(file: string, files: string[], stack: string[], namedBy?: { where: Located; as: string }): Promise<Chain> {
  if (stack.includes(file)) {
    throw inputError(
      'outline/extends-cycle',
      `outlines extend each other in a circle: ${[...stack, file].map((f) => path.basename(f)).join(' → ')}`,
      namedBy?.where ?? { file },
      'one of them must not extend the other',
    );
  }
  if (stack.length > MAX_DEPTH)
    throw inputError('outline/extends-depth', `more than ${MAX_DEPTH} levels of extends`, namedBy?.where ?? { file }, 'extend the outline you mean directly');
  let text: string;
  try {
    text = await readText(file, 'outline');
  } catch (err) {
    if (namedBy && err instanceof LecternError && err.code === 'outline/unreadable') {
      throw inputError('outline/unreadable', `extends: ${namedBy.as} not found (${file})`, namedBy.where, 'the path is relative to this outline');
    }
    throw err;
  }
  const parsed = parseOutlineFile(text, file);
  files.push(file);
  const own = { ...parsed.value, slides: await expandIncludes(parsed, parsed.value.slides ?? [], files, [...stack, file]) };
  if (!own.extends) return { data: own, fieldFiles: ownFields(own, parsed), root: parsed };
  const basePath = path.resolve(path.dirname(file), own.extends);
  const base = await loadChain(basePath, files, [...stack, file], { where: { file, ...parsed.positions.at(['extends']) }, as: own.extends });
  const data: Partial<OutlineInput> = { ...base.data };
  const fieldFiles: FieldFiles = new Map(base.fieldFiles);
  for (const [key, value] of Object.entries(own)) {
    if (key === 'extends' || key === 'slides') continue;
    (data as Record<string, unknown>)[key] = deepMerge((data as Record<string, unknown>)[key], value);
    fieldFiles.set(key, [...(fieldFiles.get(key) ?? []), parsed]);
  }
  data.slides = mergeSlides(base.data.slides ?? [], own.slides);
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

/** Keys that place a slide of an outline this one extends. */
const PLACEMENT = ['before', 'after', 'remove'] as const;

/**
 * A child outline's slides applied to its base's: a slide with a base slide's
 * id replaces it; `remove: ID` removes one; `before: ID`/`after: ID` insert
 * there; any other slide is added at the end. All problems at once.
 */
function mergeSlides(base: SlideInput[], child: SlideInput[]): SlideInput[] {
  const out = [...base];
  const problems: Problem[] = [];
  const ids = () => out.map((s) => s.id).filter((id): id is string => !!id);
  const indexOf = (id: string, slide: SlideInput, key: 'before' | 'after' | 'remove') => {
    const at = out.findIndex((s) => s.id === id);
    if (at < 0) {
      const removed = base.some((s) => s.id === id);
      problems.push({
        severity: 'error',
        code: 'outline/unknown-slide-id',
        message: removed ? `${key}: the slide "${id}" was removed above` : `${key}: no slide with id "${id}" in the extended outline`,
        hint: removed ? 'place or remove each slide once' : didYouMean(id, ids(), 'a slide id'),
        ...locateSlide(slide, [key]),
      });
    }
    return at;
  };
  for (const slide of child) {
    if (slide.remove !== undefined) {
      const others = Object.keys(slide).filter((k) => k !== 'remove');
      if (others.length) {
        problems.push({
          severity: 'error',
          code: 'outline/remove-alone',
          message: `a "remove" item takes no other keys (found ${others.join(', ')})`,
          hint: 'to change the slide instead, give its id and the fields to show; to remove it, keep only `- remove: ID`',
          ...locateSlide(slide, [others[0]!], true),
        });
        continue;
      }
      const at = indexOf(slide.remove, slide, 'remove');
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    if (slide.before !== undefined && slide.after !== undefined) {
      problems.push({
        severity: 'error',
        code: 'outline/before-and-after',
        message: 'a slide takes "before" or "after", not both',
        hint: 'keep the one that says where the slide goes',
        ...locateSlide(slide, ['after']),
      });
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
    if (others.length)
      throw inputError(
        'outline/include-alone',
        `an include item takes no other keys (found ${others.join(', ')})`,
        locateSlide(slide, [others[0]!], true),
        'write `- include: FILE` as an item of its own',
      );
    const file = path.resolve(path.dirname(parsed.file), slide.include);
    if (stack.includes(file))
      throw inputError(
        'outline/include-cycle',
        `include of ${slide.include} would include itself`,
        where,
        'a file cannot include itself, directly or through another file',
      );
    if (stack.length > MAX_DEPTH)
      throw inputError('outline/include-depth', `more than ${MAX_DEPTH} levels of include`, where, 'include the file you mean directly');
    const text = await readText(file, 'included file', where);
    const list = parseSlideList(text, file);
    files.push(file);
    out.push(...(await expandIncludes(list, list.value.slides ?? [], files, [...stack, file])));
  }
  return out;
}

/** An included file: a YAML list of slides, or an outline (only its `slides:` are taken). */
function parseSlideList(text: string, file: string): ParsedFile {
  let isList = false;
  const { value, positions } = parseYaml(text, file, (root) => {
    isList = isSeq(root);
    return isList
      ? { schema: { type: 'array', items: SlideSchema } as unknown as Record<string, unknown>, options: { root: 'the slide list', listName: 'slides' } }
      : outlineSchema();
  });
  if (!isList) {
    const data = value as Partial<OutlineInput>;
    (data.slides ?? []).forEach((s, i) => ((s as Traced<SlideInput>)[ORIGIN] = { file, positions, path: ['slides', i] }));
    return { file, text, value: data, positions };
  }
  const slides = value as SlideInput[];
  slides.forEach((s, i) => ((s as Traced<SlideInput>)[ORIGIN] = { file, positions, path: [i] }));
  return { file, text, value: { slides }, positions };
}

/** Where a slide (or a field of it) was written; `key`: at the field's key rather than its value. */
function locateSlide(slide: SlideInput, rest: Path, key = false): Located {
  const origin = (slide as Traced<SlideInput>)[ORIGIN];
  if (!origin) return { file: '', line: 1, column: 1 };
  const p = [...origin.path, ...rest];
  return { file: origin.file, ...(key ? origin.positions.key(p) : origin.positions.at(p)) };
}

function applyVariant(data: Partial<OutlineInput>, name: string, fieldFiles: FieldFiles, root: ParsedFile): Partial<OutlineInput> {
  const variants = data.variants ?? {};
  const variant: VariantInput | undefined = Object.hasOwn(variants, name) ? variants[name] : undefined;
  if (!variant) {
    const names = Object.keys(variants);
    throw usageError(
      names.length ? `unknown variant "${name}" of ${path.basename(root.file)}` : `${path.basename(root.file)} has no variants`,
      names.length ? didYouMean(name, names, 'a variant') : 'declare them under `variants:` in the outline',
    );
  }
  const locate = (p: Path): Located => {
    const owner = ownerOf(fieldFiles, root, p);
    return { file: owner.file, ...owner.positions.at(p) };
  };
  // A tag no slide has, close to one that some slide has, is a typo.
  const known = [...new Set((data.slides ?? []).flatMap((s) => s.tags ?? []))];
  const problems: Problem[] = [];
  for (const key of ['include_tags', 'exclude_tags'] as const) {
    (variant[key] ?? []).forEach((tag, i) => {
      if (known.includes(tag) || nearest(tag, known).length === 0) return;
      problems.push({
        severity: 'error',
        code: 'outline/unknown-tag',
        message: `${key}: no slide has the tag "${tag}"`,
        hint: didYouMean(tag, known),
        ...locate(['variants', name, key, i]),
      });
    });
  }
  if (problems.length) throw new LecternError(problems);
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
    const overrides: SetOverride[] = Object.entries(variant.set).map(([key, value]) => ({ path: key, value, from: `variants.${name}.set.${key}` }));
    out = applySet(out, overrides, (p) => locate(['variants', name, 'set', ...p]));
  }
  return out;
}

/** Required fields, then the located view of the merged outline. */
function finish(root: ParsedFile, data: Partial<OutlineInput>, fieldFiles: FieldFiles, files: string[], variant: string | undefined): LoadedOutline {
  const problems: Problem[] = [];
  const top = { file: root.file, ...root.positions.at([]) };
  if (data.title === undefined)
    problems.push({
      severity: 'error',
      code: 'outline/missing-key',
      message: 'the outline needs a "title"',
      hint: 'add `title: …` at the top (or in the outline it extends)',
      ...top,
    });
  if (!data.slides || data.slides.length === 0)
    problems.push({
      severity: 'error',
      code: 'outline/missing-key',
      message: 'the outline has no slides',
      hint: 'add `slides:` with at least one slide',
      ...top,
    });
  for (const s of data.slides ?? []) {
    const key = PLACEMENT.find((k) => s[k] !== undefined);
    if (key && !root.value.extends) {
      problems.push({
        severity: 'error',
        code: 'outline/needs-extends',
        message: `"${key}" places slides of an outline this one extends, but there is no extends:`,
        hint: 'add `extends: base.yaml`, or remove the key',
        ...locateSlide(s, [key]),
      });
    }
  }
  if (data.variants && Object.hasOwn(data.variants, 'all')) {
    const owner = ownerOf(fieldFiles, root, ['variants', 'all']);
    problems.push({
      severity: 'error',
      code: 'outline/reserved-variant',
      message: 'a variant cannot be called "all"',
      hint: '`--variant all` builds the outline and every variant; choose another name',
      file: owner.file,
      ...owner.positions.key(['variants', 'all']),
    });
  }
  const ids = new Map<string, SlideInput>();
  for (const s of data.slides ?? []) {
    if (!s.id) continue;
    const prior = ids.get(s.id);
    if (prior) {
      const here = locateSlide(s, ['id']);
      const other = locateSlide(prior, ['id']);
      const where = other.file === here.file ? `line ${other.line}` : `${path.basename(other.file)}:${other.line}`;
      problems.push({
        severity: 'error',
        code: 'outline/duplicate-id',
        message: `two slides have the id "${s.id}" (the other is on ${where})`,
        hint: 'ids must be unique: rename one of them',
        ...here,
      });
    }
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
      const owner = ownerOf(fieldFiles, root, p);
      return { file: owner.file, ...owner.positions.at(p) };
    },
  };
}
