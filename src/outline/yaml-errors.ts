/**
 * YAML syntax errors, said the way a lecturer can act on them. The parser
 * reports where it got confused, which is often not where the mistake is: an
 * unclosed quote is noticed at the end of the file, a mis-indented key as a
 * "multiline implicit key" on the line above. Here each error is moved to the
 * line and column that need editing, its cascade (several errors for one
 * mistake) is reported once, and each gets a hint.
 */
import { isCollection, isPair, isScalar, visit, type Document, type LineCounter, type Node, type YAMLError } from 'yaml';
import type { Problem } from '../errors.js';

interface Spot {
  offset: number;
  code: string;
  message: string;
  hint?: string;
  /** An offset on the line this one was compared with: when that line is the mistake, this is its echo. */
  against?: number;
}

export function syntaxProblems(doc: Document, text: string, lines: LineCounter, file: string): Problem[] {
  const source = new SourceLines(text);
  // A tab in the indentation throws every line after it out of place: the tabs are the mistakes.
  const tabs = doc.errors.filter((e) => e.code === 'TAB_AS_INDENT');
  const errors = tabs.length ? tabs : doc.errors;
  const out: Problem[] = [];
  const taken = new Set<number>();
  for (const error of errors) {
    const spot = explain(error, doc, source);
    const { line, col } = lines.linePos(spot.offset);
    // One mistake often makes several errors: on one line (the first says it), and on the lines
    // compared with a line already reported (a mis-indented item puts its keys out of line too).
    if (taken.has(line) || (spot.against !== undefined && taken.has(lines.linePos(spot.against).line))) continue;
    taken.add(line);
    out.push({ severity: 'error', code: spot.code, message: spot.message, hint: spot.hint, file, line, column: col });
  }
  return out;
}

class SourceLines {
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
  }
  /** 0-based line index of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  line(index: number): string {
    const start = this.starts[index] ?? this.text.length;
    const end = this.starts[index + 1] ?? this.text.length + 1;
    return this.text.slice(start, end - 1).replace(/\r$/, '');
  }
  start(index: number): number {
    return this.starts[index] ?? this.text.length;
  }
  get count(): number {
    return this.starts.length;
  }
  /** Offset of the first character of the line that is not a space. */
  content(index: number): number {
    const l = this.line(index);
    return this.start(index) + (l.length - l.trimStart().length);
  }
  isBlank(index: number): boolean {
    const t = this.line(index).trim();
    return t === '' || t.startsWith('#');
  }
  /** The next line that says something, after `index`. */
  next(index: number): number | undefined {
    for (let i = index + 1; i < this.count; i++) if (!this.isBlank(i)) return i;
    return undefined;
  }
}

