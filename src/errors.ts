/**
 * One error model for the whole tool. A Problem is one thing wrong with the
 * user's input, located at file:line:column when we know where; a
 * LecternError carries one or more problems and the exit code they imply.
 * Non-fatal problems (warnings) travel as Problems too, never as exceptions.
 */

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** Stable machine-readable code, e.g. "ref/paragraph-out-of-range". */
  code: string;
  message: string;
  /** What to do about it. */
  hint?: string;
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** A page of a paginated source (PDF), 1-based physical, where a line means nothing. */
  page?: number;
}

/** Exit codes: 1 bad input, 2 bad usage, 3 environment (browser missing, I/O). */
export const EXIT = { ok: 0, input: 1, usage: 2, environment: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class LecternError extends Error {
  readonly problems: Problem[];
  readonly exitCode: ExitCode;

  constructor(problems: Problem | Problem[], exitCode: ExitCode = EXIT.input, options?: { cause?: unknown }) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join('\n'), options);
    this.name = 'LecternError';
    this.problems = list;
    this.exitCode = exitCode;
  }

  /** The first problem's code, for callers that only care about one. */
  get code(): string {
    return this.problems[0]?.code ?? 'unknown';
  }
}

/** Shorthand for the common case of one located input error. */
export function inputError(
  code: string,
  message: string,
  where: { file?: string; line?: number; column?: number; page?: number } = {},
  hint?: string,
): LecternError {
  return new LecternError({ severity: 'error', code, message, hint, ...where });
}

export function usageError(message: string, hint?: string): LecternError {
  return new LecternError({ severity: 'error', code: 'usage', message, hint }, EXIT.usage);
}

/** "file:line:col" (or "file, page 3") with whatever parts are known. */
export function formatLocation(p: Pick<Problem, 'file' | 'line' | 'column' | 'page'>): string {
  if (!p.file) return '';
  if (p.line === undefined) return p.page === undefined ? p.file : `${p.file}, page ${p.page}`;
  return p.column === undefined ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.column}`;
}

/** The way problems read on a terminal: location, severity, message, then the hint indented. */
export function formatProblem(p: Problem): string {
  const where = formatLocation(p);
  const head = `${where ? `${where}: ` : ''}${p.severity} [${p.code}] ${p.message}`;
  return p.hint ? `${head}\n  hint: ${p.hint}` : head;
}

/** Problems sorted by file, then position, errors before warnings at the same place. */
export function sortProblems(list: Problem[]): Problem[] {
  return [...list].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      (a.page ?? 0) - (b.page ?? 0) ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
  );
}
