/**
 * The `lectern` command: wiring only. Each command parses its options and
 * calls the library; errors become messages on stderr and exit codes
 * (0 ok, 1 bad input, 2 bad usage, 3 environment).
 */
import path from 'node:path';
import { trace } from '../trace.js';
trace('main: imported');
import { VERSION } from '../version.js';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { EXIT, formatProblem, LecternError, sortProblems, usageError, type Problem } from '../errors.js';
import { build, FORMATS, HANDOUTS, type BuildEvent } from '../pipeline/build.js';
import { isCourseFile } from '../course/detect.js';
import { checkOutlines, coverage } from '../pipeline/check.js';
import { ejectTemplates } from '../compose/eject.js';
import { loadSource } from '../sources/source.js';
import { loadConfig } from '../config.js';
import { abbreviationsSetting } from '../settings.js';
import { filesLang } from '../util/lang.js';
import { coverageText, passagesJson, passagesText } from '../sources/passages.js';
import { initProject, INIT_LANGS } from './init.js';
import { courseIndexCommand } from '../course/index-command.js';
import { Progress } from './progress.js';
import type { Io } from './io.js';
import { shownProblem } from '../util/paths.js';
import { buildCommand, commandLineOf, formatsAndHandouts, parseList, parsePngScale, type BuildFlags } from './build-flags.js';

export { parseList } from './build-flags.js';

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  tty: process.stderr.isTTY === true,
};

function printProblems(io: Io, problems: Problem[]): void {
  for (const p of sortProblems(problems)) io.err(formatProblem(shownProblem(p, io.cwd)) + '\n');
}

