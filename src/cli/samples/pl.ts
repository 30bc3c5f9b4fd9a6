/** The `lectern init --lang pl` sample project, file by file. Polish: the Constitution of 3 May 1791. */
export const SAMPLE: Record<string, string> = {
  'lectern.config.yaml': `# Ustawienia projektu Lectern. Wiersz poleceń ma pierwszeństwo przed planem wykładu, plan przed tym plikiem.
out: out
lang: pl
theme: lectern
# templates: templates        # własne układy i motywy na wierzchu dostarczonych
# handout: { layouts: [notes, 3-lines, reading], paper: A4 }
`,
  '.gitignore': 'out/\nnode_modules/\n',
  'sources/konstytucja.txt': `Konstytucja 3 maja została uchwalona w Warszawie w 1791 roku. Była pierwszą nowoczesną konstytucją w Europie i drugą na świecie. Przyjął ją Sejm Czteroletni po długich obradach.

Ustawa wprowadzała trójpodział władzy i wzmacniała rząd. Znosiła też liberum veto, które przez lata paraliżowało obrady sejmu.

Konstytucja obowiązywała zaledwie kilkanaście miesięcy. Mimo to pamięć o niej przetrwała rozbiory, a dzień jej uchwalenia jest dziś świętem narodowym.
`,
  'sources/konstytucja.yaml': `# Metadane pliku konstytucja.txt: do przypisów i wykazu źródeł.
title: Konstytucja 3 maja (tekst przykładowy)
short: Konstytucja 3 maja
author: Przykład Lectern
year: "2026"
lang: pl
`,
  'outlines/lecture.yaml': `# yaml-language-server: $schema=../schema/outline.schema.json
# Plan wykładu. Punkty, cytaty i notatki mogą odsyłać do fragmentów źródła:
#   ustawa#p2.s1 to zdanie 1 akapitu 2. Wszystkie adresy pokaże polecenie
#   lectern passages sources/konstytucja.txt
title: Konstytucja 3 maja
subtitle: Przykładowy wykład
author: Twoje imię i nazwisko
course: Historia Polski nowożytnej
lang: pl
sources:
  ustawa: ../sources/konstytucja.txt

slides:
  - layout: title

  - title: Uchwalenie konstytucji
    bullets:
      - ref: ustawa#p1.s1
      - text: Pierwsza taka ustawa w Europie
        ref: ustawa#p1.s2
    notes:
      - ref: ustawa#p1

  - title: Pamięć o konstytucji
    quote:
      find: pamięć o niej przetrwała rozbiory
      highlight: przetrwała rozbiory
    notes: Zapytaj studentów, dlaczego liberum veto osłabiało państwo.

  - layout: sources
`,
};
