/**
 * Drift: a lock file beside each outline (NAME.lock.json, meant to be
 * committed) records the text of every passage the outline references, as it
 * was when the outline was last checked. When a source later changes under a
 * reference, the next check or build says so, showing the old and new text;
 * `--strict` makes that an error and `lectern check --update-lock` accepts
 * the new text. When the text a reference had is still in the source under
 * another address (paragraphs renumbered, e.g. by `breaks:` in the source's
 * metadata), the warning names that address instead.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inputError, type Problem } from '../errors.js';
import { writeAtomic } from '../util/write.js';
import { formatAddress, parseAddress } from '../sources/address.js';
import type { Source } from '../sources/source.js';

/** Every reference of an outline: its text now, where the outline makes it, and its source. */
export type References = Map<string, { text: string; where: { file: string; line: number; column: number }; source?: Source }>;

export interface LockFile {
  lectern: 1;
  passages: Record<string, { sha256: string; text: string }>;
}

export function lockPath(outlineFile: string): string {
  return outlineFile.replace(/\.ya?ml$/i, '') + '.lock.json';
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

async function readLock(file: string): Promise<LockFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as LockFile;
    if (data && typeof data.passages === 'object' && data.passages !== null) return data;
  } catch {
    // fall through
  }
  throw inputError('lock/invalid', 'the lock file is not valid', { file }, 'delete it and run `lectern check` to record the passages again');
}

/** The two texts around their first difference, so that a change late in a long passage shows. */
function excerpts(was: string, now: string, width = 150): [string, string] {
  let i = 0;
  while (i < was.length && i < now.length && was[i] === now[i]) i++;
  const start = Math.max(0, i - Math.floor(width / 3));
  const cut = (t: string) => `${start > 0 ? '…' : ''}${t.slice(start, start + width)}${t.length > start + width ? '…' : ''}`;
  return [cut(was), cut(now)];
}

export interface LockResult {
  problems: Problem[];
  /** Call once the build succeeded: records new references (and, with update, changed ones). */
  commit(): Promise<void>;
}

export async function checkLock(outlineFile: string, refs: References, options: { strict?: boolean; update?: boolean } = {}): Promise<LockResult> {
  const file = lockPath(outlineFile);
  const lock = (await readLock(file)) ?? { lectern: 1 as const, passages: {} };
  const problems: Problem[] = [];
  let changed = false;
  const next: LockFile = { lectern: 1, passages: { ...lock.passages } };
  const locked = new Map(Object.entries(lock.passages).map(([k, v]) => [k, v.text]));
  for (const [key, { text, where, source }] of refs) {
    const entry = lock.passages[key];
    const sha256 = hash(text);
    if (!entry) {
      next.passages[key] = { sha256, text };
      changed = true;
    } else if (entry.sha256 !== sha256) {
      const verdict = options.update ? 'accept' : judge(key, { text, source }, locked, refs);
      if (verdict === 'accept' || verdict === 'renumbered') {
        next.passages[key] = { sha256, text };
        changed = true;
      } else if (verdict !== 'drift') {
        problems.push(movedProblem(key, verdict, where, options.strict));
      } else {
        const [was, now] = excerpts(entry.text, text);
        problems.push({
          severity: options.strict ? 'error' : 'warning',
          code: 'ref/drift',
          message: `the source changed under ${key}:\n    was: «${was}»\n    now: «${now}»`,
          hint: 'check that the reference still says what the slide needs, then accept the new text with `lectern check --update-lock`',
          ...where,
        });
      }
    }
  }
  return {
    problems,
    async commit() {
      if (!changed) return;
      const sorted: LockFile = { lectern: 1, passages: Object.fromEntries(Object.entries(next.passages).sort(([a], [b]) => a.localeCompare(b))) };
      await writeAtomic(file, JSON.stringify(sorted, null, 2) + '\n');
    },
  };
}

/**
 * What a reference whose text is not the one locked means:
 *  - 'renumbered': the lecturer already moved the references — the text this
 *    address had is cited by another reference now, and the text it has was
 *    locked (under its old address): nothing to report, the lock follows;
 *  - the addresses where the locked text stands now ('moved');
 *  - 'drift': the text changed.
 */
