/** Fixed strings of the default templates, by the outline's language (English for others). */
import { primaryLanguage } from '../util/lang.js';
export interface Strings {
  agenda: string;
  sources: string;
  continued: string;
  questions: string;
  questionsPrompt: string;
  paragraph: string;
  /** Sentences of a long paragraph in citations ("абз. 1, предл. 3"). */
  sentence: string;
  page: string;
  /** More than one page ("pp. 45–46"). */
  pages: string;
  /** A footnote in a citation ("n. 3"). */
  note: string;
  /** A chapter and a section of a work cited with `cite:` and no citation style ("ch. 4"). */
  chapter: string;
  section: string;
  notes: string;
  slide: string;
  of: string;
  cited: string;
}

const ru: Strings = {
  agenda: 'План лекции',
  sources: 'Источники',
  continued: 'продолжение',
  questions: 'Вопросы',
  questionsPrompt: 'Вопросы и обсуждение',
  paragraph: 'абз.',
  sentence: 'предл.',
  page: 'с.',
  pages: 'с.',
  note: 'прим.',
  chapter: 'гл.',
  section: 'разд.',
  notes: 'Заметки',
  slide: 'Слайд',
  of: 'из',
  cited: 'цитируется на слайдах',
};

const en: Strings = {
  agenda: 'Outline',
  sources: 'Sources',
  continued: 'continued',
  questions: 'Questions',
  questionsPrompt: 'Questions and discussion',
  paragraph: 'para.',
  sentence: 'sent.',
  page: 'p.',
  pages: 'pp.',
  note: 'n.',
  chapter: 'ch.',
  section: 'sec.',
  notes: 'Notes',
  slide: 'Slide',
  of: 'of',
  cited: 'cited on slides',
};

const byLang: Record<string, Strings> = { ru, en };

export function stringsFor(lang: string): Strings {
  return byLang[primaryLanguage(lang)] ?? en;
}
