/** Where the command line writes, and from where it runs (tests pass their own). */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  /** stderr is a terminal: progress is drawn live. */
  tty?: boolean;
}
