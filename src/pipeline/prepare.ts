/**
 * Preparing one outline: everything up to the browser — load, customize,
 * resolve, compose, render. `lectern check` stops here; `lectern build` goes
 * on to write and print (build-one.ts).
 */
import path from 'node:path';
import { LecternError, type Problem } from '../errors.js';
import { loadConfig, type Config } from '../config.js';
import type { LoadedOutline } from '../outline/load.js';
import type { Resolved } from '../deck/resolve.js';
import type { Composer, TemplateSet } from '../compose/templates.js';
import type { RenderedSlides, SlideRenderer } from '../render/marp.js';
import { SourceCache } from '../deck/source-cache.js';
import { PACKAGE_ROOT } from '../version.js';
import { trace } from '../trace.js';
import { outlineSettings, placeOf, type OutlineSettings, type RunSettings } from '../settings.js';
import { confinement } from '../util/confine.js';

/**
 * The pipeline's modules, imported on first use: a build whose outputs are
 * all up to date never loads the schema, Handlebars or marp-core (together
 * most of a second), and answers at once.
 */
const pipeline = async () => {
  const [load, resolve, lock, templates, marp] = await Promise.all([
    import('../outline/load.js'),
    import('../deck/resolve.js'),
    import('../deck/lock.js'),
    import('../compose/templates.js'),
    import('../render/marp.js'),
  ]);
  return { ...load, ...resolve, ...lock, ...templates, ...marp };
};

/** Everything shared by the outlines of one run. */
export interface Engine {
  config: Config;
  /** Per template overlay: the set, its composer and renderer (a promise, so that outlines in flight share one). */
  templates: Map<string, Promise<{ set: TemplateSet; composer: Composer; renderer: SlideRenderer }>>;
  /** Loaded sources, by file and language. */
  sources: SourceCache;
  /** Where packed theme CSS is kept between runs (a build sets OUT/.lectern/styles). */
  styleDir?: string;
}

export function createEngine(cwd: string, configFile?: string): Engine {
  return { config: loadConfig(cwd, configFile), templates: new Map(), sources: new SourceCache() };
}

export interface Prepared {
  outline: LoadedOutline;
  /** The outline's settings (theme, language, templates, notes, paper, handouts), each with its origin. */
  settings: OutlineSettings;
  resolved: Resolved;
  markdown: string;
  slides: RenderedSlides;
  warnings: Problem[];
  /** Every template and theme file used (for cache keys). */
  templateFiles: string[];
  /** The CSS of the deck's theme, as written (for the PPTX writer). */
  themeCss: string;
  /** Records the referenced passages in the lock file; call after outputs are written. */
  commitLock(): Promise<void>;
}

