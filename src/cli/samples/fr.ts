/** The `lectern init --lang fr` sample project, file by file. French: Chappe's optical telegraph. */
export const SAMPLE: Record<string, string> = {
  'lectern.config.yaml': `# Réglages du projet Lectern. La ligne de commande l’emporte sur le plan du cours, le plan sur ce fichier.
out: out
lang: fr
theme: lectern
# templates: templates        # vos propres mises en page et thèmes, par-dessus ceux fournis
# handout: { layouts: [notes, 3-lines, reading], paper: A4 }
`,
  '.gitignore': 'out/\nnode_modules/\n',
  'sources/telegraphe.txt': `En 1794, le télégraphe optique de Claude Chappe transmit sa première dépêche entre Lille et Paris. Des tours bâties sur des hauteurs se relayaient des signaux formés par des bras articulés. Un message pouvait ainsi parcourir deux cents kilomètres en moins d’une heure.

Le réseau s’étendit rapidement sous la Révolution et l’Empire. Il comptait plus de cinq cents stations au milieu du siècle suivant.

Le télégraphe électrique le remplaça à partir des années 1850. L’idée d’un réseau national de communication rapide était pourtant née avec les tours de Chappe.
`,
  'sources/telegraphe.yaml': `# Métadonnées de telegraphe.txt : pour les citations et la liste des sources.
title: Le télégraphe Chappe (texte d’exemple)
short: Le télégraphe Chappe
author: Exemple Lectern
year: "2026"
lang: fr
`,
  'outlines/lecture.yaml': `# yaml-language-server: $schema=../schema/outline.schema.json
# Le plan d’un cours. Les points, citations et notes peuvent renvoyer à des passages d’une source :
#   tele#p2.s1 est la phrase 1 du paragraphe 2. La commande suivante les liste tous :
#   lectern passages sources/telegraphe.txt
title: Le télégraphe Chappe
subtitle: Un cours d’exemple
author: Votre nom
course: Histoire des techniques
lang: fr
sources:
  tele: ../sources/telegraphe.txt

slides:
  - layout: title

  - title: La première dépêche
    bullets:
      - ref: tele#p1.s1
      - text: Des tours se transmettaient des signaux à vue
        ref: tele#p1.s2
    notes:
      - ref: tele#p1

  - title: Un héritage durable
    quote:
      find: un réseau national de communication rapide
      highlight: communication rapide
    notes: Demandez aux étudiants pourquoi l’État tenait tant à ce réseau.

  - layout: sources
`,
};
