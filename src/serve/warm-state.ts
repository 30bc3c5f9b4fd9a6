/**
 * What serve and `build --watch` keep warm between rebuilds: build() makes a
 * fresh Engine (config, compiled templates and marp-core renderers, loaded
 * sources) for every run; across rebuilds we keep one and drop only what the
 * changed files make stale: the config (a new Engine), the templates (when a
 * file of a templates folder changed), the sources that changed or failed to
 * load.
 */
import { createEngine, type Engine } from '../pipeline/build.js';
import { isInside } from '../util/paths.js';
import type { ProjectInputs } from './inputs.js';

export class WarmState {
  private engine?: Engine;

  constructor(
    private readonly cwd: string,
    private readonly configFile?: string,
  ) {}

  /** The Engine for the next build, given the files changed since the last one (undefined: a cold build). */
  next(changed: string[], inputs: ProjectInputs): Engine | undefined {
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
    const templatesChanged = changed.some((f) => [...inputs.trees].some((t) => touches(f, t)));
    if (templatesChanged) this.engine.templates.clear();
    this.engine.sources.invalidate(changed);
    return this.engine;
  }
}
