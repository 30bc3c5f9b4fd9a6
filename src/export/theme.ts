/**
 * The theme's variables for outputs that are not HTML (the editable PowerPoint): colours, font
 * families, type sizes and the slide's padding, read from the theme CSS that the HTML deck uses.
 * Only the plain declarations Lectern's own theme is made of are understood (custom properties,
 * hex colours, px and em sizes, a two-stop gradient); anything missing or written otherwise keeps
 * the lectern theme's value, so a reader of this module always gets a complete theme.
 */

/** Colours as six hex digits without '#', as PowerPoint writes them. */
export interface ExportTheme {
  /** Slide sizes in CSS px, from the theme's `@size` comments. */
  sizes: Record<'16:9' | '4:3', { width: number; height: number }>;
  colors: {
    ink: string;
    paper: string;
    accent: string;
    muted: string;
    /** The highlight behind a quote's marked phrase. */
    mark: string;
    /** Title and section slides: background (first stop of the gradient), text, subtitle, byline. */
    dark: string;
    darkEnd: string;
    darkInk: string;
    darkAccent: string;
    byline: string;
  };
  fonts: { sans: string; serif: string; mono: string };
  /** Body type in px and its line height (a multiple). */
  fontPx: number;
  lineHeight: number;
  /** Slide padding in px. */
  padding: { top: number; right: number; bottom: number; left: number };
  /** Sizes relative to the body type (em). */
  em: {
    /** The content slide's title (h1). */
    heading: number;
    /** A heading inside a slide (h2: a column's head). */
    subheading: number;
    titleHeading: number;
    subtitle: number;
    byline: number;
    quote: number;
    text: number;
    columns: number;
    nested: number;
    timeline: number;
    bibliography: number;
    caption: number;
    agenda: number;
  };
  /** The citation line and the slide number, px. */
  citePx: number;
  /** Gap between two columns, px. */
  columnGap: number;
}

/** The lectern theme as templates/themes/lectern.css writes it: every value a reader falls back to. */
export const LECTERN_THEME: ExportTheme = {
  sizes: { '16:9': { width: 1280, height: 720 }, '4:3': { width: 960, height: 720 } },
  colors: {
    ink: '111827',
    paper: 'FFFFFF',
    accent: '9A3412',
    muted: '4B5563',
    mark: 'FDE68A',
    dark: '1F2937',
    darkEnd: '111827',
    darkInk: 'F9FAFB',
    darkAccent: 'FDBA74',
    byline: 'D1D5DB',
  },
  fonts: { sans: 'PT Sans', serif: 'PT Serif', mono: 'PT Mono' },
  fontPx: 34,
  lineHeight: 1.35,
  padding: { top: 56, right: 72, bottom: 84, left: 72 },
  em: {
    heading: 1.45,
    subheading: 1.05,
    titleHeading: 1.9,
    subtitle: 1.05,
    byline: 0.8,
    quote: 1.05,
    text: 0.9,
    columns: 0.82,
    nested: 0.88,
    timeline: 0.9,
    bibliography: 0.8,
    caption: 0.7,
    agenda: 1.05,
  },
  citePx: 18,
  columnGap: 48,
};

type Rules = Map<string, Map<string, string>>;

/** Selector (whitespace normalised, one per comma-separated part) → its declarations, later ones winning. */
function parseRules(css: string): Rules {
  const rules: Rules = new Map();
  const plain = css.replace(/\/\*[\s\S]*?\*\//g, ' ');
  for (const m of plain.matchAll(/([^{}@;]+)\{([^{}]*)\}/g)) {
    const decls = new Map<string, string>();
    for (const d of m[2]!.split(';')) {
      const at = d.indexOf(':');
      if (at > 0) decls.set(d.slice(0, at).trim().toLowerCase(), d.slice(at + 1).trim());
    }
    for (const sel of m[1]!.split(',')) {
      const key = sel.trim().replace(/\s+/g, ' ');
      if (!key) continue;
      const into = rules.get(key) ?? new Map<string, string>();
      for (const [k, v] of decls) into.set(k, v);
      rules.set(key, into);
    }
  }
  return rules;
}

/** A hex colour (#abc, #aabbcc) as AABBCC; anything else is undefined. */
export function hexColor(value: string | undefined): string | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})\b/i.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const h = m[1]!;
  return (h.length === 3 ? [...h].map((c) => c + c).join('') : h).toUpperCase();
}

