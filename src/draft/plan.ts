/** Planning a draft: sections, slides, bullets, quotes and the timeline, within the slides asked for. */
import type { TimelineEvent } from '../deck/timeline.js';
import { inputError } from '../errors.js';
import type { Source } from '../sources/source.js';
import { languageOf } from '../util/lang.js';
import { analyse, rangeAddress, type Item } from './items.js';
import { DRAFT_LIMITS } from './limits.js';
import { allocate, chunks, cleanHeading, oneLine, sectionGroups } from './sections.js';
import { chooseBullets, chooseQuotes, chooseTimeline, PhraseCounter, quoteSlide, type BulletSlide, type QuoteSlide } from './slides.js';
import { keyTitle, titleFrom, topicTitle } from './titles.js';
import { textRank } from './topics.js';

export interface Section {
  title: string;
  /** Where the title came from, for the comment. */
  titledBy: 'heading' | 'topic' | 'sentence';
  items: Item[];
  slides: Array<BulletSlide | QuoteSlide>;
}

export interface Plan {
  title: string;
  titleFrom: 'metadata' | 'heading' | 'first sentence';
  sections: Section[];
  timeline: TimelineEvent[];
  target: number;
  total: number;
}

export function planDraft(source: Source, lang: string, target: number, heading: string | undefined): Plan {
  const { items, model } = analyse(source, lang);
  if (items.length === 0) {
    throw inputError('draft/empty-source', `the source has no sentences to draft from: ${source.file}`, { file: source.file });
  }
  const { title, titleFrom: titleOrigin, firstHeadingIsTitle } = deckTitle(source, heading, items);

  // Timeline and quotation candidates decide how much room is left for sections.
  const events = chooseTimeline(source, items, lang);
  const timelineSlides = events.length >= 2 && target >= 7 ? 1 : 0;
  const quotable = items.filter((it) => it.quotation);
  const quotes = target >= 8 ? Math.min(quotable.length, Math.max(1, Math.floor(target / 10))) : 0;
  const room = Math.max(2, target - 3 - timelineSlides - quotes);

  const groups = sectionGroups(items, model, room, firstHeadingIsTitle);
  const bulletBudget = Math.max(groups.length, room - groups.length);
  const counts = allocate(
    groups.map((g) => g.items.length),
    bulletBudget,
  );

  // Quotes: the best quotations of the sections' own text, spread over the sections.
  const inSections = new Set(groups.flatMap((g) => g.items.map((it) => it.pos)));
  const chosenQuotes = chooseQuotes(
    quotable.filter((it) => inSections.has(it.pos)),
    quotes,
    groups,
  );
  const quoted = new Set(chosenQuotes.map((q) => q.pos));
  const counter = new PhraseCounter(source);

  const used = new Set<string>();
  const usedTitles = new Set<string>([title.toLowerCase()]);
  const english = languageOf(lang) === 'en';
  const sections: Section[] = groups.map((g, gi) => {
    // Each sentence's centrality within its own part: what the part keeps coming back to.
    const local = new Map<number, number>();
    const localRank = textRank(
      model,
      g.items.map((it) => it.pos),
    );
    g.items.forEach((it, k) => local.set(it.pos, localRank[k]!));
    const term = g.topic?.term;
    const byTopic = g.heading === undefined ? topicTitle(model, g.topic, english, usedTitles) : undefined;
    const sectionTitle = g.heading ?? byTopic ?? keyTitle(g.items, local, term, usedTitles, lang);
    const titledBy: Section['titledBy'] = g.heading !== undefined ? 'heading' : byTopic !== undefined ? 'topic' : 'sentence';
    usedTitles.add(sectionTitle.toLowerCase());
    const slides: Section['slides'] = [];
    chunks(g.items, counts[gi]!).forEach((chunk, ci) => {
      const bullets = chooseBullets(
        chunk.filter((it) => !quoted.has(it.pos)),
        used,
        local,
      );
      if (bullets.length === 0) return;
      // A heading names its part's first slide too; otherwise each slide gets its own key words.
      const slideTitle =
        ci === 0 && g.heading !== undefined
          ? sectionTitle
          : keyTitle(
              bullets.map((b) => b.item),
              local,
              term,
              usedTitles,
              lang,
            );
      usedTitles.add(slideTitle.toLowerCase());
      const range = rangeAddress(source, chunk);
      const passageChars = chunk.reduce((n, it) => n + it.text.length + 1, 0);
      slides.push({ kind: 'bullets', title: slideTitle, bullets, range, notes: passageChars <= DRAFT_LIMITS.notesChars ? range : undefined });
    });
    for (const q of chosenQuotes) {
      if (!g.items.includes(q)) continue;
      const own = titleFrom(q.text);
      const quoteTitle = own && !usedTitles.has(own.toLowerCase()) ? own : sectionTitle;
      usedTitles.add(quoteTitle.toLowerCase());
      slides.push(quoteSlide(counter, q, quoteTitle));
    }
    return { title: sectionTitle, titledBy, items: g.items, slides };
  });
  const nonEmpty = sections.filter((s) => s.slides.length > 0);
  const total = 3 + timelineSlides + nonEmpty.reduce((n, s) => n + 1 + s.slides.length, 0);
  return { title, titleFrom: titleOrigin, sections: nonEmpty, timeline: timelineSlides ? events : [], target, total };
}

/**
 * The deck's title: the source's metadata title, else its first heading, else its first sentence
 * (its first words, at a clause boundary when there is one) — never the file name.
 * `firstHeadingIsTitle`: the first heading names paragraphs of its own (an introduction), which
 * therefore get a section title of their own rather than the deck's title again.
 */
function deckTitle(source: Source, heading: string | undefined, items: Item[]): { title: string; titleFrom: Plan['titleFrom']; firstHeadingIsTitle: boolean } {
  if (source.meta.title?.trim()) return { title: oneLine(source.meta.title), titleFrom: 'metadata', firstHeadingIsTitle: false };
  const first = heading ?? source.paragraphs.find((p) => p.section)?.section;
  if (first && cleanHeading(first)) {
    return { title: cleanHeading(first), titleFrom: 'heading', firstHeadingIsTitle: source.paragraphs[0]?.section === first };
  }
  // The first sentence with words in it (a line of dashes or a page number is not a title).
  const opening = items.find((it) => /\p{L}{2}/u.test(it.text)) ?? items[0]!;
  return { title: titleFrom(oneLine(opening.text), 60) || 'Lecture', titleFrom: 'first sentence', firstHeadingIsTitle: false };
}
