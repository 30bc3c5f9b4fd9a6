/**
 * Reading an outline file: YAML with positions, checked against the schema.
 * Every problem in the file is collected and thrown together.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { inputError, LecternError, type Problem } from '../errors.js';
import { Outline as OutlineSchema, type OutlineInput } from './schema.js';
import { positionsOf, validateDocument, type Positions } from './validate.js';

export interface LoadedOutline {
  /** Absolute path. */
  file: string;
  /** Output base name: the file name without extension. */
  name: string;
  data: OutlineInput;
  positions: Positions;
  /** The outline's raw text, for hashing and drift checks. */
  text: string;
}

export const MAX_OUTLINE_BYTES = 2 * 1024 * 1024;

export async function loadOutline(file: string): Promise<LoadedOutline> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw inputError('outline/unreadable', code === 'ENOENT' ? `outline not found: ${file}` : `cannot read outline ${file} (${code})`, { file: abs });
  }
  return parseOutline(text, abs);
}

/** Parse outline text (pure: tests call it with strings). */
export function parseOutline(text: string, file: string): LoadedOutline {
  if (text.length > MAX_OUTLINE_BYTES) throw inputError('outline/too-large', `outline is too large (${text.length} characters)`, { file });
  const lines = new LineCounter();
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), { lineCounter: lines, uniqueKeys: true, prettyErrors: false, merge: false, strict: true });
  const list: Document[] = Array.isArray(docs) ? docs : [];
  const problems: Problem[] = [];
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  if (list.length === 0) {
    throw inputError('outline/empty', 'the outline is empty', { file, line: 1, column: 1 }, 'start with `title:` and `slides:`; `lectern init` writes an example');
  }
  if (list.length > 1) {
    problems.push({ severity: 'error', code: 'outline/several-documents', message: 'the file holds more than one YAML document (a line "---" or "..." starts another)', hint: 'keep one outline per file; remove the extra "---"', ...at(list[1]!.range?.[0] ?? 0) });
  }
  const doc = list[0]!;
  for (const e of doc.errors) {
    problems.push({ severity: 'error', code: `yaml/${e.code.toLowerCase().replace(/_/g, '-')}`, message: yamlMessage(e.code, e.message), hint: yamlHint(e.code, text, e.pos[0]), ...at(e.pos[0]) });
  }
  for (const w of doc.warnings) {
    problems.push({ severity: 'warning', code: `yaml/${w.code.toLowerCase().replace(/_/g, '-')}`, message: w.message.split('\n')[0]!, ...at(w.pos[0]) });
  }
  if (problems.some((p) => p.severity === 'error')) throw new LecternError(problems);
  const { value, problems: schemaProblems } = validateDocument(doc, OutlineSchema as unknown as Record<string, unknown>, file, lines);
  problems.push(...schemaProblems);
  if (problems.some((p) => p.severity === 'error')) throw new LecternError(problems);
  return {
    file,
    name: path.basename(file).replace(/\.ya?ml$/i, ''),
    data: value as OutlineInput,
    positions: positionsOf(doc, lines),
    text,
  };
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
