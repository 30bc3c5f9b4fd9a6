/**
 * No slide's text may be cut off silently: after layout, in the page that
 * prints it (same fonts, same size), we measure where each slide's content
 * really is and report the slides whose content is cut off — beyond the
 * slide's edges, where nothing shows — or runs into the slide's citation.
 * Content that merely reaches into the slide's padding is not cut and not
 * reported (the padding is a margin, not a boundary).
 *
 * The same pass checks legibility: text rendered smaller than a floor at the
 * slide's own size (1280×720 for 16:9) — one for body text (bullets,
 * paragraphs, quotes, timelines, columns), a lower one for small print
 * (citations, captions, header, footer, page numbers, sub- and superscripts,
 * and a formula's parts set smaller than the formula: scripts, limits, an
 * inline fraction's numerator and denominator) — is reported at the slide,
 * as unreadable from the back of a lecture hall.
 */
import type { Page } from 'puppeteer-core';
import type { Deck } from '../deck/model.js';
import type { Problem } from '../errors.js';

/** Where a slide's content is, in CSS pixels of the slide (0,0 its top left). */
export interface SlideMeasure {
  /** 0-based slide index. */
  index: number;
  width: number;
  height: number;
  /** The box around every piece of text, image and ruled or filled element of the body; undefined for an empty slide. */
  content?: Box;
  /** The box around the citation's text (`.cite`), if the slide has one. */
  cite?: Box;
  /** Pixels by which the body (text, ruled or filled boxes) overlaps the citation's text (0: none). */
  citeOverlap: number;
  /** The smallest font size of the body's text, in pixels (for legibility checks). */
  smallestFont?: number;
  /** The smallest text of each kind (body text, small print), in pixels of the slide, with the start of that text. */
  smallest: { body?: SmallText; small?: SmallText };
}

export interface SmallText {
  size: number;
  text: string;
}

/** Legibility floors in pixels at the slide's size (1280×720 for 16:9): body text and small print. */
export interface Legibility {
  body: number;
  small: number;
}

/** From the back row of a lecture hall: 24 px body text, 16 px citations, captions and page numbers at 1280×720. */
export const DEFAULT_LEGIBILITY: Legibility = { body: 24, small: 16 };

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Overflow {
  /** 0-based slide index. */
  index: number;
  /** Pixels cut off beyond the right and bottom edges. */
  x: number;
  y: number;
  /** Pixels by which the body runs into the citation. */
  cite?: number;
  /** Text smaller than its floor: the smallest such text, its kind and the floor. */
  small?: { kind: keyof Legibility; size: number; floor: number; text: string };
}

/** Half a pixel of rounding is not a cut. */
const TOLERANCE = 1;

/**
 * In the page: every slide measured. Text is measured by its line boxes
 * (ranges), images and other replaced elements by their boxes, elements with
 * a border or background by theirs; absolutely positioned parts (the
 * citation, header, footer) are not body content.
 */
