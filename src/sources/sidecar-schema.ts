/**
 * The source sidecar (`sources/NAME.yaml`, or a Markdown source's front
 * matter), defined once: `npm run schema` writes schema/source.schema.json for
 * editors from it, and src/sources/metadata.ts reads the same keys (snake_case
 * as written) with located errors and did-you-mean for unknown ones.
 */
import { Type, type TSchema } from '@sinclair/typebox';

const Text = (description: string) => Type.String({ description });
const TextOrNumber = (description: string) => Type.Union([Type.String(), Type.Number()], { description });

/** A CSL name: a person's parts, or an institution as `literal`. */
const CslName = Type.Object(
  {
    family: Type.Optional(Type.String()),
    given: Type.Optional(Type.String()),
    literal: Type.Optional(Type.String({ description: 'An institution, or a name not to be split.' })),
    suffix: Type.Optional(Type.String()),
    'dropping-particle': Type.Optional(Type.String()),
    'non-dropping-particle': Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
const Names = (description: string) => Type.Union([Type.String(), Type.Number(), Type.Array(Type.Union([Type.String(), CslName]))], { description });

/** The CSL item types (CSL 1.0.2). */
export const CSL_TYPES = [
  'article',
  'article-journal',
  'article-magazine',
  'article-newspaper',
  'bill',
  'book',
  'broadcast',
  'chapter',
  'classic',
  'collection',
  'dataset',
  'document',
  'entry',
  'entry-dictionary',
  'entry-encyclopedia',
  'event',
  'figure',
  'graphic',
  'hearing',
  'interview',
  'legal_case',
  'legislation',
  'manuscript',
  'map',
  'motion_picture',
  'musical_score',
  'pamphlet',
  'paper-conference',
  'patent',
  'performance',
  'periodical',
  'personal_communication',
  'post',
  'post-weblog',
  'regulation',
  'report',
  'review',
  'review-book',
  'software',
  'song',
  'speech',
  'standard',
  'thesis',
  'treaty',
  'webpage',
] as const;

export const SidecarFields = {
  title: Type.Optional(TextOrNumber('The full title, for the bibliography (default: the file’s own title, if it has one).')),
  short: Type.Optional(TextOrNumber('A short title for citations on slides.')),
  author: Type.Optional(
    Names('Author(s): "Иванов И. И.", "Smith, John; Doe, Jane", or a list of names (strings, or CSL names { family, given } / { literal }).'),
  ),
  year: Type.Optional(TextOrNumber('Year of publication.')),
  publisher: Type.Optional(TextOrNumber('Publisher.')),
  url: Type.Optional(TextOrNumber('Where the text can be found.')),
  type: Type.Optional(
    Type.Unsafe<(typeof CSL_TYPES)[number]>({
      type: 'string',
      enum: [...CSL_TYPES],
      description: 'CSL item type: book, article-journal, chapter, thesis, webpage, …',
    }),
  ),
  editor: Type.Optional(Names('Editor(s), written as `author`.')),
  issued: Type.Optional(
    Type.Union(
      [
        Type.Integer(),
        Type.String(),
        Type.Object(
          {
            'date-parts': Type.Optional(Type.Array(Type.Array(Type.Union([Type.Integer(), Type.String()])))),
            literal: Type.Optional(Type.String()),
            season: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
            circa: Type.Optional(Type.Union([Type.Boolean(), Type.Integer(), Type.String()])),
          },
          { additionalProperties: false },
        ),
      ],
      { description: 'CSL: when it was published: 1905, "1905-09-05", or { date-parts: [[1905, 9, 5]] } (instead of `year`).' },
    ),
  ),
  'container-title': Type.Optional(TextOrNumber('CSL: the book, journal or site the text is part of.')),
  'publisher-place': Type.Optional(TextOrNumber('CSL: where it was published (Москва, London).')),
  volume: Type.Optional(TextOrNumber('CSL: volume.')),
  issue: Type.Optional(TextOrNumber('CSL: issue of a journal.')),
  page: Type.Optional(TextOrNumber('CSL: the pages of the text within its container ("173–198"); not `pages`, the printed pages of paragraphs.')),
  edition: Type.Optional(TextOrNumber('CSL: edition.')),
  URL: Type.Optional(TextOrNumber('CSL: the same as `url`.')),
  DOI: Type.Optional(TextOrNumber('CSL: DOI (10.1007/BF01700692).')),
  ISBN: Type.Optional(TextOrNumber('CSL: ISBN.')),
  language: Type.Optional(TextOrNumber('CSL: the language of the entry (ru, en-US); default: `lang`.')),
  bib: Type.Optional(TextOrNumber('The key of this source in the bibliography files (`bibliography:` of the outline or config).')),
  lang: Type.Optional(TextOrNumber('The text’s language (ru, en, …): sentence rules and the OCR language.')),
  abbreviations: Type.Optional(
    Type.Array(Type.String(), {
      description: 'Abbreviations the text uses that must not end a sentence, as written: ["z. B.", "Abb.", "ibid."].',
    }),
  ),
  pages: Type.Optional(
    Type.Record(Type.String({ pattern: '^p?\\d+$' }), TextOrNumber('printed page'), {
      description: 'Text sources: the printed page where a paragraph starts, e.g. { p1: 112, p4: 113 }.',
    }),
  ),
  corrections: Type.Optional(
    Type.Array(
      Type.Object({ find: Text('Text as it is in the file (e.g. an OCR error).'), replace: Text('What it should say.') }, { additionalProperties: false }),
      {
        description: 'Fixes applied to a copy of the text as it is read; the file is never edited.',
      },
    ),
  ),
  split_title: Type.Optional(Type.Boolean({ description: 'The text begins with `title`, fused to the first paragraph: cut it off.' })),
  breaks: Type.Optional(
    Type.Array(
      Type.Union([
        Type.Object({ after: Text('A sentence of the text as it is (p1.s12): a paragraph starts after it.') }, { additionalProperties: false }),
        Type.Object({ before: Text('The words a sentence begins with: a paragraph starts before it.') }, { additionalProperties: false }),
      ]),
      { description: 'Paragraph breaks to add (a speech on one line, an OCR text without blank lines).' },
    ),
  ),
  structure: Type.Optional(
    Type.Union([Type.Literal('auto'), Type.Literal('off')], {
      description: 'Plain text: auto (default) rejoins hard-wrapped lines and finds headings where the evidence is clear; off reads it as written.',
    }),
  ),
  page_offset: Type.Optional(
    Type.Integer({ minimum: 0, description: 'PDF: printed page = physical page − page_offset (a book whose page 1 is the 13th sheet: 12).' }),
  ),
  columns: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'PDF: the number of text columns, where the guess is wrong.' })),
  skip_pages: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { description: 'PDF: physical pages to leave out (a cover, an index).' })),
  drop_lines: Type.Optional(Type.Array(Type.String(), { description: 'PDF: lines to drop wherever they appear (a running header the guess misses).' })),
  ocr: Type.Optional(
    Type.Union([Type.Literal('auto'), Type.Literal('off'), Type.Literal('force')], {
      description: 'PDF: auto (default) reads pages without a usable text layer with Tesseract when it is installed; off never; force every page.',
    }),
  ),
  password: Type.Optional(Text('PDF: the password of an encrypted file.')),
};

export const Sidecar = Type.Object(SidecarFields, { additionalProperties: false });

/** Every key a sidecar may have, as written. */
export const SIDECAR_KEYS = Object.keys(SidecarFields);

/** The JSON Schema for editors (schema/source.schema.json). */
export function sidecarJsonSchema(): TSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://lectern.dev/schema/source.schema.json',
    title: 'Lectern source metadata (sources/NAME.yaml)',
    ...Sidecar,
  } as TSchema;
}
