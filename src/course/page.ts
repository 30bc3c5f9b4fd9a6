/**
 * out/index.html, the course page: offline and self-contained — the lecture
 * list with thumbnails and links (relative) to each lecture's outputs that
 * exist — the thumbnails are linked, not embedded: 200–300 KB each would make
 * a page of a hundred lectures tens of megabytes —, the course's combined
 * PDFs (the reading pack, all handouts) when they exist, the sources with
 * their bibliography entries (numbered as the decks number them), coverage
 * across lectures, and a search whose index is embedded as JSON and
 * whose one inline script is admitted by its hash (CSP `default-src 'none'`).
 * Every text from the course, outlines and sources is escaped (htmlText).
 */
import { htmlText } from '../compose/escape.js';
import type { BibEntry } from '../deck/model.js';
import type { SourceCoverage } from './coverage.js';
import type { LoadedCourse } from './model.js';
import { scriptHash } from './script.js';
import type { PageStrings } from './strings.js';

/** A lecture on the page: what it is, and which of its files are in out/. */
export interface PageLecture {
  number: number;
  date?: string;
  title: string;
  subtitle?: string;
  slideCount: number;
  /** File names in out/ (only those that exist). */
  deck?: string;
  pdf?: string;
  reading?: string;
  handouts: Array<{ layout: string; file: string }>;
  /** The title slide's image (NAME.thumb.png) in out/, when the build printed it. */
  thumb?: string;
}

/** A work the lectures cite: its entry as the first lecture citing it lists it, and each lecture citing it with the number its entry has there ("1" of "1. …", "[1] …") when that lecture numbers its list. */
export interface PageSource {
  entry: BibEntry;
  citedIn: Array<{ lecture: number; number?: string }>;
}

/** The number a numeric citation style puts before an entry: "1. …" (ГОСТ), "[1] …". */
const OWN_NUMBER = /^\s*(?:\[(\d+)\]|(\d+)\.)\s+/;

/** An entry's text without the number it starts with. */
export const withoutNumber = (text: string) => text.replace(OWN_NUMBER, '');

/** The number an entry carries in its own text, if any. */
export function entryNumber(entry: BibEntry): string | undefined {
  const m = OWN_NUMBER.exec(entry.entry);
  return m ? (m[1] ?? m[2]) : undefined;
}

export interface CoursePage {
  course: LoadedCourse;
  lang: string;
  strings: PageStrings;
  lectures: PageLecture[];
  /** The course's combined outputs in out/ (file names; only those that exist). */
  combined: { reading?: string; handouts?: string };
  sources: PageSource[];
  coverage: SourceCoverage[];
  /** The search index (MiniSearch JSON). */
  index: string;
  /** The page's script (src/course/script.ts). */
  script: string;
}

const STYLE = `
:root{color-scheme:light;--ink:#1b1b1b;--muted:#4d4d4d;--line:#d0d0d0;--accent:#0b4f8a;--mark:#ffe08a}
*{box-sizing:border-box}
body{margin:0;font:18px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PT Sans",sans-serif;color:var(--ink);background:#fff}
header,main{max-width:60rem;margin:0 auto;padding:1rem}
header{border-bottom:1px solid var(--line)}
h1{font-size:1.8rem;line-height:1.2;margin:.2rem 0}
h2{font-size:1.4rem;margin:2rem 0 .6rem}
h3{font-size:1.15rem;margin:0 0 .3rem}
.meta,.lecture-meta{color:var(--muted);margin:.2rem 0}
a{color:var(--accent)}
a:focus-visible,input:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
label{display:block;margin-bottom:.3rem}
input[type=search]{width:100%;font:inherit;padding:.5rem .7rem;border:2px solid var(--muted);border-radius:.4rem}
.results{list-style:none;padding:0}
.results li{padding:.6rem 0;border-bottom:1px solid var(--line)}
.results p{margin:.2rem 0 0}
mark{background:var(--mark);color:inherit}
.lectures{list-style:none;padding:0;margin:0}
.lectures>li{display:flex;gap:1rem;padding:1rem 0;border-bottom:1px solid var(--line)}
.lectures img{width:12rem;height:auto;flex:none;border:1px solid var(--line);align-self:flex-start}
.links{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;padding:0;margin:.4rem 0 0}
.links a{display:inline-block;padding:.2rem 0}
.sources li{margin:.4rem 0}
.sources.numbered{list-style:none;padding:0}
table{border-collapse:collapse;margin:.4rem 0 1rem}
th,td{text-align:left;padding:.2rem .8rem .2rem 0;border-bottom:1px solid var(--line)}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:40rem){.lectures>li{flex-direction:column}.lectures img{width:100%}h1{font-size:1.5rem}}
`;

