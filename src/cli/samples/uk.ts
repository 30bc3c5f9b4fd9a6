/** The `lectern init --lang uk` sample project, file by file. Ukrainian: the Ostroh Bible. */
export const SAMPLE: Record<string, string> = {
  'lectern.config.yaml': `# Налаштування проєкту Lectern. Командний рядок важливіший за план лекції, план — за цей файл.
out: out
lang: uk
theme: lectern
# templates: templates        # власні макети й теми поверх стандартних
# handout: { layouts: [notes, 3-lines, reading], paper: A4 }
`,
  '.gitignore': 'out/\nnode_modules/\n',
  'sources/ostrozka-bibliia.txt': `Острозька Біблія вийшла друком у 1581 році в місті Острозі. Її надрукував Іван Федоров коштом князя Костянтина Острозького. Це було перше повне видання Біблії церковнослов’янською мовою.

Над текстом працювали вчені Острозької академії. Вони порівнювали грецькі, латинські та слов’янські рукописи.

Книга швидко поширилася далеко за межами Волині. Її примірники сьогодні зберігаються в бібліотеках багатьох країн.
`,
  'sources/ostrozka-bibliia.yaml': `# Метадані ostrozka-bibliia.txt: для посилань і списку джерел.
title: Острозька Біблія (навчальний текст)
short: Острозька Біблія
author: Приклад Lectern
year: "2026"
lang: uk
`,
  'outlines/lecture.yaml': `# yaml-language-server: $schema=../schema/outline.schema.json
# План лекції. Пункти, цитати й нотатки можуть посилатися на місця джерела:
#   biblia#p2.s1 — перше речення другого абзацу. Усі адреси покаже команда
#   lectern passages sources/ostrozka-bibliia.txt
title: Острозька Біблія
subtitle: Приклад лекції
author: Ваше ім’я
course: Історія української культури
lang: uk
sources:
  biblia: ../sources/ostrozka-bibliia.txt

slides:
  - layout: title

  - title: Перше повне видання
    bullets:
      - ref: biblia#p1.s1
      - text: Друкар — Іван Федоров
        ref: biblia#p1.s2
    notes:
      - ref: biblia#p1

  - title: Доля книги
    quote:
      find: поширилася далеко за межами Волині
      highlight: далеко за межами Волині
    notes: Запитайте студентів, навіщо вченим було порівнювати рукописи різними мовами.

  - layout: sources
`,
};
