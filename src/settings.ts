/**
 * Every setting of a run and of each outline, resolved in one place from the
 * command line, the outline, the course (course.yaml's `defaults:` and
 * `language:`, when the outline is built as a lecture of a course), the
 * project config and the defaults — in that order of precedence — each value
 * with its origin, so that an error about a
 * value points where it was written. The loaded outline and config are only
 * read. Cheap to import (no YAML, no schema): the early Chromium start reads
 * it before anything else loads.
 */
import path from 'node:path';
import type { Config } from './config.js';
import type { Problem } from './errors.js';
import type { LoadedOutline } from './outline/load.js';
import { BROWSER_FORMATS, DEFAULT_FORMATS, FORMATS, HANDOUTS, type Format, type Handout } from './pipeline/formats.js';

/** Where a value was written. */
export interface Place {
  file: string;
  line?: number;
  column?: number;
}
export type Origin = 'command line' | 'default' | Place;
export interface Setting<T> {
  value: T;
  origin: Origin;
}
export type Paper = 'A4' | 'Letter';

/** "file:line:col", "command line" or "default". */
export function originText(origin: Origin): string {
  if (typeof origin === 'string') return origin;
  return [origin.file, origin.line, origin.column].filter((x) => x !== undefined).join(':');
}

/** The position for a problem with a value: where it was written, else `fallback` (a command-line value or a default has none). */
export function placeOf(origin: Origin, fallback: Partial<Place> = {}): Partial<Place> {
  return typeof origin === 'string' ? fallback : origin;
}

/**
 * What a course gives every lecture that does not set it itself (course.yaml,
 * src/course/): below the outline, above the config. Paths are absolute;
 * `locate` says where a value was written in course.yaml.
 */
export interface CourseLayer {
  file: string;
  lang?: string;
  theme?: string;
  /** Absolute. */
  templates?: string;
  /** As written: a name, or a path relative to course.yaml. */
  citationStyle?: string;
  /** Absolute; undefined: the course names none. */
  bibliography?: string[];
  handout?: { layouts?: string[]; paper?: Paper };
  notes?: boolean;
  locate(path: Array<string | number>): Place;
}

/** What the command line (or a library caller) asked for; undefined: not given. */
export interface CommandLine {
  outDir?: string;
  formats?: Format[];
  /** Handouts to print (besides those the outline and config ask for, unless formats are given). */
  handouts?: Handout[];
  paper?: Paper;
  pdfNotes?: boolean;
  /** --pdf-steps: the deck PDF prints a page per step of each slide with step-by-step items. */
  pdfSteps?: boolean;
  notes?: boolean;
  browser?: string;
  timeout?: number;
  strict?: boolean;
  variant?: string;
  set?: string[];
  /** PNG images: their width as a share of 1280 px (default 1). */
  pngScale?: number;
  /** The course whose lectures are built (lectern build course.yaml): its defaults sit between outline and config. */
  course?: CourseLayer;
}

/** The settings of one run (every outline of it). */
export interface RunSettings {
  outDir: Setting<string>;
  formats: Setting<Format[]>;
  /** Handouts of every outline: the command line's, and those in the config's `formats`. */
  handouts: Array<Setting<Handout>>;
  /** Whether each outline (else the config) adds the handouts of its `handout.layouts`: not when --format was given. */
  outlineHandouts: boolean;
  /** Whether anything may be printed (a deck PDF or a handout): decides whether a browser is needed. */
  prints: boolean;
  pdfNotes: Setting<boolean>;
  pdfSteps: Setting<boolean>;
  browser: Setting<string | undefined>;
  timeout: Setting<number | undefined>;
  strict: Setting<boolean>;
  variant: Setting<string | undefined>;
  set: Setting<string[]>;
  /** --png-scale (1: 1280 px wide). */
  pngScale: Setting<number>;
  /** The config's `site_url` (checked: http or https), for the HTML deck's social-card image; undefined: none. */
  siteUrl: Setting<string | undefined>;
  /** The command line as given: outlines may override none of it (paper, notes). */
  commandLine: CommandLine;
  /** Problems with the config's values, for a build to report (`lectern check` does not look at outputs). */
  problems: Problem[];
}

