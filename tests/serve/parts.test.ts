/** The pure parts: the CSP widening and client injection, request paths, which files are noise. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CSP } from '../../src/render/page.js';
import { clientScript, injectClient, widenPolicy } from '../../src/serve/client.js';
import { parseRequestPath } from '../../src/serve/server.js';
import { isTempFile } from '../../src/serve/watch.js';

const HASH = "'sha256-abc='";

describe('widenPolicy', () => {
  it("opens connect-src to 'self' and leaves the deck's inline scripts allowed", () => {
    const policy = widenPolicy(CSP, HASH);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toContain("'none' 'self'");
    expect(policy).toContain("script-src 'unsafe-inline'");
    expect(policy).not.toContain(HASH); // a hash would switch 'unsafe-inline' off for the deck's own script
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-src 'none'");
  });

  it('adds directives that only default-src governed', () => {
    expect(widenPolicy("default-src 'none'", HASH)).toBe(`default-src 'none'; connect-src 'self'; script-src ${HASH}`);
  });

  it('adds the script hash when inline scripts go by hash or nonce', () => {
    expect(widenPolicy("default-src 'none'; script-src 'sha256-xyz='; connect-src 'none'", HASH)).toBe(
      `default-src 'none'; script-src 'sha256-xyz=' ${HASH}; connect-src 'self'`,
    );
    expect(widenPolicy("script-src 'unsafe-inline' 'nonce-1'", HASH)).toBe(`script-src 'unsafe-inline' 'nonce-1' ${HASH}`);
  });

  it('changes nothing that already allows the client', () => {
    expect(widenPolicy('img-src data:', HASH)).toBe('img-src data:');
    expect(widenPolicy("default-src 'self' 'unsafe-inline'", HASH)).toBe("default-src 'self' 'unsafe-inline'");
  });
});

describe('injectClient', () => {
  const page = (csp: string, body = '<p>x</p>') =>
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${csp}">\n</head>\n<body>${body}</body>\n</html>\n`;

  it('widens the head CSP meta and adds the script before </body>', () => {
    const html = injectClient(page(CSP));
    expect(html).toContain(`content="${widenPolicy(CSP, '')}"`);
    expect(html).toMatch(/<script data-lectern-serve>[\s\S]*<\/script>\n<\/body>\n<\/html>\n$/);
  });

  it('adds the hash of exactly the script it injects', () => {
    const html = injectClient(page("default-src 'none'"), { generation: 7 });
    const script = /<script data-lectern-serve>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(script).toBe(clientScript({ generation: 7 }));
    const hash = createHash('sha256').update(script).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
  });

  it('leaves a CSP-looking meta in the body and text that mentions </body> alone', () => {
    const body = '<p>&lt;/body&gt;</p><meta http-equiv="Content-Security-Policy" content="connect-src \'none\'">';
    const html = injectClient(page(CSP, body));
    expect(html).toContain(body);
    expect(html.indexOf('data-lectern-serve')).toBeGreaterThan(html.indexOf(body));
  });
});

describe('parseRequestPath', () => {
  it('accepts plain paths', () => {
    expect(parseRequestPath('/')).toEqual({ segments: [] });
    expect(parseRequestPath('/deck.html?x=1#3')).toEqual({ segments: ['deck.html'] });
    expect(parseRequestPath('/%D0%BB%D0%B5%D0%BA%D1%86%D0%B8%D1%8F.html')).toEqual({ segments: ['лекция.html'] });
    expect(parseRequestPath('/a%20b.md')).toEqual({ segments: ['a b.md'] });
  });

  it.each([
    ['/../x', 403],
    ['/%2e%2e/x', 403],
    ['/..%2fx', 403],
    ['/a%2Fb', 403],
    ['/..\\x', 403],
    ['/a%5cb', 403],
    ['/%00', 403],
    ['/./x', 403],
    ['http://evil/x', 403],
    ['*', 403],
    ['/%', 400],
    ['//x', 404],
    ['/a/', 404],
    ['/.lectern/state.json', 404],
    ['/.deck.html.123.tmp', 404],
  ])('%s → %i', (p, status) => {
    expect(parseRequestPath(p)).toEqual({ status });
  });
});

describe('isTempFile', () => {
  it.each(['x.yaml.tmp', '.x.yaml.swp', '.x.yaml.swx', 'x.yaml~', '4913', '.#x.yaml', '#x.yaml#', 'x.yaml___jb_tmp___', '.goutputstream-ABC', 'x.crswap'])(
    '%s is noise',
    (n) => {
      expect(isTempFile(n)).toBe(true);
    },
  );
  it.each(['x.yaml', 'x.txt', 'x.yml', 'deck.hbs', 'tmp.yaml', 'swp.txt'])('%s is not', (n) => {
    expect(isTempFile(n)).toBe(false);
  });
});
