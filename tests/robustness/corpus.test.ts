/**
 * Hostile and broken input (issue 9): every case under cases/CATEGORY/NAME/
 * is a small project with an expect.json (see corpus.ts for the fields). The
 * runner builds each one through `main([...], io)` — the `lectern` command —
 * in a temporary copy, and checks the exit code, the problems printed (code,
 * file:line:col, message and hint fragments), what was written, and that
 * nothing leaked: no prototype pollution, no globals set, no internal error.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadTemplateSet } from '../../src/compose/templates.js';
import { SlideRenderer } from '../../src/render/marp.js';
import { tempDir } from '../helpers/project.js';
import {
  fold,
  locationOf,
  matches,
  parseProblems,
  prepareProject,
  readIfExists,
  slideSections,
  visibleText,
  type Case,
  type Expect,
  type Printed,
} from './corpus.js';

/**
 * Time budget of a pathological case (`"budget": true`): main() must finish
 * within 20 s. Generous on purpose: CI runs on a shared 2-core machine, and
 * these inputs take well under a few seconds there when nothing is
 * quadratic, while a hang or a catastrophic backtrack takes minutes. A hang
 * in synchronous code cannot be interrupted in the test's process, so the
 * cases known to risk one are marked `"isolate": true` (see STARTUP_MS).
 */
const BUDGET_MS = 20_000;
/**
 * A case marked `"isolate": true` runs in a child process (isolated.ts), which
 * is killed when main() has not finished within BUDGET_MS of starting; the
 * child may take this long to start (vite-node compiles the sources first).
 */
const STARTUP_MS = 15_000;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BASE = path.join(HERE, 'base');
const CASES = path.join(HERE, 'cases');

function discover(): Case[] {
  const out: Case[] = [];
  for (const category of readdirSync(CASES).sort()) {
    const dir = path.join(CASES, category);
    for (const name of readdirSync(dir).sort()) {
      const caseDir = path.join(dir, name);
      const file = path.join(caseDir, 'expect.json');
      if (!existsSync(file)) throw new Error(`${path.relative(HERE, caseDir)}: no expect.json`);
      out.push({ category, name, dir: caseDir, expect: JSON.parse(readFileSync(file, 'utf8')) as Expect });
    }
  }
  return out;
}

const ALL = discover();
const byCategory = new Map<string, Case[]>();
for (const c of ALL) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);

/** Own property names of the prototypes a polluting input would change. */
const prototypes = () => [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(','));

let renderer: Promise<SlideRenderer> | undefined;
/** marp-core configured as src/render/marp.ts does, with the default themes. */
const marp = () => (renderer ??= loadTemplateSet().then((set) => new SlideRenderer(set)));

const show = (list: Printed[]) =>
  list.map((p) => `  ${locationOf(p)}: ${p.severity} [${p.code}] ${p.message}${p.hint ? `\n    hint: ${p.hint}` : ''}`).join('\n') || '  (none)';

interface Run {
  exit: number;
  out: string;
  err: string;
  /** Time main() took (for an isolated run, measured in the child). */
  ms: number;
  /** Set when an isolated run was killed: why. */
  killed?: string;
  /** An isolated run saw Object.prototype polluted. */
  polluted?: boolean;
}

async function inProcess(cwd: string, args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const started = performance.now();
  const exit = await main(args, { cwd, out: (s) => (out += s), err: (s) => (err += s) });
  return { exit, out, err, ms: performance.now() - started };
}

const viteNode = path.join(path.dirname(createRequire(import.meta.url).resolve('vite-node/package.json')), 'vite-node.mjs');

