/**
 * Keeping the screen on while the deck is shown: a laptop on battery must not
 * dim during a long discussion. A screen wake lock is requested while the
 * page is visible, requested again when it becomes visible (the browser
 * drops it when the page is hidden), and released when the page is hidden or
 * left. Browsers without the Screen Wake Lock API, or that refuse it, change
 * nothing.
 */
export function keepScreenOn(): void {
  const api = (navigator as Navigator & { wakeLock?: WakeLock }).wakeLock;
  if (!api || typeof api.request !== 'function') return;
  let held: WakeLockSentinel | undefined;
  let asking = false;

  const request = async () => {
    if (held || asking || document.visibilityState !== 'visible') return;
    asking = true;
    try {
      const sentinel = await api.request('screen');
      if (document.visibilityState !== 'visible') {
        void sentinel.release().catch(() => undefined);
        return;
      }
      held = sentinel;
      sentinel.addEventListener('release', () => {
        if (held === sentinel) held = undefined;
      });
    } catch {
      // Refused (no permission, battery saver, not focused yet): a later visit or key press asks again.
    } finally {
      asking = false;
    }
  };
  const release = () => {
    const sentinel = held;
    held = undefined;
    if (sentinel && !sentinel.released) void sentinel.release().catch(() => undefined);
  };

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void request();
    else release();
  });
  window.addEventListener('pagehide', release);
  window.addEventListener('pageshow', () => void request());
  // A request refused at load (some browsers want the page focused) is tried again on the lecturer's first key or click.
  window.addEventListener('keydown', () => void request(), { capture: true });
  window.addEventListener('pointerdown', () => void request(), { capture: true });
  void request();
}
