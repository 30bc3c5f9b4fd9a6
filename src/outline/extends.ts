/**
 * `extends` and `include`: an outline's chain of base outlines merged into
 * one (objects key by key, slides by id and placement), and `- include:`
 * items replaced by the slides of their files. Remembers which files wrote
 * each top-level field, for error positions.
 */
import path from 'node:path';
import { inputError, LecternError, type Problem } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { locateSlide, parseOutlineFile, parseSlideList, readText, type Located, type ParsedFile } from './parse.js';
import type { OutlineInput, SlideInput } from './schema.js';
import type { Path } from './positions.js';

const MAX_DEPTH = 16;

/** The files that wrote each top-level field, base first (a child's `vars:` adds to its base's). */
export type FieldFiles = Map<string, ParsedFile[]>;

export interface Chain {
  data: Partial<OutlineInput>;
  fieldFiles: FieldFiles;
  root: ParsedFile;
}

export function ownFields(value: Partial<OutlineInput>, parsed: ParsedFile): FieldFiles {
  return new Map(Object.keys(value).map((k) => [k, [parsed]]));
}

/** The file that wrote the value at `p` of the merged outline (the last in the chain that has it). */
export function ownerOf(fieldFiles: FieldFiles, root: ParsedFile, p: Path): ParsedFile {
  const owners = (typeof p[0] === 'string' && fieldFiles.get(p[0])) || [];
  for (let n = p.length; n >= 1; n--) {
    for (let i = owners.length - 1; i >= 0; i--) if (owners[i]!.positions.has(p.slice(0, n))) return owners[i]!;
  }
  return owners[owners.length - 1] ?? root;
}

export async function loadChain(file: string, files: string[], stack: string[], namedBy?: { where: Located; as: string }): Promise<Chain> {
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
