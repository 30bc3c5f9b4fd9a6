/**
 * `lectern init [DIR] [--lang en|ru|de|fr|es|it|uk|pl]`: a new lecture project
 * that builds at once — a config, a sample source with its metadata, a sample
 * outline citing it (with the schema comment for editors), and a .gitignore for
 * out/. English unless `--lang` names another language: the sample is then
 * written in it (samples/<lang>.ts). With `--course`, also course.yaml
 * listing the sample lecture (init-course.ts) and the course schema for
 * editors. Never overwrites.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';
import { PACKAGE_ROOT } from '../version.js';
import { COURSE_LECTURE, courseYaml } from './init-course.js';
import { SAMPLE as de } from './samples/de.js';
import { SAMPLE as en } from './samples/en.js';
import { SAMPLE as es } from './samples/es.js';
import { SAMPLE as fr } from './samples/fr.js';
import { SAMPLE as it } from './samples/it.js';
import { SAMPLE as pl } from './samples/pl.js';
import { SAMPLE as ru } from './samples/ru.js';
import { SAMPLE as uk } from './samples/uk.js';

const SCHEMAS = path.join(PACKAGE_ROOT, 'schema');

/** The languages of the sample projects: those with a message catalogue (src/messages/). */
export const INIT_LANGS = ['en', 'ru', 'de', 'fr', 'es', 'it', 'uk', 'pl'] as const;
export type InitLang = (typeof INIT_LANGS)[number];

const SAMPLES: Record<InitLang, Record<string, string>> = { en, ru, de, fr, es, it, uk, pl };

export interface InitOptions {
  /** Also a course: course.yaml listing the sample lecture, and schema/course.schema.json. */
  course?: boolean;
}

export async function initProject(dir: string, lang: InitLang = 'en', options: InitOptions = {}): Promise<string[]> {
  const root = path.resolve(dir);
  const FILES = { ...SAMPLES[lang], ...(options.course ? { 'course.yaml': courseYaml(lang, SAMPLES[lang][COURSE_LECTURE] ?? '') } : {}) };
  const schemas = ['outline.schema.json', ...(options.course ? ['course.schema.json'] : [])];
  const targets = [...Object.keys(FILES), ...schemas.map((s) => `schema/${s}`)];
  const existing = targets.filter((f) => existsSync(path.join(root, f)));
  if (existing.length) {
    throw inputError(
      'init/exists',
      `${root} already has ${existing.join(', ')}`,
      { file: path.join(root, existing[0]!) },
      'run `lectern init` in an empty folder, or move those files away',
    );
  }
  for (const [rel, text] of Object.entries(FILES)) {
    const file = path.join(root, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, { flag: 'wx' });
  }
  await mkdir(path.join(root, 'schema'), { recursive: true });
  for (const schema of schemas) await copyFile(path.join(SCHEMAS, schema), path.join(root, 'schema', schema));
  return targets;
}