/** The settings of one outline (or variant) of a run. */
export interface OutlineSettings {
  theme: Setting<string>;
  /** The outline's or the config's language; undefined: the sources' script decides (resolveOutline). */
  lang?: Setting<string>;
  /** Template overlay folders (absolute), the config's first, then the outline's. */
  templates: Array<Setting<string>>;
  notes: Setting<boolean>;
  paper: Setting<Paper>;
  /** Handouts to print, as named (checked by unknownHandout when printing). */
  handouts: Array<Setting<string>>;
  /** The smallest text sizes (px at 1280×720) that pass the legibility check: the config's `legibility`, else 24 and 16. */
  legibility: Setting<{ body: number; small: number }>;
  /** The CSL style (`citation_style:`, `--set citation_style=…`): a name, or a path made absolute; undefined: today's short titles. */
  citationStyle?: Setting<string>;
  /** Bibliography files (absolute), each with where it was named: the outline's list, else the config's. */
  bibliography: Array<Setting<string>>;
  /** The config's `abbreviations` (as written, NFC), added to every source's own when its sentences are cut; default none. */
  abbreviations: Setting<string[]>;
}

/** A style written as a path (a .csl file, or anything with a slash) rather than a name. */
export function isStylePath(value: string): boolean {
  return /\.csl$/i.test(value.trim()) || /[/\\]/.test(value);
}

const cli = <T>(value: T): Setting<T> => ({ value, origin: 'command line' });
const byDefault = <T>(value: T): Setting<T> => ({ value, origin: 'default' });
/** A value of the config, with where it was written. */
const fromConfig = <T>(config: Config | undefined, at: Array<string | number>, value: T): Setting<T> => ({
  value,
  origin: config?.locate(at) ?? (config?.file ? { file: config.file } : 'default'),
});
const isHandout = (f: string): f is Handout => (HANDOUTS as readonly string[]).includes(f);
const isFormat = (f: string): f is Format => (FORMATS as readonly string[]).includes(f);

/** Whether a run with this command line may print: without --format every output is built; with it, its PDFs, PNG images and handouts. */
export function printsFor(commandLine: Pick<CommandLine, 'formats' | 'handouts'>): boolean {
  return !commandLine.formats || commandLine.formats.some((f) => BROWSER_FORMATS.includes(f)) || (commandLine.handouts?.length ?? 0) > 0;
}

/** The config's `site_url`: an absolute http(s) URL, else a problem at its line. */
export function siteUrlSetting(config: Config): { setting: Setting<string | undefined>; problem?: Problem } {
  const value = config.data.site_url;
  if (value === undefined) return { setting: byDefault(undefined) };
  const setting = fromConfig(config, ['site_url'], value);
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.host || url.search || url.hash) {
    return {
      setting: byDefault(undefined),
      problem: {
        severity: 'error',
        code: 'config/site-url',
        message: `site_url must be an http or https address, not "${value}"`,
        hint: 'the address the decks are published at, e.g. https://example.edu/lectures/',
        ...placeOf(setting.origin),
      },
    };
  }
  // The folder the decks are in: outputs are named relative to it.
  return { setting: { value: url.href.endsWith('/') ? url.href : `${url.href}/`, origin: setting.origin } };
}

/** The config's `abbreviations`, as a sidecar's are read (NFC, trimmed): every source of the project is cut into sentences with them. */
export function abbreviationsSetting(config: Config): Setting<string[]> {
  const list = config.data.abbreviations;
  if (!list) return byDefault([]);
  const written = list.map((a) => a.normalize('NFC').trim());
  return fromConfig(config, ['abbreviations'], written);
}

/** The output folder: --out, else the config's `out`, else out/ beside the config (or in the working folder). */
export function outDirSetting(cwd: string, config: Config | undefined, outDir?: string): Setting<string> {
  if (outDir) return cli(path.resolve(cwd, outDir));
  if (config?.data.out) return fromConfig(config, ['out'], config.resolve(config.data.out));
  return byDefault(path.join(config?.file ? config.root : cwd, 'out'));
}

/** The folder of outlines built by default: the config's `outlines`, else outlines/ beside the config (or in the working folder). */
export function outlinesDirSetting(cwd: string, config: Config | undefined): Setting<string> {
  if (config?.data.outlines) return fromConfig(config, ['outlines'], config.resolve(config.data.outlines));
  return byDefault(path.join(config?.file ? config.root : cwd, 'outlines'));
}

