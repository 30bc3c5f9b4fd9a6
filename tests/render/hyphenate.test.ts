/**
 * Soft hyphens for each deck language Lectern has rules for (issue 22): the
 * `hyphen` package's patterns, found from the deck's language tag, break a
 * long word of that language where its dictionaries do, and the slide says
 * it was hyphenated.
 */
import { describe, expect, it } from 'vitest';
import { hyphenateSlides, hyphenatorFor } from '../../src/render/hyphenate.js';

const SHY = '\u00AD';

/** [deck language, a long word of it, the word with its hyphenation points as "·"]. */
const WORDS: Array<[string, string, string]> = [
  ['de', 'Sehenswürdigkeiten', 'Se·hens·wür·dig·kei·ten'],
  ['de-AT', 'Sehenswürdigkeiten', 'Se·hens·wür·dig·kei·ten'],
  ['fr', 'gouvernement', 'gou·ver·ne·ment'],
  ['es', 'administración', 'ad·mi·nis·tra·ción'],
  ['it', 'sottoscritto', 'sot·to·scrit·to'],
  ['uk', 'незалежність', 'не·за·ле·жність'],
  ['pl', 'niepodległości', 'nie·pod·le·gło·ści'],
];

describe('hyphenation of de, fr, es, it, uk, pl', () => {
  it.each(WORDS)('%s: %s', (lang, word, points) => {
    const hyphenate = hyphenatorFor(lang);
    expect(hyphenate).toBeDefined();
    expect(hyphenate?.(word)).toBe(points.replaceAll('·', SHY));
    const html = hyphenateSlides(`<section id="1"><p>${word}</p><h1>${word}</h1></section>`, lang);
    expect(html).toBe(`<section class="lectern-hyphenated" id="1"><p>${points.replaceAll('·', SHY)}</p><h1>${word}</h1></section>`);
  });

  it('uses the language’s own patterns, not another’s', () => {
    // Polish patterns break "niepodległości" where Ukrainian or German ones would not.
    expect(hyphenatorFor('pl')?.('niepodległości')).not.toBe(hyphenatorFor('de')?.('niepodległości'));
    expect(hyphenatorFor('uk')?.('незалежність')).not.toBe(hyphenatorFor('ru')?.('незалежність'));
  });
});
