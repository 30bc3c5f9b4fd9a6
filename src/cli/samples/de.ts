/** The `lectern init --lang de` sample project, file by file. German: the first railways in Germany. */
export const SAMPLE: Record<string, string> = {
  'lectern.config.yaml': `# Einstellungen des Lectern-Projekts. Die Befehlszeile geht der Gliederung vor, die Gliederung dieser Datei.
out: out
lang: de
theme: lectern
# templates: templates        # eigene Layouts und Themes über den mitgelieferten
# handout: { layouts: [notes, 3-lines, reading], paper: A4 }
`,
  '.gitignore': 'out/\nnode_modules/\n',
  'sources/eisenbahn.txt': `Die erste deutsche Eisenbahn fuhr im Dezember 1835 zwischen Nürnberg und Fürth. Ihre Lokomotive hieß „Adler“ und war in England gebaut worden. Die Strecke war nur etwa sechs Kilometer lang.

Wenige Jahre später verbanden Bahnlinien schon viele Städte. Im Jahr 1839 wurde die Strecke von Leipzig nach Dresden eröffnet, die erste lange Fernbahn des Landes.

Die Eisenbahn veränderte Handel und Alltag. Waren, Briefe und Reisende erreichten ihr Ziel schneller als je zuvor, und entlang der Strecken entstanden neue Industriestädte.
`,
  'sources/eisenbahn.yaml': `# Metadaten zu eisenbahn.txt: für Zitate und das Quellenverzeichnis.
title: Die ersten Eisenbahnen in Deutschland (Beispieltext)
short: Die ersten Eisenbahnen
author: Lectern-Beispiel
year: "2026"
lang: de
`,
  'outlines/lecture.yaml': `# yaml-language-server: $schema=../schema/outline.schema.json
# Eine Vorlesungsgliederung. Stichpunkte, Zitate und Notizen können auf Stellen einer Quelle verweisen:
#   bahn#p2.s1 ist Satz 1 von Absatz 2. Alle Adressen zeigt der Befehl
#   lectern passages sources/eisenbahn.txt
title: Die ersten Eisenbahnen in Deutschland
subtitle: Eine Beispielvorlesung
author: Ihr Name
course: Technikgeschichte
lang: de
sources:
  bahn: ../sources/eisenbahn.txt

slides:
  - layout: title

  - title: Die erste Strecke
    bullets:
      - ref: bahn#p1.s1
      - text: Die Lokomotive kam aus England
        ref: bahn#p1.s2
    notes:
      - ref: bahn#p1

  - title: Was die Eisenbahn veränderte
    quote:
      find: erreichten ihr Ziel schneller als je zuvor
      highlight: schneller als je zuvor
    notes: Fragen Sie die Studierenden, warum sich die Eisenbahn so schnell ausbreitete.

  - layout: sources
`,
};
