/**
 * The PowerPoint writer without a client: the package's parts read back with fflate — slides,
 * placeholders, paragraphs and levels, runs, tables, pictures, notes, properties — for the
 * example lecture and a generated outline with every layout; and its pieces: the theme read
 * from CSS, text fitting, Markdown flattened. (LibreOffice opens the files in
 * pptx-libreoffice.test.ts.)
 */
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Deck } from '../../src/deck/model.js';
import type { Problem } from '../../src/errors.js';
import { writePptx } from '../../src/export/pptx.js';
import { fitParas, paraLines, parasHeight, type Para } from '../../src/export/pptx/fit.js';
import { flattenMarkdown } from '../../src/export/pptx/markdown.js';
import { fixParagraphs } from '../../src/export/pptx/package.js';
import { LECTERN_THEME, readTheme } from '../../src/export/theme.js';
import { allLayoutsDeck, exampleDeck, THEME_CSS } from '../fixtures/export/decks.js';

type Parts = Record<string, string>;

function parts(bytes: Uint8Array): Parts {
  const out: Parts = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (/\.(xml|rels)$/.test(name)) out[name] = strFromU8(data);
  return out;
}

async function write(deck: Deck, options: Partial<Parameters<typeof writePptx>[1]> = {}): Promise<{ p: Parts; warnings: Problem[]; bytes: Uint8Array }> {
  const warnings: Problem[] = [];
  const bytes = await writePptx(deck, { themeCss: THEME_CSS, themeName: 'lectern', warnings: (w) => warnings.push(w), ...options });
  return { p: parts(bytes), warnings, bytes };
}

/** Undefined when the XML is well-formed: tags balanced, attributes quoted, no stray `<` or `&`. */
function xmlError(xml: string): string | undefined {
  const stack: string[] = [];
  const re =
    /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  for (const m of xml.matchAll(re)) {
    if (m[0] === '<' || m[0] === '&') return `stray ${m[0]} at ${m.index}: ${xml.slice(m.index, m.index + 60)}`;
    if (m[2] === undefined) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return `</${m[2]}> closes nothing at ${m.index}`;
    } else if (!m[4]) stack.push(m[2]);
  }
  return stack.length ? `unclosed <${stack[stack.length - 1]}>` : undefined;
}

const slideXml = (p: Parts, n: number): string => p[`ppt/slides/slide${n}.xml`]!;
const notesXml = (p: Parts, n: number): string => {
  const rel = p[`ppt/slides/_rels/slide${n}.xml.rels`]!;
  const target = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rel)![1]!;
  return p[`ppt/notesSlides/${target}`]!;
};
/** The text of a part's runs, paragraphs on lines. */
const textOf = (xml: string): string =>
  xml
    .split(/<\/a:p>/)
    .map((para) => [...para.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!).join(''))
    .filter(Boolean)
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
/** The shape (p:sp) holding a placeholder of the type, or named so. */
const shapes = (xml: string): string[] => xml.match(/<p:sp>[\s\S]*?<\/p:sp>/g) ?? [];
const placeholder = (xml: string, type: string): string | undefined => shapes(xml).find((s) => new RegExp(`<p:ph[^>]*type="${type}"`).test(s));
const sizes = (xml: string): number[] => [...xml.matchAll(/<a:rPr[^>]* sz="(\d+)"/g)].map((m) => Number(m[1]) / 100);

