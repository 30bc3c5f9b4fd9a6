/**
 * The local HTTP server of `lectern serve`: the output folder, read only,
 * for this machine only, with a live-reload channel.
 *
 * - Listens on 127.0.0.1 and answers only requests whose Host is
 *   127.0.0.1:PORT or localhost:PORT (403 otherwise): a web page elsewhere
 *   cannot reach it through DNS rebinding.
 * - GET and HEAD only (405). Paths are checked before any file is touched:
 *   `..` and `.` segments, encoded slashes and backslashes, NUL, and hidden
 *   names (.lectern/, temporary files) are refused; the file's real path
 *   (symlinks resolved) must be inside the real output folder.
 * - No folder listings, except the index at `/` listing the decks — or,
 *   for a course, the course page (out/index.html) once it is built.
 * - HTML pages get the live-reload client (src/serve/client.ts) as served;
 *   files on disk are never changed.
 * - EVENTS_PATH is a Server-Sent Events stream (hello, reload, build-error,
 *   build-ok); a request from another origin (Origin header) gets 403.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { EXIT, LecternError } from '../errors.js';
import { EVENTS_PATH, injectClient } from './client.js';
import { isInside } from '../util/paths.js';

export const HOST = '127.0.0.1';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.pdf': 'application/pdf',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'SAMEORIGIN',
};

/** Index and error pages: nothing but their own styles (and the client, added by injectClient). */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface DeckServerOptions {
  /** The folder served; asked at each request (a config change may move it). */
  root: () => string;
  /** 0: any free port. */
  port: number;
  /** A file of the folder shown at `/` once it exists (a course's index.html); otherwise `/` lists the decks. */
  home?: string;
}

/**
 * A request path (the raw request target) checked before any file is touched:
 * its segments, or the status to answer (400 undecodable, 403 traversal or a
 * separator in disguise, 404 a hidden or empty segment).
 */
