/**
 * Timings for whoever tunes the build: with LECTERN_TRACE=1 each step prints
 * its time since the process started to stderr. Silent otherwise.
 */
const on = !!process.env.LECTERN_TRACE;

export function trace(step: string): void {
  if (on) process.stderr.write(`[trace ${performance.now().toFixed(0).padStart(5)} ms] ${step}\n`);
}
