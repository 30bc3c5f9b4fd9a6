/**
 * The server as a user (and an attacker) sees it: the index, the deck with
 * the live-reload client, content types, and the security rules of issue 9.
 */
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../../src/render/page.js';
import { DECK, EventClient, request, startExample, type Started } from './helpers.js';

const SECRET = 'SECRET-6d1f0c: must never be served';

let s: Started;
let out: string;

beforeAll(async () => {
  s = await startExample({}, async (dir) => {
    // Files outside out/ that must stay out of reach.
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ secret: SECRET }));
    await mkdir(path.join(dir, 'private'), { recursive: true });
    await writeFile(path.join(dir, 'private', 'notes.html'), `<html><body>${SECRET}</body></html>`);
  });
  out = path.join(s.dir, 'out');
});

afterAll(async () => {
  await s?.handle.close();
});

describe('serving the decks', () => {
  it('binds 127.0.0.1 only and reports its URL', () => {
    expect(s.handle.url).toBe(`http://127.0.0.1:${s.port}/`);
    expect(s.port).toBeGreaterThan(0);
  });

  it('lists the decks at /', async () => {
    const res = await request(s.port, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain(`href="/${DECK}"`);
    expect(res.body).toContain('href="/ussr-japan-1925.md"');
    expect(res.body).toContain('data-lectern-serve');
  });

  it('serves the deck with the live-reload client and a CSP allowing connect-src self; the file on disk has neither', async () => {
    const res = await request(s.port, `/${DECK}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain('<script data-lectern-serve>');
    expect(res.body).toContain('/__lectern/events');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(res.body)?.[1];
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("connect-src 'none'");
    // The client comes last in the body, after the deck's own script.
    expect(res.body.indexOf('<script data-lectern-serve>')).toBeGreaterThan(res.body.lastIndexOf('lectern-deck'));
    expect(res.body.trimEnd().endsWith('</html>')).toBe(true);

    const disk = await readFile(path.join(out, DECK), 'utf8');
    expect(disk).not.toContain('data-lectern-serve');
    expect(disk).not.toContain('/__lectern/events');
    expect(disk).toContain(`content="${CSP}"`);
    expect(disk).not.toContain("connect-src 'self'");
  });

  it('HEAD answers the headers without the body', async () => {
    const res = await request(s.port, `/${DECK}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(Number(res.headers['content-length'])).toBeGreaterThan(1000);
  });

  it('sends the right Content-Type (and nosniff) for each kind of file', async () => {
    const files: Record<string, string> = {
      'ussr-japan-1925.md': 'text/markdown; charset=utf-8',
      'x.pdf': 'application/pdf',
      'x.css': 'text/css; charset=utf-8',
      'x.js': 'text/javascript; charset=utf-8',
      'x.json': 'application/json; charset=utf-8',
      'x.png': 'image/png',
      'x.svg': 'image/svg+xml',
      'x.bin': 'application/octet-stream',
    };
    for (const name of Object.keys(files)) if (name.startsWith('x.')) await writeFile(path.join(out, name), 'x');
    for (const [name, type] of Object.entries(files)) {
      const res = await request(s.port, `/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers['content-type'], name).toBe(type);
      expect(res.headers['x-content-type-options'], name).toBe('nosniff');
    }
  });

  it("offers a deck's PowerPoint for download and links its slide images from the first; the preview image goes with its deck", async () => {
    await writeFile(path.join(out, 'ussr-japan-1925.pptx'), 'PK');
    await writeFile(path.join(out, 'ussr-japan-1925.thumb.png'), 'png');
    await mkdir(path.join(out, 'ussr-japan-1925'), { recursive: true });
    for (const n of ['001.png', '002.png']) await writeFile(path.join(out, 'ussr-japan-1925', n), 'png');
    const res = await request(s.port, '/');
    expect(res.body).toContain('<a href="/ussr-japan-1925.pptx" download>PPTX</a>');
    expect(res.body).toContain('<a href="/ussr-japan-1925/001.png">PNG (2)</a>');
    expect(res.body).not.toContain('href="/ussr-japan-1925.thumb.png"');
    const pptx = await request(s.port, '/ussr-japan-1925.pptx');
    expect(pptx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect((await request(s.port, '/ussr-japan-1925/002.png')).headers['content-type']).toBe('image/png');
  });

  it('escapes file names in the index', async () => {
    const evil = `a<img src=x onerror=alert(1)>&"'.html`;
    await writeFile(path.join(out, evil), '<html><body>x</body></html>');
    const res = await request(s.port, '/');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('a&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;');
    expect(res.body).toContain(`href="/${encodeURIComponent(evil).replace(/'/g, '&#39;')}"`);
  });

  it('lists no folders and serves no hidden files', async () => {
    await mkdir(path.join(out, 'sub'), { recursive: true });
    await writeFile(path.join(out, 'sub', 'a.md'), 'a');
    expect((await request(s.port, '/sub')).status).toBe(404);
    expect((await request(s.port, '/sub/')).status).toBe(404);
    expect((await request(s.port, '/sub/a.md')).status).toBe(200);
    const state = await request(s.port, '/.lectern/state.json');
    expect([403, 404]).toContain(state.status);
    expect((await request(s.port, '/nothing.md')).status).toBe(404);
  });
});

describe('security', () => {
  it('refuses a Host that is not 127.0.0.1:PORT or localhost:PORT (DNS rebinding)', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${s.port}`,
      '127.0.0.1',
      `127.0.0.1:${s.port + 1}`,
      `localhost.evil.example:${s.port}`,
      `[::1]:${s.port}`,
    ]) {
      const res = await request(s.port, `/${DECK}`, { headers: { host } });
      expect(res.status, host).toBe(403);
      expect(res.body, host).not.toContain('lectern-deck');
    }
    expect((await request(s.port, '/', { headers: { host: `localhost:${s.port}` } })).status).toBe(200);
    expect((await request(s.port, '/', { headers: { host: `LOCALHOST:${s.port}` } })).status).toBe(200);
  });

  it('never serves a file outside out/ by path traversal', async () => {
    const attempts = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/..%2fpackage.json',
      '/..%2Fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/.%2e/package.json',
      '/..\\package.json',
      '/..%5cpackage.json',
      '/%00',
      '/package.json%00.html',
      '/../private/notes.html',
      '/sub/../../package.json',
      '/./../package.json',
      '//package.json',
      `/${encodeURI(path.join(s.dir, 'package.json'))}`,
      '/%252e%252e/package.json',
      `http://127.0.0.1:${s.port}/../package.json`,
    ];
    for (const p of attempts) {
      const res = await request(s.port, p);
      expect([403, 404], p).toContain(res.status);
      expect(res.body, p).not.toContain(SECRET);
    }
  });

  it('does not follow a symlink in out/ that points outside', async () => {
    await symlink(path.join(s.dir, 'package.json'), path.join(out, 'leak.json'));
    await symlink(path.join(s.dir, 'private'), path.join(out, 'leakdir'));
    await symlink('../package.json', path.join(out, 'relative-leak.md'));
    for (const p of ['/leak.json', '/leakdir/notes.html', '/relative-leak.md']) {
      const res = await request(s.port, p);
      expect([403, 404], p).toContain(res.status);
      expect(res.body, p).not.toContain(SECRET);
    }
    // A link that stays inside out/ is fine.
    await symlink(DECK, path.join(out, 'alias.html'));
    expect((await request(s.port, '/alias.html')).status).toBe(200);
  });

  it('accepts only GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const res = await request(s.port, `/${DECK}`, { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
  });

  it('refuses the event stream to pages of other origins', async () => {
    const evil = await EventClient.connect(s.port, { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    evil.close();
    const otherPort = await EventClient.connect(s.port, { origin: `http://127.0.0.1:${s.port + 1}` });
    expect(otherPort.status).toBe(403);
    otherPort.close();
    for (const origin of [undefined, `http://127.0.0.1:${s.port}`, `http://localhost:${s.port}`]) {
      const ok = await EventClient.connect(s.port, origin ? { origin } : {});
      expect(ok.status, origin).toBe(200);
      ok.close();
    }
    const wrongHost = await EventClient.connect(s.port, { host: 'evil.example' });
    expect(wrongHost.status).toBe(403);
    wrongHost.close();
  });
});
