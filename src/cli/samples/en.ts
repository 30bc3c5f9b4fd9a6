/** The `lectern init --lang en` sample project, file by file. English: the printing press in Europe. */
export const SAMPLE: Record<string, string> = {
  'lectern.config.yaml': `# Lectern project settings. The command line wins over an outline, an outline over this file.
out: out
lang: en
theme: lectern
# templates: templates        # your own layouts and themes, overlaying the defaults
# handout: { layouts: [notes, 3-lines, reading], paper: A4 }
`,
  '.gitignore': 'out/\nnode_modules/\n',
  'sources/printing-press.txt': `The printing press was introduced in Europe by Johannes Gutenberg around 1440. His movable metal type made it possible to print books far faster than scribes could copy them.

By 1500, printing shops operated in more than two hundred European cities. Historians estimate that some twenty million copies had been printed by then.

Printing changed how knowledge travelled. Reformers, scientists and governments all used the press to reach readers they could never have reached before.
`,
  'sources/printing-press.yaml': `# Metadata of printing-press.txt: used for citations and the bibliography.
title: The Printing Revolution (sample text)
short: Printing Revolution
author: Lectern sample
year: "2026"
lang: en
`,
  'outlines/lecture.yaml': `# yaml-language-server: $schema=../schema/outline.schema.json
# A lecture outline. Bullets, quotes and notes can point at passages of a source:
#   press#p2.s1 is sentence 1 of paragraph 2. List them all with:
#   lectern passages sources/printing-press.txt
title: The Printing Revolution
subtitle: A sample lecture
author: Your Name
course: Early Modern Europe
lang: en
sources:
  press: ../sources/printing-press.txt

slides:
  - layout: title

  - title: Gutenberg's press
    bullets:
      - ref: press#p1.s1
      - text: Movable type made books much faster to produce
        ref: press#p1.s2
    notes:
      - ref: press#p1

  - title: The spread of printing
    quote:
      find: more than two hundred European cities
      highlight: two hundred
    notes: Ask the students why printing spread so fast.

  - layout: sources
`,
};
