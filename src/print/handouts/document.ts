/** What every handout document shares: its options, its head (CSP, the fonts placeholder), paragraphs of text. */
import { htmlText } from '../../compose/escape.js';
import type { Deck } from '../../deck/model.js';
import { FONTS_PLACEHOLDER } from '../../render/fonts.js';
import { CSP } from '../../render/page.js';

export interface HandoutOptions {
  paper?: 'A4' | 'Letter';
  /** CreationDate/ModDate of the PDF (default: now). */
  date?: Date;
}

/** The head of every handout document: the CSP forbids any request; the fonts go in where the placeholder is (printPdf). */
export function documentHead(deck: Deck, title: string, css: string[]): string {
  return [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="generator" content="Lectern">',
    `<title>${htmlText(title)}</title>`,
    deck.author ? `<meta name="author" content="${htmlText(deck.author)}">` : '',
    FONTS_PLACEHOLDER,
    ...css.map((c) => `<style>${c.replace(/<\/style/gi, '<\\/style')}</style>`),
  ]
    .filter(Boolean)
    .join('\n');
}

/** Text with its whitespace collapsed, for comparing and quoting passages. */
export const norm = (t: string) => t.replace(/\s+/g, ' ').trim();

/** Paragraphs (separated by blank lines) as HTML, escaped. */
export const paragraphsHtml = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${htmlText(p.trim())}</p>`)
    .join('');
