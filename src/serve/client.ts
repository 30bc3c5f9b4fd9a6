/**
 * The live-reload client: a small inline script the server adds to every
 * HTML page it serves (never to the files on disk). It listens to the
 * server's events (Server-Sent Events at EVENTS_PATH):
 *
 * - `hello` {generation, version} on connecting: a page served before the
 *   last change of its file (it missed the reload while it was loading, or
 *   while disconnected) reloads;
 * - `reload` {changed: [paths under out/], generation}: a page whose file
 *   changed reloads; a reload keeps the URL, so the deck comes back at the
 *   slide in its hash;
 * - `build-error` {message, problems}: the page keeps showing the last good
 *   deck with the error over it (an element #lectern-serve-error);
 * - `build-ok`: the error goes away.
 *
 * A deck's Content Security Policy forbids every connection; the server
 * widens the policy it serves just enough for this script (`connect-src
 * 'self'`, and the script's hash if inline scripts are not already allowed).
 */
import { cspScriptHash } from '../util/hash.js';

export const EVENTS_PATH = '/__lectern/events';
export const OVERLAY_ID = 'lectern-serve-error';

export interface ClientOptions {
  /** Reload on every change (the index page, the placeholder of a deck not built yet); otherwise only when this page's own file changed. */
  always?: boolean;
  /**
   * The version the page was served at: the server's count of changes for an
   * `always` page, else the count of changes of this page's own file.
   */
  generation?: number;
  /** The file (under out/) the page shows when its address does not name it: the course page served at `/`. */
  page?: string;
}

/** The script's text. */
export function clientScript(options: ClientOptions = {}): string {
  return `(() => {
  'use strict';
  if (typeof EventSource !== 'function') return;
  const always = ${options.always ? 'true' : 'false'};
  let generation = ${Number(options.generation ?? 0)};
  let here = ${JSON.stringify(options.page ?? '').replace(/</g, '\\u003c')};
  if (!here) try { here = decodeURIComponent(location.pathname.replace(/^\\/+/, '')); } catch (e) { here = location.pathname; }
  let box = null;
  const stop = (e) => e.stopPropagation();
  const show = (text) => {
    if (!box) {
      box = document.createElement('div');
      box.id = ${JSON.stringify(OVERLAY_ID)};
      box.setAttribute('role', 'alert');
      Object.assign(box.style, { position: 'fixed', left: '0', right: '0', bottom: '0', zIndex: '2147483647', maxHeight: '60vh', overflow: 'auto', margin: '0', padding: '12px 16px', background: 'rgba(127, 29, 29, 0.96)', color: '#fff', font: '15px/1.45 system-ui, sans-serif', boxShadow: '0 -4px 16px rgba(0,0,0,.4)', textAlign: 'left' });
      const head = document.createElement('div');
      Object.assign(head.style, { display: 'flex', alignItems: 'center', gap: '12px', marginBottom: '6px', fontWeight: '700' });
      const title = document.createElement('span');
      title.textContent = 'Lectern: the build failed — showing the last good deck';
      title.style.flex = '1';
      const close = document.createElement('button');
      close.type = 'button';
      close.textContent = '×';
      close.setAttribute('aria-label', 'Hide');
      Object.assign(close.style, { font: 'inherit', fontSize: '20px', lineHeight: '1', padding: '2px 10px', cursor: 'pointer', color: '#fff', background: 'transparent', border: '1px solid rgba(255,255,255,.6)', borderRadius: '4px' });
      close.addEventListener('click', () => hide());
      head.append(title, close);
      const pre = document.createElement('pre');
      Object.assign(pre.style, { margin: '0', whiteSpace: 'pre-wrap', font: '14px/1.45 ui-monospace, Menlo, Consolas, monospace' });
      box.append(head, pre);
      for (const type of ['click', 'pointerdown', 'pointerup', 'mousedown', 'mouseup', 'touchstart', 'touchend', 'wheel', 'keydown']) box.addEventListener(type, stop);
    }
    box.lastChild.textContent = text;
    if (!box.isConnected) document.body.appendChild(box);
  };
  const hide = () => { if (box) box.remove(); };
  // The page is named so that the server builds the decks being looked at first.
  const source = new EventSource(${JSON.stringify(EVENTS_PATH)} + '?page=' + encodeURIComponent(here));
  const data = (e) => { try { return JSON.parse(e.data); } catch (err) { return {}; } };
  const reload = () => { source.close(); location.reload(); };
  source.addEventListener('hello', (e) => {
    const d = data(e);
    if ((always ? d.generation : d.version) !== generation) reload();
  });
  let later = 0;
  source.addEventListener('reload', (e) => {
    const d = data(e);
    if ((d.changed || []).indexOf(here) >= 0) reload();
    else if (always) { clearTimeout(later); later = setTimeout(reload, 150); } // once for a build's several files
  });
  source.addEventListener('build-error', (e) => show(String(data(e).message || 'the build failed')));
  source.addEventListener('build-ok', hide);
  window.addEventListener('pagehide', () => source.close());
})();`;
}

