/**
 * The reading pack: the full text of every passage the lecture cites, by
 * source, in the order of the text (pure; printed by print.ts). It flows over
 * as many pages as its text needs; its running header and footer are CSS
 * page-margin boxes (`@page { @top-left … }`, `counter(pages)`), which
 * Chromium lays out with the document's own fonts.
 */
import { htmlText } from '../../compose/escape.js';
import type { BibEntry, Deck } from '../../deck/model.js';
import { passageWhere } from '../../deck/cite.js';
import type { Resolved } from '../../deck/resolve.js';
import type { Passage } from '../../sources/address.js';
import { slideLabel } from '../deck-meta.js';
import { documentHead, norm, paragraphsHtml, type HandoutOptions } from './document.js';
import { handoutPaper, mm } from './geometry.js';
import { handoutStrings, type HandoutStrings } from './strings.js';

/** A CSS string literal (for `content:`), safe inside a `<style>` element. */
function cssString(text: string): string {
  return `"${text
    .replace(/[\\"]/g, '\\$&')
    .replace(/[\n\r\f]/g, ' ')
    .replace(/</g, '\\3c ')}"`;
}

const READING_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; }
body { font-family: 'PT Serif', 'Noto Serif', 'DejaVu Serif', serif; font-size: 11pt; line-height: 1.5; color: #111827; orphans: 3; widows: 3; }
h1, h2, h3, .lectern-meta, .lectern-ref, .lectern-intro { font-family: 'PT Sans', 'Noto Sans', sans-serif; }
h1 { font-size: 19pt; line-height: 1.2; margin: 0 0 2mm; }
.lectern-meta { color: #4b5563; font-size: 10.5pt; margin: 0 0 5mm; }
.lectern-intro { font-size: 10pt; color: #374151; margin: 0 0 8mm; padding-bottom: 4mm; border-bottom: 0.3mm solid #d1d5db; }
h2 { font-size: 14pt; margin: 8mm 0 1mm; break-after: avoid; }
.lectern-bib-line { font-size: 10pt; color: #4b5563; margin: 0 0 4mm; }
article { margin: 0 0 6mm; }
.lectern-ref { font-size: 9.5pt; color: #4b5563; margin: 0 0 1.2mm; break-after: avoid; }
.lectern-address { color: #9a3412; font-weight: 700; }
.lectern-text { padding-left: 4mm; border-left: 0.6mm solid #fdba74; }
.lectern-text p { margin: 0 0 2mm; }
.lectern-within { font-family: 'PT Sans', 'Noto Sans', sans-serif; font-size: 9pt; color: #4b5563; margin: 1.5mm 0 0 4mm; padding: 0; list-style: none; }
.lectern-within li { margin: 0 0 0.8mm; }
.lectern-bibliography ol { padding-left: 6mm; }
.lectern-bibliography li { margin: 0 0 2mm; }
.lectern-bibliography .csl-entry { margin: 0 0 2mm; padding-left: 6mm; text-indent: -6mm; }
.lectern-bibliography a, .lectern-bib-line a { color: inherit; }
`;

interface PackEntry {
  passage: Passage;
  slides: number[];
}

function sentenceKeys(p: Passage): string[] {
  return p.parts.flatMap((part) => part.sentences.map((s) => `${part.paragraph.index}.${s.index}`));
}

function slidesCiting(deck: Deck, numbers: number[], s: HandoutStrings): string {
  const list = [...numbers]
    .sort((a, b) => a - b)
    .map((n) => {
      const slide = deck.slides[n - 1];
      return `${n}${slide ? ` ${s.quote(htmlText(slideLabel(deck, slide)))}` : ''}`;
    });
  return `${htmlText(list.length === 1 ? s.slide : s.slides)} ${list.join(', ')}`;
}

function snippet(text: string, words = 8): string {
  const all = norm(text).split(' ');
  return all.length <= words ? all.join(' ') : `${all.slice(0, words).join(' ')}…`;
}

/** The reading pack's HTML (pure; no browser). */
export function readingDocument(deck: Deck, cited: Resolved['citedPassages'], options: HandoutOptions = {}): string {
  const s = handoutStrings(deck.lang);
  const page = handoutPaper('reading', options.paper ?? 'A4');
  const order = new Map(deck.bibliography.map((b, i) => [b.name, i]));
  const entries: PackEntry[] = [...cited.values()].map((e) => ({ passage: e.passage, slides: e.slides }));
  // Footnotes (fn1…) after the body paragraphs of their source.
  const start = (p: Passage) => [
    (p.parts[0]?.paragraph.kind === 'footnote' ? 1e9 : 0) + (p.parts[0]?.paragraph.index ?? 0),
    p.parts[0]?.sentences[0]?.index ?? 0,
  ];
  const length = (p: Passage) => sentenceKeys(p).length;
  entries.sort((a, b) => {
    const sa = order.get(a.passage.source.name) ?? Number.MAX_SAFE_INTEGER;
    const sb = order.get(b.passage.source.name) ?? Number.MAX_SAFE_INTEGER;
    const [pa, xa] = start(a.passage);
    const [pb, xb] = start(b.passage);
    return sa - sb || pa! - pb! || xa! - xb! || length(b.passage) - length(a.passage) || a.passage.address.localeCompare(b.passage.address);
  });

  // A passage whose sentences all lie within a longer cited passage is listed under it, not printed again.
  const keys = new Map(entries.map((e) => [e.passage.address, new Set(sentenceKeys(e.passage))]));
  const hostOf = new Map<string, PackEntry>();
  for (const e of entries) {
    const mine = keys.get(e.passage.address)!;
    const host = entries.find((h) => {
      if (h === e || hostOf.has(h.passage.address) || h.passage.source.name !== e.passage.source.name) return false;
      const theirs = keys.get(h.passage.address)!;
      return theirs.size > mine.size && [...mine].every((k) => theirs.has(k));
    });
    if (host) hostOf.set(e.passage.address, host);
  }

  const sources = new Map<string, PackEntry[]>();
  for (const e of entries) {
    if (hostOf.has(e.passage.address)) continue;
    const name = e.passage.source.name;
    sources.set(name, [...(sources.get(name) ?? []), e]);
  }

  const sections: string[] = [];
  for (const [name, list] of sources) {
    const bib = deck.bibliography.find((b) => b.name === name);
    const source = list[0]!.passage.source;
    const heading = bib?.title ?? source.meta.title ?? name;
    const articles = list.map((e) => {
      const within = entries.filter((w) => hostOf.get(w.passage.address) === e);
      // As the slides cite it: "para. 1, sent. 3–5" in a long paragraph.
      const where = passageWhere(e.passage, deck.strings);
      return `<article>
<p class="lectern-ref"><span class="lectern-address">${htmlText(e.passage.address)}</span> · ${htmlText(where)} · ${slidesCiting(deck, e.slides, s)}</p>
<div class="lectern-text">${paragraphsHtml(e.passage.text)}</div>
${
  within.length
    ? `<ul class="lectern-within">${within
        .map(
          (w) =>
            `<li><span class="lectern-address">${htmlText(w.passage.address)}</span> ${s.quote(htmlText(snippet(w.passage.text)))} — ${slidesCiting(deck, w.slides, s)}</li>`,
        )
        .join('')}</ul>`
    : ''
}
</article>`;
    });
    sections.push(`<section class="lectern-source">
<h2>${htmlText(heading)}</h2>
${bib && norm(bib.entry).replace(/\.$/, '') !== norm(heading) ? `<p class="lectern-bib-line">${deck.citationStyle ? entryHtml(bib) : htmlText(bib.entry)}</p>` : ''}
${articles.join('\n')}
</section>`);
  }

  const bibliography = !deck.bibliography.length
    ? ''
    : deck.citationStyle
      ? // The style's own order and numbers ("1.", "[1]"), or none (author-date): entries as paragraphs, DOIs and URLs as links.
        `<section class="lectern-bibliography"><h2>${htmlText(s.bibliography)}</h2>${deck.bibliography.map((b) => `<p class="csl-entry">${entryHtml(b)}</p>`).join('')}</section>`
      : `<section class="lectern-bibliography"><h2>${htmlText(s.bibliography)}</h2><ol>${deck.bibliography
          .map((b) => `<li>${htmlText(b.entry)}${b.url && !b.entry.includes(b.url) ? ` ${htmlText(b.url)}` : ''}</li>`)
          .join('')}</ol></section>`;

  const headRight = [deck.course, deck.date].filter(Boolean).join(' · ');
  const footLeft = [deck.author, deck.institution].filter(Boolean).join(', ');
  const [before, between, after] = s.pageOfCss;
  const running = `font-family: 'PT Sans', 'Noto Sans', sans-serif; font-size: 8pt; line-height: 1.2; color: #4b5563;`;
  const pageCss = `
@page {
  size: ${mm(page.width)} ${mm(page.height)};
  margin: 20mm 18mm 17mm;
  @top-left { content: ${cssString(deck.title)}; ${running} font-weight: 700; color: #111827; vertical-align: bottom; padding-bottom: 2mm; border-bottom: 0.3mm solid #d1d5db; }
  @top-right { content: ${cssString(headRight)}; ${running} vertical-align: bottom; text-align: right; padding-bottom: 2mm; border-bottom: 0.3mm solid #d1d5db; }
  @bottom-left { content: ${cssString(`${s.readingPack}${footLeft ? ` · ${footLeft}` : ''}`)}; ${running} vertical-align: top; padding-top: 2mm; border-top: 0.3mm solid #d1d5db; }
  @bottom-right { content: ${cssString(before)} counter(page) ${cssString(between)} counter(pages) ${cssString(after)}; ${running} vertical-align: top; text-align: right; padding-top: 2mm; border-top: 0.3mm solid #d1d5db; }
}
`;
  const meta = [deck.subtitle, deck.course, deck.date, deck.author]
    .filter(Boolean)
    .map((m) => htmlText(m))
    .join(' · ');
  const shown = entries.length;
  return `<!DOCTYPE html>
<html lang="${htmlText(deck.lang)}">
<head>
${documentHead(deck, `${deck.title} — ${s.kinds.reading}`, [READING_CSS, pageCss])}
</head>
<body class="lectern-reading">
<h1>${htmlText(deck.title)}</h1>
<p class="lectern-meta">${s.readingPack}${meta ? ` · ${meta}` : ''}</p>
<p class="lectern-intro">${htmlText(s.readingIntro(shown, sources.size))}</p>
${sections.join('\n')}
${bibliography}
</body>
</html>
`;
}

/** A styled entry as HTML: its text escaped, italics, bold and links (http, https, ftp) from its runs. */
function entryHtml(entry: BibEntry): string {
  return entry.segments
    .map((seg) => {
      let html = htmlText(seg.text);
      if (seg.italic) html = `<i>${html}</i>`;
      if (seg.bold) html = `<b>${html}</b>`;
      if (seg.href && /^(https?|ftp):\/\//i.test(seg.href)) html = `<a href="${htmlText(seg.href)}">${html}</a>`;
      return html;
    })
    .join('');
}
