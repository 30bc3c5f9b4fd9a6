/**
 * `lectern check`: everything a build does before the browser — schema,
 * customizing, references, drift, templates, themes, Marp — for every outline
 * (and variant), with every problem reported and nothing written except the
 * lock files of outlines that check cleanly.
 */
import path from 'node:path';
import { LecternError, type Problem } from '../errors.js';
import type { Source } from '../sources/source.js';
import type { Citer } from '../sources/passages.js';
import { runSettings, type CourseLayer } from '../settings.js';
import { createEngine, prepareOutline, type Prepared } from './prepare.js';
import { defaultOutlines, expandTargets } from './targets.js';

export interface CheckOptions {
  outlines?: string[];
  cwd?: string;
  strict?: boolean;
  updateLock?: boolean;
  variant?: string;
  set?: string[];
  config?: string;
  /** The course the outlines are lectures of (lectern check course.yaml): its defaults apply. */
  course?: CourseLayer;
  /** Each outline that checked cleanly, prepared (a course looks at the passages its lectures cite). */
  onPrepared?: (file: string, prepared: Prepared) => void;
}

export async function checkOutlines(options: CheckOptions = {}): Promise<Problem[]> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const engine = createEngine(cwd, options.config);
  const files = options.outlines?.length ? options.outlines.map((o) => path.resolve(cwd, o)) : await defaultOutlines(cwd, engine.config);
  // The settings an outline is checked with (a build's; its outputs are not looked at).
  const run = runSettings(engine.config, { strict: options.strict, variant: options.variant, set: options.set, course: options.course }, cwd);
  const problems: Problem[] = [];
  for (const target of await expandTargets(files, run.variant.value)) {
    try {
      const prepared = await prepareOutline(engine, target.file, {
        variant: target.variant,
        set: run.set.value,
        strict: run.strict.value,
        updateLock: options.updateLock,
        run,
      });
      problems.push(...prepared.warnings);
      if (!target.variant) options.onPrepared?.(target.file, prepared);
      if (!run.strict.value || prepared.warnings.length === 0) await prepared.commitLock();
    } catch (err) {
      if (!(err instanceof LecternError) || err.exitCode !== 1) throw err;
      problems.push(...err.problems);
    }
  }
  // The same source warning (e.g. bidi controls) once, however many outlines cite it.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.code}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * For `lectern passages --coverage`: sentence id → the slides (of every
 * outline, or of the outlines given: a course's published lectures, with its
 * defaults) citing it.
 */
export async function coverage(cwd: string, source: Source, options: { outlines?: string[]; course?: CourseLayer } = {}): Promise<Map<string, Citer[]>> {
  const engine = createEngine(cwd);
  const cited = new Map<string, Citer[]>();
  const run = options.course ? runSettings(engine.config, { course: options.course }, cwd) : undefined;
  for (const file of options.outlines ?? (await defaultOutlines(cwd, engine.config))) {
    let prepared;
    try {
      prepared = await prepareOutline(engine, file, { run });
    } catch (err) {
      if (err instanceof LecternError) continue;
      throw err;
    }
    const deck = prepared.resolved.deck;
    for (const { passage, slides } of prepared.resolved.citedPassages.values()) {
      if (passage.source.file !== source.file) continue;
      for (const part of passage.parts) {
        for (const s of part.sentences) {
          const list = cited.get(s.id) ?? [];
          for (const n of slides) {
            if (!list.some((c) => c.outline === deck.name && c.slide === n)) list.push({ outline: deck.name, slide: n, title: deck.slides[n - 1]?.title });
          }
          cited.set(s.id, list);
        }
      }
    }
  }
  return cited;
}
