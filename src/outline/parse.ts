/**
 * Reading and parsing outline files: YAML with positions, checked against
 * the schema, every problem of a file at once. Each slide remembers the file
 * and path it was written at (its origin), so that after extends and includes
 * its problems are still reported there.
 */
import { readFile } from 'node:fs/promises';
import { isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { inputError, LecternError, type Problem } from '../errors.js';
import { OutlinePart, Slide as SlideSchema, type OutlineInput, type SlideInput } from './schema.js';
import { positionsOf, type Path, type Positions } from './positions.js';
import { validateDocument, type ValidateOptions } from './validate.js';
import { syntaxProblems } from './yaml-errors.js';

export interface Located {
  file: string;
  line: number;
  column: number;
}

export const MAX_OUTLINE_BYTES = 2 * 1024 * 1024;

/** Where a slide object came from: its file, and its path within that file. */
export const ORIGIN = Symbol('origin');
interface Origin {
  file: string;
  positions: Positions;
  path: Path;
}
export type Traced<T> = T & { [ORIGIN]?: Origin };

export interface ParsedFile {
  file: string;
  text: string;
  value: Partial<OutlineInput>;
  positions: Positions;
}

export async function readText(file: string, what: string, from?: Located): Promise<string> {
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

/** An included file: a YAML list of slides, or an outline (only its `slides:` are taken). */
export function parseSlideList(text: string, file: string): ParsedFile {
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
export function locateSlide(slide: SlideInput, rest: Path, key = false): Located {
  const origin = (slide as Traced<SlideInput>)[ORIGIN];
  if (!origin) return { file: '', line: 1, column: 1 };
  const p = [...origin.path, ...rest];
  return { file: origin.file, ...(key ? origin.positions.key(p) : origin.positions.at(p)) };
}
