/**
 * The course format (course.yaml), defined once like the outline's: these
 * TypeBox schemas give the TypeScript types, `npm run schema` writes
 * schema/course.schema.json for editors, and src/outline/validate.ts walks
 * them to check the YAML with positions.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Handout } from '../outline/schema.js';

const Text = (description: string) => Type.String({ description });

/** A lecture is built and published (`ready`, the default), or built for its author only (`draft`). */
export const LectureStatus = Type.Union([Type.Literal('ready'), Type.Literal('draft')], {
  description:
    'ready (default): on the course page, in its search and coverage; draft: built, but left out of the page, the search, the combined outputs and coverage.',
});

export const CourseLecture = Type.Object(
  {
    outline: Text('The lecture’s outline, relative to course.yaml (outlines/week1.yaml).'),
    number: Type.Optional(
      Type.Integer({ description: 'The lecture’s number on the course page (default: the previous one’s plus 1, starting at 1).', minimum: 0 }),
    ),
    date: Type.Optional(Text('When it is given, as it should be shown ("3 февраля 2026", "3 February 2026").')),
    status: Type.Optional(LectureStatus),
  },
  { additionalProperties: false },
);

/** What every lecture of the course takes unless its outline says otherwise (command line > outline > course > config > defaults). */
export const CourseDefaults = Type.Object(
  {
    theme: Type.Optional(Text('Theme of lectures that name none.')),
    templates: Type.Optional(Text('A folder of your templates and themes, relative to course.yaml, for lectures that name none.')),
    citation_style: Type.Optional(Text('CSL style of lectures that name none: gost, apa, chicago, … or a path to a .csl file (relative to course.yaml).')),
    bibliography: Type.Optional(
      Type.Union([Text('A bibliography file, relative to course.yaml.'), Type.Array(Text('A bibliography file, relative to course.yaml.'))]),
    ),
    handout: Type.Optional(Handout),
    notes: Type.Optional(Type.Boolean({ description: 'Speaker notes in the HTML decks (default true).' })),
  },
  { additionalProperties: false, description: 'Settings for every lecture that does not set them itself.' },
);

export const Course = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    title: Text('Course title.'),
    code: Type.Optional(Text('Course code ("HIST 214", "Б1.В.07").')),
    term: Type.Optional(Text('Term or semester ("Spring 2026", "весенний семестр 2026").')),
    lecturers: Type.Optional(Type.Array(Text('A lecturer.'))),
    institution: Type.Optional(Text('University or school.')),
    language: Type.Optional(
      Type.String({
        description: 'Language of the course (ru, en, …): the course page, its search (stemming), and lectures that name none.',
        pattern: '^[a-z]{2,3}(-[A-Za-z0-9]+)*$',
      }),
    ),
    cache_dir: Type.Optional(
      Text(
        "Folder of the build's cache (state, packed themes, font subsets, the combined PDFs' page ranges), relative to course.yaml; CI can save and restore it, and shards can share it (default: the config's cache_dir, else OUT/.lectern).",
      ),
    ),
    defaults: Type.Optional(CourseDefaults),
    lectures: Type.Array(CourseLecture, { minItems: 1, description: 'The lectures in order.' }),
  },
  { additionalProperties: false, $id: 'https://lectern.dev/schema/course.schema.json', title: 'Lectern course' },
);

export type CourseInput = Static<typeof Course>;
export type CourseLectureInput = Static<typeof CourseLecture>;
export type CourseDefaultsInput = Static<typeof CourseDefaults>;
export type LectureStatusInput = Static<typeof LectureStatus>;

/** The JSON Schema document written to schema/course.schema.json. */
export function courseJsonSchema(): Record<string, unknown> {
  const { $id, ...rest } = JSON.parse(JSON.stringify(Course)) as Record<string, unknown>;
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id, ...rest };
}
