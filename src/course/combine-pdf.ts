/** What the course's combined PDFs share: their metadata and bookmarks, written with pdf-lib over whatever they held before. */
import { PDFName, type PDFDocument } from 'pdf-lib';
import { writeOutline, type OutlineNode } from '../print/pdf-meta.js';
import { dropUnreachable } from '../print/splice.js';
import { sourceDate } from '../util/source-date.js';

/** Replaces the bookmarks, and drops every object nothing refers to any more (old bookmarks, replaced pages and their fonts). */
export function writeBookmarks(doc: PDFDocument, nodes: OutlineNode[]): void {
  doc.catalog.delete(PDFName.of('Outlines'));
  writeOutline(doc, nodes);
  dropUnreachable(doc);
}

/** Title, language, creator and dates (SOURCE_DATE_EPOCH when set: reproducible bytes). */
export function setPdfInfo(doc: PDFDocument, meta: { title: string; lang: string; subject?: string; date?: Date }): void {
  const date = meta.date ?? sourceDate();
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.subject) doc.setSubject(meta.subject);
  doc.setLanguage(meta.lang);
  doc.setCreator('Lectern');
  doc.setProducer('Lectern');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
}
