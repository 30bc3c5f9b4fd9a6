/**
 * What a build reads, worked out from the project the way build() does:
 * the config, the outlines (every outlines/*.yaml unless named) and the files
 * they extend or include, their sources with the metadata sidecars, images,
 * and the templates folders (the config's, the outlines', Lectern's own).
 * The watcher watches the folders holding these; an outline that cannot be
 * read still counts with its own file, and the caller keeps what earlier
 * rounds found, so a broken outline keeps its sources watched.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, findConfigFile, loadConfig, type Config } from '../config.js';
import { loadOutline } from '../outline/load.js';
import { sidecarPath } from '../sources/metadata.js';
import { DEFAULT_TEMPLATES } from '../compose/templates.js';
import { outDirSetting, outlinesDirSetting } from '../settings.js';
import { isInside } from '../util/paths.js';

export interface InputOptions {
  cwd: string;
  outlines?: string[];
  config?: string;
  outDir?: string;
}

export interface ProjectInputs {
  /** Files whose change means a rebuild (they may not exist yet). */
  files: Set<string>;
  /** Folders any file below which means a rebuild (templates and themes). */
  trees: Set<string>;
  /** Folders whose outlines (*.yaml) are all built: a new outline there means a rebuild. */
  outlineDirs: Set<string>;
  /** The config files that, when changed, mean a fresh config. */
  configFiles: Set<string>;
  /** Where outputs go (from the options, else the config). */
  outDir: string;
}

export function emptyInputs(outDir: string): ProjectInputs {
  return { files: new Set(), trees: new Set(), outlineDirs: new Set(), configFiles: new Set(), outDir };
}

/** The output folder as build() computes it. */
export function outDirOf(cwd: string, config: Config | undefined, outDir?: string): string {
  return outDirSetting(cwd, config, outDir).value;
}

export async function projectInputs(options: InputOptions): Promise<ProjectInputs> {
  const cwd = path.resolve(options.cwd);
  let config: Config | undefined;
  try {
    config = loadConfig(cwd, options.config);
  } catch {
    config = undefined; // the build reports it
  }
  const inputs = emptyInputs(outDirOf(cwd, config, options.outDir));
  const configFile = options.config ? path.resolve(cwd, options.config) : (findConfigFile(cwd) ?? path.join(cwd, CONFIG_FILE));
  inputs.files.add(configFile);
  inputs.configFiles.add(configFile);
  // Lectern's own templates change only while developing Lectern (not when installed as a package).
  if (!DEFAULT_TEMPLATES.split(path.sep).includes('node_modules')) inputs.trees.add(DEFAULT_TEMPLATES);
  if (config?.data.templates) inputs.trees.add(config.resolve(config.data.templates));

  let outlines: string[];
  if (options.outlines?.length) {
    outlines = options.outlines.map((o) => path.resolve(cwd, o));
  } else {
    const dir = outlinesDirSetting(cwd, config).value;
    inputs.outlineDirs.add(dir);
    const names = await readdir(dir).catch(() => [] as string[]);
    outlines = names
      .filter((n) => /\.ya?ml$/i.test(n))
      .sort()
      .map((n) => path.join(dir, n));
  }

  for (const file of outlines) {
    inputs.files.add(file);
    let outline;
    try {
      outline = await loadOutline(file);
    } catch {
      continue;
    }
    for (const f of outline.files) inputs.files.add(f);
    const dirOf = (p: Array<string | number>) => path.dirname(outline.locate(p).file || outline.file);
    const data = outline.data;
    for (const [name, rel] of Object.entries(data.sources ?? {})) {
      if (typeof rel !== 'string') continue;
      const abs = path.resolve(dirOf(['sources', name]), rel);
      inputs.files.add(abs);
      inputs.files.add(sidecarPath(abs));
    }
    if (typeof data.templates === 'string') inputs.trees.add(path.resolve(dirOf(['templates']), data.templates));
    (data.slides ?? []).forEach((slide, i) => {
      const image = (slide as { image?: { path?: unknown } }).image;
      if (image && typeof image.path === 'string') inputs.files.add(path.resolve(dirOf(['slides', i, 'image', 'path']), image.path));
    });
  }
  return inputs;
}

/** Everything in `b` added to `a`; the output folder becomes `b`'s. */
export function mergeInputs(a: ProjectInputs, b: ProjectInputs): ProjectInputs {
  for (const key of ['files', 'trees', 'outlineDirs', 'configFiles'] as const) for (const v of b[key]) a[key].add(v);
  a.outDir = b.outDir;
  return a;
}

/** Does a change of `file` (as reported by the watcher) concern the build? */
export function isInput(inputs: ProjectInputs, file: string): boolean {
  if (isInside(file, inputs.outDir)) return false;
  if (inputs.files.has(file)) return true;
  for (const tree of inputs.trees) if (isInside(file, tree)) return true;
  if (inputs.outlineDirs.has(path.dirname(file)) && /\.ya?ml$/i.test(file)) return true;
  // A folder on the way to an input was created, removed or renamed (or the platform named no file).
  for (const f of inputs.files) if (isInside(f, file)) return true;
  for (const tree of inputs.trees) if (isInside(tree, file)) return true;
  for (const dir of inputs.outlineDirs) if (isInside(dir, file)) return true;
  return false;
}

/** The folders to watch for these inputs: each file's folder (or its nearest existing ancestor) and each tree. */
export function watchTargets(inputs: ProjectInputs, exists: (dir: string) => boolean): Array<{ dir: string; recursive?: boolean }> {
  const nearest = (dir: string): string => {
    let d = dir;
    while (!exists(d)) {
      const up = path.dirname(d);
      if (up === d) return d;
      d = up;
    }
    return d;
  };
  const targets = new Map<string, boolean>();
  const add = (dir: string, recursive: boolean) => {
    const found = nearest(dir);
    const isSelf = found === dir;
    targets.set(found, (targets.get(found) ?? false) || (recursive && isSelf));
  };
  for (const f of inputs.files) add(path.dirname(f), false);
  for (const d of inputs.outlineDirs) add(d, false);
  for (const t of inputs.trees) add(t, true);
  return [...targets].map(([dir, recursive]) => ({ dir, recursive }));
}