/** The browser (--browser, else the config's: a path relative to it, or a command name) and its timeout. */
export function browserSettings(
  config: Config,
  commandLine: Pick<CommandLine, 'browser' | 'timeout'>,
): { browser: Setting<string | undefined>; timeout: Setting<number | undefined> } {
  const configured = config.data.browser;
  return {
    browser:
      commandLine.browser !== undefined
        ? cli(commandLine.browser)
        : configured
          ? fromConfig(config, ['browser'], /[\\/]/.test(configured) ? config.resolve(configured) : configured)
          : byDefault(undefined),
    timeout:
      commandLine.timeout !== undefined
        ? cli(commandLine.timeout)
        : config.data.timeout !== undefined
          ? fromConfig(config, ['timeout'], config.data.timeout)
          : byDefault(undefined),
  };
}

/** The settings of a run. */
export function runSettings(config: Config, commandLine: CommandLine, cwd: string): RunSettings {
  const problems: Problem[] = [];
  // Formats: the command line, else the config's `formats` (decks and handouts), else md, html, pdf.
  let formats: Setting<Format[]>;
  const handouts: Array<Setting<Handout>> = (commandLine.handouts ?? []).map(cli);
  if (commandLine.formats) {
    formats = cli(commandLine.formats);
  } else if (config.data.formats) {
    const configured = config.data.formats;
    const unknown = configured.findIndex((f) => !isFormat(f) && !isHandout(f.replace(/^handout-/, '')));
    if (unknown >= 0)
      problems.push({
        severity: 'error',
        code: 'config/format',
        message: `unknown format "${configured[unknown]}" in formats`,
        hint: `use ${[...FORMATS, ...HANDOUTS].join(', ')}`,
        ...placeOf(fromConfig(config, ['formats', unknown], 0).origin),
      });
    formats = fromConfig(config, ['formats'], configured.filter(isFormat));
    configured.forEach((f, i) => {
      const name = f.replace(/^handout-/, '');
      if (isHandout(name) && !handouts.some((h) => h.value === name)) handouts.push(fromConfig(config, ['formats', i], name));
    });
  } else {
    formats = byDefault([...DEFAULT_FORMATS]);
  }
  const site = siteUrlSetting(config);
  if (site.problem) problems.push(site.problem);
  const given = <T>(value: T | undefined, fallback: T): Setting<T> => (value !== undefined ? cli(value) : byDefault(fallback));
  return {
    outDir: outDirSetting(cwd, config, commandLine.outDir),
    formats,
    handouts,
    outlineHandouts: !commandLine.formats,
    prints: printsFor(commandLine),
    pdfNotes: given(commandLine.pdfNotes, false),
    pdfSteps: given(commandLine.pdfSteps, false),
    ...browserSettings(config, commandLine),
    strict: given(commandLine.strict, false),
    variant: given(commandLine.variant, undefined),
    set: given(commandLine.set, []),
    pngScale: given(commandLine.pngScale, 1),
    siteUrl: site.setting,
    commandLine,
    problems,
  };
}

