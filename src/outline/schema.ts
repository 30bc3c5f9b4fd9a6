/**
 * The outline format, defined once. These TypeBox schemas are plain JSON
 * Schema objects: `Static<>` gives the TypeScript types, `npm run schema`
 * writes schema/outline.schema.json for editors, and src/outline/validate.ts
 * walks them to check a YAML document with positions.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Text = (description: string) => Type.String({ description });

/** "conv#p2.s3" — see docs/outline.md#addresses. */
const Ref = Type.String({
  description:
    'A passage of a source: NAME#p2, NAME#p2.s3, NAME#p2.s1-s3, NAME#p2-p4, NAME#p2.s3-p3.s1; a footnote NAME#fn3 (fn3.s1, fn3-fn4); what starts on printed page 45, NAME#pg45 (pg45-pg46)',
  pattern: '^[^#\\s]+#(?:(?:p|fn)\\d+(\\.s\\d+)?(-((?:p|fn)\\d+(\\.s\\d+)?|s\\d+))?|pg[0-9A-Za-z]+(-(pg)?[0-9A-Za-z]+)?)$',
});

/** A work cited but not quoted: an entry of the bibliography files, with where in it. */
const CiteFields = {
  cite: Type.Optional(
    Type.String({
      description: 'A work cited but not quoted: the key of an entry of the bibliography files (`bibliography:`), e.g. lensen1970.',
      minLength: 1,
    }),
  ),
  locator: Type.Optional(
    Type.String({ description: 'With cite: where in the work, e.g. "45" or "45–47" (a page unless label says otherwise).', minLength: 1 }),
  ),
  label: Type.Optional(
    Type.Union([Type.Literal('page'), Type.Literal('chapter'), Type.Literal('section'), Type.Literal('paragraph')], {
      description: 'With cite: what the locator counts (default page).',
    }),
  ),
};

/** Where a piece of text comes from: typed text, a reference, a quote found in a source, or raw Markdown. */
const TextFields = {
  text: Type.Optional(Text('Text to show, taken literally (never Markdown). With ref/find it replaces the cited text on the slide; the citation stays.')),
  ref: Type.Optional(Ref),
  find: Type.Optional(Text('A phrase of the source: the sentence that contains it (case, ё/е, quotes and spaces ignored; "…" skips words).')),
  from: Type.Optional(Text('With to: an exact span of the source, from this phrase…')),
  to: Type.Optional(Text('…to this phrase (inclusive).')),
  source: Type.Optional(Text('The source searched by find/from (a name under `sources:`); optional when there is one source.')),
  md: Type.Optional(Text('Raw Marp Markdown, inserted as it is (the only way to write Markdown in an outline).')),
  ...CiteFields,
};

/** A formula in TeX, typeset by KaTeX; a bad one is an error at its line. */
const Tex = (description: string) => Type.String({ description, minLength: 1 });

/** A passage of code: a line range of it ("3-8", or one line). */
const Lines = Type.Union([Type.Integer({ minimum: 1 }), Type.String({ pattern: '^\\s*\\d+\\s*(-\\s*\\d+\\s*)?$' })], {
  description: 'Lines of the code to highlight with a band behind them: 3-8, or one line (5). Line 1 is the first line of code:.',
});

const Reveal = Type.Boolean({
  description: 'Show the bullets one at a time in the HTML deck (nested ones too, in order); the PDF, handouts, images and PowerPoint show the finished slide.',
});

export const Bullet = Type.Recursive(
  (This) =>
    Type.Union([
      Text('A bullet, taken literally.'),
      Type.Object(
        {
          ...TextFields,
          math: Type.Optional(Tex('A formula in TeX, shown after the text of the bullet (e.g. "E = mc^2"); never written with $.')),
          bullets: Type.Optional(Type.Array(This)),
        },
        { additionalProperties: false },
      ),
    ]),
  { $id: 'Bullet', title: 'Bullet' },
);

export const Block = Type.Union([Text('Text, taken literally.'), Type.Object(TextFields, { additionalProperties: false })]);

export const Quote = Type.Union([
  Text('The quotation, taken literally.'),
  Type.Object(
    {
      ...TextFields,
      highlight: Type.Optional(Text('A phrase of the quote to emphasise.')),
      attribution: Type.Optional(Text('Who said or wrote it; default: the source citation.')),
    },
    { additionalProperties: false },
  ),
]);

export const Note = Block;

