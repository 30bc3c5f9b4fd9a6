/** Fixed strings of the default templates and of citations, by the outline's language: its message catalogue's `deck` words (src/messages/, English for languages without one). */
import { messagesFor, type DeckWords } from '../messages/index.js';

/** The deck model's `strings` (templates read them as `@root.strings.agenda`…). */
export type Strings = DeckWords;

export function stringsFor(lang: string): Strings {
  return messagesFor(lang).deck;
}
