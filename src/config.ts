/**
 * The project config, `lectern.config.yaml`, found in the working folder or
 * the nearest folder above it. Precedence everywhere: command line > outline
 * > config > built-in defaults. Paths in the config are relative to it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { inputError, LecternError } from './errors.js';
import { positionsOf, type Path } from './outline/positions.js';
import { validateDocument } from './outline/validate.js';
import { syntaxProblems } from './outline/yaml-errors.js';

export { CONFIG_FILE, findConfigFile } from './config-file.js';
import { findConfigFile } from './config-file.js';

const text = (description: string) => ({ type: 'string', description });

/** Plain JSON Schema (no TypeBox here: the config is read before anything heavy is loaded). */
export const ConfigSchema = {
  type: 'object',
  title: 'Lectern project config',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    out: text('Output folder (default: out).'),
    cache_dir: text(
      "Folder of the build's cache (state, packed themes, font subsets), relative to the config; CI can save and restore it, and shards can share it (default: OUT/.lectern).",
    ),
    outlines: text('Folder of outlines built by default (default: outlines).'),
    theme: text('Theme for outlines that name none.'),
    templates: text('Your templates folder, overlaying the defaults.'),
    browser: text('Chromium or Chrome used to print.'),
    lang: { type: 'string', description: 'Language of outlines that name none (ru, en, …).', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]+)*$' },
    notes: { type: 'boolean', description: 'Speaker notes in the HTML deck (default true).' },
    formats: {
      type: 'array',
      items: { type: 'string' },
      description: 'Outputs built by default: md, html, pdf, png, pptx, and handouts (notes, 2, 3-lines, 4, 6, reading).',
    },
    handout: {
      type: 'object',
      additionalProperties: false,
      properties: {
        layouts: { type: 'array', items: { type: 'string' } },
        paper: {
          anyOf: [
            { const: 'A4', type: 'string' },
            { const: 'Letter', type: 'string' },
          ],
        },
      },
    },
    allow: { type: 'array', items: { type: 'string' }, description: 'Folders outside the project that sources, images and templates may come from.' },
    timeout: { type: 'number', description: 'Browser timeout in milliseconds.' },
    citation_style: text('CSL style of outlines that name none: gost, apa, chicago, mla, ieee, … (`lectern styles`), or a path to a .csl file.'),
    bibliography: {
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      description: 'Bibliography files (BibTeX, CSL-JSON, RIS) for outlines that name none, relative to the config.',
    },
    site_url: text('Where the decks are published (http or https): the HTML deck names its preview image (NAME.thumb.png) by an absolute address there.'),
    abbreviations: {
      type: 'array',
      description:
        'Abbreviations after which no sentence ends, as the texts write them ("Slg.", "z. B."), added to those of every source\'s language and to a sidecar\'s own `abbreviations:`.',
      items: { type: 'string', pattern: '[^\\s.]', description: 'an abbreviation as the text writes it, with its dot: "Slg.", "z. B."' },
    },
    legibility: {
      type: 'object',
      additionalProperties: false,
      description: 'Smallest text sizes in pixels at 1280×720 that a build accepts without a warning (render/too-small).',
      properties: {
        body: { type: 'number', minimum: 1, description: 'Body text: bullets, paragraphs, quotes, timelines, columns (default 24).' },
        small: { type: 'number', minimum: 1, description: 'Small print: citations, captions, header, footer, page numbers (default 16).' },
      },
    },
  },
} as const;

export interface ConfigData {
  $schema?: string;
  out?: string;
  cache_dir?: string;
  outlines?: string;
  theme?: string;
  templates?: string;
  browser?: string;
  lang?: string;
  notes?: boolean;
  formats?: string[];
  handout?: { layouts?: string[]; paper?: 'A4' | 'Letter' };
  allow?: string[];
  timeout?: number;
  site_url?: string;
  legibility?: { body?: number; small?: number };
  abbreviations?: string[];
  citation_style?: string;
  bibliography?: string | string[];
}

export interface Config {
  /** The config file, if there is one. */
  file?: string;
  /** The project root: the config's folder, or the working folder. */
  root: string;
  data: ConfigData;
  /** A config path made absolute (relative to the config file). */
  resolve(p: string): string;
  /** Where a key of the config was written (undefined without a config file). */
  locate(p: Path): { file: string; line: number; column: number } | undefined;
}

export function loadConfig(cwd: string, explicit?: string): Config {
  const file = explicit ? path.resolve(cwd, explicit) : findConfigFile(cwd);
  if (!file) return { root: path.resolve(cwd), data: {}, resolve: (p) => path.resolve(cwd, p), locate: () => undefined };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw inputError(
      'config/unreadable',
      code === 'ENOENT' ? `the config ${file} does not exist` : `cannot read the config ${file} (${code})`,
      { file },
      explicit ? 'check the path given with --config (relative to the working folder)' : undefined,
    );
  }
  const lines = new LineCounter();
  const body = text.replace(/^\uFEFF/, '');
  const doc = parseDocument(body, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, merge: false });
  // Syntax errors, each where to edit; else every schema problem at once.
  const syntax = syntaxProblems(doc, body, lines, file);
  if (syntax.length) throw new LecternError(syntax);
  const data =
    doc.contents === null
      ? {}
      : (() => {
          const { value, problems } = validateDocument(doc, ConfigSchema as unknown as Record<string, unknown>, file, lines, { root: 'the config' });
          if (problems.length) throw new LecternError(problems.map((p) => ({ ...p, code: p.code.replace(/^outline\//, 'config/') })));
          return value as ConfigData;
        })();
  const dir = path.dirname(file);
  const positions = positionsOf(doc, lines);
  return { file, root: dir, data, resolve: (p) => path.resolve(dir, p), locate: (p) => ({ file, ...positions.at(p) }) };
}
