/**
 * Whether a YAML file given to `lectern build` is a course rather than an
 * outline: a course has a top-level `lectures:` key (an outline never does).
 * Cheap: a look at the text, no YAML parser, so the command line can decide
 * before anything heavy loads.
 */
import { readFile } from 'node:fs/promises';

const TOP_LEVEL_LECTURES = /^lectures[ \t]*:/m;

export function isCourseText(text: string): boolean {
  return TOP_LEVEL_LECTURES.test(text.replace(/^\uFEFF/, ''));
}

export async function isCourseFile(file: string): Promise<boolean> {
  if (!/\.ya?ml$/i.test(file)) return false;
  const text = await readFile(file, 'utf8').catch(() => '');
  return isCourseText(text);
}