export async function measureSlides(page: Page): Promise<SlideMeasure[]> {
  // Runs in the page, so no named functions inside: the bundle (esbuild's
  // keepNames) would wrap them in a helper the page does not have.
  const raw = await page.evaluate(() => {
    const sections = [...document.querySelectorAll('svg[data-marpit-svg] > foreignObject > section')] as HTMLElement[];
    return sections.map((section) => {
      const frame = section.getBoundingClientRect();
      const body: DOMRect[] = [];
      const cite: DOMRect[] = [];
      const boxes: DOMRect[] = [];
      let smallestFont: number | undefined;
      // Small print: citations, captions, header and footer, sub- and superscripts, a formula's smaller parts; everything else is body text.
      const smallest: { body?: { size: number; text: string }; small?: { size: number; text: string } } = {};
      const after = getComputedStyle(section, '::after');
      if (after.display !== 'none' && after.content !== 'none' && after.content !== 'normal' && after.content !== '""') {
        smallest.small = { size: parseFloat(after.fontSize), text: after.content.replace(/^"|"$/g, '') };
      }
      const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node instanceof Element ? node : node.parentElement;
        if (!el) continue;
        // Absolutely positioned parts (the citation, a header or footer) are not the body.
        let placed = false;
        for (let e: Element | null = el; e && e !== section && !placed; e = e.parentElement)
          placed = ['absolute', 'fixed'].includes(getComputedStyle(e).position);
        const style = getComputedStyle(el);
        // A formula's MathML copy is for screen readers, never drawn (KaTeX clips it to nothing).
        if (el.closest('.katex-mathml')) continue;
        const smallPrint = !!el.closest('.cite, .caption, header, footer, figcaption, sub, sup');
        // A formula's base size is text of its place (body text in a bullet), whatever its parts: a formula all in scripts is as small as its base says.
        if (node instanceof Element && node.classList.contains('katex')) {
          const kind = smallPrint ? 'small' : 'body';
          const size = parseFloat(style.fontSize);
          const seen = smallest[kind];
          if (!seen || size < seen.size)
            smallest[kind] = { size, text: (node.querySelector('.katex-html') ?? node).textContent!.replace(/\s+/g, ' ').trim().slice(0, 60) };
        }
        if (node instanceof Text) {
          if (!node.data.trim() || style.visibility === 'hidden') continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
          if (rects.length && parseFloat(style.opacity) !== 0) {
            // The smaller parts of a formula (scripts, limits, an inline fraction's numerator and denominator) are small print, as sub and sup are.
            const formula = el.closest('.katex');
            const scripted = !!formula && parseFloat(style.fontSize) < parseFloat(getComputedStyle(formula).fontSize) - 0.01;
            const kind = scripted || smallPrint ? 'small' : 'body';
            const size = parseFloat(style.fontSize);
            const seen = smallest[kind];
            if (!seen || size < seen.size)
              smallest[kind] = {
                size,
                text: node.data
                  .replace(/[\s\u00ad]+/g, ' ')
                  .trim()
                  .slice(0, 60),
              };
          }
          if (el.closest('.cite')) cite.push(...rects);
          else if (!placed && rects.length) {
            body.push(...rects);
            smallestFont = Math.min(smallestFont ?? Infinity, parseFloat(style.fontSize));
          }
        } else if (!placed) {
          const replaced = /^(img|svg|video|canvas|iframe|object|embed|hr)$/i.test(el.tagName);
          const ruled = ['Top', 'Right', 'Bottom', 'Left'].some(
            (side) =>
              style.getPropertyValue(`border-${side.toLowerCase()}-width`) !== '0px' && style.getPropertyValue(`border-${side.toLowerCase()}-style`) !== 'none',
          );
          const filled = !/^(rgba\(0, 0, 0, 0\)|transparent)$/.test(style.backgroundColor) || style.backgroundImage !== 'none';
          if (replaced || ruled || filled) boxes.push(el.getBoundingClientRect());
          // The inside of an inline SVG is drawn by it, not laid out: skip to what follows it.
          if (/^svg$/i.test(el.tagName)) {
            let next: Node | null = el;
            while (next && next !== section && !next.nextSibling) next = next.parentNode;
            if (!next || next === section) break;
            walker.currentNode = next;
          }
        }
      }
      const [bodyBoxes, drawnBoxes, citeBoxes] = [body, boxes.filter((r) => r.width > 0 && r.height > 0), cite].map((list) =>
        list.map((r) => ({ top: r.top - frame.top, left: r.left - frame.left, bottom: r.bottom - frame.top, right: r.right - frame.left })),
      );
      return {
        width: section.offsetWidth,
        height: section.offsetHeight,
        // The slide may be drawn scaled (an SVG viewBox): its own pixels are frame / scale.
        scale: section.offsetWidth ? frame.width / section.offsetWidth : 1,
        body: bodyBoxes!,
        boxes: drawnBoxes!,
        cite: citeBoxes!,
        smallestFont,
        smallest,
      };
    });
  });
  return raw.map((m, index) => {
    const scaled = (boxes: Box[]) => boxes.map((b) => ({ top: b.top / m.scale, left: b.left / m.scale, bottom: b.bottom / m.scale, right: b.right / m.scale }));
    const body = scaled(m.body);
    const drawn = scaled(m.boxes);
    const cite = scaled(m.cite);
    let citeOverlap = 0;
    // Text, and ruled or filled boxes (a timeline's rule, a quote's bar, an image), against the citation's text.
    for (const b of [...body, ...drawn]) {
      for (const c of cite) {
        const overlap = Math.min(b.bottom, c.bottom) - Math.max(b.top, c.top);
        if (Math.min(b.right, c.right) > Math.max(b.left, c.left) && overlap > 0) citeOverlap = Math.max(citeOverlap, overlap);
      }
    }
    return {
      index,
      width: m.width,
      height: m.height,
      content: around([...body, ...drawn]),
      cite: around(cite),
      citeOverlap: Math.round(citeOverlap),
      smallestFont: m.smallestFont,
      smallest: m.smallest,
    };
  });
}

