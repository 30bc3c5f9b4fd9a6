/**
 * The rebuild loop of serve and `build --watch` on fake timers: when builds
 * start, that they never overlap, what waiters get, and closing. Builds here
 * are promises the test finishes by hand.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSED, RebuildLoop, type BuildOutcome, type BuildReport, type BuildRun, type Clock } from '../../src/serve/rebuild-loop.js';

const DEBOUNCE = 40;

/** The fake timers of vitest, injected. */
const fakeClock: Clock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
  now: () => Date.now(),
};

interface Harness {
  loop: RebuildLoop;
  /** Every build started, with the files it was for. */
  runs: BuildRun[];
  /** Finishes the oldest unfinished build (ok unless told). */
  finish(report?: Partial<BuildReport>, fatal?: Error): Promise<void>;
  /** Builds started and not finished. */
  readonly unfinished: number;
  errors: unknown[];
  afterBuilds: number;
}

function harness(): Harness {
  const runs: BuildRun[] = [];
  const open: Array<(o: BuildOutcome) => void> = [];
  const errors: unknown[] = [];
  const h: Harness = {
    runs,
    errors,
    afterBuilds: 0,
    loop: new RebuildLoop({
      debounceMs: DEBOUNCE,
      clock: fakeClock,
      build: (run) => {
        runs.push(run);
        return new Promise((resolve) => open.push(resolve));
      },
      afterBuild: async () => {
        h.afterBuilds++;
      },
      onError: (err) => errors.push(err),
    }),
    async finish(report = {}, fatal) {
      const resolve = open.shift();
      if (!resolve) throw new Error('no build is running');
      resolve({ report: { ok: true, ms: 0, ...report }, fatal });
      await vi.advanceTimersByTimeAsync(0);
    },
    get unfinished() {
      return open.length;
    },
  };
  return h;
}

