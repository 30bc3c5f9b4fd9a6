/**
 * Formulas (`math:` fields, and `$…$` inside `md:` fields) checked with
 * KaTeX while the outline is resolved, so that a bad one is an error at its
 * line rather than red text on a slide. marp-core typesets them later with
 * the same KaTeX.
 *
 * A `math:` field reaches the slide's Markdown on one line, between `$`
 * (a bullet's) or `$$` (a slide's): TeX reads a line break as a space, so
 * the formula means the same, and one line cannot start a slide (`---`), a
 * comment or anything else. A `%` comment would swallow the rest of that one
 * line, so comments are dropped first; a `$` that TeX does not escape would
 * end the formula early, so it is refused.
 */
import katex from 'katex';

export interface TexProblem {
  message: string;
  hint: string;
}

/** The formula on one line: `%` comments dropped, white space (line breaks too) one space. */
export function texLine(tex: string): string {
  return tex
    .split(/\r\n?|\n/)
    .map((line) => line.replace(/(^|[^\\](?:\\\\)*)%.*$/, '$1'))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Where a `$` that no backslash escapes starts in `tex`, or -1. */
export function bareDollar(tex: string): number {
  for (let at = tex.indexOf('$'); at >= 0; at = tex.indexOf('$', at + 1)) {
    let slashes = 0;
    while (tex[at - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 0) return at;
  }
  return -1;
}

/** What is wrong with a formula (as texLine gives it), in KaTeX's words; undefined when KaTeX typesets it. */
export function checkTex(tex: string, display: boolean): TexProblem | undefined {
  if (!tex) return { message: 'the formula is empty', hint: 'write the formula in TeX, e.g. math: "E = mc^2"' };
  const dollar = bareDollar(tex);
  if (dollar >= 0)
    return {
      message: `the formula has a $ (at character ${dollar + 1}): math: is TeX already, and a $ would end it on the slide`,
      hint: 'leave out the $ signs; write \\$ for a dollar sign',
    };
  try {
    katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: 'ignore', trust: false });
    return undefined;
  } catch (err) {
    if (!(err instanceof katex.ParseError)) throw err;
    const raw = (err as { rawMessage?: string }).rawMessage ?? err.message;
    const position = (err as { position?: number }).position;
    return {
      message: `KaTeX cannot typeset this formula: ${raw}${position !== undefined ? ` (at character ${position + 1} of "${tex}")` : ` ("${tex}")`}`,
      hint: 'check the TeX: KaTeX supports the commands listed at katex.org/docs/supported (no \\usepackage, no custom environments)',
    };
  }
}

/**
 * The formulas of raw Markdown (an `md:` field), found as marp-core finds
 * them: `$$…$$` blocks and `$…$` inline (a `$` before a space or tab opens
 * nothing, one after a space or before a digit closes nothing), outside code.
 */
export function markdownFormulas(md: string): Array<{ tex: string; display: boolean }> {
  const found: Array<{ tex: string; display: boolean }> = [];
  // Code spans and fenced code are code, not formulas.
  const text = md.replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\1[^\n]*|$)/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
  const blocks = /(^|\n)[ \t]*\$\$([\s\S]*?)\$\$/g;
  const rest = text.replace(blocks, (_m, before: string, tex: string) => {
    found.push({ tex: tex.trim(), display: true });
    return before;
  });
  for (let at = 0; at < rest.length; at++) {
    if (rest[at] === '\\') {
      at++;
      continue;
    }
    if (rest[at] !== '$' || /[ \t]/.test(rest[at + 1] ?? ' ')) continue;
    let end = at + 1;
    for (; end < rest.length; end++) {
      if (rest[end] === '\\') end++;
      else if (rest[end] === '$') break;
    }
    if (end >= rest.length) break;
    if (/[ \t]/.test(rest[end - 1]!) || /\d/.test(rest[end + 1] ?? '')) continue;
    if (end > at + 1) found.push({ tex: rest.slice(at + 1, end), display: false });
    at = end;
  }
  return found;
}
