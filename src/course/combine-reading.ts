/**
 * out/course.reading.pdf: every passage cited anywhere in the course, once,
 * by source and in the order of the text, each with the lectures and slides
 * that cite it — printed once from one document. Each lecture's passages
 * come from its summary (summary.ts: what the course page keeps of a built
 * lecture, also kept in the course manifest), so a lecture that did not
 * change, or one built on another machine (a shard), is not resolved again.
 */
import path from 'node:path';
import { htmlText } from '../compose/escape.js';
import type { LectureSummary } from './summary.js';
import { paragraphsHtml } from '../print/handouts/document.js';
import { FONTS_PLACEHOLDER } from '../render/fonts.js';
import { CSP } from '../render/page.js';
import { fill, messagesFor } from '../messages/index.js';

/** A passage a lecture cites, as the course's reading pack needs it (plain data: kept in the manifest). */
export interface ReadingPassage {
  /** The source file, relative to the course folder with forward slashes: the same source in every lecture. */
  source: string;
  /** The source's title (the bibliography's, else its metadata's, else the outline's name for it). */
  heading: string;
  /** The address within the source, without the outline's name for it ("p2.s3"). */
  address: string;
  /** Its place in the source: [paragraph (footnotes after the body), sentence]. */
  order: number[];
  text: string;
  slides: Array<{ number: number; label: string }>;
}

/** The passages a lecture cites, from what the course page keeps of it (summary.ts): nothing is resolved again. */
export function lecturePassages(summary: LectureSummary, courseDir: string): ReadingPassage[] {
  const titles = new Map(summary.slides.map((s) => [s.number, s.title ?? '']));
  return summary.cited.map((c) => {
    const local = c.address.replace(/^[^#]*#/, '');
    const first = c.paragraphs[0] ?? '';
    const sentence = /\.s(\d+)/.exec(local);
    return {
      source: path.relative(courseDir, c.source.file).split(path.sep).join('/'),
      heading: c.source.title,
      address: local,
      // The source's paragraphs are listed body first, then footnotes: their index is the order of the text.
      order: [c.source.paragraphs.indexOf(first), sentence ? Number(sentence[1]) : 0],
      text: c.text,
      slides: c.slides.map((n) => ({ number: n, label: titles.get(n) ?? '' })),
    };
  });
}

/** A published lecture's part in the reading pack. */
export interface ReadingLecture {
  number: number;
  title: string;
  passages: ReadingPassage[];
}

interface Entry {
  passage: ReadingPassage;
  citedBy: Array<{ lecture: ReadingLecture; slides: ReadingPassage['slides'] }>;
}

const READING_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; }
body { font-family: 'PT Serif', 'Noto Serif', serif; font-size: 11pt; line-height: 1.5; color: #111827; orphans: 3; widows: 3; }
h1, h2, .lectern-meta, .lectern-ref, .lectern-intro, .lectern-cited { font-family: 'PT Sans', 'Noto Sans', sans-serif; }
h1 { font-size: 19pt; line-height: 1.2; margin: 0 0 2mm; }
.lectern-meta { color: #4b5563; font-size: 10.5pt; margin: 0 0 5mm; }
.lectern-intro { font-size: 10pt; color: #374151; margin: 0 0 8mm; padding-bottom: 4mm; border-bottom: 0.3mm solid #d1d5db; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; break-after: avoid; }
article { margin: 0 0 6mm; }
.lectern-ref { font-size: 9.5pt; color: #4b5563; margin: 0 0 1.2mm; break-after: avoid; }
.lectern-address { color: #9a3412; font-weight: 700; }
.lectern-text { padding-left: 4mm; border-left: 0.6mm solid #fdba74; }
.lectern-text p { margin: 0 0 2mm; }
.lectern-cited { font-size: 9pt; color: #4b5563; margin: 1.5mm 0 0 4mm; padding: 0; list-style: none; }
@page { size: 210mm 297mm; margin: 20mm 18mm 17mm; }
`;

const identity = (p: ReadingPassage) => `${p.source}\n${p.address}`;

/** The course reading pack's HTML (pure; no browser). Sources in the order the course first cites them. */
export function courseReadingDocument(course: { title: string; lang: string; meta?: string[] }, lectures: ReadingLecture[]): string {
  const m = messagesFor(course.lang);
  const quoted = (text: string) => `${m.quotes[0]}${htmlText(text)}${m.quotes[1]}`;
  const entries = new Map<string, Entry>();
  for (const lecture of lectures)
    for (const passage of lecture.passages) {
      const entry = entries.get(identity(passage)) ?? { passage, citedBy: [] };
      entry.citedBy.push({ lecture, slides: passage.slides });
      entries.set(identity(passage), entry);
    }
  const bySource = new Map<string, Entry[]>();
  for (const entry of entries.values()) bySource.set(entry.passage.source, [...(bySource.get(entry.passage.source) ?? []), entry]);
  const compare = (a: Entry, b: Entry) => {
    const [x, y] = [a.passage.order, b.passage.order];
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return b.passage.text.length - a.passage.text.length || (a.passage.address < b.passage.address ? -1 : 1);
  };
  const sections = [...bySource.values()].map((list) => {
    const articles = list.sort(compare).map((e) => {
      const cited = e.citedBy
        .map(({ lecture, slides }) => {
          const shown = slides.map((x) => `${x.number}${x.label ? ` ${quoted(x.label)}` : ''}`).join(', ');
          return `<li>${htmlText(fill(m.course.lecture, { number: lecture.number }))} ${quoted(lecture.title)}: ${htmlText(slides.length === 1 ? m.handout.slide : m.handout.slides)} ${shown}</li>`;
        })
        .join('');
      return `<article>
<p class="lectern-ref"><span class="lectern-address">${htmlText(e.passage.address)}</span></p>
<div class="lectern-text">${paragraphsHtml(e.passage.text)}</div>
<ul class="lectern-cited">${cited}</ul>
</article>`;
    });
    return `<section>\n<h2>${htmlText(list[0]!.passage.heading)}</h2>\n${articles.join('\n')}\n</section>`;
  });
  const meta = (course.meta ?? []).filter(Boolean).map((m) => htmlText(m));
  // As every handout's head: no request allowed (CSP); the fonts go where the placeholder is (printPdf).
  const head = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="generator" content="Lectern">',
    `<title>${htmlText(`${course.title} — ${m.course.readingTitle}`)}</title>`,
    FONTS_PLACEHOLDER,
    `<style>${READING_CSS}</style>`,
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="${htmlText(course.lang)}">
<head>
${head}
</head>
<body class="lectern-reading">
<h1>${htmlText(course.title)}</h1>
<p class="lectern-meta">${[htmlText(m.course.readingTitle), ...meta].join(' · ')}</p>
<p class="lectern-intro">${htmlText(fill(m.course.readingIntro, { passages: entries.size, sources: bySource.size }))}</p>
${sections.join('\n')}
</body>
</html>
`;
}

/** The reading pack's title in the course's language (the PDF's subject). */
export function courseReadingSubject(lang: string): string {
  return messagesFor(lang).course.readingTitle;
}
