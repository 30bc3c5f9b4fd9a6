/**
 * `lectern` as a command, installed the way a lecturer installs it: the
 * packed package (`npm pack`) installed globally into a scratch prefix, then
 * run from a lecture folder outside the repository. The install must not
 * download a browser (Lectern depends on puppeteer-core alone).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/project.js';
import { pdfText } from '../helpers/pdf.js';

const run = promisify(execFile);

describe('the packed package', () => {
  it('installs globally without a browser download, and builds a lecture folder outside the repository', async () => {
    const scratch = await tempDir('lectern-pack-');
    const home = path.join(scratch, 'home');
    const env = {
      ...process.env,
      HOME: home,
      npm_config_cache: path.join(ROOT, 'node_modules', '.cache', 'npm-pack-test'),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    };
    const packed = await run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: ROOT, env, maxBuffer: 64 << 20 });
    const { filename } = (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0]!;
    const prefix = path.join(scratch, 'prefix');
    await run('npm', ['install', '--global', '--prefix', prefix, path.join(scratch, filename)], { env, maxBuffer: 64 << 20 });
    const lectern = path.join(prefix, 'bin', 'lectern');
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await run(lectern, ['--version'], { env })).stdout.trim()).toBe(pkg.version);
    // No browser was downloaded anywhere Puppeteer would put one.
    expect(existsSync(path.join(home, '.cache', 'puppeteer'))).toBe(false);
    expect(existsSync(path.join(prefix, 'lib', 'node_modules', 'lectern', 'node_modules', 'puppeteer'))).toBe(false);

    const lecture = path.join(scratch, 'my lecture');
    await run(lectern, ['init', lecture], { env });
    await run(lectern, ['build'], { cwd: lecture, env });
    const pages = await pdfText(path.join(lecture, 'out', 'lecture.pdf'));
    expect(pages.length).toBe(4);
    expect(pages[1]).toContain('Gutenberg');
  }, 300_000);
});