export const Image = Type.Object(
  {
    path: Text('Image file, relative to the outline.'),
    alt: Text('Alternative text for screen readers (required).'),
    caption: Type.Optional(Text('Caption under the image.')),
    credit: Type.Optional(Text('Credit line (author, archive, licence).')),
  },
  { additionalProperties: false },
);

export const TimelineEvent = Type.Object(
  {
    date: Text('When, as it should be shown ("20 января 1925 г.").'),
    ...TextFields,
  },
  { additionalProperties: false },
);

export const Column = Type.Object(
  {
    title: Type.Optional(Text('Column heading.')),
    bullets: Type.Optional(Type.Array(Bullet)),
    quote: Type.Optional(Quote),
    text: Type.Optional(Type.Union([Text('Text'), Type.Array(Block)])),
    ref: Type.Optional(Ref),
    find: Type.Optional(Text('A phrase of the source.')),
    source: Type.Optional(Text('Source searched by find.')),
    reveal: Type.Optional(Reveal),
  },
  { additionalProperties: false },
);

export const Slide = Type.Object(
  {
    id: Type.Optional(Type.String({ description: 'A stable name for the slide (for extends, variants, links).', pattern: '^[A-Za-z0-9_-]+$' })),
    layout: Type.Optional(
      Text(
        'Layout: title, agenda, section, bullets, quote, text, two-column, timeline, image, code, sources, questions, or one from your templates. Default: bullets (or quote/text/image/timeline/code by the fields given).',
      ),
    ),
    title: Type.Optional(Text('Slide title.')),
    subtitle: Type.Optional(Text('Subtitle (title and section layouts).')),
    bullets: Type.Optional(Type.Array(Bullet)),
    quote: Type.Optional(Quote),
    text: Type.Optional(Type.Union([Text('Text'), Type.Array(Block)])),
    image: Type.Optional(Image),
    columns: Type.Optional(Type.Array(Column, { minItems: 2, maxItems: 2 })),
    math: Type.Optional(Tex('A formula in TeX, shown large and centred under the text (e.g. "\\int_0^1 x^2\\,dx = \\tfrac13"); never written with $.')),
    code: Type.Optional(
      Text('Code, shown literally in a monospaced font and highlighted for lang: (the code layout); a long one continues on further slides.'),
    ),
    lang: Type.Optional(Type.String({ description: 'The language of code: (python, js, sql, bash, …; default: plain text).', pattern: '^[A-Za-z0-9_+#.-]+$' })),
    lines: Type.Optional(Lines),
    reveal: Type.Optional(Reveal),
    timeline: Type.Optional(
      Type.Union([
        Type.Array(TimelineEvent),
        Type.Object(
          {
            from: Ref,
            events: Type.Optional(Type.Array(TimelineEvent)),
          },
          { additionalProperties: false, description: 'Every dated sentence of a passage (from: conv#p2-p4), with explicit events if you like.' },
        ),
      ]),
    ),
    notes: Type.Optional(Type.Union([Text('Speaker notes.'), Type.Array(Note)])),
    tags: Type.Optional(Type.Array(Type.String(), { description: 'Tags, for variants to include or exclude slides.' })),
    class: Type.Optional(Type.String({ description: 'CSS class(es) for this slide.', pattern: '^[A-Za-z_][A-Za-z0-9_-]*( +[A-Za-z_][A-Za-z0-9_-]*)*$' })),
    md: Type.Optional(Text('Raw Marp Markdown for the slide body.')),
    ...CiteFields,
    // Customizing (see docs/outline.md): in an outline that `extends` another,
    // a slide with the id of a base slide replaces it; these place or remove slides.
    before: Type.Optional(Type.String({ description: 'Insert this slide before the slide with this id (in the extended outline).' })),
    after: Type.Optional(Type.String({ description: 'Insert this slide after the slide with this id (in the extended outline).' })),
    remove: Type.Optional(Type.String({ description: 'Remove the slide with this id (of the extended outline). Nothing else goes with it.' })),
    include: Type.Optional(
      Type.String({ description: 'A YAML file (relative to this one) holding a list of slides, inserted here. Nothing else goes with it.' }),
    ),
  },
  { additionalProperties: false },
);

export const Variant = Type.Object(
  {
    description: Type.Optional(Text('Who this variant is for.')),
    include_tags: Type.Optional(Type.Array(Type.String(), { description: 'Keep only slides with one of these tags (and slides without tags).' })),
    exclude_tags: Type.Optional(Type.Array(Type.String(), { description: 'Leave out slides with any of these tags.' })),
    set: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Fields to override, as with --set: { title: "…", "vars.week": 3 }.' })),
  },
  { additionalProperties: false },
);