/** Thrown to end with an exit code after the command printed its own output. */
class QuietExit extends Error {
  constructor(readonly code: number) {
    super('exit');
  }
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function createProgram(io: Io): Command {
  const program = new Command('lectern')
    .description('Lecture slides, PDF decks and handouts from YAML outlines that cite source texts')
    .version(VERSION, '-v, --version')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  buildCommand(program.command('build')).action(async (outlines: string[], opts: BuildFlags, cmd: Command) => {
    if (opts.watch) {
      if (opts.shard !== undefined)
        throw usageError('--shard builds a slice of a course once, for CI: not with --watch', 'lectern build course.yaml --shard 1/3');
      if (opts.variant || opts.set.length || cmd.getOptionValueSource('notes') === 'cli')
        throw usageError('--watch does not take --variant, --set or --no-notes', 'build those once without --watch');
      const { serve } = await import('../serve/serve.js');
      const handle = await serve({
        cwd: io.cwd,
        outlines,
        ...formatsAndHandouts(opts.format, opts.handout),
        outDir: opts.out,
        config: opts.config,
        browser: opts.browser,
        pngScale: parsePngScale(opts.pngScale),
        watchOnly: true,
        log: (l) => io.err(l + '\n'),
      });
      await handle.closed;
      return;
    }
    const started = Date.now();
    const progress = new Progress(io, { quiet: !!opts.quiet, printProblem: (p) => printProblems(io, [p]) });
    const onEvent = (e: BuildEvent) => {
      if (e.type === 'warning') progress.warn(e.problem);
      else progress.event(e);
    };
    const course = await courseArgument(outlines, io.cwd);
    if (opts.shard !== undefined && !course)
      throw usageError(
        '--shard slices the lectures of a course: give it course.yaml (a file with `lectures:`)',
        `lectern build course.yaml --shard ${opts.shard}`,
      );
    if (course) {
      if (opts.shard !== undefined) (await import('../course/shard.js')).parseShard(opts.shard);
      if (opts.variant)
        throw usageError('a course builds its lectures as they are: --variant is for one outline', 'lectern build outlines/NAME.yaml --variant …');
      const { buildCourse } = await import('../course/build.js');
      const built = await buildCourse(course, {
        cwd: io.cwd,
        ...commandLineOf(opts, cmd),
        config: opts.config,
        force: opts.force,
        shard: opts.shard,
        onEvent,
      }).finally(() => progress.stop());
      progress.courseFiles(built.outputs, new Set(built.changed));
      progress.summary(built.build, Date.now() - started);
      return;
    }
    const result = await build({
      outlines,
      cwd: io.cwd,
      ...commandLineOf(opts, cmd),
      config: opts.config,
      force: opts.force,
      onEvent,
    }).finally(() => progress.stop());
    progress.summary(result, Date.now() - started);
  });

  program
    .command('serve')
    .description('build, serve out/ on 127.0.0.1, rebuild on every change and reload open decks at their slide')
    .argument('[outline...]', 'outline files (default: every outlines/*.yaml)')
    .option('--port <n>', 'port (0: any free port)', '8080')
    .option('-o, --out <dir>', 'output folder')
    .option(
      '-f, --format <list>',
      `outputs to keep up to date: ${FORMATS.join(',')} and handouts ${HANDOUTS.join(',')} (default: what build writes; the HTML first)`,
    )
    .option('--handout <list>', 'handouts to keep up to date as well')
    .option('--png-scale <factor>', 'PNG images (--format png): width as a share of 1280 px (default 1)')
    .option('--browser <path>', 'Chromium or Chrome for PDFs and PNG images')
    .option('--config <file>', 'config file')
    .action(
      async (
        outlines: string[],
        opts: { port: string; out?: string; format?: string; handout?: string; pngScale?: string; browser?: string; config?: string },
      ) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port takes a port number, not "${opts.port}"`);
        const { serve } = await import('../serve/serve.js');
        const handle = await serve({
          cwd: io.cwd,
          outlines,
          port,
          ...formatsAndHandouts(opts.format, opts.handout),
          outDir: opts.out,
          config: opts.config,
          browser: opts.browser,
          pngScale: parsePngScale(opts.pngScale),
          log: (l) => io.err(l + '\n'),
        });
        await handle.closed;
      },
    );

  program
    .command('check')
    .description('check outlines without building: schema, references, templates (no browser needed)')
    .argument('[outline...]', 'outline files (default: every outlines/*.yaml)')
    .option('--format <format>', 'text or json', 'text')
    .option('--strict', 'warnings (such as drift) count as errors')
    .option('--update-lock', 'accept the current text of every referenced passage into NAME.lock.json')
    .option('--variant <name>', 'check a variant, or "all"')
    .option('--set <path=value>', 'override an outline field (repeatable)', collect, [])
    .option('--config <file>', 'config file')
    .action(async (outlines: string[], opts: { format: string; strict?: boolean; updateLock?: boolean; variant?: string; set: string[]; config?: string }) => {
      const [format] = parseList(opts.format, ['text', 'json'] as const, 'check format');
      const course = await courseArgument(outlines, io.cwd);
      const checkOptions = { cwd: io.cwd, strict: opts.strict, updateLock: opts.updateLock, variant: opts.variant, set: opts.set, config: opts.config };
      let shared: string[] = [];
      let problems: Problem[];
      if (course) {
        const { checkCourse } = await import('../course/check.js');
        ({ problems, shared } = await checkCourse(course, checkOptions));
      } else problems = await checkOutlines({ outlines, ...checkOptions });
      const failed = problems.some((p) => p.severity === 'error' || (opts.strict && p.severity === 'warning'));
      if (format === 'json') {
        const list = sortProblems(problems).map((p) => ({
          file: shownProblem(p, io.cwd).file ?? null,
          line: p.line ?? null,
          column: p.column ?? null,
          severity: p.severity,
          code: p.code,
          message: p.message,
          hint: p.hint ?? null,
        }));
        io.out(JSON.stringify(list, null, 2) + '\n');
      } else {
        printProblems(io, problems);
        // Information, not a problem: a passage several lectures quote may be meant, or may be repetition.
        if (shared.length) io.err(`quoted in more than one lecture:\n${shared.map((l) => `  ${l}\n`).join('')}`);
        if (!failed) io.err(problems.length ? `ok, with ${problems.length} warning${problems.length === 1 ? '' : 's'}\n` : 'ok\n');
      }
      if (failed) throw new QuietExit(EXIT.input);
    });

  program
    .command('passages')
    .description('list every address of a source with its text (for writing outlines)')
    .argument('<source>', 'a source: text (.txt, .md), PDF, DOCX, HTML or EPUB')
    .option('--lang <code>', "language for sentence rules (default: the source metadata, the config, else the text's script: Cyrillic ru, otherwise en)")
    .option('--grep <text>', 'only sentences containing this text (case, ё/е and quotes ignored)')
    .option('--page <n>', 'only what is on this physical page of a PDF (1 = the first sheet)', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a page number: 1, 2, …');
      return n;
    })
    .option(
      '--json',
      'print JSON: {source, format, lang, pages?, paragraphs: [{id, kind, text, page?, pageLabel?, sentences: [{id, text, page?, pageLabel?}]}]}',
    )
    .option('--coverage', 'which sentences the outlines cite, from which slides, and which none cite')
    .option('--course <file>', "with --coverage: the course's published lectures instead of every outlines/*.yaml")
    .action(async (sourceFile: string, opts: { lang?: string; grep?: string; page?: number; json?: boolean; coverage?: boolean; course?: string }) => {
      if (opts.course && !opts.coverage) throw usageError('--course goes with --coverage', `lectern passages ${sourceFile} --coverage --course ${opts.course}`);
      const file = path.resolve(io.cwd, sourceFile);
      // Read as a build of this project reads it: the metadata's language, else the config's, else the script's; the config's abbreviations.
      const config = loadConfig(io.cwd);
      const defaultLang = opts.lang ? undefined : (config.data.lang ?? (await filesLang([file])));
      const source = await loadSource(file, undefined, { lang: opts.lang, defaultLang, abbreviations: abbreviationsSetting(config).value });
      printProblems(io, source.warnings);
      if (opts.coverage) {
        const cited = opts.course
          ? await (await import('../course/check.js')).courseSourceCoverage(io.cwd, source, opts.course)
          : await coverage(io.cwd, source);
        io.out(coverageText(source, cited));
      } else if (opts.json) {
        io.out(JSON.stringify(passagesJson(source, sourceFile, { grep: opts.grep, page: opts.page }), null, 2) + '\n');
      } else {
        io.out(passagesText(source, { grep: opts.grep, page: opts.page }));
      }
    });

  program
    .command('init')
    .description('start a lecture project: config, a sample source and outline that build at once')
    .argument('[dir]', 'folder (default: here)', '.')
    .option('--lang <code>', `language of the project and its sample lecture: one of ${INIT_LANGS.join(', ')}`, 'en')
    .option('--course', 'also a course: course.yaml listing the sample lecture (lectern build course.yaml)')
    .action(async (dir: string, opts: { lang: string; course?: boolean }) => {
      const langs = parseList(opts.lang, INIT_LANGS, 'language for init');
      const lang = langs[0];
      if (langs.length !== 1 || !lang) throw usageError(`--lang takes one of ${INIT_LANGS.join(', ')}, not "${opts.lang}"`);
      const written = await initProject(path.resolve(io.cwd, dir), lang, { course: opts.course });
      for (const f of written) io.err(`  created ${path.join(dir, f)}\n`);
      const next = opts.course ? 'lectern build course.yaml' : 'lectern build';
      io.err(dir === '.' ? `next: ${next}\n` : `next: cd ${dir} && ${next}\n`);
    });

  program
    .command('draft')
    .description('write a first outline from a source: sections, key sentences as cited bullets, quotes, a timeline')
    .argument('<source>', 'a source: text (.txt, .md), PDF, DOCX, HTML or EPUB')
    .option('--slides <n>', 'about how many slides (default 12)')
    .option('--lang <code>', 'language of the outline (default: the source metadata, else guessed)')
    .option('-o, --output <file>', 'the outline to write (default: outlines/SOURCE-NAME.yaml)')
    .option('--force', 'overwrite an existing outline')
    .action(async (sourceFile: string, opts: { slides?: string; lang?: string; output?: string; force?: boolean }) => {
      const slides = opts.slides === undefined ? undefined : Number(opts.slides);
      if (slides !== undefined && (!Number.isInteger(slides) || slides < 1)) throw usageError(`--slides takes a whole number, not "${opts.slides}"`);
      const source = path.resolve(io.cwd, sourceFile);
      const output = path.resolve(io.cwd, opts.output ?? path.join('outlines', `${path.basename(source).replace(/\.[^.]+$/, '')}.yaml`));
      const { writeDraft } = await import('../draft/draft.js');
      const written = await writeDraft(source, { slides, lang: opts.lang, output, force: opts.force });
      io.err(
        `wrote ${path.relative(io.cwd, written)}; next: lectern check ${path.relative(io.cwd, written)} && lectern build ${path.relative(io.cwd, written)}\n`,
      );
    });

  program
    .command('bib')
    .description('print the entries of bibliography files (BibTeX/BibLaTeX, CSL-JSON, RIS) formatted in a citation style')
    .argument('<file...>', 'bibliography files: .bib, .json (CSL-JSON), .ris')
    .option('--style <name|path>', 'a citation style: gost, gost-author-date, apa, chicago, mla, ieee, any id `lectern styles --all` lists, or a .csl file')
    .option('--lang <code>', "language of the style's terms (default: the config's lang, else en)")
    .option('--format <format>', 'text (one entry per line), html or json ([{id, text, html}])', 'text')
    .action(async (files: string[], opts: { style?: string; lang?: string; format: string }) => {
      const [format] = parseList(opts.format, ['text', 'html', 'json'] as const, 'bib format');
      const { bibCommand } = await import('../bib/command.js');
      const lang = opts.lang ?? loadConfig(io.cwd).data.lang ?? 'en';
      const result = await bibCommand(
        files.map((f) => path.resolve(io.cwd, f)),
        { style: opts.style, lang, format: format ?? 'text', baseDir: io.cwd },
      );
      io.out(result.output);
      printProblems(io, result.problems);
      if (result.problems.some((p) => p.severity === 'error')) throw new QuietExit(EXIT.input);
    });

  program
    .command('styles')
    .description('list the named citation styles and how many CSL styles are installed')
    .option('--all', 'list every installed style by id and title')
    .action(async (opts: { all?: boolean }) => {
      const { stylesCommand } = await import('../bib/command.js');
      io.out(await stylesCommand(!!opts.all));
    });

  const templates = program.command('templates').description('work with templates');
  templates
    .command('eject')
    .description('copy the default templates and themes into DIR to start your own (then set templates: DIR)')
    .argument('[dir]', 'folder', 'templates')
    .action(async (dir: string) => {
      const written = await ejectTemplates(path.resolve(io.cwd, dir));
      io.err(`copied ${written.length} files to ${dir}; set \`templates: ${dir}\` in lectern.config.yaml or the outline\n`);
    });

  courseIndexCommand(program, io);
  return program;
}

