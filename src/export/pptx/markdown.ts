/**
 * Raw Markdown (an outline's `md:` fields) as plain paragraphs for PowerPoint: the syntax is
 * stripped, not rendered — headings and strong text bold, list items as list paragraphs with
 * their levels, code (inline and fenced) and math (`$…$`, `$$…$$`, its TeX kept) in monospace,
 * links and autolinks as hyperlink runs, images as their alt text, HTML tags dropped. The
 * caller warns once per slide that Markdown was flattened, and once more for math.
 */
import type { Para, Span } from './fit.js';

export interface FlatMarkdown {
  paras: Para[];
  math: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Inline Markdown of one line → spans. */
export function inlineSpans(line: string, face: Span['face'], found: { math: boolean }): Span[] {
  const spans: Span[] = [];
  const push = (text: string, style: Partial<Span> = {}): void => {
    if (!text) return;
    const prev = spans[spans.length - 1];
    const span: Span = { text, face, ...style };
    if (
      prev &&
      prev.face === span.face &&
      !!prev.bold === !!span.bold &&
      !!prev.strong === !!span.strong &&
      !!prev.italic === !!span.italic &&
      prev.link === span.link
    )
      prev.text += text;
    else spans.push(span);
  };
  const plain = (s: string): string =>
    decodeEntities(
      s
        .replace(/<\/?[a-z][^>]*>/gi, '')
        .replace(/\*\*|__|~~|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)/g, '')
        .replace(/\\([\\`*_{}[\]()#+\-.!|~$>])/g, '$1'),
    );
  // Tokens: code, math, links, images, autolinks, bold, italics.
  const re =
    /(`+)([\s\S]*?)\1|\$\$([^$]+)\$\$|(?<![\\\w$])\$([^$\s](?:[^$]*[^$\s])?)\$(?![\w$])|!\[([^\]]*)\]\([^)]*\)|\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|<((?:https?|mailto):[^>\s]+)>|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?"'»])|\*\*([^*]+)\*\*|__([^_]+)__/g;
  let at = 0;
  for (const m of line.matchAll(re)) {
    push(plain(line.slice(at, m.index)));
    at = m.index + m[0].length;
    if (m[1] !== undefined) push(m[2]!.trim() || m[2]!, { face: 'mono' });
    else if (m[3] !== undefined || m[4] !== undefined) {
      found.math = true;
      push(m[3] !== undefined ? `$$${m[3]}$$` : `$${m[4]}$`, { face: 'mono' });
    } else if (m[5] !== undefined) push(`[${plain(m[5])}]`);
    else if (m[6] !== undefined) push(plain(m[6]), { link: m[7] });
    else if (m[8] !== undefined) push(m[8], { link: m[8] });
    else if (m[9] !== undefined) push(m[9], { link: m[9] });
    else push(plain(m[10] ?? m[11] ?? ''), { bold: true, strong: true });
  }
  push(plain(line.slice(at)));
  return spans;
}

/** A block of Markdown → paragraphs at the given face and scale. */
export function flattenMarkdown(md: string, options: { face?: Span['face']; scale?: number } = {}): FlatMarkdown {
  const face = options.face ?? 'sans';
  const scale = options.scale ?? 1;
  const found = { math: false };
  const paras: Para[] = [];
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  let fence: string | undefined;
  let fenceFirst = false;
  let mathBlock: string[] | undefined;
  let buffer: Span[] = [];
  let bufferList: Pick<Para, 'list' | 'level'> | undefined;
  const flush = (): void => {
    if (buffer.length > 0) paras.push({ spans: buffer, scale, spaceBeforeEm: 0.3, ...bufferList });
    buffer = [];
    bufferList = undefined;
  };
  for (const raw of lines) {
    if (fence !== undefined) {
      if (raw.trim().startsWith(fence)) fence = undefined;
      else {
        paras.push({ spans: [{ text: raw.replace(/\t/g, '    ') || ' ', face: 'mono' }], scale: scale * 0.85, spaceBeforeEm: fenceFirst ? 0.4 : 0 });
        fenceFirst = false;
      }
      continue;
    }
    if (mathBlock !== undefined) {
      if (raw.trim().endsWith('$$')) {
        mathBlock.push(raw.trim().slice(0, -2));
        paras.push({ spans: [{ text: `$$${mathBlock.join(' ').trim()}$$`, face: 'mono' }], scale, spaceBeforeEm: 0.3 });
        mathBlock = undefined;
      } else mathBlock.push(raw.trim());
      continue;
    }
    const fenceOpen = /^\s*(```+|~~~+)/.exec(raw);
    if (fenceOpen) {
      flush();
      fence = fenceOpen[1];
      fenceFirst = true;
      continue;
    }
    const trimmed = raw.trim();
    if (trimmed.startsWith('$$') && !(trimmed.length > 2 && trimmed.endsWith('$$'))) {
      flush();
      found.math = true;
      mathBlock = [trimmed.slice(2)];
      continue;
    }
    if (trimmed === '' || /^(-{3,}|\*{3,}|_{3,})$/.test(trimmed) || /^<!--.*-->$/.test(trimmed)) {
      flush();
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(trimmed);
    const item = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/.exec(raw.replace(/^\s*>\s?/, ''));
    const ordered = item ? /^\s*\d/.test(raw.replace(/^\s*>\s?/, '')) : false;
    const text = trimmed.replace(/^>\s?/, '');
    if (heading) {
      flush();
      buffer = inlineSpans(heading[1]!.replace(/\s#+$/, ''), face, found).map((s) => ({ ...s, bold: true }));
      flush();
    } else if (item) {
      flush();
      bufferList = { list: ordered ? 'number' : 'bullet', level: Math.min(4, Math.floor(item[1]!.replace(/\t/g, '    ').length / 2)) };
      buffer = inlineSpans(item[2]!, face, found);
    } else {
      if (buffer.length > 0) buffer.push({ text: ' ', face });
      buffer.push(...inlineSpans(text, face, found));
    }
  }
  if (mathBlock) paras.push({ spans: [{ text: `$$${mathBlock.join(' ')}`, face: 'mono' }], scale, spaceBeforeEm: 0.3 });
  flush();
  found.math ||= paras.some((p) => p.spans.some((s) => s.face === 'mono' && s.text.startsWith('$')));
  return { paras, math: found.math };
}
