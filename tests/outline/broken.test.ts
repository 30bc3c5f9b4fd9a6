/**
 * A lecturer's mistakes, one file each (tests/outline/broken/NAME.yaml). Each
 * file says in its header what `lectern check` must report:
 *
 *   # expect: LINE:COL CODE FRAGMENT
 *
 * one line per problem; FRAGMENT must appear in the message or the hint. The
 * test runs every file through `lectern check` (text on stderr) and
 * `lectern check --format json` (stdout) and requires exit 1, exactly the
 * expected problems at those positions, and a hint for every problem.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../helpers/project.js';

const DIR = path.join(ROOT, 'tests', 'outline', 'broken');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

interface Expected {
  line: number;
  column: number;
  code: string;
  fragment: string;
}

interface Reported {
  file: string | null;
  line: number | null;
  column: number | null;
  severity: string;
  code: string;
  message: string;
  hint: string | null;
}

function expectations(name: string): Expected[] {
  const text = readFileSync(path.join(DIR, name), 'utf8');
  return [...text.matchAll(/^# expect: (\d+):(\d+) (\S+)(?: (.*))?$/gm)].map((m) => ({
    line: Number(m[1]),
    column: Number(m[2]),
    code: m[3]!,
    fragment: (m[4] ?? '').trim(),
  }));
}

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { cwd: ROOT, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** The text format: "FILE:LINE:COL: SEVERITY [CODE] MESSAGE" then "  hint: …" (messages may run over several lines). */
function parseText(stderr: string): Reported[] {
  const list: Reported[] = [];
  for (const line of stderr.split('\n')) {
    const head = /^(.+?):(\d+):(\d+): (error|warning) \[([^\]]+)\] (.*)$/.exec(line);
    if (head) {
      list.push({ file: head[1]!, line: Number(head[2]), column: Number(head[3]), severity: head[4]!, code: head[5]!, message: head[6]!, hint: null });
    } else if (line.startsWith('  hint: ') && list.length) {
      list[list.length - 1]!.hint = line.slice('  hint: '.length);
    } else if (line.trim() && list.length) {
      list[list.length - 1]!.message += `\n${line}`;
    }
  }
  return list;
}

describe('broken outlines', () => {
  it('cover every mistake the outline language must explain', () => {
    const required = [
      'wrong-types',
      'unknown-key',
      'bad-indentation',
      'tab-indent',
      'unclosed-quote',
      'unknown-layout',
      'missing-source-file',
      'bad-address',
      'duplicate-key',
      'second-document',
      'proto-key',
      'constructor-key',
      'alias-bomb',
      'unknown-source',
      'reversed-range',
    ];
    for (const name of required) expect(FILES).toContain(`${name}.yaml`);
    for (const name of FILES) expect(expectations(name).length, `${name} has no "# expect:" line`).toBeGreaterThan(0);
  });

  describe.each(FILES)('%s', (name) => {
    const rel = path.posix.join('tests', 'outline', 'broken', name);
    const expected = expectations(name);
    const matches = (p: Reported, e: Expected) => p.line === e.line && p.column === e.column && p.code === e.code;

    const compare = (problems: Reported[]) => {
      const shown = problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message} | ${p.hint}`).join('\n');
      expect(problems.length, `problems reported:\n${shown}`).toBe(expected.length);
      for (const e of expected) {
        const found = problems.find((p) => matches(p, e));
        expect(found, `expected ${e.line}:${e.column} ${e.code}; got:\n${shown}`).toBeDefined();
        expect(found!.severity).toBe('error');
        expect(found!.file).toBe(rel);
        expect(`${found!.message}\n${found!.hint}`).toContain(e.fragment);
        // Every problem says what to do about it.
        expect(found!.hint ?? '').not.toBe('');
      }
    };

    it('`lectern check` exits 1 and prints each problem at file:line:col with a hint', async () => {
      const { code, err, out } = await run(['check', rel]);
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).not.toMatch(/internal error/);
      compare(parseText(err));
    });

    it('`lectern check --format json` lists the same problems', async () => {
      const { code, out } = await run(['check', '--format', 'json', rel]);
      expect(code).toBe(1);
      const list = JSON.parse(out) as Reported[];
      expect(Array.isArray(list)).toBe(true);
      for (const item of list) expect(Object.keys(item).sort()).toEqual(['code', 'column', 'file', 'hint', 'line', 'message', 'severity']);
      compare(list);
    });
  });
});
