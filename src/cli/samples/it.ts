/** The `lectern init --lang it` sample project, file by file. Italian: the Naples–Portici railway. */
export const SAMPLE: Record<string, string> = {
  'lectern.config.yaml': `# Impostazioni del progetto Lectern. La riga di comando prevale sulla scaletta, la scaletta su questo file.
out: out
lang: it
theme: lectern
# templates: templates        # layout e temi propri, sopra quelli forniti
# handout: { layouts: [notes, 3-lines, reading], paper: A4 }
`,
  '.gitignore': 'out/\nnode_modules/\n',
  'sources/ferrovia.txt': `La prima ferrovia della penisola italiana fu inaugurata nel 1839 tra Napoli e Portici. Il tratto era lungo poco più di sette chilometri. Il re Ferdinando assistette di persona al viaggio inaugurale.

Negli anni successivi altre linee furono costruite in Lombardia, in Piemonte e in Toscana. Ogni Stato progettava però la propria rete, senza un disegno comune.

Dopo l’unificazione del paese le ferrovie divennero uno strumento di integrazione nazionale. I treni avvicinarono regioni che fino ad allora avevano avuto pochi contatti.
`,
  'sources/ferrovia.yaml': `# Metadati di ferrovia.txt: per le citazioni e l’elenco delle fonti.
title: La prima ferrovia italiana (testo di esempio)
short: La prima ferrovia
author: Esempio di Lectern
year: "2026"
lang: it
`,
  'outlines/lecture.yaml': `# yaml-language-server: $schema=../schema/outline.schema.json
# La scaletta di una lezione. Punti, citazioni e note possono rimandare a passi di una fonte:
#   treno#p2.s1 è la frase 1 del paragrafo 2. Questo comando li elenca tutti:
#   lectern passages sources/ferrovia.txt
title: La prima ferrovia italiana
subtitle: Una lezione di esempio
author: Il vostro nome
course: Storia dell’Ottocento
lang: it
sources:
  treno: ../sources/ferrovia.txt

slides:
  - layout: title

  - title: Da Napoli a Portici
    bullets:
      - ref: treno#p1.s1
      - text: Un tratto di poco più di sette chilometri
        ref: treno#p1.s2
    notes:
      - ref: treno#p1

  - title: Una rete per il paese unito
    quote:
      find: uno strumento di integrazione nazionale
      highlight: integrazione nazionale
    notes: Chiedete agli studenti perché le reti degli Stati preunitari non erano collegate.

  - layout: sources
`,
};
