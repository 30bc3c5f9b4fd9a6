/**
 * Writing the drafted outline: built line by line, every text scalar a JSON string (valid YAML,
 * safe with `#`, `: `, leading `-`, quotes…), with comments that say how to edit it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { messagesFor } from '../messages/index.js';
import type { Source } from '../sources/source.js';
import { isRussian } from '../util/lang.js';
import { rangeAddress } from './items.js';
import type { Plan } from './plan.js';
import { EN, RU } from './words.js';

/** A YAML scalar that is always read back as this exact string: a JSON string, with YAML's extra line breaks escaped. */
export function yamlString(s: string): string {
  return JSON.stringify(s).replace(/[\u0085\u2028\u2029\uFEFF]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line of a YAML comment: never a line break inside. */
function comment(s: string): string {
  return `# ${s.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ')}`.trimEnd();
}

/** The nearest folder above `from` holding `rel` (a file or folder), or undefined. */
function findUp(from: string, rel: string): string | undefined {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, rel))) return path.join(dir, rel);
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

const posix = (p: string) => p.split(path.sep).join('/');

/** Where the user probably runs lectern: the config's folder, else the folder above outlines/, else the outline's. */
function projectRoot(outDir: string): string {
  const config = findUp(outDir, 'lectern.config.yaml');
  if (config) return path.dirname(config);
  return path.basename(outDir) === 'outlines' ? path.dirname(outDir) : outDir;
}

/** A path for a command line: relative, forward slashes, quoted when it has spaces. */
function shellPath(p: string): string {
  return /^[\w./@%+=:,-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

export function writeYaml(plan: Plan, source: Source, lang: string, output: string): string {
  const words = isRussian(lang) ? RU : EN;
  const outDir = path.dirname(output);
  const root = projectRoot(outDir);
  const lines: string[] = [];
  const schema = findUp(outDir, path.join('schema', 'outline.schema.json'));
  if (schema) {
    let rel = posix(path.relative(outDir, schema));
    if (!rel.startsWith('.')) rel = `./${rel}`;
    lines.push(`# yaml-language-server: $schema=${rel}`, '#');
  }
  const fromRoot = (p: string) => shellPath(posix(path.relative(root, p)) || '.');
  for (const l of words.head({
    name: source.name,
    source: posix(path.relative(root, source.file)),
    passages: fromRoot(source.file),
    outline: fromRoot(output),
    titleFrom: plan.titleFrom,
    target: plan.target,
    total: plan.total,
  })) {
    lines.push(l ? comment(l) : '#');
  }
  const sourcePath = posix(path.relative(outDir, source.file)) || path.basename(source.file);
  lines.push(
    `title: ${yamlString(plan.title)}`,
    `lang: ${yamlString(lang)}`,
    'sources:',
    `  ${source.name}: ${yamlString(sourcePath)}`,
    '',
    comment(words.slidesNote),
    'slides:',
    '  - id: title',
    '    layout: title',
    '',
    '  - id: agenda',
    '    layout: agenda',
  );
  plan.sections.forEach((section, si) => {
    const n = si + 1;
    lines.push('', `  ${comment(words.sectionNote(rangeAddress(source, section.items), section.titledBy))}`);
    lines.push(`  - id: section-${n}`, '    layout: section', `    title: ${yamlString(section.title)}`);
    let b = 0;
    let q = 0;
    for (const slide of section.slides) {
      lines.push('');
      if (slide.kind === 'bullets') {
        b++;
        if (b === 1) lines.push(`  ${comment(words.bulletsNote)}`);
        lines.push(`  - id: part-${n}-${b}`, `    title: ${yamlString(slide.title)}`, '    bullets:');
        for (const bullet of slide.bullets) {
          if (bullet.text !== undefined) {
            lines.push(`      - text: ${yamlString(bullet.text)}`, `        ref: ${yamlString(bullet.item.address)}`);
          } else {
            lines.push(`      - ref: ${yamlString(bullet.item.address)}`);
          }
        }
        if (slide.notes) lines.push('    notes:', `      - ref: ${yamlString(slide.notes)}`);
      } else {
        q++;
        lines.push(`  ${comment(words.quoteNote)}`);
        lines.push(`  - id: quote-${n}-${q}`, '    layout: quote', `    title: ${yamlString(slide.title)}`, '    quote:');
        if (slide.find !== undefined) lines.push(`      find: ${yamlString(slide.find)}`, `      # ref: ${slide.item.address}`);
        else lines.push(`      ref: ${yamlString(slide.item.address)}`);
        if (slide.text !== undefined) lines.push(`      text: ${yamlString(slide.text)}`);
      }
    }
  });
  if (plan.timeline.length) {
    lines.push(
      '',
      `  ${comment(words.timelineNote)}`,
      '  - id: timeline',
      '    layout: timeline',
      `    title: ${yamlString(messagesFor(lang).draft.timeline)}`,
      '    timeline:',
    );
    for (const e of plan.timeline) {
      lines.push(`      - date: ${yamlString(e.label)}`, `        text: ${yamlString(e.text)}`, `        ref: ${yamlString(e.address)}`);
    }
  }
  lines.push('', '  - id: sources', '    layout: sources', '');
  return lines.join('\n');
}
