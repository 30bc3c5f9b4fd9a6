/**
 * `lectern init [DIR] [--lang en|ru]`: a new lecture project that builds at
 * once — a config, a sample source with its metadata, a sample outline citing
 * it (with the schema comment for editors), and a .gitignore for out/. English
 * unless `--lang ru`, which gives a Russian sample. Never overwrites.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';
import { PACKAGE_ROOT } from '../version.js';

const SCHEMA = path.join(PACKAGE_ROOT, 'schema', 'outline.schema.json');

export const INIT_LANGS = ['en', 'ru'] as const;
export type InitLang = (typeof INIT_LANGS)[number];

const EN: Record<string, string> = {
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

const RU: Record<string, string> = {
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

export async function initProject(dir: string, lang: InitLang = 'en'): Promise<string[]> {
  const root = path.resolve(dir);
  const FILES = lang === 'ru' ? RU : EN;
  const targets = [...Object.keys(FILES), 'schema/outline.schema.json'];
  const existing = targets.filter((f) => existsSync(path.join(root, f)));
  if (existing.length) {
    throw inputError(
      'init/exists',
      `${root} already has ${existing.join(', ')}`,
      { file: path.join(root, existing[0]!) },
      'run `lectern init` in an empty folder, or move those files away',
    );
  }
  for (const [rel, text] of Object.entries(FILES)) {
    const file = path.join(root, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, { flag: 'wx' });
  }
  await mkdir(path.join(root, 'schema'), { recursive: true });
  await copyFile(SCHEMA, path.join(root, 'schema/outline.schema.json'));
  return targets;
}