/** main() in a child process (isolated.ts): killed BUDGET_MS after it starts, or if it has not started within STARTUP_MS. */
async function isolated(cwd: string, args: string[]): Promise<Run> {
  const resultFile = path.join(cwd, '.isolated-result.json');
  const child = spawn(process.execPath, [viteNode, path.join(HERE, 'isolated.ts'), resultFile, cwd, ...args], {
    cwd: path.resolve(HERE, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const killed = await new Promise<string | undefined>((resolve) => {
    const kill = (why: string) => {
      child.kill('SIGKILL');
      resolve(why);
    };
    let budget: NodeJS.Timeout | undefined;
    const startup = setTimeout(() => kill(`not started within ${STARTUP_MS / 1000} s`), STARTUP_MS);
    child.stdout.on('data', (d: Buffer) => {
      if (budget || !d.toString().includes('ready')) return;
      clearTimeout(startup);
      budget = setTimeout(() => kill(`still running after its budget of ${BUDGET_MS / 1000} s`), BUDGET_MS);
    });
    child.on('exit', () => {
      clearTimeout(startup);
      clearTimeout(budget);
      resolve(undefined);
    });
  });
  if (killed) return { exit: -1, out: '', err: stderr, ms: Infinity, killed };
  const result = await readIfExists(resultFile);
  await rm(resultFile, { force: true });
  if (result === undefined) throw new Error(`the isolated run wrote no result:\n${stderr}`);
  return JSON.parse(result) as Run;
}

interface Executed {
  cwd: string;
  args: string[];
  run: Run;
  protoBefore: string[];
}

/** Prepare the project and run the command. */
async function execute(c: Case): Promise<Executed> {
  const cwd = await tempDir('lectern robustness проект ');
  await prepareProject(BASE, c, cwd);
  const args = c.expect.args ?? ['build', '--format', 'md,html'];
  const protoBefore = prototypes();
  const run = c.expect.isolate ? await isolated(cwd, args) : await inProcess(cwd, args);
  return { cwd, args, run, protoBefore };
}

/** Check what the command did against expect.json. */
async function verify(c: Case, { cwd, args, run, protoBefore }: Executed): Promise<void> {
  const e = c.expect;
  try {
    const { exit, err, ms } = run;
    if (run.killed) expect.fail(`${c.category}/${c.name} did not finish: killed, ${run.killed}\n${err.slice(0, 2000)}`);
    const printed = parseProblems(err);
    const context = `lectern ${args.join(' ')} → exit ${exit} in ${Math.round(ms)} ms\nstderr:\n${err.slice(0, 4000)}\nproblems:\n${show(printed)}`;
    // LECTERN_CORPUS_LOG=1 prints what every case did (for writing expect.json).
    if (process.env.LECTERN_CORPUS_LOG) console.log(`${c.category}/${c.name}: ${context}`);

    // Nothing leaked, whatever the outcome.
    expect(err, context).not.toContain('internal error');
    expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').toBeUndefined();
    expect(run.polluted ?? false, 'Object.prototype was polluted (in the child)').toBe(false);
    expect(prototypes(), 'a built-in prototype gained or lost a property').toEqual(protoBefore);
    for (const name of e.globals ?? []) expect((globalThis as Record<string, unknown>)[name], `globalThis.${name} was set`).toBeUndefined();

    if (e.budget) expect(ms, `${c.category}/${c.name} took ${Math.round(ms)} ms, budget ${BUDGET_MS} ms`).toBeLessThan(BUDGET_MS);

    const errors = printed.filter((p) => p.severity === 'error');
    const tooLarge = e.acceptTooLarge === true && exit === 1 && errors.length > 0 && errors.every((p) => /too large/i.test(p.message));
    if (!tooLarge) {
      const allowed = Array.isArray(e.exit) ? e.exit : [e.exit];
      expect(allowed, context).toContain(exit);
      // A build that succeeded owes only the warnings; one that failed, every problem listed.
      const expected = (e.problems ?? []).filter((p) => exit !== 0 || (p.severity ?? 'error') === 'warning');
      for (const want of expected) {
        expect(
          printed.some((p) => matches(p, want)),
          `expected ${want.severity ?? 'error'} [${want.code}]${want.at ? ` at ${want.at}` : ''}${want.message ? ` with "${want.message}"` : ''}${want.hint ? ` and hint "${want.hint}"` : ''}\n${context}`,
        ).toBe(true);
      }
      const unexpected = errors.filter((p) => !expected.some((want) => matches(p, want)));
      expect(unexpected, `errors not in expect.json\n${context}`).toEqual([]);
    }

    const name = e.output ?? 'deck';
    const mdFile = path.join(cwd, 'out', `${name}.md`);
    const htmlFile = path.join(cwd, 'out', `${name}.html`);
    const md = await readIfExists(mdFile);
    const html = await readIfExists(htmlFile);
    if (exit !== 0) {
      // An outline with an error writes nothing.
      const written = (await readdir(path.join(cwd, 'out')).catch(() => [] as string[])).filter((f) => !f.startsWith('.'));
      expect(written, `a failed build wrote outputs\n${context}`).toEqual([]);
    } else if (args[0] === 'build') {
      expect(md ?? html, `nothing written\n${context}`).toBeDefined();
    }
    // Refused as too large (as the case allows): nothing was written, so there is no output to look at.
    if (tooLarge) return;
    for (const s of e.md?.contains ?? []) expect(md, `out/${name}.md`).toContain(s);
    for (const s of e.md?.lacks ?? []) if (md !== undefined) expect(md.includes(s), `out/${name}.md contains ${JSON.stringify(s)}`).toBe(false);
    for (const s of e.html?.contains ?? []) expect(html, `out/${name}.html`).toContain(s);
    for (const s of e.html?.lacks ?? []) if (html !== undefined) expect(html.includes(s), `out/${name}.html contains ${JSON.stringify(s)}`).toBe(false);

    if (e.slides !== undefined) {
      expect(md, context).toBeDefined();
      expect(html, context).toBeDefined();
      expect((await marp()).render(md!).slideCount, `out/${name}.md rendered by marp-core`).toBe(e.slides);
      expect(html!.match(/<svg\b[^>]*data-marpit-svg/g)?.length, `slides in out/${name}.html`).toBe(e.slides);
    }
    if (e.literal || e.slidesLack) {
      const sections = slideSections(html ?? '');
      const text = visibleText(sections.join('\n'));
      for (const s of e.literal ?? [])
        expect(text.includes(fold(s)), `slides do not show ${JSON.stringify(s)} literally; they show:\n${text.slice(0, 3000)}`).toBe(true);
      const lower = sections.join('\n').toLowerCase();
      for (const s of e.slidesLack ?? []) expect(lower.includes(s.toLowerCase()), `the slides' HTML contains ${JSON.stringify(s)}`).toBe(false);
    }
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

/** Isolated cases run in the background, beside the others (they may take their whole budget). */
const background = new Map<Case, Promise<Executed>>();

describe('robustness corpus', () => {
  beforeAll(() => {
    for (const c of ALL) if (c.expect.isolate) background.set(c, execute(c));
  });
  afterAll(async () => {
    // Cases filtered out (-t) still ran: remove their folders.
    for (const done of await Promise.allSettled(background.values()))
      if (done.status === 'fulfilled') await rm(done.value.cwd, { recursive: true, force: true });
  });

  it('has cases in every category', () => {
    expect([...byCategory.keys()].sort()).toEqual(['documents', 'encodings', 'images', 'outlines', 'pathological', 'references', 'source-text', 'templates']);
  });

  for (const [category, cases] of byCategory) {
    describe(category, () => {
      for (const c of cases) {
        it(
          `${c.name}: ${c.expect.about}`,
          async () => verify(c, await (background.get(c) ?? execute(c))),
          c.expect.budget ? BUDGET_MS + STARTUP_MS + 30_000 : 30_000,
        );
      }
    });
  }
});
