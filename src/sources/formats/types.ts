/**
 * What every source reader yields: the text of a file as blocks in reading
 * order, each a paragraph of one kind, with the page it starts on when the
 * format has pages. src/sources/source.ts numbers the blocks into addressable
 * paragraphs and sentences the same way for every format.
 *
 * Readers are pure of the outline: they get the file's bytes, its language
 * and the reading instructions of its sidecar, and return plain data (cached
 * on disk as JSON by the file's hash, so everything here must serialize).
 */
import type { Problem } from '../../errors.js';

export type BlockKind = 'body' | 'heading' | 'footnote' | 'caption';

export interface TextBlock {
  kind: BlockKind;
  /** One paragraph of plain text (a heading's text for kind "heading"); never markup. */
  text: string;
  /** Heading level (1 = top), for kind "heading". */
  level?: number;
  /** Physical page (1-based) where the block starts; paginated formats only. */
  page?: number;
  /**
   * A block that continues on later pages (a paragraph across a page break):
   * the character offsets in `text` where each later page begins, ascending.
   */
  pageBreaks?: Array<{ at: number; page: number }>;
  /** A footnote's or endnote's own mark as printed ("3", "*"), for kind "footnote". */
  note?: string;
}

export type PageState = 'text' | 'ocr' | 'no-text';

export interface PageInfo {
  /** Physical page, 1-based. */
  page: number;
  /** The printed page label ("45", "xii"): the PDF's page labels, `page_offset:`, or the number itself. */
  label: string;
  /** text: its text layer was read; ocr: Tesseract read its image; no-text: nothing citable on it. */
  state: PageState;
}

/** Bibliographic defaults a file carries about itself (a sidecar overrides each). */
export interface FileMeta {
  title?: string;
  author?: string;
  year?: string;
  publisher?: string;
  url?: string;
  lang?: string;
}

export interface ExtractedDocument {
  blocks: TextBlock[];
  /** Paginated formats (PDF; an EPUB with a page list): one entry per physical page. */
  pages?: PageInfo[];
  meta: FileMeta;
  warnings: Problem[];
}

/** How to read a file, from its sidecar (`sources/NAME.yaml`); every field optional. */
export interface ReadingOptions {
  /** The text's language ("ru", "en"): sentence rules, and Tesseract's language for OCR. */
  lang: string;
  /** PDF: the password of an encrypted file. */
  password?: string;
  /** PDF: the number of text columns, where the guess is wrong (1 = read each line across). */
  columns?: number;
  /** PDF: physical pages left out entirely (covers, blank pages, an index). */
  skipPages?: number[];
  /** PDF: lines to drop wherever they appear (a running header the heuristics miss), matched after trimming. */
  dropLines?: string[];
  /** PDF: printed number = physical page − offset (`page_offset: 12`: physical page 13 is printed page 1); overrides the PDF's page labels. */
  pageOffset?: number;
  /** PDF: OCR for pages without a usable text layer (auto: when Tesseract is installed). */
  ocr?: 'auto' | 'off' | 'force';
}

/** A reader: the bytes of one file (already size-checked) to blocks. Throws a LecternError for bad input. */
export type Reader = (bytes: Uint8Array, file: string, options: ReadingOptions) => Promise<ExtractedDocument>;