const QUOTE = /^Missing closing (["'])quote/;

function explain(error: YAMLError, doc: Document, src: SourceLines): Spot {
  const [start, end] = error.pos;
  const lineIndex = src.lineOf(start);
  const fallback: Spot = {
    offset: start,
    code: `yaml/${error.code.toLowerCase().replace(/_/g, '-')}`,
    message: firstLine(error.message),
    hint: generalHint(error.code, src, lineIndex),
  };

  switch (error.code) {
    case 'TAB_AS_INDENT':
      return { ...fallback, hint: 'YAML does not allow tabs for indentation; indent with spaces' };

    case 'DUPLICATE_KEY': {
      const dup = duplicateKey(doc, start, src);
      return {
        offset: start,
        code: 'yaml/duplicate-key',
        message: dup ? `duplicate key "${dup.key}" (first on line ${dup.firstLine})` : 'duplicate key: a key appears twice in the same mapping',
        hint: 'each key may appear once in a mapping; merge the two, or delete one',
      };
    }

    case 'MISSING_CHAR': {
      const quote = QUOTE.exec(error.message);
      if (quote) {
        const opened = openingOf(doc, start, (n) => isScalar(n) && (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE'));
        const at = opened ?? start;
        return {
          offset: at,
          code: 'yaml/unclosed-quote',
          message: `this ${quote[1]} quote is never closed, so everything after it, to the end of the file, is read as one text`,
          hint: `end the text with a closing ${quote[1]} on the same line${quote[1] === '"' ? ' (a " inside the text is written \\")' : " (a ' inside the text is written '')"}`,
        };
      }
      if (/without - indicator/.test(error.message) || /followed by map values/.test(error.message)) {
        return indentation(src, lineIndex) ?? missingColon(src, lineIndex, start) ?? fallback;
      }
      return fallback;
    }

    case 'BAD_INDENT': {
      if (/^Flow (sequence|mapping)/.test(error.message)) {
        const list = /sequence/.test(error.message);
        const opened = openingOf(doc, start, (n) => isCollection(n) && n.flow === true);
        return {
          offset: opened ?? start,
          code: 'yaml/unclosed-bracket',
          message: list ? 'this "[" list is never closed with "]"' : 'this "{" mapping is never closed with "}"',
          hint: list
            ? 'close it with "]" on the same line, or write the items on separate lines starting with "- "'
            : 'close it with "}" on the same line, or write its keys on separate lines',
        };
      }
      return indentation(src, lineIndex) ?? fallback;
    }

    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      const line = src.line(lineIndex);
      const col = start - src.start(lineIndex);
      const atLineStart = start <= src.content(lineIndex);
      if (atLineStart) {
        // The line itself is the problem: a misplaced item, or a key without ":".
        const multiline = src.lineOf(Math.max(start, end - 1)) > lineIndex;
        return indentation(src, lineIndex) ?? (multiline ? missingColon(src, lineIndex, start) : undefined) ?? fallback;
      }
      const rest = line.slice(col);
      const colon = /:(\s|$)/.exec(rest);
      if (colon && !/^["'[{]/.test(rest)) {
        const value = rest.replace(/\s+#.*$/, '').trim();
        return {
          offset: start,
          code: 'yaml/colon-in-text',
          message: `": " inside this text makes YAML read it as a key and a value`,
          hint: `put the whole text in quotes: ${JSON.stringify(value)}`,
        };
      }
      // A value on this line, and a line below indented as if it continued it.
      const next = src.next(lineIndex);
      if (next !== undefined)
        return (
          indentation(src, next) ?? {
            ...fallback,
            offset: src.content(next),
            code: 'yaml/bad-indent',
            message: 'this line is indented as if it continued the value above it',
            hint: INDENT_HINT,
          }
        );
      return fallback;
    }

    default:
      return fallback;
  }
}

const INDENT_HINT = 'keys of one mapping, and items ("- ") of one list, must start in the same column; indent with spaces only';

/**
 * A line whose indentation differs a little from the line of the same kind
 * (key or "- " item) just above it — the usual mistake. Undefined when the
 * line does not look mis-indented.
 */
function indentation(src: SourceLines, index: number): Spot | undefined {
  const here = shape(src.line(index));
  const ours = here?.item ?? here?.key;
  if (!here || ours === undefined) return undefined;
  for (let i = index - 1; i >= 0; i--) {
    if (src.isBlank(i)) continue;
    const above = shape(src.line(i));
    if (!above) continue;
    const theirs = here.item !== undefined ? above.item : above.key;
    if (theirs === undefined) {
      if (above.indent < here.indent - 2) break;
      continue;
    }
    if (theirs === ours) return undefined;
    if (Math.abs(theirs - ours) > 2) {
      if (above.indent < ours) break;
      continue;
    }
    const what = here.item !== undefined ? 'item' : 'key';
    if (aboveIsOff(src, index, i, ours, theirs, here.item !== undefined)) {
      // The line above is the one out of line (the parser noticed only here): point at it.
      const at = above.item ?? above.key ?? above.indent;
      const message =
        here.item !== undefined || above.item === undefined
          ? `bad indentation: ${quoteLine(src.line(i))} starts at column ${at + 1}, but the ${what} on line ${index + 1} starts at column ${ours + 1}`
          : `bad indentation: ${quoteLine(src.line(i))} starts at column ${at + 1}, so its key is at column ${theirs + 1}, but the key on line ${index + 1} starts at column ${ours + 1}`;
      return { offset: src.start(i) + at, code: 'yaml/bad-indent', message, hint: INDENT_HINT, against: src.start(index) };
    }
    return {
      offset: src.start(index) + ours,
      code: 'yaml/bad-indent',
      message: `bad indentation: ${quoteLine(src.line(index))} starts at column ${ours + 1}, but the ${what} on line ${i + 1} starts at column ${theirs + 1}`,
      hint: INDENT_HINT,
      against: src.start(i),
    };
  }
  return undefined;
}

/**
 * Of two lines that should start in the same column, is the upper one (`i`, at `theirs`) the
 * mistake rather than the lower one (`index`, at `ours`)? Yes when the other lines of the block
 * side with the lower one, or, with no other line to ask, when only the lower one keeps to the
 * file's indentation step (2 in "  - title:", so column 4 is off and column 3 is on it).
 */
function aboveIsOff(src: SourceLines, index: number, i: number, ours: number, theirs: number, items: boolean): boolean {
  let forOurs = 0;
  let forTheirs = 0;
  const floor = Math.min(ours, theirs) - 2;
  const vote = (k: number): boolean => {
    if (src.isBlank(k)) return true;
    const sh = shape(src.line(k));
    if (!sh) return true;
    if (sh.indent < floor) return false;
    const col = items ? sh.item : sh.key;
    if (col === ours) forOurs++;
    else if (col === theirs) forTheirs++;
    return true;
  };
  for (let k = index + 1; k < src.count && vote(k); k++);
  for (let k = i - 1; k >= 0 && vote(k); k--);
  if (forOurs !== forTheirs) return forOurs > forTheirs;
  const step = indentStep(src, new Set([i, index]));
  return step > 1 && theirs % step !== 0 && ours % step === 0;
}

/** The indentation step of a file: the greatest common divisor of its lines' indents (0 when none is indented). */
function indentStep(src: SourceLines, skip: Set<number>): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let step = 0;
  for (let k = 0; k < src.count; k++) {
    if (skip.has(k) || src.isBlank(k)) continue;
    const sh = shape(src.line(k));
    if (sh) step = gcd(step, sh.indent);
  }
  return step;
}

interface Shape {
  /** Column (0-based) of the first character. */
  indent: number;
  /** Column of the "-" when the line is a list item. */
  item?: number;
  /** Column of the key when the line has "key:" (after any "- "). */
  key?: number;
}

function shape(line: string): Shape | undefined {
  const m = /^( *)((?:- +)*)(.*)$/.exec(line);
  if (!m || m[3] === undefined) return undefined;
  const indent = m[1]!.length;
  const dashes = m[2]!;
  const rest = m[3];
  const isKey = /^(?:[^\s#"'[{][^:#]*|"[^"]*"|'[^']*'):(?:\s|$)/.test(rest);
  return {
    indent,
    item: dashes ? indent : undefined,
    key: isKey ? indent + dashes.length : undefined,
  };
}

function missingColon(src: SourceLines, index: number, offset: number): Spot | undefined {
  const line = src.line(index).trim();
  if (line.includes(': ') || line.endsWith(':') || line.startsWith('- ')) return undefined;
  const next = src.next(index);
  if (next === undefined || src.content(next) - src.start(next) <= src.content(index) - src.start(index)) return undefined;
  return {
    offset,
    code: 'yaml/missing-colon',
    message: `${quoteLine(line)} is followed by indented lines, but has no ":"`,
    hint: `if it is a key, write "${line}:"`,
  };
}

/** Offset where the node that ends at `end` begins (an unclosed quote or bracket is closed by the end of the file). */
function openingOf(doc: Document, end: number, test: (n: Node) => boolean): number | undefined {
  let best: number | undefined;
  visit(doc, (_key, node) => {
    const n = node as Node;
    if (!test(n) || !n.range) return;
    if (n.range[0] <= end && n.range[1] >= end && (best === undefined || n.range[0] > best)) best = n.range[0];
  });
  return best;
}

function duplicateKey(doc: Document, offset: number, src: SourceLines): { key: string; firstLine: number } | undefined {
  let found: { key: string; firstLine: number } | undefined;
  visit(doc, {
    Map(_key, map) {
      const keys = map.items.filter(isPair).map((p) => p.key as Node | null);
      const at = keys.findIndex((k) => k?.range?.[0] === offset);
      if (at < 0) return;
      const key = keys[at]!;
      const text = isScalar(key) ? String(key.value) : src.text.slice(key.range![0], key.range![1]);
      const first = keys.find((k, i) => i < at && k && isScalar(k) && isScalar(key) && k.value === key.value);
      found = { key: text, firstLine: first?.range ? src.lineOf(first.range[0]) + 1 : src.lineOf(offset) + 1 };
      return visit.BREAK;
    },
  });
  return found;
}

function quoteLine(line: string): string {
  const t = line.trim();
  return `"${t.length > 40 ? `${t.slice(0, 39)}…` : t}"`;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function generalHint(code: string, src: SourceLines, index: number): string {
  if (src.line(index).includes('\t')) return 'YAML does not allow tabs for indentation; indent with spaces';
  if (code === 'BAD_INDENT') return INDENT_HINT;
  if (code === 'MISSING_CHAR' || code === 'BAD_SCALAR_START' || code === 'UNEXPECTED_TOKEN')
    return 'text that contains ": " or " #", or starts with one of - ? : , [ ] { } # & * ! | > \' " % @ `, must be put in quotes';
  if (code === 'BAD_ALIAS' || code === 'ALIAS_PROPS') return 'an alias (*name) needs an anchor (&name) defined before it';
  return 'check the YAML syntax around here (docs/outline.md)';
}