export function coursePageHtml(page: CoursePage): string {
  const { course, strings: s } = page;
  // Images from the page's own folder only ('self' is the out folder's files on file://, the site on a server).
  const csp = `default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src ${scriptHash(page.script)}; base-uri 'none'; form-action 'none'`;
  const meta = [course.code, course.term].filter(Boolean).join(' · ');
  const people = [course.lecturers.join(', '), course.institution ?? ''].filter(Boolean).join(' · ');
  return `<!DOCTYPE html>
<html lang="${htmlText(page.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Lectern">
<title>${htmlText(course.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
${meta ? `<p class="meta">${htmlText(meta)}</p>` : ''}
<h1>${htmlText(course.title)}</h1>
${people ? `<p class="meta">${htmlText(people)}</p>` : ''}
${combinedLinks(page.combined, s)}
</header>
<main>
<section aria-labelledby="search-heading">
<h2 id="search-heading">${htmlText(s.search)}</h2>
<form id="course-search" role="search" data-lang="${htmlText(page.lang)}" data-found="${htmlText(s.found)}" data-none="${htmlText(s.none)}" data-lecture="${htmlText(s.lecture)}" data-passage="${htmlText(s.passage)}">
<label for="course-search-input">${htmlText(s.searchLabel)}</label>
<input id="course-search-input" type="search" autocomplete="off" spellcheck="false">
</form>
<p id="course-search-status" role="status"></p>
<ol id="course-search-results" class="results"></ol>
</section>
<section aria-labelledby="lectures-heading">
<h2 id="lectures-heading">${htmlText(s.lectures)}</h2>
<ol class="lectures">
${page.lectures.map((l) => lectureItem(l, s)).join('\n')}
</ol>
</section>
${sourcesSection(page.sources, s)}
${coverageSection(page.coverage, s)}
</main>
<script type="application/json" id="course-search-index">${jsonInHtml(page.index)}</script>
<script>${page.script}</script>
</body>
</html>
`;
}

/** The course's own PDFs, at the top: what a student downloads once for the whole term. */
function combinedLinks(combined: CoursePage['combined'], s: PageStrings): string {
  const links = [
    combined.reading ? `<li><a href="${href(combined.reading)}">${htmlText(s.courseReading)}</a></li>` : '',
    combined.handouts ? `<li><a href="${href(combined.handouts)}">${htmlText(s.allHandouts)}</a></li>` : '',
  ].filter(Boolean);
  return links.length ? `<ul class="links course-files">${links.join('')}</ul>` : '';
}