/** The settings of one loaded outline in a run (a `lectern check` or a library call without one: no command-line values). */
export function outlineSettings(outline: LoadedOutline, config: Config, run?: RunSettings): OutlineSettings {
  const data = outline.data;
  const given = run?.commandLine ?? {};
  const course = given.course;
  const inOutline = <T>(at: Array<string | number>, value: T): Setting<T> => ({ value, origin: outline.locate(at) });
  const inCourse = <T>(at: Array<string | number>, value: T): Setting<T> => ({ value, origin: course!.locate(at) });
  /** Command line > outline > course > config > default. */
  const pick = <T>(
    fromCli: T | undefined,
    outlineAt: Array<string | number>,
    fromOutline: T | undefined,
    configAt: Array<string | number>,
    fromCfg: T | undefined,
    courseAt: Array<string | number> = ['defaults', ...configAt],
    fromCourse?: T,
  ) =>
    fromCli !== undefined
      ? cli(fromCli)
      : fromOutline !== undefined
        ? inOutline(outlineAt, fromOutline)
        : fromCourse !== undefined
          ? inCourse(courseAt, fromCourse)
          : fromCfg !== undefined
            ? fromConfig(config, configAt, fromCfg)
            : undefined;

  const templates: Array<Setting<string>> = [];
  if (config.data.templates) templates.push(fromConfig(config, ['templates'], config.resolve(config.data.templates)));
  if (course?.templates) templates.push(inCourse(['defaults', 'templates'], course.templates));
  if (data.templates) {
    const at = outline.locate(['templates']);
    templates.push({ value: path.resolve(path.dirname(at.file || outline.file), data.templates), origin: at });
  }

  const handouts: Array<Setting<string>> = [...(run?.handouts ?? [])];
  if (run?.outlineHandouts) {
    const layouts = data.handout?.layouts
      ? data.handout.layouts.map((h, i) => inOutline(['handout', 'layouts', i], h as string))
      : course?.handout?.layouts
        ? course.handout.layouts.map((h, i) => inCourse(['defaults', 'handout', 'layouts', i], h))
        : (config.data.handout?.layouts ?? []).map((h, i) => fromConfig(config, ['handout', 'layouts', i], h));
    for (const h of layouts) if (!handouts.some((x) => x.value === h.value)) handouts.push(h);
  }

  // citation_style: --set (it changes the outline's value; its origin is the command line), the outline, the config; a path relative to where it was written.
  const setStyle = [...(run?.set.value ?? [])].reverse().find((s) => /^\s*citation_style\s*=/.test(s));
  const styleSetting: Setting<string> | undefined =
    setStyle !== undefined && data.citation_style !== undefined
      ? cli(data.citation_style)
      : pick(undefined, ['citation_style'], data.citation_style, ['citation_style'], config.data.citation_style, undefined, course?.citationStyle);
  const citationStyle = styleSetting && {
    origin: styleSetting.origin,
    value: isStylePath(styleSetting.value)
      ? path.resolve(typeof styleSetting.origin === 'string' ? process.cwd() : path.dirname(styleSetting.origin.file), styleSetting.value.trim())
      : styleSetting.value.trim(),
  };
  const listOf = (v: string | string[] | undefined) => (v === undefined ? undefined : typeof v === 'string' ? [v] : v);
  const outlineBib = listOf(data.bibliography);
  const configBib = listOf(config.data.bibliography);
  const bibliography: Array<Setting<string>> = outlineBib
    ? outlineBib.map((f, i) => {
        const at = outline.locate(typeof data.bibliography === 'string' ? ['bibliography'] : ['bibliography', i]);
        return { value: path.resolve(path.dirname(at.file || outline.file), f), origin: at };
      })
    : course?.bibliography
      ? course.bibliography.map((f, i) => inCourse(['defaults', 'bibliography', i], f))
      : (configBib ?? []).map((f, i) =>
          fromConfig(config, typeof config.data.bibliography === 'string' ? ['bibliography'] : ['bibliography', i], config.resolve(f)),
        );

  return {
    citationStyle,
    bibliography,
    abbreviations: abbreviationsSetting(config),
    theme: pick(undefined, ['theme'], data.theme, ['theme'], config.data.theme, undefined, course?.theme) ?? byDefault('lectern'),
    legibility: config.data.legibility
      ? fromConfig(config, ['legibility'], { body: config.data.legibility.body ?? 24, small: config.data.legibility.small ?? 16 })
      : byDefault({ body: 24, small: 16 }),
    lang: pick(undefined, ['lang'], data.lang, ['lang'], config.data.lang, ['language'], course?.lang),
    templates,
    notes: pick(given.notes, ['notes'], data.notes, ['notes'], config.data.notes, undefined, course?.notes) ?? byDefault(true),
    paper:
      pick<Paper>(
        given.paper,
        ['handout', 'paper'],
        data.handout?.paper,
        ['handout', 'paper'],
        config.data.handout?.paper,
        undefined,
        course?.handout?.paper,
      ) ?? byDefault('A4'),
    handouts,
  };
}

/** A handout named that does not exist, as a problem where it was named (the outline's handout list when not). */
export function unknownHandout(settings: OutlineSettings, outline: LoadedOutline): Problem | undefined {
  const unknown = settings.handouts.find((h) => !isHandout(h.value));
  if (!unknown) return undefined;
  return {
    severity: 'error',
    code: 'outline/unknown-handout',
    message: `unknown handout "${unknown.value}"`,
    hint: `use ${HANDOUTS.join(', ')}`,
    ...placeOf(unknown.origin, outline.locate(['handout', 'layouts'])),
  };
}