/** The course file among the arguments (a YAML file with a top-level `lectures:`); a course is built alone. */
async function courseArgument(files: string[], cwd: string): Promise<string | undefined> {
  const courses: string[] = [];
  for (const f of files) if (await isCourseFile(path.resolve(cwd, f))) courses.push(f);
  if (courses.length === 0) return undefined;
  if (files.length > 1)
    throw usageError(`${courses[0]} is a course: build it alone`, 'its lectures are listed under `lectures:` in it; `lectern build course.yaml`');
  return path.resolve(cwd, courses[0]!);
}

let pipesWatched = false;

/**
 * A reader that stops reading (`lectern passages … | head -1`) closes our stdout: end the command
 * quietly with exit 0, as command-line tools do, instead of an EPIPE stack trace. A closed stderr
 * only means that nobody reads the messages: the command goes on.
 */
function endQuietlyOnClosedPipes(): void {
  if (pipesWatched) return;
  pipesWatched = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(0);
    throw err;
  });
  process.stderr.on('error', () => undefined);
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  if (io === defaultIo) endQuietlyOnClosedPipes();
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      if (err.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof QuietExit) return err.code;
    if (err instanceof LecternError) {
      printProblems(io, err.problems);
      return err.exitCode;
    }
    io.err(`lectern: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 70;
  }
}