/**
 * A Content Security Policy widened for the client: connections to the
 * server itself, and the client's inline script (by hash, only when inline
 * scripts are not allowed already — adding a hash would disable
 * 'unsafe-inline' for the deck's own script).
 */
export function widenPolicy(policy: string, scriptHash: string): string {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => {
      const [name, ...values] = d.split(/\s+/);
      return { name: name!.toLowerCase(), values };
    });
  const find = (name: string) => directives.find((d) => d.name === name);
  const fallback = find('default-src');
  const ensure = (name: string, satisfied: (values: string[]) => boolean, add: string) => {
    const own = find(name);
    const governing = own ?? fallback;
    if (!governing || satisfied(governing.values.map((v) => v.toLowerCase()))) return; // allowed already
    let d = own;
    if (!d) {
      d = { name, values: [...governing.values] };
      directives.push(d);
    }
    d.values = d.values.filter((v) => v.toLowerCase() !== "'none'");
    d.values.push(add);
  };
  ensure('connect-src', (v) => v.includes("'self'") || v.includes('*'), "'self'");
  const inlineAllowed = (v: string[]) => v.includes("'unsafe-inline'") && !v.some((x) => /^'(sha(256|384|512)-|nonce-|strict-dynamic')/.test(x));
  ensure('script-src', inlineAllowed, scriptHash);
  if (find('script-src-elem')) ensure('script-src-elem', inlineAllowed, scriptHash);
  return directives.map((d) => [d.name, ...d.values].join(' ')).join('; ');
}

const decodeAttr = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const encodeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An HTML page as served: the CSP meta of its head widened for the client,
 * and the client script added before </body>. The input is not changed.
 */
export function injectClient(html: string, options: ClientOptions = {}): string {
  const script = clientScript(options);
  const hash = cspScriptHash(script);
  const headEnd = html.search(/<\/head\s*>/i);
  const bodyStart = html.search(/<body[\s>]/i);
  const headLength = headEnd >= 0 ? headEnd : bodyStart >= 0 ? bodyStart : 0;
  const head = html.slice(0, headLength).replace(/<meta\b[^>]*>/gi, (tag) => {
    if (!/\bhttp-equiv\s*=\s*(["']?)content-security-policy\1/i.test(tag)) return tag;
    return tag.replace(/\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i, (_m, dq: string | undefined, sq: string | undefined) => {
      const policy = decodeAttr(dq ?? sq ?? '');
      return `content="${encodeAttr(widenPolicy(policy, hash))}"`;
    });
  });
  const rest = html.slice(headLength);
  const tag = `<script data-lectern-serve>${script}</script>\n`;
  const bodyEnd = rest.toLowerCase().lastIndexOf('</body');
  return bodyEnd >= 0 ? head + rest.slice(0, bodyEnd) + tag + rest.slice(bodyEnd) : head + rest + tag;
}
