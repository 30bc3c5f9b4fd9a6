/**
 * The project config, `lectern.config.yaml`, found in the working folder or
 * the nearest folder above it. Precedence everywhere: command line > outline
 * > config > built-in defaults. Paths in the config are relative to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { Type, type Static } from '@sinclair/typebox';
import { inputError, LecternError } from './errors.js';
import { validateDocument } from './outline/validate.js';

export const CONFIG_FILE = 'lectern.config.yaml';

export const ConfigSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    out: Type.Optional(Type.String({ description: 'Output folder (default: out).' })),
    outlines: Type.Optional(Type.String({ description: 'Folder of outlines built by default (default: outlines).' })),
    theme: Type.Optional(Type.String({ description: 'Theme for outlines that name none.' })),
    templates: Type.Optional(Type.String({ description: 'Your templates folder, overlaying the defaults.' })),
    browser: Type.Optional(Type.String({ description: 'Chromium or Chrome used to print.' })),
    lang: Type.Optional(Type.String({ description: 'Language of outlines that name none.' })),
    notes: Type.Optional(Type.Boolean({ description: 'Speaker notes in the HTML deck (default true).' })),
    formats: Type.Optional(Type.Array(Type.String(), { description: 'Outputs built by default: md, html, pdf, handouts (notes, 2, 3-lines, 4, 6, reading).' })),
    handout: Type.Optional(
      Type.Object(
        {
          layouts: Type.Optional(Type.Array(Type.String())),
          paper: Type.Optional(Type.Union([Type.Literal('A4'), Type.Literal('Letter')])),
        },
        { additionalProperties: false },
      ),
    ),
    allow: Type.Optional(Type.Array(Type.String(), { description: 'Folders outside the project that sources, images and templates may come from.' })),
    timeout: Type.Optional(Type.Number({ description: 'Browser timeout in milliseconds.' })),
  },
  { additionalProperties: false, title: 'Lectern project config' },
);

export type ConfigData = Static<typeof ConfigSchema>;

export interface Config {
  /** The config file, if there is one. */
  file?: string;
  /** The project root: the config's folder, or the working folder. */
  root: string;
  data: ConfigData;
  /** A config path made absolute (relative to the config file). */
  resolve(p: string): string;
}

export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function loadConfig(cwd: string, explicit?: string): Config {
  const file = explicit ? path.resolve(cwd, explicit) : findConfigFile(cwd);
  if (!file) return { root: path.resolve(cwd), data: {}, resolve: (p) => path.resolve(cwd, p) };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw inputError('config/unreadable', `cannot read the config ${file}`, { file });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    throw new LecternError(doc.errors.map((e) => ({ severity: 'error' as const, code: 'config/yaml', message: e.message.split('\n')[0]!, file, line: lines.linePos(e.pos[0]).line, column: lines.linePos(e.pos[0]).col })));
  }
  const data = doc.contents === null ? {} : (() => {
    const { value, problems } = validateDocument(doc, ConfigSchema as unknown as Record<string, unknown>, file, lines);
    if (problems.length) throw new LecternError(problems);
    return value as ConfigData;
  })();
  const dir = path.dirname(file);
  return { file, root: dir, data, resolve: (p) => path.resolve(dir, p) };
}
