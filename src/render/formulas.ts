/**
 * Formulas in slides HTML as KaTeX writes them (through marp-core's plugin):
 * `<span class="katex">` holding a MathML copy for screen readers (clipped to
 * nothing, never drawn) and the formula as drawn (`katex-html`), set in
 * KaTeX's own faces. The glyph check and the HTML deck's font subsets need
 * to tell a formula's characters from the slide's text around it.
 */

/** The opening tag of a formula (not `katex-display`, `katex-html` or `katex-error`, whose class names only start so). */
const FORMULA = /<span\b[^>]*\bclass="katex"[^>]*>/g;
/** The MathML copy: MathML holds no `<span>`, so it ends at its `</math></span>`. */
const MATHML = /<span\b[^>]*\bclass="katex-mathml"[^>]*>[\s\S]*?<\/math>\s*<\/span>/g;
const SPAN = /<span\b[^>]*>|<\/span>/g;

export interface FormulaParts {
  /** The HTML each formula draws (its MathML copy left out), in order. */
  drawn: string[];
  /** The HTML around the formulas, each formula taken out whole. */
  rest: string;
}

/** The formulas of some slides HTML apart from the rest of it. */
export function formulaParts(html: string): FormulaParts {
  const drawn: string[] = [];
  let rest = '';
  let at = 0;
  FORMULA.lastIndex = 0;
  for (let open = FORMULA.exec(html); open; open = FORMULA.exec(html)) {
    const end = closingSpan(html, open.index + open[0].length);
    rest += html.slice(at, open.index);
    drawn.push(html.slice(open.index, end).replace(MATHML, ''));
    at = end;
    FORMULA.lastIndex = end;
  }
  return { drawn, rest: rest + html.slice(at) };
}

/** The index just past the `</span>` that closes a span whose content starts at `from` (the end of the HTML when none does). */
function closingSpan(html: string, from: number): number {
  let depth = 1;
  SPAN.lastIndex = from;
  for (let tag = SPAN.exec(html); tag; tag = SPAN.exec(html)) {
    depth += tag[0] === '</span>' ? -1 : 1;
    if (depth === 0) return tag.index + tag[0].length;
  }
  return html.length;
}