function resolveVar(value: string | undefined, vars: Map<string, string>): string | undefined {
  if (value === undefined) return undefined;
  return value.replace(/var\(\s*(--[\w-]+)\s*(?:,\s*([^)]*))?\)/g, (_m, name: string, fallback?: string) => vars.get(name) ?? fallback ?? '');
}

function firstFamily(value: string | undefined): string | undefined {
  const first = value
    ?.split(',')[0]
    ?.trim()
    .replace(/^['"]|['"]$/g, '');
  return first && !/^(sans-serif|serif|monospace|inherit|initial)$/i.test(first) ? first : undefined;
}

function number(value: string | undefined, unit: 'px' | 'em'): number | undefined {
  const m = new RegExp(`^(-?\\d*\\.?\\d+)${unit}$`).exec(value?.trim() ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Reads a theme's variables; values it cannot read are the lectern theme's. */
export function readTheme(css: string): ExportTheme {
  const t: ExportTheme = structuredClone(LECTERN_THEME);
  for (const m of css.matchAll(/@size\s+(16:9|4:3)\s+(\d+)px\s+(\d+)px/g)) {
    t.sizes[m[1] as '16:9' | '4:3'] = { width: Number(m[2]), height: Number(m[3]) };
  }
  const rules = parseRules(css);
  const section = rules.get('section') ?? new Map<string, string>();
  const vars = new Map([...section].filter(([k]) => k.startsWith('--')));
  const get = (selector: string, prop: string): string | undefined => resolveVar(rules.get(selector)?.get(prop), vars);
  const color = (value: string | undefined, fallback: string): string => hexColor(value) ?? fallback;

  const c = t.colors;
  c.ink = color(vars.get('--lectern-ink') ?? get('section', 'color'), c.ink);
  c.paper = color(vars.get('--lectern-paper') ?? get('section', 'background'), c.paper);
  c.accent = color(vars.get('--lectern-accent'), c.accent);
  c.muted = color(vars.get('--lectern-muted'), c.muted);
  c.mark = color(get('section mark', 'background'), c.mark);
  const gradient = [...(get('section.title', 'background') ?? '').matchAll(/#[0-9a-f]{3,6}\b/gi)].map((m) => hexColor(m[0])!);
  c.dark = gradient[0] ?? color(get('section.title', 'background'), c.dark);
  c.darkEnd = gradient[gradient.length - 1] ?? c.dark;
  c.darkInk = color(get('section.title h1', 'color') ?? get('section.title', 'color'), c.darkInk);
  c.darkAccent = color(get('section.title h2', 'color'), c.darkAccent);
  c.byline = color(get('section.title .byline', 'color'), c.byline);

  t.fonts.sans = firstFamily(get('section', 'font-family')) ?? t.fonts.sans;
  t.fonts.serif = firstFamily(get('section blockquote', 'font-family')) ?? t.fonts.serif;
  t.fontPx = number(get('section', 'font-size'), 'px') ?? t.fontPx;
  const lh = Number(get('section', 'line-height'));
  if (lh > 0.8 && lh < 3) t.lineHeight = lh;
  const pad = (get('section', 'padding') ?? '').split(/\s+/).map((v) => number(v, 'px'));
  if (pad.length >= 1 && pad.every((v) => v !== undefined)) {
    const [top, right = top, bottom = top, left = right] = pad as number[];
    t.padding = { top: top!, right: right!, bottom: bottom!, left: left! };
  }
  const em = (selector: string, fallback: number): number => number(get(selector, 'font-size'), 'em') ?? fallback;
  t.em.heading = em('section h1', t.em.heading);
  t.em.subheading = em('section h2', t.em.subheading);
  t.em.titleHeading = em('section.title h1', t.em.titleHeading);
  t.em.subtitle = em('section.title h2', t.em.subtitle);
  t.em.byline = em('section.title .byline', t.em.byline);
  t.em.quote = em('section.quote blockquote', t.em.quote);
  t.em.text = em('section.text p', t.em.text);
  t.em.columns = em('section .columns', t.em.columns);
  t.em.nested = em('section li li', t.em.nested);
  t.em.timeline = em('section .timeline li', t.em.timeline);
  t.em.bibliography = em('section .bibliography', t.em.bibliography);
  t.em.caption = em('section .caption', t.em.caption);
  t.em.agenda = em('section.agenda ol', t.em.agenda);
  t.citePx = number(get('section .cite', 'font-size'), 'px') ?? t.citePx;
  t.columnGap = number(get('section .columns', 'gap'), 'px') ?? t.columnGap;
  return t;
}
