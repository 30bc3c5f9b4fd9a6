/**
 * Ctrl-C or a kill during a build: close Chromium (no process left behind),
 * keep finished outputs, then end with the same signal. The handlers stay
 * until everything is cleaned up: a second Ctrl-C waits for the same cleanup.
 */
import { EXIT, LecternError } from '../errors.js';

export class Interruption {
  /** The signal that stopped the build, once one has. */
  signal?: NodeJS.Signals;

  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.signal = signal;
    void this.cleanup().finally(() => {
      this.stop();
      process.kill(process.pid, signal);
    });
  };

  /** Listens for SIGINT and SIGTERM when `listen` (a build that owns its browser); `cleanup` runs on the first. */
  constructor(
    private readonly cleanup: () => Promise<unknown>,
    listen: boolean,
  ) {
    if (!listen) return;
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  stop(): void {
    process.removeListener('SIGINT', this.onSignal);
    process.removeListener('SIGTERM', this.onSignal);
  }

  /** What an outline that failed while the build was being stopped reports. */
  error(): LecternError {
    return new LecternError(
      { severity: 'error', code: 'build/interrupted', message: `build stopped by ${this.signal}; outputs not yet written are left as they were` },
      EXIT.environment,
    );
  }
}
