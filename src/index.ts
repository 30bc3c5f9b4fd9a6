/** Lectern's library API. */
export { build, FORMATS, type BuildOptions, type BuildResult, type BuildOutput, type Format } from './pipeline/build.js';
export { LecternError, formatProblem, type Problem } from './errors.js';
export { loadOutline, parseOutline, type LoadedOutline } from './outline/load.js';
export { resolveOutline } from './deck/resolve.js';
export type { Deck, DeckSlide } from './deck/model.js';
export { loadSource, type Source, type Paragraph, type Sentence } from './sources/source.js';
export { parseAddress, selectAddress, formatAddress } from './sources/address.js';
export { splitSentences } from './sources/sentences/index.js';
