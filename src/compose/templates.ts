/**
 * Handlebars: the resolved deck model → Marp markdown.
 *
 * A template set is the default `templates/` folder overlaid, file by file,
 * by the user's folder. Files:
 *   deck.hbs                 the document (front matter, slides, separators)
 *   layouts/NAME.hbs         one per layout, used as partial "layouts/NAME"
 *   partials/NAME.hbs        shared pieces, used as partial "NAME"
 *   themes/NAME.css          Marp themes (`/* @theme NAME *\/`)
 *
 * Handlebars runs strict (a missing field is an error, not an empty string),
 * with our helpers only and prototype access off. `{{value}}` escapes for
 * Markdown (src/compose/escape.ts); `{{{value}}}` inserts raw Markdown and is
 * meant for users' own templates.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_TEMPLATES, listFiles } from './template-files.js';
import path from 'node:path';
import Handlebars from 'handlebars';
import { inputError, LecternError } from '../errors.js';
import type { Deck } from '../deck/model.js';
import { classList, codeFence, linkUrl, markdownText, noteText, texFormula, yamlString } from './escape.js';
import { didYouMean } from '../suggest.js';

export { DEFAULT_TEMPLATES };

export interface TemplateFile {
  /** Partial or template name: "deck", "layouts/quote", "citations", "themes/lectern". */
  name: string;
  file: string;
  text: string;
}

export interface TemplateSet {
  files: Map<string, TemplateFile>;
  /** Layout names available (defaults and the user's). */
  layouts: string[];
  /** Theme CSS by theme name. */
  themes: Map<string, TemplateFile>;
}

function nameOf(rel: string): string | undefined {
  if (rel === 'deck.hbs') return 'deck';
  let m = /^layouts\/([\w-]+)\.hbs$/.exec(rel);
  if (m) return `layouts/${m[1]}`;
  m = /^partials\/([\w-]+)\.hbs$/.exec(rel);
  if (m) return m[1];
  m = /^themes\/([\w-]+)\.css$/.exec(rel);
  if (m) return `themes/${m[1]}`;
  return undefined;
}

/** The default templates overlaid by each folder in turn (later wins). */
export async function loadTemplateSet(overlays: string[] = []): Promise<TemplateSet> {
  const files = new Map<string, TemplateFile>();
  for (const dir of [DEFAULT_TEMPLATES, ...overlays]) {
    for (const rel of await listFiles(dir)) {
      const name = nameOf(rel);
      if (!name) continue;
      const file = path.join(dir, rel);
      files.set(name, { name, file, text: await readFile(file, 'utf8') });
    }
  }
  const layouts = [...files.keys()]
    .filter((n) => n.startsWith('layouts/'))
    .map((n) => n.slice('layouts/'.length))
    .sort();
  const themes = new Map<string, TemplateFile>();
  for (const [name, f] of files) {
    if (!name.startsWith('themes/')) continue;
    const declared = /\/\*\s*@theme\s+([\w-]+)\s*\*\//.exec(f.text)?.[1];
    themes.set(declared ?? name.slice('themes/'.length), f);
  }
  return { files, layouts, themes };
}

const HELPERS = {
  /** Front-matter value. */
  yaml: (v: unknown) => new Handlebars.SafeString(yamlString(v)),
  /** Text inside a speaker-note comment. */
  note: (v: unknown) => new Handlebars.SafeString(noteText(v)),
  /** Safe class list for a `_class` directive. */
  classes: (...args: unknown[]) =>
    new Handlebars.SafeString(
      classList(
        args
          .slice(0, -1)
          .filter((a) => typeof a === 'string')
          .join(' '),
      ),
    ),
  /** A link's address in Markdown (`[text](<{{url href}}>)`): http, https or ftp only, nothing that could end it. */
  url: (v: unknown) => new Handlebars.SafeString(linkUrl(v)),
  /** A formula of the deck model, for between `$`s (`${{tex math}}$`) or `$$`s. */
  tex: (v: unknown) => new Handlebars.SafeString(texFormula(v)),
  /** A code block of the deck model as a fenced block that nothing in the code can end. */
  codeFence: (v: unknown) => new Handlebars.SafeString(v && typeof v === 'object' && 'text' in v ? codeFence(v as Parameters<typeof codeFence>[0]) : ''),
  /** The partial of a layout. */
  layoutPartial: (layout: unknown) => `layouts/${String(layout)}`,
  eq: (a: unknown, b: unknown) => a === b,
  inc: (n: unknown) => Number(n) + 1,
  /** Join a list of citations' short forms with "; ". */
  join: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.map(String).join(typeof sep === 'string' ? sep : ', ') : ''),
} as const;

export interface Composer {
  compose(deck: Deck): string;
}

/** Compile a template set once; compose many decks with it. */
export function createComposer(set: TemplateSet): Composer {
  const hb = Handlebars.create();
  const compileOptions = {
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true])),
    preventIndent: false,
  };
  for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  const deckFile = set.files.get('deck');
  if (!deckFile) throw inputError('template/missing', 'no deck.hbs in the templates', { file: DEFAULT_TEMPLATES });
  const compile = (f: TemplateFile) => {
    try {
      const fn = hb.compile(f.text, compileOptions);
      return fn;
    } catch (err) {
      throw templateError(err, f);
    }
  };
  for (const f of set.files.values()) {
    if (f.name === 'deck' || f.name.startsWith('themes/')) continue;
    // Compile now so that syntax errors and unknown helpers name the file; Handlebars compiles partials lazily.
    try {
      hb.precompile(f.text, compileOptions);
    } catch (err) {
      throw templateError(err, f);
    }
    hb.registerPartial(f.name, compile(f));
  }
  const render = compile(deckFile);
  return {
    compose(deck) {
      const data = forTemplates(deck);
      // Handlebars escapes `{{…}}` with Utils.escapeExpression; swap in Markdown
      // escaping for the duration of this (synchronous) render only.
      const utils = Handlebars.Utils as { escapeExpression: (s: unknown) => string };
      const htmlEscape = utils.escapeExpression;
      utils.escapeExpression = (v: unknown) => (v instanceof Handlebars.SafeString ? v.toString() : markdownText(v));
      try {
        return render(data, { allowProtoMethodsByDefault: false, allowProtoPropertiesByDefault: false }).replace(/\n{3,}/g, '\n\n');
      } catch (err) {
        throw templateError(err, deckFile, set);
      } finally {
        utils.escapeExpression = htmlEscape;
      }
    },
  };
}