/** A harness whose first build has finished, as serve() leaves it. */
async function started(): Promise<Harness> {
  const h = harness();
  const first = h.loop.first();
  await h.finish();
  expect(await first).toBeUndefined();
  return h;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the rebuild loop', () => {
  it('the first build starts at once, for no changed files', async () => {
    const h = harness();
    const first = h.loop.first();
    expect(h.loop.builds).toBe(1);
    expect(h.loop.building).toBe(true);
    expect(h.runs[0]!.files).toEqual([]);
    await h.finish();
    expect(await first).toBeUndefined();
    expect(h.loop.building).toBe(false);
    expect(h.afterBuilds).toBe(1);
  });

  it('debounce: a burst of changes makes one build, after the quiet time following the last', async () => {
    const h = await started();
    for (let i = 0; i < 5; i++) {
      h.loop.changed(`/p/file${i % 2}`);
      await vi.advanceTimersByTimeAsync(DEBOUNCE - 1);
    }
    expect(h.loop.builds).toBe(1);
    expect(h.loop.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.loop.builds).toBe(2);
    expect(h.runs[1]!.files).toEqual(['/p/file0', '/p/file1']);
    await h.finish();
    await vi.runAllTimersAsync();
    expect(h.loop.builds).toBe(2);
    expect(h.loop.pending).toBe(false);
  });

  it('a build measures its time on the clock', async () => {
    const h = await started();
    h.loop.changed('/p/a');
    await vi.advanceTimersByTimeAsync(DEBOUNCE);
    await vi.advanceTimersByTimeAsync(250);
    expect(h.runs[1]!.elapsed()).toBe(250);
    await h.finish();
  });

  it('a change during a build queues exactly one more build, which starts after it ends', async () => {
    const h = await started();
    const second = h.loop.nextBuild();
    h.loop.changed('/p/a');
    await vi.advanceTimersByTimeAsync(DEBOUNCE);
    expect(h.loop.builds).toBe(2);

    // Three bursts while it runs, each past the debounce.
    const third = h.loop.nextBuild();
    for (const f of ['/p/b', '/p/c', '/p/b']) {
      h.loop.changed(f);
      await vi.advanceTimersByTimeAsync(DEBOUNCE * 2);
    }
    expect(h.loop.builds).toBe(2);
    expect(h.unfinished).toBe(1);
    expect(h.loop.pending).toBe(true);

    await h.finish({ ms: 2 });
    expect(await second).toMatchObject({ ok: true, ms: 2 });
    expect(h.loop.builds).toBe(3);
    expect(h.runs[2]!.files).toEqual(['/p/b', '/p/c']);
    await h.finish({ ms: 3 });
    expect(await third).toMatchObject({ ok: true, ms: 3 });

    await vi.runAllTimersAsync();
    expect(h.loop.builds).toBe(3);
    expect(h.unfinished).toBe(0);
  });

  it('nextBuild() answers with the first build that starts after the call, not the running one', async () => {
    const h = await started();
    h.loop.changed('/p/a');
    await vi.advanceTimersByTimeAsync(DEBOUNCE);
    const next = h.loop.nextBuild();
    let answered = false;
    void next.then(() => (answered = true));
    await h.finish({ ms: 1 });
    expect(answered).toBe(false);
    h.loop.changed('/p/b');
    await vi.advanceTimersByTimeAsync(DEBOUNCE);
    await h.finish({ ms: 7 });
    expect(await next).toMatchObject({ ms: 7, ok: true });
    expect(h.loop.last).toMatchObject({ ms: 7 });
  });

  it('close() while building waits for the build; waiters of later builds get closed, and nothing builds after', async () => {
    const h = await started();
    const running = h.loop.nextBuild();
    h.loop.changed('/p/a');
    await vi.advanceTimersByTimeAsync(DEBOUNCE);
    const later = h.loop.nextBuild();
    h.loop.changed('/p/b'); // would build once the running one ends
    await vi.advanceTimersByTimeAsync(DEBOUNCE);

    let closed = false;
    const closing = h.loop.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(closed).toBe(false);
    await h.finish({ ms: 5 });
    await closing;
    expect(await running).toMatchObject({ ok: true, ms: 5 });
    expect(await later).toEqual(CLOSED);
    expect(await later).toEqual({ ok: false, ms: 0, error: 'closed' });
    expect(h.afterBuilds).toBe(1); // not after a build that ended while closing

    h.loop.changed('/p/c');
    await vi.runAllTimersAsync();
    expect(h.loop.builds).toBe(2);
    expect(h.loop.pending).toBe(false);
    expect(await h.loop.nextBuild()).toEqual(CLOSED);
  });

  it('close() during the debounce cancels the build', async () => {
    const h = await started();
    const next = h.loop.nextBuild();
    h.loop.changed('/p/a');
    await vi.advanceTimersByTimeAsync(DEBOUNCE - 1);
    await h.loop.close();
    expect(await next).toEqual(CLOSED);
    await vi.runAllTimersAsync();
    expect(h.loop.builds).toBe(1);
    expect(h.loop.building).toBe(false);
  });

  it('close() twice is one close', async () => {
    const h = await started();
    expect(h.loop.close()).toBe(h.loop.close());
  });

  it('a build that throws is reported, and the loop goes on', async () => {
    let fail = true;
    const errors: unknown[] = [];
    const loop = new RebuildLoop({
      debounceMs: DEBOUNCE,
      clock: fakeClock,
      build: async ({ files }) => {
        if (fail) throw new Error(`broke on ${files.join()}`);
        return { report: { ok: true, ms: 0 } };
      },
      onError: (err) => errors.push(err),
    });
    fail = false;
    expect(await loop.first()).toBeUndefined();
    fail = true;
    loop.changed('/p/a');
    await vi.advanceTimersByTimeAsync(DEBOUNCE);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('broke on /p/a');
    expect(loop.building).toBe(false);
    fail = false;
    const next = loop.nextBuild();
    loop.changed('/p/b');
    await vi.advanceTimersByTimeAsync(DEBOUNCE);
    expect(await next).toMatchObject({ ok: true });
    expect(loop.builds).toBe(3);
  });

  it('the first build hands its fatal error to the caller, and builds nothing more', async () => {
    const h = harness();
    const first = h.loop.first();
    h.loop.changed('/p/a');
    await vi.advanceTimersByTimeAsync(DEBOUNCE);
    expect(h.runs).toHaveLength(1); // the change waits for the first build
    const fatal = new Error('no browser');
    await h.finish({ ok: false, error: 'no browser' }, fatal);
    expect(await first).toBe(fatal);
    await vi.runAllTimersAsync();
    expect(h.loop.builds).toBe(1);
  });
});