/** JSON inside a <script> element: "<" written as \\u003c, so that nothing in it can end the element. */
function jsonInHtml(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const href = (file: string) => htmlText(encodeURIComponent(file));

function lectureItem(l: PageLecture, s: PageStrings): string {
  const label = s.lecture.replace('{n}', String(l.number));
  const hidden = ` <span class="vh">— ${htmlText(label)}</span>`;
  const links = [
    l.deck ? `<li><a href="${href(l.deck)}">${htmlText(s.deck)}${hidden}</a></li>` : '',
    l.pdf ? `<li><a href="${href(l.pdf)}">${htmlText(s.pdf)}${hidden}</a></li>` : '',
    ...l.handouts.map((h) => `<li><a href="${href(h.file)}">${htmlText(s.handout(h.layout))}${hidden}</a></li>`),
    l.reading ? `<li><a href="${href(l.reading)}">${htmlText(s.reading)}${hidden}</a></li>` : '',
  ].filter(Boolean);
  const title = l.deck ? `<a href="${href(l.deck)}">${htmlText(l.title)}</a>` : htmlText(l.title);
  const facts = [l.date, s.slides(l.slideCount)].filter(Boolean).join(' · ');
  return `<li id="lecture-${l.number}">
${l.thumb ? `<img src="${href(l.thumb)}" alt="${htmlText(s.thumbAlt(l.title))}" width="1200" height="675">` : ''}
<div>
<h3>${htmlText(label)}. ${title}</h3>
${l.subtitle ? `<p>${htmlText(l.subtitle)}</p>` : ''}
<p class="lecture-meta">${htmlText(facts)}</p>
${links.length ? `<ul class="links">${links.join('')}</ul>` : ''}
</div>
</li>`;
}

/** A styled entry as HTML: its text escaped, italics, bold and links (http, https, ftp) from its runs; `unnumbered`: without the number it starts with. */
function entryHtml(entry: BibEntry, unnumbered: boolean): string {
  return entry.segments
    .map((seg, i) => {
      let html = htmlText(unnumbered && i === 0 ? withoutNumber(seg.text) : seg.text);
      if (seg.italic) html = `<i>${html}</i>`;
      if (seg.bold) html = `<b>${html}</b>`;
      if (seg.href && /^(https?|ftp):\/\//i.test(seg.href)) html = `<a href="${htmlText(seg.href)}">${html}</a>`;
      return html;
    })
    .join('');
}

const lectureLinks = (numbers: number[]) => numbers.map((n) => `<a href="#lecture-${n}">${n}</a>`).join(', ');

/**
 * The sources list. Entries of a numeric style carry their number ("1. …"),
 * the one slides cite ("[1, п. 2]"): the list then has no markers of its own.
 * A work the lectures number differently is listed without a number, and
 * each lecture citing it says its number there ("7 [1], 8 [2]").
 */
function sourcesSection(sources: PageSource[], s: PageStrings): string {
  if (sources.length === 0) return '';
  // The entry shown is the first citing lecture's: it carries that lecture's number, if any.
  const own = (x: PageSource) => x.citedIn[0]?.number;
  const numbered = sources.some((x) => own(x) !== undefined);
  const items = sources.map((x) => {
    const agreed = own(x) !== undefined && x.citedIn.every((c) => c.number === own(x));
    const cited = x.citedIn.map((c) => `<a href="#lecture-${c.lecture}">${c.lecture}</a>${!agreed && c.number ? ` [${htmlText(c.number)}]` : ''}`).join(', ');
    return `<li>${entryHtml(x.entry, own(x) !== undefined && !agreed)} <span class="meta">(${htmlText(s.citedIn)}: ${cited})</span></li>`;
  });
  return `<section aria-labelledby="sources-heading">
<h2 id="sources-heading">${htmlText(s.sources)}</h2>
<ul class="sources${numbered ? ' numbered' : ''}">
${items.join('\n')}
</ul>
</section>`;
}

function coverageSection(coverage: SourceCoverage[], s: PageStrings): string {
  if (coverage.length === 0) return '';
  const blocks = coverage.map((source, i) => {
    const cited = source.paragraphs.filter((p) => p.lectures.length > 0).length;
    const rows = source.paragraphs.map(
      (p) => `<tr><th scope="row">${htmlText(p.id)}</th><td>${p.lectures.length ? lectureLinks(p.lectures) : htmlText(s.notCited)}</td></tr>`,
    );
    return `<h3 id="coverage-${i + 1}">${htmlText(source.title)}</h3>
<p class="meta">${htmlText(s.coverageSummary(cited, source.paragraphs.length))}</p>
<table aria-labelledby="coverage-${i + 1}">
<thead><tr><th scope="col">${htmlText(s.paragraph)}</th><th scope="col">${htmlText(s.lectures)}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  });
  return `<section aria-labelledby="coverage-heading">
<h2 id="coverage-heading">${htmlText(s.coverage)}</h2>
${blocks.join('\n')}
</section>`;
}
