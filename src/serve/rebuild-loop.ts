/**
 * When serve and `build --watch` build: a burst of changes makes one build
 * after a quiet time (the debounce); builds never overlap, and changes during
 * a build make exactly one more build after it. Waiters for the next build
 * get its report; closing waits for the running build and answers the rest
 * with {ok: false, error: 'closed'}.
 *
 * What a build does is the caller's (src/serve/serve.ts); time comes from an
 * injected clock, so that tests drive it with fake timers.
 */

export interface BuildReport {
  ok: boolean;
  ms: number;
  /** The errors, formatted (file:line:column: error [code] message, hint). */
  error?: string;
  /** The changed inputs this build was for (none for the first build). */
  changed?: string[];
}

/** What the loop needs of time. */
export interface Clock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
  /** Milliseconds, for durations. */
  now(): number;
}

/** Node's timers and performance.now(), looked up at each call (so vitest's fake timers apply too). */
export const systemClock: Clock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
  now: () => performance.now(),
};

/** One build as the loop starts it. */
export interface BuildRun {
  /** The changed inputs since the last build started. */
  files: string[];
  /** Milliseconds since this build started. */
  elapsed(): number;
}

/** A finished build: its report, and an error that is not the project's fault (it ends serve when the first build has it). */
export interface BuildOutcome {
  report: BuildReport;
  fatal?: Error;
}

export interface RebuildLoopOptions {
  build(run: BuildRun): Promise<BuildOutcome>;
  /** After a build whose waiters have their report (unless closing): e.g. a fresh look at what to watch. */
  afterBuild?(): Promise<void>;
  /** A build or afterBuild threw (not for the first build, whose error goes to its caller). */
  onError(err: unknown): void;
  /** Quiet time after the last change before a build. */
  debounceMs: number;
  clock?: Clock;
}

export const CLOSED: BuildReport = { ok: false, ms: 0, error: 'closed' };

export class RebuildLoop {
  private readonly clock: Clock;
  private timer: unknown;
  private running: Promise<void> | undefined;
  private again = false;
  private closing = false;
  private closed: Promise<void> | undefined;
  private changes = new Set<string>();
  private waiters: Array<(report: BuildReport) => void> = [];
  private count = 0;
  private lastReport: BuildReport = { ok: true, ms: 0 };

  constructor(private readonly options: RebuildLoopOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Builds started so far. */
  get builds(): number {
    return this.count;
  }

  get building(): boolean {
    return this.running !== undefined;
  }

  get last(): BuildReport {
    return this.lastReport;
  }

  /** Another build will follow: changes are waiting for the debounce or for the running build (never once closing). */
  get pending(): boolean {
    return !this.closing && (this.changes.size > 0 || this.again || this.timer !== undefined);
  }

  /** An input changed: build once the changes stop for the debounce time. */
  changed(file: string): void {
    if (this.closing) return;
    this.changes.add(file);
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => this.kick(), this.options.debounceMs);
  }

  /** The first build, at once; its errors (thrown or fatal) go to the caller. Changes meanwhile build after it (unless it failed so). */
  async first(): Promise<Error | undefined> {
    const cycle = this.cycle();
    this.running = cycle.then(
      () => undefined,
      () => undefined,
    );
    let fatal: Error | undefined;
    try {
      fatal = await cycle;
    } finally {
      this.running = undefined;
    }
    // A fatal first build closes serve: nothing more to build.
    if (!fatal) this.followUp();
    return fatal;
  }

  /** Resolves with the first build that starts after this call, once it has finished (CLOSED if closed first). */
  nextBuild(): Promise<BuildReport> {
    return new Promise((resolve) => {
      if (this.closing) resolve(CLOSED);
      else this.waiters.push(resolve);
    });
  }

  /** No more builds: waits for a running one, then answers the waiters left with CLOSED. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.closing = true;
      if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
      this.timer = undefined;
      await this.running;
      for (const resolve of this.waiters.splice(0)) resolve(CLOSED);
    })();
    return this.closed;
  }

  private kick(): void {
    this.timer = undefined;
    if (this.closing) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.cycle().then(
      () => undefined,
      (err: unknown) => this.options.onError(err),
    );
    void this.running.finally(() => {
      this.running = undefined;
      this.followUp();
    });
  }

  /** Changes came during the build that ended: one more build. */
  private followUp(): void {
    if (this.again && !this.closing) {
      this.again = false;
      this.kick();
    }
  }

  /** One build, its waiters answered, then afterBuild. */
  private async cycle(): Promise<Error | undefined> {
    const waiters = this.waiters;
    this.waiters = [];
    const files = [...this.changes];
    this.changes = new Set();
    this.count++;
    const started = this.clock.now();
    const { report, fatal } = await this.options.build({ files, elapsed: () => this.clock.now() - started });
    this.lastReport = report;
    for (const resolve of waiters) resolve(report);
    if (!this.closing) await this.options.afterBuild?.();
    return fatal;
  }
}