export function parseRequestPath(url: string): { segments: string[] } | { status: 400 | 403 | 404 } {
  if (!url.startsWith('/')) return { status: 403 };
  const raw = url.split(/[?#]/, 1)[0]!;
  // Encoded separators, backslashes and NUL never name a file of ours.
  if (/%2f|%5c|%00|\\|\0/i.test(raw)) return { status: 403 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { status: 400 };
  }
  if (/[\0\\]/.test(decoded)) return { status: 403 };
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return { status: 403 };
  if (decoded === '/') return { segments: [] };
  if (segments.some((s) => s === '' || s.startsWith('.'))) return { status: 404 };
  return { segments };
}

export class DeckServer {
  private readonly server: http.Server;
  /** Connected pages, with the file each shows ('' for the index). */
  private readonly clients = new Map<ServerResponse, string>();
  private keepAlive?: NodeJS.Timeout;
  /** The last build's failure, replayed to each new client; undefined after a good build. */
  private failure?: unknown;
  /** Changes so far, and per file: a page served before its file's last change reloads when it connects. */
  private generation = 0;
  private readonly versions = new Map<string, number>();
  /** Waiting for pages to connect (see reconnected). */
  private readonly arrivals = new Set<() => void>();
  port = 0;

  constructor(private readonly options: DeckServerOptions) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) this.plain(res, 500, 'internal error');
        else res.destroy();
      });
    });
  }

  get url(): string {
    return `http://${HOST}:${this.port}/`;
  }

  /** The address the server is bound to (for tests). */
  get address(): AddressInfo | undefined {
    const a = this.server.address();
    return a && typeof a === 'object' ? a : undefined;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        this.server.off('listening', onListening);
        if (err.code === 'EADDRINUSE') {
          reject(
            new LecternError(
              {
                severity: 'error',
                code: 'serve/port-in-use',
                message: `port ${this.options.port} on ${HOST} is in use`,
                hint: 'choose another with --port N (0: any free port)',
              },
              EXIT.environment,
            ),
          );
        } else if (err.code === 'EACCES') {
          reject(
            new LecternError(
              {
                severity: 'error',
                code: 'serve/port-denied',
                message: `not allowed to listen on port ${this.options.port}`,
                hint: 'use a port above 1023, e.g. --port 8080',
              },
              EXIT.environment,
            ),
          );
        } else reject(err);
      };
      const onListening = () => {
        this.server.off('error', onError);
        resolve();
      };
      this.server.once('error', onError);
      this.server.once('listening', onListening);
      this.server.listen({ port: this.options.port, host: HOST, exclusive: true });
    });
    this.port = this.address!.port;
    this.keepAlive = setInterval(() => this.write(': ping\n\n'), 20_000);
    this.keepAlive.unref();
  }

  /** Sends an event to every connected page. */
  broadcast(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** These files (paths under the root, with /) changed: their pages reload. Returns how many pages were told. */
  reload(changed: string[], extra: Record<string, unknown> = {}): number {
    this.generation++;
    for (const file of changed) this.versions.set(file, this.generation);
    this.broadcast('reload', { ...extra, changed, generation: this.generation });
    return [...this.clients.values()].filter((page) => page === '' || changed.includes(page)).length;
  }

  /**
   * Resolves once `count` pages have connected since the call (reloaded pages
   * come back), or after `timeoutMs`, whichever is first.
   */
  reconnected(count: number, timeoutMs: number): Promise<void> {
    if (count <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      let left = count;
      const done = () => {
        clearTimeout(timer);
        this.arrivals.delete(onArrival);
        resolve();
      };
      const onArrival = () => {
        if (--left <= 0) done();
      };
      const timer = setTimeout(done, timeoutMs);
      this.arrivals.add(onArrival);
    });
  }

  /** Remembers the current failure (or its end) for pages that connect later. */
  setFailure(data: unknown | undefined): void {
    this.failure = data;
  }

  /** The files shown by connected pages (paths under the root, with /). */
  get openPages(): Set<string> {
    return new Set(this.clients.values());
  }

  async close(): Promise<void> {
    if (this.keepAlive) clearInterval(this.keepAlive);
    for (const res of this.clients.keys()) res.end();
    this.clients.clear();
    await new Promise<void>((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private write(chunk: string): void {
    for (const res of this.clients.keys()) res.write(chunk);
  }

  private allowedHosts(): string[] {
    return [`${HOST}:${this.port}`, `localhost:${this.port}`];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!this.allowedHosts().includes(host)) return this.plain(res, 403, 'forbidden: this server answers only to 127.0.0.1 and localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return this.plain(res, 405, 'method not allowed');
    }
    const parsed = parseRequestPath(req.url ?? '');
    if ('status' in parsed) return this.plain(res, parsed.status, parsed.status === 404 ? 'not found' : parsed.status === 400 ? 'bad request' : 'forbidden');
    const { segments } = parsed;
    if (segments.length === 0) {
      const home = this.options.home;
      if (
        home &&
        (await stat(path.join(this.options.root(), home)).then(
          (s) => s.isFile(),
          () => false,
        ))
      )
        return this.file(req, res, [home], home);
      return this.index(req, res);
    }
    if (`/${segments.join('/')}` === EVENTS_PATH) return this.events(req, res);
    if (segments[0] === '__lectern') return this.plain(res, 404, 'not found');
    return this.file(req, res, segments);
  }

  private events(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (origin !== undefined && !this.allowedHosts().some((h) => origin.toLowerCase() === `http://${h}`)) {
      return this.plain(res, 403, 'forbidden: events are for pages of this server');
    }
    res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    let page = '';
    try {
      page = new URL(req.url ?? '/', 'http://localhost').searchParams.get('page') ?? '';
    } catch {
      page = '';
    }
    res.write(`retry: 500\n\nevent: hello\ndata: ${JSON.stringify({ generation: this.generation, version: this.versions.get(page) ?? 0 })}\n\n`);
    if (this.failure !== undefined) res.write(`event: build-error\ndata: ${JSON.stringify(this.failure)}\n\n`);
    this.clients.set(res, page.slice(0, 1000));
    for (const arrival of [...this.arrivals]) arrival();
    const drop = () => this.clients.delete(res);
    req.on('close', drop);
    res.on('close', drop);
  }

  private async index(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const root = this.options.root();
    const entries = (await readdir(root, { withFileTypes: true }).catch(() => [])).filter((e) => !e.name.startsWith('.'));
    const names = entries
      .filter((e) => e.isFile() || e.isSymbolicLink())
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b));
    const folders = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
    const link = (name: string, label = name) =>
      `<a href="/${name
        .split('/')
        .map((s) => escapeHtml(encodeURIComponent(s)))
        .join('/')}"${name.endsWith('.pptx') ? ' download' : ''}>${escapeHtml(label)}</a>`;
    const decks = names.filter((n) => n.toLowerCase().endsWith('.html'));
    const listed = new Set(decks);
    const rows = await Promise.all(
      decks.map(async (deck) => {
        const base = deck.slice(0, -'.html'.length);
        const extras = ['.pdf', '.pptx', '.md'].map((ext) => base + ext).filter((n) => names.includes(n));
        extras.forEach((n) => listed.add(n));
        // The preview image goes with its deck; the slide images (out/NAME/001.png…) are linked from their first.
        listed.add(`${base}.thumb.png`);
        const images = folders.has(base)
          ? (await readdir(path.join(root, base)).catch(() => [] as string[])).filter((n) => /^\d{3,}\.png$/.test(n)).sort()
          : [];
        const png = images.length ? ` · ${link(`${base}/${images[0]}`, `PNG (${images.length})`)}` : '';
        return `<li>${link(deck, base)}${extras.map((n) => ` · ${link(n, path.extname(n).slice(1).toUpperCase())}`).join('')}${png}</li>`;
      }),
    );
    const others = names.filter((n) => !listed.has(n));
    const body = [
      `<h1>Lectern</h1>`,
      `<p class="where">${escapeHtml(root)}</p>`,
      decks.length ? `<ul>${rows.join('\n')}</ul>` : '<p>No decks yet.</p>',
      others.length ? `<h2>Other files</h2><ul>${others.map((n) => `<li>${link(n)}</li>`).join('\n')}</ul>` : '',
    ].join('\n');
    this.page(req, res, 200, 'Lectern', body);
  }

  private page(req: IncomingMessage, res: ServerResponse, status: number, title: string, body: string): void {
    const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body { margin: 2rem auto; max-width: 48rem; padding: 0 1rem; font: 18px/1.5 system-ui, sans-serif; } li { margin: .3em 0; } .where { color: #555; font-size: .8em; }</style>
</head>
<body>
${body}
</body>
</html>
`;
    this.send(req, res, status, CONTENT_TYPES['.html']!, Buffer.from(injectClient(html, { always: true, generation: this.generation }), 'utf8'));
  }

  /** `shownAt`: the file the page shows when its address does not name it (the course page at `/`), for its reloads. */
  private async file(req: IncomingMessage, res: ServerResponse, segments: string[], shownAt?: string): Promise<void> {
    const name = segments[segments.length - 1]!;
    const ext = path.extname(name).toLowerCase();
    const missing = () =>
      ext === '.html'
        ? this.page(
            req,
            res,
            404,
            'Not built yet',
            `<h1>${escapeHtml(segments.join('/'))}</h1><p>Not built yet (or not an output). This page reloads when a build writes it.</p><p><a href="/">All decks</a></p>`,
          )
        : this.plain(res, 404, 'not found');
    let root: string;
    try {
      root = await realpath(this.options.root());
    } catch {
      return missing();
    }
    const requested = path.join(root, ...segments);
    if (!isInside(requested, root)) return this.plain(res, 403, 'forbidden');
    let real: string;
    try {
      real = await realpath(requested);
    } catch {
      return missing();
    }
    // A link inside the output folder may not lead out of it.
    if (!isInside(real, root) || real === root) return this.plain(res, 403, 'forbidden');
    const st = await stat(real).catch(() => undefined);
    if (!st?.isFile()) return missing();
    const type = CONTENT_TYPES[ext] ?? 'application/octet-stream';
    if (ext === '.html') {
      // The version before reading: a change written meanwhile makes the page reload once more, never less.
      const version = this.versions.get(segments.join('/')) ?? 0;
      const html = await readFile(real, 'utf8');
      return this.send(req, res, 200, type, Buffer.from(injectClient(html, { generation: version, page: shownAt }), 'utf8'));
    }
    res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': String(st.size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(real);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  private send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Buffer): void {
    res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': String(body.byteLength) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private plain(res: ServerResponse, status: number, message: string): void {
    const body = Buffer.from(message + '\n', 'utf8');
    // writeHead keeps headers set before (Allow).
    res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(body.byteLength) });
    res.end(res.req?.method === 'HEAD' ? undefined : body);
  }
}