function judge(key: string, now: { text: string; source?: Source }, locked: Map<string, string>, refs: References): 'renumbered' | 'drift' | string[] {
  const was = locked.get(key)!;
  if (!now.source || !key.includes('#')) return 'drift';
  const citedElsewhere = [...refs].some(([k, r]) => k !== key && r.text === was);
  const lockedElsewhere = [...locked].some(([k, t]) => k !== key && t === now.text);
  if (citedElsewhere && lockedElsewhere) return 'renumbered';
  const moved = movedTo(now.source, key, was);
  return moved.length > 0 ? moved : 'drift';
}

function movedProblem(key: string, moved: string[], where: { file: string; line: number; column: number }, strict?: boolean): Problem {
  return {
    severity: strict ? 'error' : 'warning',
    code: 'ref/moved',
    message: `${key} now reads differently; the text it had is now at ${moved.join(' and at ')} — update the reference`,
    hint: `the source's paragraphs were renumbered (e.g. by \`breaks:\` in its metadata): write ${moved[0]}; or, if the slide means the new text, accept it with \`lectern check --update-lock\``,
    ...where,
  };
}

/**
 * For an outline whose references do not all resolve (so that the lock is not
 * checked): the references that did resolve but whose text moved, as
 * warnings; and, for each reference that did not, where its locked text is now.
 */
export async function movedSinceLock(
  outlineFile: string,
  refs: References,
  unresolved: Array<{ ref: string; source: Source }>,
): Promise<{ warnings: Problem[]; movedTo: Map<string, string[]> }> {
  const locked = await lockedTexts(outlineFile);
  const warnings: Problem[] = [];
  const moved = new Map<string, string[]>();
  if (locked.size === 0) return { warnings, movedTo: moved };
  for (const [key, ref] of refs) {
    const was = locked.get(key);
    if (was === undefined || was === ref.text) continue;
    const verdict = judge(key, ref, locked, refs);
    if (Array.isArray(verdict)) warnings.push(movedProblem(key, verdict, ref.where));
  }
  for (const { ref, source } of unresolved) {
    const was = locked.get(ref);
    const to = was === undefined ? [] : movedTo(source, ref, was);
    if (to.length > 0) moved.set(ref, to);
  }
  return { warnings, movedTo: moved };
}

const squeeze = (t: string) => t.replace(/\s+/g, '');

/**
 * The addresses (other than `key`'s own) where `text` — a passage's text as a
 * lock file recorded it — now stands in the source, as whole sentences.
 * Whitespace is ignored, so a passage that a new paragraph break now cuts
 * in two is found too. At most three.
 */
export function movedTo(source: Source, key: string, text: string): string[] {
  const needle = squeeze(text);
  if (!needle) return [];
  let own: string;
  let wholeParagraphs = false;
  try {
    const a = parseAddress(key);
    own = formatAddress(a);
    wholeParagraphs = a.from.sentence === undefined && a.to.sentence === undefined;
  } catch {
    return [];
  }
  const sentences = source.paragraphs.flatMap((p) => p.sentences.map((s) => ({ p, s })));
  const starts = new Map<number, number>();
  const ends = new Map<number, number>();
  let all = '';
  sentences.forEach(({ s }, i) => {
    starts.set(all.length, i);
    all += squeeze(s.text);
    ends.set(all.length, i);
  });
  const found: string[] = [];
  for (let at = all.indexOf(needle); at >= 0 && found.length < 3; at = all.indexOf(needle, at + 1)) {
    const i = starts.get(at);
    const j = ends.get(at + needle.length);
    if (i === undefined || j === undefined) continue;
    const first = sentences[i]!;
    const last = sentences[j]!;
    const whole = wholeParagraphs && first.s.index === 1 && last.s.index === last.p.sentences.length;
    const address = formatAddress({
      source: source.name,
      from: { paragraph: first.p.index, sentence: whole ? undefined : first.s.index },
      to: { paragraph: last.p.index, sentence: whole ? undefined : last.s.index },
    });
    if (address !== own && !found.includes(address)) found.push(address);
  }
  return found;
}

/** The text the lock file beside an outline recorded for each reference (empty when there is none, or it cannot be read). */
async function lockedTexts(outlineFile: string): Promise<Map<string, string>> {
  try {
    const lock = await readLock(lockPath(outlineFile));
    return new Map(Object.entries(lock?.passages ?? {}).map(([k, v]) => [k, v.text]));
  } catch {
    return new Map();
  }
}
