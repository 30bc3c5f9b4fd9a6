/** The `lectern init --lang es` sample project, file by file. Spanish: the first railway in Spain. */
export const SAMPLE: Record<string, string> = {
  'lectern.config.yaml': `# Ajustes del proyecto Lectern. La línea de órdenes prevalece sobre el guion, el guion sobre este archivo.
out: out
lang: es
theme: lectern
# templates: templates        # diseños y temas propios, por encima de los incluidos
# handout: { layouts: [notes, 3-lines, reading], paper: A4 }
`,
  '.gitignore': 'out/\nnode_modules/\n',
  'sources/ferrocarril.txt': `El primer ferrocarril de la España peninsular se inauguró en 1848 entre Barcelona y Mataró. La línea tenía unos veintiocho kilómetros y se recorría en menos de una hora. Su principal promotor, Miquel Biada, había conocido el tren durante sus años en Cuba.

En las décadas siguientes se tendieron líneas desde Madrid hacia las costas. El ancho de vía elegido fue distinto del europeo, una decisión que todavía se discute.

El tren cambió la vida económica del país. Los productos del campo llegaron a mercados lejanos y las ciudades crecieron alrededor de las estaciones.
`,
  'sources/ferrocarril.yaml': `# Metadatos de ferrocarril.txt: para las citas y la lista de fuentes.
title: El primer ferrocarril en España (texto de ejemplo)
short: El primer ferrocarril
author: Ejemplo de Lectern
year: "2026"
lang: es
`,
  'outlines/lecture.yaml': `# yaml-language-server: $schema=../schema/outline.schema.json
# El guion de una clase. Los puntos, las citas y las notas pueden remitir a pasajes de una fuente:
#   tren#p2.s1 es la oración 1 del párrafo 2. Esta orden los muestra todos:
#   lectern passages sources/ferrocarril.txt
title: El primer ferrocarril en España
subtitle: Una clase de ejemplo
author: Su nombre
course: Historia económica de España
lang: es
sources:
  tren: ../sources/ferrocarril.txt

slides:
  - layout: title

  - title: Barcelona y Mataró
    bullets:
      - ref: tren#p1.s1
      - text: El viaje duraba menos de una hora
        ref: tren#p1.s2
    notes:
      - ref: tren#p1

  - title: Lo que cambió el tren
    quote:
      find: llegaron a mercados lejanos
      highlight: mercados lejanos
    notes: Pregunte a los estudiantes por qué el ancho de vía sigue siendo un tema de debate.

  - layout: sources
`,
};