/** Plain data with every optional field present (strict mode wants them), undefined → null. */
function forTemplates(deck: Deck): unknown {
  return JSON.parse(JSON.stringify(deck, (_k, v: unknown) => (v === undefined ? null : v)));
}

function templateError(err: unknown, f: TemplateFile, set?: TemplateSet): LecternError {
  if (err instanceof LecternError) return err;
  const files = set ? [...set.files.values()].filter((t) => !t.name.startsWith('themes/')).reverse() : [f]; // the user's first
  if (err instanceof RangeError) {
    // A partial that includes itself (directly or through others) without end.
    const cycle = set ? partialCycle(set) : undefined;
    return inputError(
      'template/recursion',
      cycle ? `template recursion: partial "${cycle[0]}" includes itself (${cycle.join(' → ')})` : 'template recursion too deep',
      { file: cycle ? (set?.files.get(cycle[0]!)?.file ?? f.file) : f.file },
      'a partial may include itself only inside a condition that ends, as partials/bullet-list.hbs does with {{#if bullets}}',
    );
  }
  let message = err instanceof Error ? err.message : String(err);
  // Strict lookup of a field on text ({{title.main}}) fails inside Handlebars as a TypeError.
  const onText = /Cannot use 'in' operator to search for '([^']+)' in (.*)$/.exec(message);
  if (onText) message = `"${onText[1]}" not defined in "${onText[2]!.slice(0, 40)}" (a text value has no fields)`;
  // Parse errors: keep Handlebars' explanation on one line.
  if (/^Parse error on line/.test(message))
    message = message
      .split('\n')
      .filter((l) => !/^-*\^$/.test(l.trim()))
      .join(' ')
      .replace(/\s+/g, ' ');
  // Handlebars reports "… - 3:4" or "Parse error on line 3:".
  const pos = / - (\d+):(\d+)$/.exec(message) ?? /on line (\d+):/.exec(message);
  let file = f.file;
  let line = pos ? Number(pos[1]) : undefined;
  let column = pos?.[2] ? Number(pos[2]) + 1 : undefined;
  let hint = 'check the template against the deck model (docs/templates.md)';
  const partial = /The partial (\S+) could not be found/.exec(message)?.[1];
  if (partial) {
    // No position from Handlebars: find the template that names it.
    const at = findInFiles(files, new RegExp(`\\{\\{~?>\\s*${escapeRe(partial)}\\b`));
    if (at) ({ file, line, column } = at);
    const names = set ? [...set.files.keys()].filter((n) => n !== 'deck' && !n.startsWith('themes/')) : [];
    const close = didYouMean(partial, names, 'a partial');
    hint = `no template named ${partial}${close ? `; ${close}` : ''} (layouts live in layouts/NAME.hbs, partials in partials/NAME.hbs)`;
  } else if (set) {
    // Runtime errors do not say which template: find the one whose line holds the field.
    const field = /"([^"]+)" not defined/.exec(message)?.[1] ?? /helper (\S+)/.exec(message)?.[1];
    if (field && pos) {
      const owner = files.find((t) => t.text.split('\n')[line! - 1]?.includes(field));
      if (owner) file = owner.file;
    } else if (field) {
      const at = findInFiles(files, new RegExp(`\\{\\{[^}]*[.\\s]${escapeRe(field)}\\b`));
      if (at) ({ file, line, column } = at);
    }
  }
  return inputError('template/error', message.split('\n')[0]!.replace(/ - \d+:\d+$/, ''), { file, line, column }, hint);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function findInFiles(files: TemplateFile[], re: RegExp): { file: string; line: number; column: number } | undefined {
  for (const t of files) {
    const lines = t.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = re.exec(lines[i]!);
      if (m) return { file: t.file, line: i + 1, column: m.index + 1 };
    }
  }
  return undefined;
}

/** A chain of partials that leads back to its start, if any (for recursion errors). */
function partialCycle(set: TemplateSet): string[] | undefined {
  const uses = new Map<string, string[]>();
  for (const [name, t] of set.files) {
    if (name.startsWith('themes/')) continue;
    uses.set(
      name,
      [...t.text.matchAll(/\{\{~?>\s*([\w/-]+)/g)].map((m) => m[1]!),
    );
  }
  // Prefer cycles outside the defaults' intended recursion (bullet-list).
  const order = [...uses.keys()].sort((a, b) => Number(a === 'bullet-list') - Number(b === 'bullet-list'));
  for (const start of order) {
    const stack: string[][] = [[start]];
    const seen = new Set<string>();
    while (stack.length) {
      const chain = stack.pop()!;
      for (const next of uses.get(chain[chain.length - 1]!) ?? []) {
        if (next === start) return [...chain, next];
        if (!seen.has(next)) {
          seen.add(next);
          stack.push([...chain, next]);
        }
      }
    }
  }
  return undefined;
}