export const Handout = Type.Object(
  {
    layouts: Type.Optional(Type.Array(Type.String(), { description: 'Handouts to print: notes, 2, 3-lines, 4, 6, reading.' })),
    paper: Type.Optional(Type.Union([Type.Literal('A4'), Type.Literal('Letter')])),
  },
  { additionalProperties: false },
);

export const Outline = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    extends: Type.Optional(Text('An outline this one customizes (relative path): its fields and slides are the starting point.')),
    title: Text('Lecture title.'),
    subtitle: Type.Optional(Text('Subtitle.')),
    author: Type.Optional(Text('Lecturer.')),
    institution: Type.Optional(Text('University or school.')),
    course: Type.Optional(Text('Course name.')),
    date: Type.Optional(
      Text(
        'Date of the lecture: an ISO date (2026-03-14) is written in the lecture\'s language ("14 марта 2026 г.", "March 14, 2026"); anything else is shown as written ("весна 2026", "Week 4").',
      ),
    ),
    lang: Type.Optional(
      Type.String({ description: 'Language of the lecture (ru, en, …): hyphenation, sentence rules, fixed strings.', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]+)*$' }),
    ),
    theme: Type.Optional(Text('Theme: lectern (default), default, gaia, uncover, or a theme from your templates folder.')),
    size: Type.Optional(Type.Union([Type.Literal('16:9'), Type.Literal('4:3')])),
    templates: Type.Optional(Text('A folder of your templates and themes, relative to the outline.')),
    citation_style: Type.Optional(
      Text(
        'Citations and bibliography in a CSL style: gost, gost-author-date, apa, chicago, mla, ieee, harvard, vancouver, any style id `lectern styles --all` lists, or a path to a .csl file (relative to the outline).',
      ),
    ),
    bibliography: Type.Optional(
      Type.Union([
        Text('A bibliography file (BibTeX/BibLaTeX .bib, CSL-JSON .json, RIS .ris), relative to the outline.'),
        Type.Array(Text('A bibliography file.')),
      ]),
    ),
    sources: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z0-9_-]+$' }), Text('Path of the source text, relative to the outline.'))),
    vars: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Free values for your templates ({{vars.name}}).' })),
    handout: Type.Optional(Handout),
    notes: Type.Optional(Type.Boolean({ description: 'Include speaker notes in the HTML deck (default true; false to publish without them).' })),
    variants: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z0-9_-]+$' }), Variant, {
        description: 'Named audiences: lectern build --variant NAME writes out/OUTLINE.NAME.*',
      }),
    ),
    slides: Type.Array(Slide, { minItems: 1 }),
  },
  { additionalProperties: false, $id: 'https://lectern.dev/schema/outline.schema.json', title: 'Lectern outline' },
);

/** What one file may hold: every field optional (an outline that extends another, or one being merged). */
export const OutlinePart = Type.Partial(Outline, { additionalProperties: false });

export type VariantInput = Static<typeof Variant>;
export type BulletInput = Static<typeof Bullet>;
export type BlockInput = Static<typeof Block>;
export type QuoteInput = Static<typeof Quote>;
export type SlideInput = Static<typeof Slide>;
export type OutlineInput = Static<typeof Outline>;
export type ImageInput = Static<typeof Image>;
export type TimelineEventInput = Static<typeof TimelineEvent>;
export type ColumnInput = Static<typeof Column>;

/** The JSON Schema document written to schema/outline.schema.json. */
export function outlineJsonSchema(): Record<string, unknown> {
  // The recursive Bullet schema is embedded by TypeBox wherever it is used;
  // JSON Schema wants it once, under definitions, and referenced.
  const rewrite = (v: unknown, top: boolean): unknown => {
    if (Array.isArray(v)) return v.map((x) => rewrite(x, false));
    if (v && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      if (!top && obj.$id === 'Bullet') return { $ref: '#/definitions/Bullet' };
      if (obj.$ref === 'Bullet') return { $ref: '#/definitions/Bullet' };
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(obj)) if (!(top && k === '$id' && obj === Bullet)) out[k] = rewrite(x, false);
      return out;
    }
    return v;
  };
  const { required: _required, ...outline } = rewrite(Outline, true) as Record<string, unknown>;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...outline,
    // An outline that extends another may leave out what its base gives.
    if: { properties: { extends: { type: 'string' } }, required: ['extends'] },
    else: { properties: { title: { type: 'string' }, slides: { type: 'array' } }, required: ['title', 'slides'] },
    definitions: { Bullet: rewrite(Bullet, true) },
  };
}

export type { TSchema };