export async function prepareOutline(
  engine: Engine,
  file: string,
  options: { variant?: string; set?: string[]; strict?: boolean; updateLock?: boolean; run?: RunSettings } = {},
): Promise<Prepared> {
  const { config } = engine;
  const { loadOutline, resolveOutline, checkLock } = await pipeline();
  await between('pipeline imported');
  const outline = await loadOutline(file, { variant: options.variant, set: options.set });
  await between('outline loaded');
  const settings = outlineSettings(outline, config, options.run);
  const overlays = settings.templates.map((t) => t.value);
  // Everything the outline pulls in stays inside the project (or allowed folders).
  const confined = projectConfinement(engine, file);
  const outside: Problem[] = [];
  for (const f of outline.files.slice(1)) {
    const refused = confined.check(f);
    if (refused) outside.push({ severity: 'error', code: 'path/outside-project', message: `extends/include: ${refused}`, hint: ALLOW_HINT, file });
  }
  for (const dir of settings.templates) {
    const refused = confined.check(dir.value);
    if (refused)
      outside.push({
        severity: 'error',
        code: 'path/outside-project',
        message: `templates: ${refused}`,
        hint: ALLOW_HINT,
        ...placeOf(dir.origin, outline.locate(['templates'])),
      });
  }
  if (outside.length) throw new LecternError(outside);
  const engineFor = await templateEngine(engine, overlays);
  await between('templates ready');
  const resolved = await resolveOutline(outline, {
    sourceCache: engine.sources,
    layouts: engineFor.set.layouts,
    confinement: confined,
    theme: settings.theme.value,
    lang: settings.lang?.value,
    abbreviations: settings.abbreviations.value,
    citations: {
      style: settings.citationStyle && {
        value: settings.citationStyle.value,
        at: typeof settings.citationStyle.origin === 'string' ? undefined : settings.citationStyle.origin,
      },
      bibliography: settings.bibliography.map((b) => ({ file: b.value, at: typeof b.origin === 'string' ? undefined : b.origin })),
    },
  });
  const deck = resolved.deck;
  if (!engineFor.renderer.hasTheme(deck.theme)) {
    throw new LecternError({
      severity: 'error',
      code: 'outline/unknown-theme',
      message: `unknown theme "${deck.theme}"`,
      hint: engineFor.renderer.themeHint(deck.theme),
      ...placeOf(settings.theme.origin, outline.locate(['theme'])),
    });
  }
  await between('resolved');
  const markdown = engineFor.composer.compose(deck);
  await between('composed');
  // The deck and handouts take notes from the deck model, and Marpit reads
  // every comment as possible YAML directives (most of a render's time for a
  // deck with notes): render the same Markdown without the notes comments.
  const withoutNotes = deck.slides.some((s) => s.notes.length)
    ? engineFor.composer.compose({ ...deck, slides: deck.slides.map((s) => ({ ...s, notes: [] })) })
    : markdown;
  await between('composed without notes');
  const slides = engineFor.renderer.render(withoutNotes);
  await between('rendered');
  if (slides.slideCount !== deck.slides.length) {
    // Text cannot do this (it is escaped); a template can: find the layout that does.
    const culprit = [...new Set(deck.slides.map((x) => x.layout))].find((layout) => {
      const only = deck.slides.filter((x) => x.layout === layout).map((x) => ({ ...x, notes: [] }));
      return engineFor.renderer.render(engineFor.composer.compose({ ...deck, slides: only })).slideCount !== only.length;
    });
    const template = culprit ? engineFor.set.files.get(`layouts/${culprit}`) : engineFor.set.files.get('deck');
    throw new LecternError({
      severity: 'error',
      code: 'template/slide-structure',
      message: `${culprit ? `the layout "${culprit}"` : 'the templates'} changed the slide structure: ${deck.slides.length} slides became ${slides.slideCount}`,
      hint: 'a template may not write a slide separator (a line "---") or front matter; one slide per outline slide',
      file: template?.file,
    });
  }
  const lock = await checkLock(outline.file, resolved.references, { strict: options.strict, update: options.updateLock });
  const warnings = [...resolved.warnings, ...lock.problems.filter((p) => p.severity === 'warning')];
  const errors = lock.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new LecternError(errors);
  const templateFiles = [...engineFor.set.files.values()].map((f) => f.file);
  const themeCss = engineFor.renderer.themeCss(deck.theme);
  return { outline, settings, resolved, markdown, slides, warnings, templateFiles, themeCss, commitLock: () => lock.commit() };
}

/**
 * Between the steps of preparing an outline (each a stretch of synchronous
 * work): note the time, and let waiting I/O through — above all Chromium's
 * answers while it starts, which would otherwise wait for the whole outline.
 */
async function between(step: string): Promise<void> {
  trace(step);
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** The lectern theme packed at `npm run build` (scripts/pack-styles.mjs). */
const SHIPPED_STYLES = path.join(PACKAGE_ROOT, 'dist', 'styles');

const ALLOW_HINT = 'keep it inside the project, or allow the folder in lectern.config.yaml (`allow: [DIR]`)';

/** The project (config folder, else the working folder), the outline's own project folder, and allowed folders. */
function projectConfinement(engine: Engine, outlineFile: string) {
  const { config } = engine;
  const outlineDir = path.dirname(path.resolve(outlineFile));
  const outlineProject = path.basename(outlineDir) === 'outlines' ? path.dirname(outlineDir) : outlineDir;
  return confinement([config.root, ...(config.file ? [] : [outlineProject]), ...(config.data.allow ?? []).map((a) => config.resolve(a))]);
}

async function templateEngine(engine: Engine, overlays: string[]) {
  const key = overlays.join('\0');
  let found = engine.templates.get(key);
  if (!found) {
    found = (async () => {
      const { loadTemplateSet, createComposer, SlideRenderer } = await pipeline();
      const set = await loadTemplateSet(overlays);
      await between('templates loaded');
      const styles = { read: [SHIPPED_STYLES, ...(engine.styleDir ? [engine.styleDir] : [])], write: engine.styleDir };
      const composer = createComposer(set);
      await between('templates compiled');
      return { set, composer, renderer: new SlideRenderer(set, { styles }) };
    })();
    engine.templates.set(key, found);
    // A template error belongs to this build; the next one tries again.
    found.catch(() => engine.templates.get(key) === found && engine.templates.delete(key));
  }
  return found;
}
