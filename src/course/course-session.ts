/**
 * One browser for a whole course build: the lectures print in it, then the
 * course's reading pack. Left to build(), the lectures' Chromium would close
 * and a second one start for the reading pack — seconds of start-up on a
 * busy machine. The session is lazy (nothing up to date starts it), and
 * Ctrl-C or SIGTERM closes it as build() would its own.
 */
import type { BuildEvent } from '../pipeline/build.js';
import { Interruption } from '../pipeline/interrupt.js';
import { printSession } from '../pipeline/targets.js';
import { discardEarly, type BrowserSession } from '../print/browser/index.js';
import type { RunSettings } from '../settings.js';

export async function withCourseSession<T>(
  run: Pick<RunSettings, 'browser' | 'timeout'>,
  options: { onEvent?: (event: BuildEvent) => void },
  lectures: number,
  work: (session: BrowserSession) => Promise<T>,
): Promise<T> {
  const session = printSession(run, { outlines: lectures, onBlocked: (problem) => options.onEvent?.({ type: 'warning', problem }) });
  const interruption = new Interruption(() => Promise.all([session.close(), discardEarly()]), true);
  try {
    return await work(session);
  } finally {
    interruption.stop();
    await session.close();
    await discardEarly();
  }
}
