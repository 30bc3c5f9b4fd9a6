import { createHash } from 'node:crypto';

/** A content hash of several parts (kept apart, so that ["ab", "c"] and ["a", "bc"] differ), for cache keys. */
export function hashText(...parts: Array<string | Uint8Array>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

/** The CSP source that admits exactly this inline script: 'sha256-…'. */
export function cspScriptHash(code: string): string {
  return `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;
}