describe('the example lecture as PowerPoint', () => {
  let deck: Deck;
  let p: Parts;
  let warnings: Problem[];
  beforeAll(async () => {
    deck = await exampleDeck();
    ({ p, warnings } = await write(deck));
  });

  it('has a slide per deck slide, each title in the title placeholder, and no warnings', () => {
    const slides = Object.keys(p).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides.length).toBe(deck.slides.length);
    expect(warnings).toEqual([]);
    for (const s of deck.slides) {
      const title = placeholder(slideXml(p, s.number), 'title');
      expect(title, `slide ${s.number}`).toBeDefined();
      const expected =
        s.title ??
        (s.layout === 'title'
          ? deck.title
          : s.layout === 'agenda'
            ? deck.strings.agenda
            : s.layout === 'questions'
              ? deck.strings.questionsPrompt
              : deck.strings.sources);
      expect(textOf(title!), `slide ${s.number}`).toBe(expected);
    }
  });

  it('writes bullets as paragraphs with a bullet each, in the body placeholder, in PT Sans at the theme size', () => {
    const s = deck.slides.find((x) => x.id === 'background')!;
    const body = placeholder(slideXml(p, s.number), 'body')!;
    expect(textOf(body).split('\n')).toEqual(s.bullets.map((b) => b.text));
    expect(body.match(/<a:buChar /g)?.length).toBe(3);
    expect(body).toContain('<a:buClr><a:srgbClr val="9A3412"/></a:buClr>');
    expect(body).toContain('typeface="PT Sans"');
    expect(sizes(body).every((sz) => sz === 25.5)).toBe(true); // 34 px
  });

  it('writes the quote in PT Serif with its highlight as a bold accent run on the mark colour', () => {
    const s = deck.slides.find((x) => x.id === 'signing')!;
    const xml = slideXml(p, s.number);
    const [before, mark, after] = s.quote!.parts!;
    expect(textOf(xml)).toContain(before + mark + after);
    const run = new RegExp(`<a:r><a:rPr[^>]*b="1"[^>]*>(?:(?!</a:rPr>).)*</a:rPr><a:t>${mark}</a:t>`).exec(xml)?.[0];
    expect(run).toBeDefined();
    expect(run).toContain('<a:srgbClr val="9A3412"/>');
    expect(run).toContain('<a:highlight><a:srgbClr val="FDE68A"/></a:highlight>');
    expect(run).toContain('typeface="PT Serif" pitchFamily="18"');
  });

  it('writes the timeline as a table of dates and events', () => {
    const s = deck.slides.find((x) => x.layout === 'timeline')!;
    const table = /<a:tbl>[\s\S]*<\/a:tbl>/.exec(slideXml(p, s.number))![0];
    const rows = table.match(/<a:tr [\s\S]*?<\/a:tr>/g)!;
    expect(rows.map((r) => (r.match(/<a:tc[\s\S]*?<\/a:tc>/g) ?? []).map(textOf))).toEqual(s.timeline.map((t) => [t.date, t.text]));
  });

  it('writes two columns as two body placeholders', () => {
    const s = deck.slides.find((x) => x.layout === 'two-column')!;
    const bodies = shapes(slideXml(p, s.number)).filter((x) => /<p:ph[^>]*type="body"/.test(x));
    expect(bodies.map(textOf)).toEqual(s.columns.map((c) => [c.title, ...c.bullets.map((b) => b.text)].join('\n')));
  });

  it('numbers the sources and the agenda', () => {
    const sources = placeholder(slideXml(p, deck.slides.find((x) => x.layout === 'sources')!.number), 'body')!;
    expect(textOf(sources).split('\n')).toEqual(deck.bibliography.map((b) => b.entry));
    // The example cites in GOST, whose entries carry their numbers ("1. …"): PowerPoint adds none ("1. 1. …").
    expect(deck.bibliography[0]!.entry).toMatch(/^1\. /);
    expect(sources).not.toContain('<a:buAutoNum');
    const agenda = placeholder(slideXml(p, deck.slides.find((x) => x.layout === 'agenda')!.number), 'body')!;
    expect(textOf(agenda).split('\n')).toEqual(deck.sections.map((x) => x.title));
  });

  it('puts the citation line small at the foot and a slide number on content slides, none on title and section slides', () => {
    for (const s of deck.slides) {
      const xml = slideXml(p, s.number);
      const cite = shapes(xml).find((x) => x.includes('name="Citation"'));
      if (s.citeLine) {
        expect(textOf(cite!)).toBe(s.citeLine);
        expect(sizes(cite!)).toEqual([13.5]); // 18 px
        expect(cite).toContain('<a:srgbClr val="4B5563"/>');
      } else expect(cite).toBeUndefined();
      expect(xml.includes('type="slidenum"'), `slide ${s.number}`).toBe(!['title', 'section'].includes(s.layout));
    }
  });

  it('puts the notes and the cited passages in the notes pane, a paragraph a line, in the deck language', () => {
    const s = deck.slides.find((x) => x.id === 'background')!;
    const notes = notesXml(p, s.number);
    const text = textOf(notes);
    expect(text).toContain('Подчеркнуть, что инициатива исходила от советской стороны.');
    // The passage of p1 is a note itself (cited once); the bullets' sentences follow with their citations.
    expect(text).toContain(s.notes[0]!.text);
    expect(text).toContain(`[${s.bullets[0]!.citation!.short}] ${s.bullets[0]!.passage}`);
    expect(notes).toContain('lang="ru-RU"');
    expect(notes).not.toMatch(/<a:t>[^<]*\n/);
  });

  it('has the title, author, subject, company and language in its properties, and the theme fonts', async () => {
    const d = { ...deck, author: 'И. Петров', institution: 'МГУ' };
    const { p: q } = await write(d);
    const core = q['docProps/core.xml']!;
    expect(core).toContain(`<dc:title>${deck.title}</dc:title>`);
    expect(core).toContain('<dc:creator>И. Петров</dc:creator>');
    expect(core).toContain(`<dc:subject>${deck.subtitle} — ${deck.course}</dc:subject>`);
    expect(core).toContain('<dc:language>ru</dc:language>');
    expect(q['docProps/app.xml']).toContain('<Company>МГУ</Company>');
    expect(q['ppt/theme/theme1.xml']).toMatch(/<a:majorFont><a:latin typeface="PT Sans" panose="020B0503020203020204"/);
    expect(q['ppt/theme/theme1.xml']).toContain('<a:clrScheme name="Lectern"><a:dk1><a:srgbClr val="111827"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1>');
    expect(q['ppt/theme/theme1.xml']).toContain('<a:accent1><a:srgbClr val="9A3412"/></a:accent1>');
    expect(q['ppt/presentation.xml']).toContain('<p:sldSz cx="12192000" cy="6858000"/>');
  });

  it('writes well-formed XML in every part, of every deck', async () => {
    expect([xmlError('<a><b></a>'), xmlError('<a>x & y</a>'), xmlError('<a x=1/>'), xmlError('<a><b/></a>')].map(Boolean)).toEqual([true, true, true, false]);
    for (const q of [p, (await write(await allLayoutsDeck())).p]) for (const [name, xml] of Object.entries(q)) expect(xmlError(xml), name).toBeUndefined();
  });

  it('writes valid paragraphs: one set of paragraph properties each, before its runs', () => {
    for (const [name, xml] of Object.entries(p)) {
      if (!/^ppt\/slides\/slide\d+\.xml$/.test(name)) continue;
      for (const para of xml.match(/<a:p>[\s\S]*?<\/a:p>/g) ?? []) {
        expect(para.match(/<a:pPr\b/g)?.length ?? 0, name).toBeLessThanOrEqual(1);
        if (para.includes('<a:pPr')) expect(para.indexOf('<a:pPr')).toBeLessThan(para.search(/<a:(r|fld)>/) >>> 0);
      }
    }
  });

  it('is the same bytes for the same deck but for its dates', async () => {
    const a = await write(deck);
    const b = await write(deck);
    const strip = (q: Parts): Parts => ({ ...q, 'docProps/core.xml': q['docProps/core.xml']!.replace(/<dcterms:(created|modified)[^<]*</g, '') });
    expect(strip(a.p)).toEqual(strip(b.p));
  });
});

