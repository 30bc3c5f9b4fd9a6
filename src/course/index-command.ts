/** `lectern course index course.yaml --from DIR... [--out DIR]`: the command's wiring (merge.ts does the work). */
import path from 'node:path';
import type { Command } from 'commander';

export function courseIndexCommand(program: Command, io: { cwd: string; err: (s: string) => void }): void {
  const course = program.command('course').description('work with a course (course.yaml)');
  course
    .command('index')
    .description("put a course together from its shards' out folders: check them, copy the lectures, write index.html and the combined PDFs")
    .argument('<course>', 'the course file (course.yaml)')
    .requiredOption('--from <dir...>', 'the out folders of `lectern build course.yaml --shard I/N`, one per shard')
    .option('-o, --out <dir>', "output folder (default: the course's)")
    .option('--config <file>', 'config file')
    .action(async (file: string, opts: { from: string[]; out?: string; config?: string }) => {
      const { mergeShards } = await import('./merge.js');
      const written = await mergeShards(file, { cwd: io.cwd, from: opts.from, outDir: opts.out, config: opts.config });
      for (const f of written) io.err(`  ${path.relative(io.cwd, f)}\n`);
    });
}
