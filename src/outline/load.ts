/**
 * Reading an outline: YAML with positions, checked against the schema, then
 * customized — `extends` (a base outline), `include` (slides from another
 * file), a variant, and `--set` overrides. Every problem of a file is
 * collected and thrown together; every value remembers the file and
 * line:column it came from, so that later stages report errors there.
 *
 * Files are read and parsed in parse.ts, extends and includes merged in
 * extends.ts; here the variant and `--set` are applied and the result checked.
 */
import path from 'node:path';
import { LecternError, usageError, type Problem } from '../errors.js';
import { didYouMean, nearest } from '../suggest.js';
import { loadChain, ownerOf, ownFields, type FieldFiles } from './extends.js';
import { locateSlide, parseOutlineFile, type Located, type ParsedFile } from './parse.js';
import type { OutlineInput, SlideInput, VariantInput } from './schema.js';
import { applySet, parseSetArgs, type SetOverride } from './set.js';
import type { Path } from './positions.js';

export type { Located } from './parse.js';

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

/** Keys that place a slide of an outline this one extends. */
const PLACEMENT = ['before', 'after', 'remove'] as const;

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
