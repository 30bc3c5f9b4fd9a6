/** The `lectern init --lang ru` sample project, file by file. Russian: the beginning of printing in Russia. */
export const SAMPLE: Record<string, string> = {
  'lectern.config.yaml': `# Настройки проекта Lectern. Командная строка важнее плана лекции, план — этого файла.
out: out
lang: ru
theme: lectern
# templates: templates        # свои макеты и темы поверх стандартных
# handout: { layouts: [notes, 3-lines, reading], paper: A4 }
`,
  '.gitignore': 'out/\nnode_modules/\n',
  'sources/knigopechatanie.txt': `Первая точно датированная русская печатная книга, «Апостол», вышла в Москве 1 марта 1564 года. Её напечатали Иван Фёдоров и Пётр Мстиславец на Печатном дворе, устроенном по воле Ивана Грозного.

Через несколько лет печатникам пришлось покинуть Москву. Иван Фёдоров продолжил работу во Львове, где в 1574 году выпустил первую восточнославянскую азбуку.

Книгопечатание изменило то, как распространялись знания. Богослужебные книги стали единообразными, а число грамотных людей постепенно росло.
`,
  'sources/knigopechatanie.yaml': `# Метаданные knigopechatanie.txt: для ссылок и списка источников.
title: Начало книгопечатания в России (учебный текст)
short: Начало книгопечатания
author: Пример Lectern
year: "2026"
lang: ru
`,
  'outlines/lecture.yaml': `# yaml-language-server: $schema=../schema/outline.schema.json
# План лекции. Пункты, цитаты и заметки могут ссылаться на места источника:
#   kniga#p2.s1 — первое предложение второго абзаца. Все адреса покажет команда
#   lectern passages sources/knigopechatanie.txt
title: Начало книгопечатания в России
subtitle: Пример лекции
author: Ваше имя
course: История России XVI века
lang: ru
sources:
  kniga: ../sources/knigopechatanie.txt

slides:
  - layout: title

  - title: Первая печатная книга
    bullets:
      - ref: kniga#p1.s1
      - text: Книгу напечатали на Печатном дворе в Москве
        ref: kniga#p1.s2
    notes:
      - ref: kniga#p1

  - title: Что изменила печать
    quote:
      find: изменило то, как распространялись знания
      highlight: распространялись знания
    notes: Спросите студентов, почему печатная книга так важна для грамотности.

  - layout: sources
`,
};
