/** The course fixture (tests/fixtures/course/): the example lecture and two short ones, one a draft, in a temporary project. */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { exampleProject, ROOT } from './project.js';

export async function courseProject(): Promise<string> {
  const dir = await exampleProject();
  await cp(path.join(ROOT, 'tests', 'fixtures', 'course'), dir, { recursive: true });
  return dir;
}
