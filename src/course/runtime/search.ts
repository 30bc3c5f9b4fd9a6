/**
 * The course page's search, in the page (bundled by esbuild into one inline
 * script, src/course/script.ts): the index embedded at build time is loaded
 * with the build's own options and term processing, each keystroke searches,
 * and results are written as DOM nodes (never HTML) with the matched words
 * marked in a snippet.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { SEARCH_FIELDS, type SearchDocument } from '../search-index.js';
import { termProcessor, WORD_BREAK } from '../terms.js';

const MAX_RESULTS = 50;
const WORD = /[^\n\r\p{Z}\p{P}\p{S}]+/gu;

const form = document.getElementById('course-search') as HTMLFormElement | null;
const input = form?.querySelector('input');
const status = document.getElementById('course-search-status');
const list = document.getElementById('course-search-results');
const data = document.getElementById('course-search-index');

if (form && input && status && list && data) {
  const lang = form.dataset.lang ?? 'en';
  const processTerm = termProcessor(lang);
  const index = MiniSearch.loadJSON<SearchDocument>(data.textContent ?? '{}', {
    ...SEARCH_FIELDS,
    tokenize: (text) => text.split(WORD_BREAK),
    processTerm,
  });
  const say = (template: string | undefined, n: number) => (template ?? '{n}').replace('{n}', String(n));

  const run = () => {
    const query = input.value.trim();
    list.replaceChildren();
    if (!query) {
      status.textContent = '';
      return;
    }
    const results = index.search(query, {
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 6 ? 0.15 : false),
      combineWith: 'AND',
      boost: { title: 2 },
    });
    status.textContent = results.length ? say(form.dataset.found, results.length) : (form.dataset.none ?? '');
    for (const r of results.slice(0, MAX_RESULTS)) list.append(resultItem(r, form.dataset));
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 60);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  if (input.value) run();

  /** One result: where it is (lecture, slide or source), linked to the deck, and a snippet with the matched words marked. */
  function resultItem(r: SearchResult, strings: DOMStringMap): HTMLLIElement {
    const item = document.createElement('li');
    item.className = `result result-${String(r.kind)}`;
    const heading = document.createElement('a');
    const where = `${say(strings.lecture, Number(r.lecture))}: ${String(r.lectureTitle)}`;
    const title = String(r.title ?? '');
    heading.textContent = r.kind === 'lecture' ? where : `${where} — ${r.kind === 'passage' ? `${strings.passage ?? ''} ` : ''}${title}`;
    if (r.href) heading.href = String(r.href);
    item.append(heading);
    const text = String(r.text ?? '');
    if (text) item.append(snippet(text, new Set(r.terms)));
    return item;
  }

  /** About 200 characters of the text around its first matched word, matched words in <mark>. */
  function snippet(text: string, terms: Set<string>): HTMLParagraphElement {
    const p = document.createElement('p');
    const words = [...text.matchAll(WORD)];
    const hit = words.find((w) => terms.has(processTerm(w[0]) ?? ''));
    const from = hit ? Math.max(0, (hit.index ?? 0) - 70) : 0;
    const to = Math.min(text.length, from + 200);
    let at = from;
    if (from > 0) p.append('…');
    for (const w of words) {
      const start = w.index ?? 0;
      if (start < from || start + w[0].length > to) continue;
      if (!terms.has(processTerm(w[0]) ?? '')) continue;
      p.append(text.slice(at, start));
      const mark = document.createElement('mark');
      mark.textContent = w[0];
      p.append(mark);
      at = start + w[0].length;
    }
    p.append(text.slice(at, to));
    if (to < text.length) p.append('…');
    return p;
  }
}
