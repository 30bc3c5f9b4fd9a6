/**
 * The message catalogues (src/messages/<lang>.json, shape in catalogue.ts):
 * the one place where the words Lectern shows a reader live. The deck model's
 * strings (src/deck/strings.ts), the handouts (src/print/handouts/strings.ts)
 * and the HTML deck's interface (src/render/page.ts) all read from here.
 * A language without a catalogue gets English.
 */
import { primaryLanguage } from '../util/lang.js';
import type { Catalogue, Plural } from './catalogue.js';
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import it from './it.json' with { type: 'json' };
import pl from './pl.json' with { type: 'json' };
import ru from './ru.json' with { type: 'json' };
import uk from './uk.json' with { type: 'json' };

export type { Catalogue, CourseWords, DeckWords, DraftWords, HandoutWords, InterfaceWords, Plural } from './catalogue.js';

// JSON's arrays are typed string[]; the catalogue's quotes are a pair.
const typed = (json: Omit<Catalogue, 'quotes'> & { quotes: string[] }): Catalogue => json as Catalogue;

/** Every catalogue by primary language subtag; the typecheck holds each to the shape of catalogue.ts. */
export const CATALOGUES = {
  en: typed(en),
  ru: typed(ru),
  de: typed(de),
  fr: typed(fr),
  es: typed(es),
  it: typed(it),
  uk: typed(uk),
  pl: typed(pl),
} as const satisfies Record<string, Catalogue>;

export type MessageLanguage = keyof typeof CATALOGUES;

/** The languages with a catalogue, English first. */
export const MESSAGE_LANGUAGES = Object.keys(CATALOGUES) as MessageLanguage[];

/** The catalogue of a language tag ("de-AT" → German), English when there is none. */
export function messagesFor(lang: string): Catalogue {
  const primary = primaryLanguage(lang);
  return (CATALOGUES as Record<string, Catalogue>)[primary] ?? CATALOGUES.en;
}

/** `{name}` placeholders replaced by their values; a placeholder without a value stays as written (a test holds catalogues to English's placeholders). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The form of a plural message for a count, by the language's plural rules, with `{count}` filled in ("3 Folien", "5 слайдов"). */
export function plural(lang: string, forms: Plural, count: number): string {
  const category = new Intl.PluralRules(primaryLanguage(lang) || 'en').select(count);
  return fill(forms[category] ?? forms.other, { count });
}

/** The names of the placeholders of a message, sorted: "{page} of {pages}" → ["page", "pages"]. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

export { calendarDate, shownDate } from './dates.js';
