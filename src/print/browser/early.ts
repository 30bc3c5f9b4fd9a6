/**
 * Chromium started before the rest of the command line has even loaded
 * (`bin/lectern.js` → src/cli/early.ts, for `lectern build`, which prints
 * unless told otherwise): Chromium needs about a second of its own to start,
 * and that second then overlaps all of Lectern's. The first session that
 * needs the same browser takes it over; a build that prints nothing (all up
 * to date, or no PDF asked for) ends it, and so do an exit and Ctrl-C.
 */
import { findBrowser } from './find.js';
import { devtoolsEndpoint, endChromium, endChromiumNow, hasExited, spawnChromium, type SpawnedChromium } from './chromium.js';

/** An early Chromium taken over: it listened for its DevTools address from the start. */
export interface TakenChromium extends SpawnedChromium {
  endpoint: Promise<string>;
}

interface Waiting extends TakenChromium {
  executable: string;
  preload: boolean;
  /** Removes the exit and signal handlers that end it while nobody owns it. */
  cleanup: () => void;
}

export class EarlyChromium {
  /** Started and not yet taken or ended. */
  private waiting?: Waiting;
  /** Ending it, so that a second caller (a signal handler, the build) waits for the first. */
  private discarding?: Promise<void>;

  /** Start Chromium now, unless one was started already or none is found (the build reports a missing browser if it needs one). */
  launch(options: { preload?: () => string } = {}): void {
    if (this.waiting) return;
    let executable: string;
    try {
      executable = findBrowser().path;
    } catch {
      return;
    }
    // The handlers first: a Ctrl-C at any moment from here on leaves nothing behind.
    let spawned: SpawnedChromium | undefined;
    const atExit = () => spawned && endChromiumNow(spawned);
    // Ctrl-C or SIGTERM before a build has taken over: end it properly, then
    // exit by the signal, unless a build's own handler is there to do that.
    const onSignal = (signal: NodeJS.Signals) => {
      const handled = process.listenerCount(signal) > 1; // this handler is still one of them
      void this.discard().finally(() => {
        if (!handled) {
          process.removeListener(signal, onSignal);
          process.kill(process.pid, signal);
        }
      });
    };
    process.once('exit', atExit);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    spawned = spawnChromium(executable, options.preload?.());
    const endpoint = devtoolsEndpoint(spawned.child, 30_000);
    endpoint.catch(() => undefined);
    this.waiting = {
      ...spawned,
      endpoint,
      executable,
      preload: !!options.preload,
      cleanup: () => {
        process.removeListener('exit', atExit);
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
      },
    };
  }

  /**
   * The early Chromium, if it is this browser, with preload as wanted and still
   * running: it is then the caller's to end. Any other is ended here.
   */
  async take(executable: string, preload: (() => string) | undefined): Promise<TakenChromium | undefined> {
    const found = this.waiting;
    if (!found) return undefined;
    if (found.executable === executable && found.preload === !!preload && !hasExited(found.child)) {
      this.waiting = undefined;
      found.cleanup();
      return found;
    }
    await this.discard();
    return undefined;
  }

  /**
   * End an early Chromium nobody took (a build that printed nothing, or was
   * stopped): killed, gone, its profile removed; its exit and signal handlers
   * stay until then.
   */
  discard(): Promise<void> {
    const found = this.waiting;
    if (!found) return this.discarding ?? Promise.resolve();
    this.waiting = undefined;
    this.discarding = endChromium(found).finally(() => found.cleanup());
    return this.discarding;
  }
}

/**
 * The process's one early Chromium: started by the command line's early
 * start (src/cli/early.ts), found by every BrowserSession (unless given
 * another), ended by the build when nothing printed and by the command line
 * at the end.
 */
export const earlyChromium = new EarlyChromium();

/** End the early Chromium if nobody took it (see EarlyChromium.discard). */
export const discardEarly = (): Promise<void> => earlyChromium.discard();
