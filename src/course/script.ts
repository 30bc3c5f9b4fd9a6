/**
 * The course page's script (runtime/search.ts with MiniSearch and the
 * stemmers) as one string to inline into out/index.html, prebuilt by
 * `npm run build` as dist/course/search.bundle.js (render/runtime.ts).
 */
import path from 'node:path';
import { inlineScript } from '../render/runtime.js';

export { cspScriptHash as scriptHash } from '../util/hash.js';

export const PREBUILT_SCRIPT = path.join('dist', 'course', 'search.bundle.js');

export function searchScript(): Promise<string> {
  return inlineScript(path.join('src', 'course', 'runtime', 'search.ts'), PREBUILT_SCRIPT);
}
