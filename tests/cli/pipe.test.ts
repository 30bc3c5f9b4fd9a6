/**
 * `lectern passages … | head -1`: a reader that stops reading ends the command quietly, exit 0,
 * without an EPIPE stack trace (issue 14) — bin/lectern.js in a process of its own, as a user runs it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir, writeFiles } from '../helpers/project.js';

/** Run the command, read its first chunk of stdout, then close the pipe as `head -1` does. */
function firstLineThenClose(cwd: string, args: string[]): Promise<{ code: number | null; signal: string | null; first: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/lectern.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let first = '';
    let err = '';
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString().split('\n')[0]!;
      child.stdout.destroy();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, first, err }));
  });
}

describe('a closed stdout', () => {
  it('ends `lectern passages` quietly with exit 0', async () => {
    const dir = await tempDir();
    // Far more than a pipe holds, so the command is still writing when the reader goes.
    const paragraph = Array.from({ length: 40 }, (_, i) => `Sentence ${i + 1} of this paragraph says something about the canal.`).join(' ');
    await writeFiles(dir, { 'sources/long.txt': Array.from({ length: 300 }, () => paragraph).join('\n\n') + '\n' });
    const result = await firstLineThenClose(dir, ['passages', 'sources/long.txt']);
    expect(result.first).toContain('long');
    expect(result.err).toBe('');
    expect(result).toMatchObject({ code: 0, signal: null });
  });

  it('ends `lectern passages --json` and `--help` quietly too', async () => {
    const dir = await tempDir();
    const paragraph = Array.from({ length: 40 }, (_, i) => `Sentence ${i + 1} is here.`).join(' ');
    await writeFiles(dir, { 'sources/long.txt': Array.from({ length: 300 }, () => paragraph).join('\n\n') + '\n' });
    for (const args of [['passages', 'sources/long.txt', '--json'], ['--help']]) {
      const result = await firstLineThenClose(dir, args);
      expect(result.err, args.join(' ')).toBe('');
      expect(result.code, args.join(' ')).toBe(0);
    }
  });
});