describe('every layout as PowerPoint', () => {
  let deck: Deck;
  let p: Parts;
  let warnings: Problem[];
  beforeAll(async () => {
    deck = await allLayoutsDeck();
    ({ p, warnings } = await write(deck));
  });

  it('keeps continued slides separate, each titled as continued', () => {
    const continued = deck.slides.filter((s) => s.continued);
    expect(continued.length).toBeGreaterThan(0);
    for (const s of continued) expect(textOf(placeholder(slideXml(p, s.number), 'title')!)).toBe(`${s.title} (${deck.strings.continued})`);
  });

  it('gives nested bullets their level and a smaller size', () => {
    const s = deck.slides.find((x) => x.title === 'Пункты со вложенными')!;
    const body = placeholder(slideXml(p, s.number), 'body')!;
    const paras = body.match(/<a:p>[\s\S]*?<\/a:p>/g)!;
    expect(paras.map((x) => /lvl="(\d)"/.exec(x)?.[1] ?? '0')).toEqual(['0', '1', '1', '0', '0']);
    expect(sizes(paras[1]!)[0]).toBeLessThan(sizes(paras[0]!)[0]!);
  });

  it('makes links clickable: URLs in text and Markdown links are hyperlink runs', () => {
    const s = deck.slides.find((x) => x.title === 'Пункты со вложенными')!;
    const xml = slideXml(p, s.number);
    const rels = p[`ppt/slides/_rels/slide${s.number}.xml.rels`]!;
    expect(xml).toMatch(/<a:hlinkClick r:id="rId\d+"/);
    expect(rels).toContain('Target="https://example.org/convention"');
    expect(rels).toContain('Target="https://example.org/md"');
    expect(textOf(xml)).toContain('Жирный пункт со ссылкой');
    expect(xml).toMatch(/b="1"[^>]*>(?:(?!<\/a:rPr>).)*<\/a:rPr><a:t>Жирный<\/a:t>/);
  });

  it('writes raw Markdown as plain text with one warning a slide, math as TeX in monospace with another, code in monospace', () => {
    const s = deck.slides.find((x) => x.title === 'Разметка Markdown')!;
    const xml = slideXml(p, s.number);
    expect(textOf(xml)).toContain('Текст со ссылкой пример и формулой $E = mc^2$.');
    expect(xml).toMatch(/typeface="PT Mono"[^>]*pitchFamily="49"[\s\S]*?<a:t>\$E = mc\^2\$<\/a:t>/);
    expect(xml).toMatch(/typeface="PT Mono"[\s\S]*?<a:t>const x = 1;<\/a:t>/);
    const mine = warnings.filter((w) => w.line === s.origin.line);
    expect(mine.map((w) => w.code).sort()).toEqual(['pptx/markdown', 'pptx/math']);
    expect(mine[0]!.file).toBe(s.origin.file);
    const codes = warnings.map((w) => `${w.code}@${w.line}`);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('places the image with its alt text and caption, inside the slide', () => {
    const s = deck.slides.find((x) => x.layout === 'image')!;
    const xml = slideXml(p, s.number);
    expect(xml).toContain(`descr="${s.image!.alt}"`);
    expect(textOf(xml)).toContain(`${s.image!.caption} ${s.image!.credit}`);
    expect(Object.keys(p).length).toBeGreaterThan(0);
  });

  it('puts a box with the alt text and warns when the image is not available', async () => {
    const d: Deck = { ...deck, slides: deck.slides.map((s) => (s.image ? { ...s, image: { ...s.image, src: 'images/missing.png' } } : s)) };
    const asked: string[] = [];
    const { p: q, warnings: w } = await write(d, {
      images: async (src) => {
        asked.push(src);
        return undefined;
      },
    });
    const s = d.slides.find((x) => x.layout === 'image')!;
    expect(asked).toEqual(['images/missing.png']);
    expect(slideXml(q, s.number)).not.toContain('<p:pic>');
    expect(textOf(slideXml(q, s.number))).toContain(s.image!.alt);
    expect(w.filter((x) => x.code === 'pptx/image-missing').length).toBe(1);
  });

  it('takes the image bytes from options.images when given', async () => {
    const png = Buffer.from(deck.slides.find((x) => x.image)!.image!.src.split(',')[1]!, 'base64');
    const { p: q } = await write(deck, { images: async () => new Uint8Array(png) });
    expect(Object.keys(q).some((n) => n.startsWith('ppt/slides/_rels/'))).toBe(true);
    expect(slideXml(q, deck.slides.find((x) => x.image)!.number)).toContain('<p:pic>');
  });

  it('shrinks what does not fit, title and body, and says so only under 60%', () => {
    const s = deck.slides.find((x) => x.title?.startsWith('Перегруженный'))!;
    const xml = slideXml(p, s.number);
    const title = sizes(placeholder(xml, 'title')!);
    expect(title[0]).toBeLessThan(37);
    const body = sizes(placeholder(xml, 'body')!);
    expect(body[0]).toBeLessThan(25.5);
    expect(body[0]).toBeGreaterThanOrEqual(25.5 * 0.6 - 0.01);
    const cols = deck.slides.find((x) => x.title === 'Переполненные колонки')!;
    const bodies = shapes(slideXml(p, cols.number)).filter((x) => /<p:ph[^>]*type="body"/.test(x));
    expect(bodies.length).toBe(2);
    for (const b of bodies) expect(Math.max(...sizes(b))).toBeLessThan(25.5 * 0.82);
  });

  it('gives Markdown strong text the accent colour, as the theme does', () => {
    const s = deck.slides.find((x) => x.title === 'Пункты со вложенными')!;
    expect(slideXml(p, s.number)).toMatch(/b="1"[^>]*><a:solidFill><a:srgbClr val="9A3412"\/><\/a:solidFill>(?:(?!<\/a:rPr>).)*<\/a:rPr><a:t>Жирный<\/a:t>/);
  });

  it("groups the slides in PowerPoint sections by the deck's sections, numbered ids", () => {
    const pres = p['ppt/presentation.xml']!;
    const names = [...pres.matchAll(/<p14:section name="([^"]*)" id="\{([^}]*)\}"/g)].map((m) => [m[1], m[2]]);
    expect(names.map((n) => n[0])).toEqual([deck.title, ...deck.sections.map((x) => x.title)]);
    expect(names[0]![1]).toBe('00000000-0000-4000-8000-000000000001');
    const counts = [...pres.matchAll(/<p14:sldIdLst>([\s\S]*?)<\/p14:sldIdLst>/g)].map((m) => (m[1]!.match(/<p14:sldId /g) ?? []).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(deck.slides.length);
  });

  it('sizes both columns alike', () => {
    const s = deck.slides.find((x) => x.title === 'Переполненные колонки')!;
    const bodies = shapes(slideXml(p, s.number)).filter((x) => /<p:ph[^>]*type="body"/.test(x));
    expect(new Set(bodies.map((b) => sizes(b)[0])).size).toBe(1);
  });

  it('leaves an SVG image out with a box and a warning', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>';
    const { p: q, warnings: w } = await write(deck, { images: async () => new TextEncoder().encode(svg) });
    const s = deck.slides.find((x) => x.image)!;
    expect(slideXml(q, s.number)).not.toContain('<p:pic>');
    expect(w.find((x) => x.code === 'pptx/image-missing')!.message).toContain('SVG');
  });

  it('writes 4:3 decks on a 4:3 slide', async () => {
    const { p: q, warnings: w } = await write(await allLayoutsDeck('4:3'));
    expect(q['ppt/presentation.xml']).toContain('<p:sldSz cx="9144000" cy="6858000"/>');
    // Narrower slides hold less: the overfull slide goes under 60% and says so.
    expect(w.some((x) => x.code === 'pptx/text-shrunk')).toBe(true);
  });

  it('names another theme in one warning', async () => {
    const { warnings: w } = await write({ ...deck, theme: 'my' }, { themeName: 'my', themeCss: 'section { --lectern-accent: #0000ff; }' });
    const theme = w.filter((x) => x.code === 'pptx/theme');
    expect(theme.length).toBe(1);
    expect(theme[0]!.message).toContain(`out/${deck.name}.pptx`);
    expect(theme[0]!.message).toContain('"my"');
  });

  it('keeps source text literal: markup in a passage is text', async () => {
    const nasty = 'Текст с <b>тегами</b>, {{шаблоном}}, **звёздочками** & $не формулой$';
    const d: Deck = {
      ...deck,
      slides: deck.slides.map((s, i) => (i === 3 ? { ...s, bullets: [{ ...s.bullets[0]!, text: nasty, md: undefined, bullets: [] }] } : s)),
    };
    const { p: q, warnings: w } = await write(d);
    expect(textOf(placeholder(slideXml(q, 4), 'body')!)).toBe(nasty);
    expect(w.filter((x) => x.line === d.slides[3]!.origin.line)).toEqual([]);
  });
});

describe('the theme read from CSS', () => {
  it('reads the lectern theme as its defaults', () => {
    expect(readTheme(THEME_CSS)).toEqual(LECTERN_THEME);
  });

  it('takes other colours, fonts and sizes, and keeps the rest', () => {
    const t = readTheme(`/* @size 4:3 1024px 768px */
      section { --lectern-accent: #0a0; --lectern-ink: #222222; font-family: "Source Sans", sans-serif; font-size: 30px; padding: 40px 60px; }
      section blockquote { font-family: Georgia, serif; }
      section h1 { font-size: 1.6em; }`);
    expect(t.colors.accent).toBe('00AA00');
    expect(t.colors.ink).toBe('222222');
    expect(t.colors.muted).toBe(LECTERN_THEME.colors.muted);
    expect(t.fonts).toEqual({ sans: 'Source Sans', serif: 'Georgia', mono: 'PT Mono' });
    expect(t.fontPx).toBe(30);
    expect(t.padding).toEqual({ top: 40, right: 60, bottom: 40, left: 60 });
    expect(t.em.heading).toBe(1.6);
    expect(t.sizes['4:3']).toEqual({ width: 1024, height: 768 });
  });
});

describe('text fitting', () => {
  const para = (text: string, extra: Partial<Para> = {}): Para => ({ spans: [{ text, face: 'sans' }], scale: 1, ...extra });

  it('counts lines by glyph widths, wrapping at words', () => {
    expect(paraLines(para('short'), 1000, 34)).toBe(1);
    // Wide letters take more lines than narrow ones.
    expect(paraLines(para('шум '.repeat(60).trim()), 1000, 34)).toBeGreaterThan(paraLines(para('lit '.repeat(60).trim()), 1000, 34));
    // A line of PT Sans at 34 px holds about 64 Cyrillic letters (src/deck/continue.ts measured it in Chromium).
    expect(paraLines(para('а'.repeat(60)), 1136, 34)).toBe(1);
    expect(paraLines(para('а '.repeat(50)), 1136, 34)).toBe(2);
    // A word longer than the line breaks inside.
    expect(paraLines(para('x'.repeat(300)), 500, 34)).toBeGreaterThanOrEqual(3);
  });

  it('steps the size down until the text fits, never below 60% while that fits, further only as a last resort', () => {
    const long = Array.from({ length: 12 }, () =>
      para('Длинный пункт списка, который занимает почти всю строку слайда и даже немного больше', { list: 'bullet', spaceBeforeEm: 0.35 }),
    );
    const fit = fitParas(long, { w: 1136, h: 460 }, 34);
    expect(fit.fits).toBe(true);
    expect(fit.factor).toBeLessThan(1);
    expect(parasHeight(long, 1136, fit.sizePx)).toBeLessThanOrEqual(460);
    expect(fitParas([para('Коротко')], { w: 1136, h: 460 }, 34).factor).toBe(1);
    const huge = Array.from({ length: 60 }, () => para('Длинный пункт списка, который занимает почти всю строку'));
    const last = fitParas(huge, { w: 1136, h: 460 }, 34);
    expect(last.belowFloor).toBe(true);
  });
});

describe('Markdown flattened', () => {
  it('strips the syntax and keeps lists, links, code and math', () => {
    const flat = flattenMarkdown(
      '# Заголовок\n\nАбзац с *курсивом* и `кодом`, [ссылка](https://x.org) и $a^2$.\n\n- один\n  - два\n1. три\n\n```\nif (a) {}\n```\n\n$$\nx = 1\n$$',
    );
    expect(flat.math).toBe(true);
    const text = flat.paras.map((p) => p.spans.map((s) => s.text).join(''));
    expect(text).toEqual(['Заголовок', 'Абзац с курсивом и кодом, ссылка и $a^2$.', 'один', 'два', 'три', 'if (a) {}', '$$x = 1$$']);
    expect(flat.paras[0]!.spans[0]!.bold).toBe(true);
    expect(flat.paras[1]!.spans.find((s) => s.text === 'ссылка')!.link).toBe('https://x.org');
    expect(flat.paras[1]!.spans.find((s) => s.text === 'кодом')!.face).toBe('mono');
    expect(flat.paras.slice(2, 5).map((p) => [p.list, p.level])).toEqual([
      ['bullet', 0],
      ['bullet', 1],
      ['number', 0],
    ]);
    expect(flat.paras[5]!.spans[0]!.face).toBe('mono');
    expect(flattenMarkdown('Цена $5 и $10').math).toBe(false);
  });
});

describe('package fixes', () => {
  it('keeps the first paragraph properties of a paragraph only', () => {
    expect(
      fixParagraphs('<a:p><a:pPr algn="l"><a:buNone/></a:pPr><a:r><a:t>a</a:t></a:r><a:pPr indent="0"><a:buNone/></a:pPr><a:r><a:t>b</a:t></a:r></a:p>'),
    ).toBe('<a:p><a:pPr algn="l"><a:buNone/></a:pPr><a:r><a:t>a</a:t></a:r><a:r><a:t>b</a:t></a:r></a:p>');
  });
});
