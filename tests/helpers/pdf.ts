/** Reading PDFs back the way a user would check them: pages, text per page, fonts, metadata. */
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDocument, PDFName, PDFDict, PDFArray, PDFRef } from 'pdf-lib';

export async function pdfText(file: string | Uint8Array): Promise<string[]> {
  const data = typeof file === 'string' ? new Uint8Array(await readFile(file)) : new Uint8Array(file);
  const doc = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
  }
  await doc.destroy();
  return pages;
}

/** Whitespace and hyphenation folded, so that a sentence broken across lines still matches. */
export function flat(text: string): string {
  return text
    .replace(/\u00AD/g, '')
    .replace(/-\n/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PdfFacts {
  pages: number;
  /** Page sizes in points. */
  sizes: Array<{ width: number; height: number }>;
  /** Every font resource: its name and whether a font file is embedded. */
  fonts: Array<{ name: string; embedded: boolean }>;
  title?: string;
  author?: string;
}

export async function pdfFacts(file: string | Uint8Array): Promise<PdfFacts> {
  const bytes = typeof file === 'string' ? await readFile(file) : file;
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const fonts = new Map<string, boolean>();
  const context = doc.context;
  for (const [, obj] of context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    if (obj.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const name = String(obj.get(PDFName.of('BaseFont')) ?? '?');
    const subtype = String(obj.get(PDFName.of('Subtype')));
    let descriptorHolder: PDFDict = obj;
    if (subtype === '/Type0') {
      const descendants = obj.lookup(PDFName.of('DescendantFonts'), PDFArray);
      descriptorHolder = descendants.lookup(0, PDFDict);
    }
    if (subtype === '/Type3') {
      fonts.set(name, true); // glyphs are drawn by the font's own content streams
      continue;
    }
    const descriptorRef = descriptorHolder.get(PDFName.of('FontDescriptor'));
    const descriptor = descriptorRef instanceof PDFRef ? context.lookup(descriptorRef, PDFDict) : (descriptorRef as PDFDict | undefined);
    const embedded = !!descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.get(PDFName.of(k)) !== undefined);
    fonts.set(name, embedded);
  }
  return {
    pages: doc.getPageCount(),
    sizes: doc.getPages().map((p) => p.getSize()),
    fonts: [...fonts].map(([name, embedded]) => ({ name, embedded })),
    title: doc.getTitle(),
    author: doc.getAuthor(),
  };
}
