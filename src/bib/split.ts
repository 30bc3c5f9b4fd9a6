/**
 * Bibliography files cut into their entries before anything parses them, so
 * that one broken entry fails alone and every entry knows its line.
 *
 * - BibTeX/BibLaTeX: an entry starts at `@type{` (or `@type(`) at the start of
 *   a line and ends where its braces close; an entry whose braces do not
 *   close before the next entry starts is broken, and the next one is read.
 *   `@string` definitions are kept apart (every entry may use them);
 *   `@comment` and `@preamble` are skipped.
 * - RIS: a record runs from `TY  -` to `ER  -`.
 * - CSL-JSON: the items of the top-level array, found by a scan that follows
 *   strings and nesting, so that each is given to JSON.parse alone.
 *
 * Nothing here understands fields: that is citation-js's job (library.ts).
 */

/** A piece of a file: its text, where it starts (1-based line) and what it is. */
export interface Chunk {
  text: string;
  line: number;
  /** BibTeX: the entry type as written (`book`, `string`…); RIS: the TY value. */
  type?: string;
  /** BibTeX: the citation key as written. */
  key?: string;
}

/** Something the splitter could not make sense of, with its line. */
export interface SplitProblem {
  line: number;
  message: string;
  hint?: string;
}

export interface Split {
  entries: Chunk[];
  /** BibTeX `@string` definitions, in order. */
  strings: Chunk[];
  problems: SplitProblem[];
}

/** Line numbers of offsets, computed once per file. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const ENTRY_START = /^[ \t]*@[ \t]*([A-Za-z][\w-]*)[ \t]*([{(])/gm;

/** A BibTeX or BibLaTeX file's entries. */
export function splitBibtex(text: string): Split {
  const lineOf = lineIndex(text);
  const starts: Array<{ at: number; type: string; open: string; body: number }> = [];
  for (const m of text.matchAll(ENTRY_START)) {
    starts.push({ at: m.index + m[0].indexOf('@'), type: m[1]!, open: m[2]!, body: m.index + m[0].length });
  }
  const split: Split = { entries: [], strings: [], problems: [] };
  starts.forEach((start, i) => {
    const limit = i + 1 < starts.length ? starts[i + 1]!.at : text.length;
    const type = start.type.toLowerCase();
    const line = lineOf(start.at);
    const end = closing(text, start.body, limit, start.open);
    if (type === 'comment') return;
    const key = /^[^,\s]*/.exec(text.slice(start.body, end < 0 ? limit : end).trimStart())![0];
    if (end < 0) {
      const next = i + 1 < starts.length ? `before the next entry (line ${lineOf(starts[i + 1]!.at)})` : 'before the end of the file';
      split.problems.push({
        line,
        message: `the ${start.open === '(' ? 'parenthesis' : 'brace'} that opens @${start.type}${start.open}${type === 'string' ? '' : key} does not close ${next}`,
        hint: 'a field value is missing its closing brace or quote: count the braces of this entry',
      });
      return;
    }
    const chunk: Chunk = { text: text.slice(start.at, end + 1), line, type };
    if (type === 'string') split.strings.push(chunk);
    else if (type !== 'preamble') {
      if (!key) {
        split.problems.push({ line, message: `@${start.type} has no citation key`, hint: `write a key after the brace: @${start.type}{key, …}` });
        return;
      }
      chunk.key = key;
      split.entries.push(chunk);
    }
  });
  return split;
}

/** Where the entry opened at `from` closes (the index of its closing brace), or -1 before `limit`. */
function closing(text: string, from: number, limit: number, open: string): number {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return open === '{' ? i : -1;
      depth--;
    } else if (c === '"' && depth === 0) quoted = !quoted;
    else if (c === ')' && open === '(' && depth === 0 && !quoted) return i;
  }
  return -1;
}

/** An RIS file's records, `TY  -` to `ER  -`. */
export function splitRis(text: string): Split {
  const split: Split = { entries: [], strings: [], problems: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let open: { line: number; lines: string[]; type: string } | undefined;
  lines.forEach((raw, i) => {
    const tag = /^([A-Z][A-Z0-9]) {2}- ?(.*)$/.exec(raw.trimEnd());
    const name = tag?.[1];
    if (name === 'TY') {
      if (open)
        split.problems.push({ line: open.line, message: 'this RIS record has no `ER  -` line before the next `TY  -`', hint: 'end each record with `ER  - `' });
      open = { line: i + 1, lines: [raw], type: (tag![2] ?? '').trim() };
      return;
    }
    if (!open) {
      if (raw.trim() !== '') split.problems.push({ line: i + 1, message: 'text outside an RIS record (a record starts with `TY  -`)' });
      return;
    }
    open.lines.push(raw);
    if (name === 'ER') {
      split.entries.push({ text: open.lines.join('\n') + '\n', line: open.line, type: open.type });
      open = undefined;
    }
  });
  if (open) split.problems.push({ line: open.line, message: 'this RIS record has no `ER  -` line', hint: 'end each record with `ER  - `' });
  return split;
}

/** A CSL-JSON file's items: a top-level array (or one object), each item's text apart. */
export function splitCslJson(text: string): Split {
  const split: Split = { entries: [], strings: [], problems: [] };
  const lineOf = lineIndex(text);
  let i = skipSpace(text, 0);
  if (text[i] === '{') {
    const end = valueEnd(text, i);
    if (end < 0) split.problems.push({ line: lineOf(i), message: 'the JSON object does not close' });
    else split.entries.push({ text: text.slice(i, end), line: lineOf(i) });
    return split;
  }
  if (text[i] !== '[') {
    split.problems.push({ line: lineOf(i), message: 'a CSL-JSON file is a list of items: `[ { "id": …, "type": … }, … ]`' });
    return split;
  }
  i = skipSpace(text, i + 1);
  while (i < text.length && text[i] !== ']') {
    const end = valueEnd(text, i);
    if (end < 0) {
      split.problems.push({ line: lineOf(i), message: 'this item does not close before the end of the file' });
      return split;
    }
    split.entries.push({ text: text.slice(i, end), line: lineOf(i) });
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
    else if (text[i] !== ']') {
      split.problems.push({ line: lineOf(i), message: 'a comma or the end of the list was expected here' });
      // Resynchronise at the next item that starts a line.
      const next = text.slice(i).search(/\n\s*\{/);
      if (next < 0) return split;
      i = skipSpace(text, i + next);
    }
  }
  return split;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/**
 * The end (exclusive) of the JSON value starting at `i`: balanced brackets
 * outside strings; scalars end at a comma or bracket. -1 when it never closes.
 */
function valueEnd(text: string, i: number): number {
  if (text[i] !== '{' && text[i] !== '[') {
    const m = /^[^,\]\n]*/.exec(text.slice(i))!;
    return i + Math.max(1, m[0].trimEnd().length);
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '"') {
      for (j++; j < text.length && text[j] !== '"'; j++) if (text[j] === '\\') j++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}
