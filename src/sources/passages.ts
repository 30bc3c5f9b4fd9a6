/**
 * `lectern passages`: every address of a source with its text, for writing
 * outlines; and coverage: which passages the outlines cite, and which none do.
 */
import type { Source } from './source.js';
import { foldForMatch } from './text.js';

export interface PassagesJson {
  source: string;
  lang: string;
  title?: string;
  corrections: Array<{ find: string; replace: string; count: number; paragraphs: string[] }>;
  paragraphs: Array<{ id: string; text: string; section?: string; page?: string; sentences: Array<{ id: string; text: string }> }>;
}

/** The JSON shape of `lectern passages --json` (fields beyond source/lang/paragraphs may be added). */
export function passagesJson(source: Source, displayPath: string, grep?: string): PassagesJson {
  const match = grepMatcher(grep);
  return {
    source: displayPath,
    lang: source.lang,
    title: source.meta.title,
    corrections: source.corrections,
    paragraphs: source.paragraphs
      .map((p) => ({
        id: p.id,
        text: p.text,
        ...(p.section ? { section: p.section } : {}),
        ...(p.page ? { page: p.page } : {}),
        sentences: p.sentences.map((s) => ({ id: s.id, text: s.text })).filter((s) => match(s.text)),
      }))
      .filter((p) => !grep || p.sentences.length > 0),
  };
}

export function passagesText(source: Source, grep?: string): string {
  const lines: string[] = [];
  const json = passagesJson(source, source.file, grep);
  lines.push(
    `${source.name} — ${source.meta.title ?? source.file} (${source.lang}, ${source.paragraphs.length} paragraph${source.paragraphs.length === 1 ? '' : 's'})`,
  );
  for (const c of source.corrections) lines.push(`  correction "${c.find}" → "${c.replace}": ${c.count}× in ${c.paragraphs.join(', ') || 'nothing'}`);
  let section: string | undefined;
  for (const p of json.paragraphs) {
    if (p.section && p.section !== section) lines.push('', `## ${p.section}`);
    section = p.section;
    lines.push('', `${p.id}${p.page ? ` (p. ${p.page})` : ''}`);
    for (const s of p.sentences) lines.push(`  ${s.id.padEnd(8)} ${s.text}`);
  }
  return lines.join('\n') + '\n';
}

function grepMatcher(grep: string | undefined): (text: string) => boolean {
  if (!grep) return () => true;
  const needle = foldForMatch(grep).folded;
  return (text) => foldForMatch(text).folded.includes(needle);
}

export interface Citer {
  outline: string;
  slide: number;
  title?: string;
}

/** Which sentences are cited, by which slides; and which are not. */
export function coverageText(source: Source, cited: Map<string, Citer[]>): string {
  const lines: string[] = [];
  let total = 0;
  let covered = 0;
  for (const p of source.paragraphs) {
    const citedHere = p.sentences.filter((s) => cited.has(s.id)).length;
    lines.push(`${p.id}  ${citedHere}/${p.sentences.length} sentences cited`);
    for (const s of p.sentences) {
      total++;
      const by = cited.get(s.id);
      if (by) covered++;
      const where = by ? by.map((c) => `${c.outline} slide ${c.slide}${c.title ? ` «${c.title}»` : ''}`).join('; ') : 'not cited';
      const text = s.text.length > 60 ? `${s.text.slice(0, 57)}…` : s.text;
      lines.push(`  ${by ? '✓' : '·'} ${s.id.padEnd(8)} ${text}\n      ${where}`);
    }
  }
  lines.push('', `${covered} of ${total} sentences cited (${total ? Math.round((100 * covered) / total) : 0}%)`);
  return lines.join('\n') + '\n';
}