function around(boxes: Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  return {
    top: Math.min(...boxes.map((b) => b.top)),
    left: Math.min(...boxes.map((b) => b.left)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
    right: Math.max(...boxes.map((b) => b.right)),
  };
}

/** The text of a slide below its floor, if any (body text first: it matters most). */
function tooSmall(m: SlideMeasure, floors: Legibility): Overflow['small'] {
  for (const kind of ['body', 'small'] as const) {
    const found = m.smallest[kind];
    // A hundredth of a pixel of rounding (0.7em of 34px) is not smaller.
    if (found && found.size < floors[kind] - 0.01) return { kind, size: Math.round(found.size * 10) / 10, floor: floors[kind], text: found.text };
  }
  return undefined;
}

/** The slides whose content is cut off or runs into the citation, or whose text is smaller than the floors. */
export function overflows(measures: SlideMeasure[], floors: Legibility = DEFAULT_LEGIBILITY): Overflow[] {
  const out: Overflow[] = [];
  for (const m of measures) {
    const c = m.content;
    const x = c ? Math.max(0, Math.round(c.right - m.width), Math.round(-c.left)) : 0;
    const y = c ? Math.max(0, Math.round(c.bottom - m.height), Math.round(-c.top)) : 0;
    const cite = m.citeOverlap > TOLERANCE ? m.citeOverlap : 0;
    const small = tooSmall(m, floors);
    if (x > TOLERANCE || y > TOLERANCE || cite || small)
      out.push({ index: m.index, x: x > TOLERANCE ? x : 0, y: y > TOLERANCE ? y : 0, ...(cite ? { cite } : {}), ...(small ? { small } : {}) });
  }
  return out;
}

/** Every slide whose content does not fit or is too small to read, measured in the page about to be printed. */
export async function measureOverflow(page: Page, floors: Legibility = DEFAULT_LEGIBILITY): Promise<Overflow[]> {
  return overflows(await measureSlides(page), floors);
}

export function overflowProblems(deck: Deck, found: Overflow[]): Problem[] {
  return found.flatMap(({ index, x, y, cite, small }) => {
    const slide = deck.slides[index];
    const name = slide?.title ? ` «${slide.title}»` : '';
    const problems: Problem[] = [];
    if (x || y || cite) {
      const by = [y ? `${y}px too tall` : '', x ? `${x}px too wide` : ''].filter(Boolean).join(', ');
      const what = by ? `its content is ${by} and is cut off` : `its content runs into the citation by ${cite}px`;
      problems.push({
        severity: 'warning',
        code: 'render/overflow',
        message: `slide ${index + 1}${name} does not fit: ${what}`,
        hint: 'shorten the text (a `text:` override keeps the citation), split the slide, or use the text layout, which continues long passages on further slides',
        ...(slide?.origin ?? {}),
      });
    }
    if (small) {
      const what = small.kind === 'body' ? 'body text' : 'small print (citations, captions, page numbers, a formula’s scripts)';
      problems.push({
        severity: 'warning',
        code: 'render/too-small',
        message: `slide ${index + 1}${name} has text too small to read from the back of the room: ${small.size}px, under ${small.floor}px for ${what} («${small.text}»)`,
        hint: 'put less on the slide (or split it) rather than making the text smaller; the floors at 1280×720 are `legibility: { body, small }` in lectern.config.yaml',
        ...(slide?.origin ?? {}),
      });
    }
    return problems;
  });
}
