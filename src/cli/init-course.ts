/**
 * `lectern init --course`: course.yaml beside the sample project, listing
 * its sample lecture, in the sample's language — the course's title and the
 * lecturer are the sample outline's `course:` and `author:`, the rest (term,
 * institution, a date, the comments) this file's words for each language.
 * It builds at once: `lectern build course.yaml`.
 */

/** What init writes in the course's language. */
interface CourseWords {
  comment: string;
  code: string;
  term: string;
  institution: string;
  date: string;
  defaults: string;
  lectures: string;
  more: string;
}

/** The languages init writes a course in: init's languages (a language added there without words here does not typecheck). */
export type CourseLang = 'en' | 'ru' | 'de' | 'fr' | 'es' | 'it' | 'uk' | 'pl';

const WORDS: Record<CourseLang, CourseWords> = {
  en: {
    comment: 'A course: its lectures in order and what they share. Build them all and the course page (out/index.html) with: lectern build course.yaml',
    code: 'HIST 101',
    term: 'Spring 2026',
    institution: 'Your University',
    date: '3 March 2026',
    defaults: 'for every lecture that does not set them itself',
    lectures: 'in order; paths relative to this file',
    more: 'the next lecture',
  },
  ru: {
    comment: 'Курс: его лекции по порядку и общие настройки. Все лекции и страницу курса (out/index.html) соберёт команда lectern build course.yaml',
    code: 'ИСТ-101',
    term: 'Весенний семестр 2026',
    institution: 'Ваш университет',
    date: '3 марта 2026',
    defaults: 'для каждой лекции, где они не заданы',
    lectures: 'по порядку; пути относительно этого файла',
    more: 'следующая лекция',
  },
  de: {
    comment: 'Ein Kurs: seine Vorlesungen in ihrer Folge und was sie teilen. Alle und die Kursseite (out/index.html) baut: lectern build course.yaml',
    code: 'GESCH 101',
    term: 'Sommersemester 2026',
    institution: 'Ihre Universität',
    date: '3. März 2026',
    defaults: 'für jede Vorlesung, die sie nicht selbst festlegt',
    lectures: 'in ihrer Folge; Pfade relativ zu dieser Datei',
    more: 'die nächste Vorlesung',
  },
  fr: {
    comment: 'Un cours : ses séances dans l’ordre et ce qu’elles partagent. Toutes et la page du cours (out/index.html) avec : lectern build course.yaml',
    code: 'HIST 101',
    term: 'Semestre de printemps 2026',
    institution: 'Votre université',
    date: '3 mars 2026',
    defaults: 'pour chaque séance qui ne les fixe pas elle-même',
    lectures: 'dans l’ordre ; chemins relatifs à ce fichier',
    more: 'la séance suivante',
  },
  es: {
    comment: 'Un curso: sus clases en orden y lo que comparten. Todas y la página del curso (out/index.html) con: lectern build course.yaml',
    code: 'HIST 101',
    term: 'Semestre de primavera 2026',
    institution: 'Su universidad',
    date: '3 de marzo de 2026',
    defaults: 'para cada clase que no los fije por sí misma',
    lectures: 'en orden; rutas relativas a este archivo',
    more: 'la clase siguiente',
  },
  it: {
    comment: 'Un corso: le sue lezioni in ordine e ciò che condividono. Tutte e la pagina del corso (out/index.html) con: lectern build course.yaml',
    code: 'STO 101',
    term: 'Semestre primaverile 2026',
    institution: 'La vostra università',
    date: '3 marzo 2026',
    defaults: 'per ogni lezione che non li imposta da sé',
    lectures: 'in ordine; percorsi relativi a questo file',
    more: 'la lezione successiva',
  },
  uk: {
    comment: 'Курс: його лекції за порядком і спільні налаштування. Усі лекції та сторінку курсу (out/index.html) збере команда lectern build course.yaml',
    code: 'ІСТ-101',
    term: 'Весняний семестр 2026',
    institution: 'Ваш університет',
    date: '3 березня 2026',
    defaults: 'для кожної лекції, де їх не задано',
    lectures: 'за порядком; шляхи відносно цього файлу',
    more: 'наступна лекція',
  },
  pl: {
    comment: 'Kurs: jego wykłady po kolei i to, co mają wspólne. Wszystkie i stronę kursu (out/index.html) zbuduje: lectern build course.yaml',
    code: 'HIST 101',
    term: 'Semestr letni 2026',
    institution: 'Twoja uczelnia',
    date: '3 marca 2026',
    defaults: 'dla każdego wykładu, który nie ustala ich sam',
    lectures: 'po kolei; ścieżki względem tego pliku',
    more: 'następny wykład',
  },
};

/** The sample outline (outlines/lecture.yaml) the course lists. */
export const COURSE_LECTURE = 'outlines/lecture.yaml';

/** A string as YAML writes it: double-quoted (JSON's escapes are YAML's), so no value can turn into YAML syntax. */
const quoted = (s: string) => JSON.stringify(s);

/** course.yaml for a sample project: `outline` is the text of its sample lecture (its `course:` and `author:` lines name the course and lecturer). */
export function courseYaml(lang: CourseLang, outline: string): string {
  const w = WORDS[lang];
  const field = (name: string) => new RegExp(`^${name}: (.+)$`, 'm').exec(outline)?.[1]?.trim();
  const title = field('course') ?? field('title') ?? 'Course';
  const lecturer = field('author');
  return [
    '# yaml-language-server: $schema=schema/course.schema.json',
    `# ${w.comment}`,
    `title: ${quoted(title)}`,
    `code: ${quoted(w.code)}`,
    `term: ${quoted(w.term)}`,
    ...(lecturer ? [`lecturers: [${quoted(lecturer)}]`] : []),
    `institution: ${quoted(w.institution)}`,
    `language: ${lang}`,
    `defaults:                      # ${w.defaults}`,
    '  theme: lectern',
    '  # handout: { layouts: [notes, reading], paper: A4 }',
    `lectures:                      # ${w.lectures}`,
    `  - outline: ${COURSE_LECTURE}`,
    `    date: ${quoted(w.date)}`,
    `  # - outline: outlines/lecture-2.yaml   # ${w.more}`,
    '',
  ].join('\n');
}
