/**
 * A warm engine for watch mode: build() normally makes a fresh Engine (config,
 * compiled templates and marp-core renderers, loaded sources) for every run;
 * across rebuilds we keep one and drop only what the changed files make
 * stale: the config (a new engine), the templates (when a file of a templates
 * folder changed), the sources that changed or failed to load.
 *
 * build() uses the engine once BuildOptions has `engine?: Engine` (see
 * WarmBuildOptions); until then it is ignored and every build starts cold.
 */
import { createEngine, type BuildOptions, type Engine } from '../pipeline/build.js';
import { sidecarPath } from '../sources/metadata.js';
import { isInside } from '../util/paths.js';
import type { ProjectInputs } from './inputs.js';

export type WarmBuildOptions = BuildOptions & { engine?: Engine };

export class WarmEngine {
  private engine?: Engine;

  constructor(
    private readonly cwd: string,
    private readonly configFile?: string,
  ) {}

  /** The engine for the next build, given the files changed since the last one (undefined: a cold build). */
  async next(changed: string[], inputs: ProjectInputs): Promise<Engine | undefined> {
    const touches = (f: string, target: string) => isInside(target, f) || isInside(f, target);
    const configChanged = changed.some((f) => [...inputs.configFiles].some((c) => touches(f, c)));
    if (!this.engine || configChanged) {
      try {
        this.engine = createEngine(this.cwd, this.configFile);
      } catch {
        // A broken config: build() makes its own engine and reports it.
        this.engine = undefined;
      }
      return this.engine;
    }
    const engine = this.engine;
    const templatesChanged = changed.some((f) => [...inputs.trees].some((t) => touches(f, t)));
    if (templatesChanged) engine.templates.clear();
    const entries = [...engine.sources];
    const settled = await Promise.allSettled(entries.map(([, p]) => p));
    entries.forEach(([key], i) => {
      const file = key.split('\0')[0]!; // keys are path NUL language
      // A changed file, its sidecar, or a folder on the way to either (a folder renamed, or an unnamed change).
      const stale = settled[i]!.status === 'rejected' || changed.some((f) => touches(f, file) || touches(f, sidecarPath(file)));
      if (stale) engine.sources.delete(key);
    });
    return engine;
  }
}
