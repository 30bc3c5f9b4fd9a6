/**
 * Scholarly citations in a deck (issue 17): `citation_style:` and
 * `bibliography:` through the settings, each source's CSL item (its sidecar's
 * `bib: KEY`, else its metadata), `cite:` of works not quoted, citations on
 * slides and in notes in the style with the passage's page or paragraph,
 * the bibliography in the style's order and format on the sources slide,
 * numbering by first citation, errors at their lines, `--format bib`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/bib/library.js';
import { segments } from '../../src/deck/bib.js';
import { LecternError, type Problem } from '../../src/errors.js';
import { build } from '../../src/pipeline/build.js';
import { checkOutlines } from '../../src/pipeline/check.js';
import { createEngine, prepareOutline } from '../../src/pipeline/prepare.js';
import { runSettings } from '../../src/settings.js';
import { exampleProject, tempDir, writeFiles } from '../helpers/project.js';

const EXAMPLE = 'outlines/ussr-japan-1925.yaml';

const REFS = `@book{lensen1970,
  author = {Lensen, George Alexander},
  title = {Japanese Recognition of the {U.S.S.R.}: Soviet-Japanese Relations, 1921--1930},
  publisher = {The Diplomatic Press},
  address = {Tallahassee},
  year = {1970},
}
@article{gal2009,
  author = {Gal, Ofer and Chen-Morris, Raz and Smith, John},
  title = {Baroque Optics},
  journaltitle = {Early Science and Medicine},
  volume = {14},
  pages = {1--20},
  date = {2009},
  doi = {10.1163/157338209X425489},
}
@book{evil,
  author = {Mallory, Eve},
  title = {<script>alert(1)</script> [click](javascript:alert(1)) **bold** <!-- x -->},
  year = {2020},
  url = {https://example.org/a?b=1&c=<2>},
}
`;

/** A project: sources with sidecars, a bibliography, an outline (YAML lines), and a config if given. */
async function project(outline: string[], files: Record<string, string> = {}): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, {
    'sources/refs.bib': REFS,
    'sources/optics.txt': 'First paragraph about light.\n\nSecond paragraph about lenses.\n\nThird paragraph about mirrors.\n',
    'sources/optics.yaml': 'title: Baroque Optics\nlang: en\nbib: gal2009\npages: { p1: 1, p2: 2, p3: 3 }\n',
    'sources/notes.txt': 'A text nobody published.\n\nIts second paragraph.\n',
    'sources/notes.yaml': 'title: Lecture notes\nlang: en\n',
    'outlines/talk.yaml': outline.join('\n') + '\n',
    ...files,
  });
  return dir;
}

async function prepare(dir: string, set: string[] = [], file = 'outlines/talk.yaml') {
  const engine = createEngine(dir);
  return prepareOutline(engine, path.join(dir, file), { set, run: runSettings(engine.config, { set }, dir) });
}

async function problemsOf(run: () => Promise<unknown>): Promise<Problem[]> {
  try {
    await run();
  } catch (err) {
    if (err instanceof LecternError) return err.problems;
    throw err;
  }
  throw new Error('expected a LecternError');
}

const ENGLISH = [
  'title: Optics',
  'lang: en',
  'bibliography: ../sources/refs.bib',
  'sources:',
  '  optics: ../sources/optics.txt',
  '  notes: ../sources/notes.txt',
];

describe('the example lecture in GOST', () => {
  it('cites paragraphs by number on its slides and in its notes, and lists a GOST bibliography on the sources slide', async () => {
    const dir = await exampleProject();
    const { resolved, markdown, warnings } = await prepare(dir, [], EXAMPLE);
    const deck = resolved.deck;
    expect(deck.citationStyle).toEqual({ name: 'gost-r-7-0-5-2008-numeric', numeric: true });
    const lines = deck.slides.map((s) => s.citeLine).filter(Boolean);
    expect(lines).toContain('[1, п. 1]');
    expect(lines).toContain('[1, п. 2]');
    // The further reading, cited with cite: on the economy slide, is [2]; each work its own citation.
    expect(lines).toContain('[1, п. 3], [2]');
    const notes = deck.slides.flatMap((s) => s.notes.flatMap((n) => (n.citation ? [n.citation.short] : [])));
    expect(notes).toContain('[1, п. 2]');
    expect(deck.bibliography.map((b) => b.entry)).toEqual([
      '1. Установление дипломатических отношений между СССР и Японией // Учебник истории (фрагмент; издание не установлено).',
      '2. Lensen G.A. Japanese Recognition of the U.S.S.R.: Soviet-Japanese Relations, 1921–1930. Tokyo; Tallahassee: Sophia University; The Diplomatic Press, 1970.',
    ]);
    // Markdown: the cite line escaped, the notes without extra brackets, the bibliography as paragraphs in the style's numbers.
    expect(markdown).toContain('\\[1, п. 2\\]');
    expect(markdown).toContain('невмешательства во внутренние дела. \u2060[1, п. 2]');
    expect(markdown).toContain('<div class="bibliography csl">');
    expect(markdown).toContain('1\\. Установление дипломатических отношений между СССР и Японией // Учебник истории (фрагмент; издание не установлено).');
    expect(warnings.filter((w) => w.code.startsWith('bib/'))).toEqual([]);
  });

  it('with --set citation_style=apa: APA author-date cites and bibliography in the deck language (Russian terms)', async () => {
    const dir = await exampleProject();
    const { resolved, settings } = await prepare(dir, ['citation_style=apa'], EXAMPLE);
    expect(settings.citationStyle).toEqual({ value: 'apa', origin: 'command line' });
    const deck = resolved.deck;
    expect(deck.citationStyle).toEqual({ name: 'apa', numeric: false });
    const lines = deck.slides.map((s) => s.citeLine).filter(Boolean);
    expect(lines).toContain('(«Установление дипломатических отношений между СССР и Японией», б. д., п. 2)');
    expect(lines.some((l) => l.includes('Lensen, 1970'))).toBe(true);
    // APA sorts by author (the anonymous chapter by its title), in the Russian locale's collation: Cyrillic first.
    expect(deck.bibliography.map((b) => b.entry)).toEqual([
      'Установление дипломатических отношений между СССР и Японией. (б. д.). В Учебник истории (фрагмент; издание не установлено).',
      'Lensen, G. A. (1970). Japanese Recognition of the U.S.S.R.: Soviet-Japanese Relations, 1921–1930. Sophia University; The Diplomatic Press.',
    ]);
    expect(deck.bibliography[1]!.segments.find((s) => s.italic)?.text).toBe('Japanese Recognition of the U.S.S.R.: Soviet-Japanese Relations, 1921–1930');
  });

  it('an unknown style is an error at its line listing the named styles', async () => {
    const dir = await exampleProject();
    const file = path.join(dir, EXAMPLE);
    const text = await readFile(file, 'utf8');
    await writeFiles(dir, { [EXAMPLE]: text.replace('citation_style: gost', 'citation_style: gots') });
    const line = text.split('\n').findIndex((l) => l.startsWith('citation_style:')) + 1;
    const [problem] = await problemsOf(() => prepare(dir, [], EXAMPLE));
    expect(problem).toMatchObject({ code: 'bib/style', file, line, message: 'unknown citation style "gots"' });
    expect(problem!.hint).toContain('did you mean "gost"?');
    expect(problem!.hint).toContain('gost, gost-author-date, gost-alphabetical, apa, chicago, mla, ieee');
    // From the command line: said so, no line of the outline.
    const [cli] = await problemsOf(() => prepare(dir, ['citation_style=nosuchstyle'], EXAMPLE));
    expect(cli!.message).toBe('--set citation_style: unknown citation style "nosuchstyle"');
  });
});

describe('citations in a style', () => {
  it('in an English deck: the page of a paged source ("p."), APA author-date, and the style of the config when the outline names none', async () => {
    const dir = await project(
      [...ENGLISH, 'slides:', '  - title: Light', '    bullets:', '      - ref: optics#p2', '    notes:', '      - ref: optics#p2-p3', '  - layout: sources'],
      { 'lectern.config.yaml': 'citation_style: apa\n' },
    );
    const { resolved, settings } = await prepare(dir);
    expect(settings.citationStyle?.origin).toMatchObject({ file: path.join(dir, 'lectern.config.yaml'), line: 1 });
    const [slide] = resolved.deck.slides;
    expect(slide!.citeLine).toBe('(Gal et al., 2009, p. 2)');
    expect(slide!.notes[0]!.citation!.short).toBe('(Gal et al., 2009, pp. 2–3)');
    const entry = resolved.deck.bibliography[0]!;
    expect(entry.entry).toBe(
      'Gal, O., Chen-Morris, R., & Smith, J. (2009). Baroque Optics. Early Science and Medicine, 14, 1–20. https://doi.org/10.1163/157338209X425489',
    );
    expect(entry.segments.find((s) => s.href)).toEqual({
      text: 'https://doi.org/10.1163/157338209X425489',
      italic: false,
      bold: false,
      href: 'https://doi.org/10.1163/157338209X425489',
    });
  });

  it('in a Russian deck the same source in GOST: "[1, с. 2]"', async () => {
    const dir = await project(['title: Оптика', 'lang: ru', 'citation_style: gost', ...ENGLISH.slice(2), 'slides:', '  - bullets:', '      - ref: optics#p2']);
    const { resolved } = await prepare(dir);
    expect(resolved.deck.slides[0]!.citeLine).toBe('[1, с. 2]');
  });

  it('numeric styles number works by first citation across the deck; cite: with a locator and label', async () => {
    const dir = await project([
      ...ENGLISH,
      'citation_style: ieee',
      'slides:',
      '  - title: First',
      '    bullets:',
      '      - text: Lensen on recognition',
      '        cite: lensen1970',
      '        locator: "45"',
      '  - title: Second',
      '    cite: gal2009',
      '    locator: "3"',
      '    label: chapter',
      '    bullets:',
      '      - ref: optics#p1',
      '  - title: Third',
      '    bullets:',
      '      - text: Again',
      '        cite: lensen1970',
      '        locator: 10-12',
      '  - layout: sources',
    ]);
    const { resolved, markdown } = await prepare(dir);
    const lines = resolved.deck.slides.map((s) => s.citeLine);
    expect(lines.slice(0, 3)).toEqual(['[1, p. 45]', '[2, p. 1]', '[1, pp. 10–12]']);
    expect(resolved.deck.slides[1]!.cite?.short).toBe('[2, Ch. 3]');
    // The source without data keeps its place after the style's entries (and is warned about: below).
    expect(resolved.deck.bibliography.map((b) => b.name)).toEqual(['lensen1970', 'optics', 'notes']);
    expect(resolved.deck.bibliography[0]!.entry).toMatch(/^\[1\] G\. A\. Lensen, /);
    // The DOI as a link the template builds; the entry's text escaped.
    expect(markdown).toContain('doi: [10\\.1163/157338209X425489](<https://doi.org/10.1163/157338209X425489>)');
    expect(markdown).toContain('\\[1\\] G. A. Lensen, <em>Japanese Recognition');
  });

  it('a source without bibliographic data keeps its short title, and check warns at its line under sources:', async () => {
    const dir = await project([...ENGLISH, 'citation_style: apa', 'slides:', '  - bullets:', '      - ref: notes#p2', '      - ref: optics#p1']);
    const { resolved } = await prepare(dir);
    expect(resolved.deck.slides[0]!.citeLine).toBe('(Gal et al., 2009, p. 1); Lecture notes, para. 2');
    const problems = await checkOutlines({ cwd: dir, outlines: ['outlines/talk.yaml'] });
    const missing = problems.filter((p) => p.code === 'bib/missing-data');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ severity: 'warning', file: path.join(dir, 'outlines/talk.yaml'), line: 6 });
    expect(missing[0]!.message).toContain('source "notes" has no bibliographic data');
  });

  it('without a style: short titles exactly as before; a cite: reads "Title, p. 45"', async () => {
    const dir = await project([
      ...ENGLISH,
      'slides:',
      '  - bullets:',
      '      - ref: optics#p2',
      '      - text: See',
      '        cite: lensen1970',
      '        locator: "45"',
    ]);
    const { resolved } = await prepare(dir);
    expect(resolved.deck.citationStyle).toBeNull();
    expect(resolved.deck.slides[0]!.citeLine).toBe('Baroque Optics, para. 2, p. 2; Japanese Recognition of the U.S.S.R., p. 45');
    expect(resolved.deck.bibliography.map((b) => b.name)).toEqual(['optics', 'notes', 'lensen1970']);
  });

  it('bibliography text is data: no HTML, Markdown or javascript: link from a .bib reaches the deck', async () => {
    const dir = await project([
      ...ENGLISH,
      'citation_style: apa',
      'slides:',
      '  - bullets:',
      '      - text: Evil',
      '        cite: evil',
      '  - layout: sources',
    ]);
    const { markdown, resolved } = await prepare(dir);
    const body = markdown.slice(markdown.indexOf('bibliography csl'));
    expect(body).not.toContain('<script');
    expect(body).not.toContain('<!-- x');
    expect(body).not.toMatch(/(?<!\\)\]\(javascript/);
    expect(body).toContain('&lt;script&gt;');
    expect(body).toContain('\\[click\\](javascript:alert(1)) \\*\\*bold\\*\\*');
    // The URL is a link with its angle brackets percent-encoded.
    expect(body).toContain('(<https://example.org/a?b=1&c=%3C2%3E>)');
    expect(resolved.deck.bibliography[0]!.segments.every((s) => !s.href || s.href.startsWith('https://'))).toBe(true);
  });
});

describe('errors at their lines', () => {
  it('an unknown bib: key at the sidecar line, an unknown cite: key at the outline line, each with did-you-mean', async () => {
    const dir = await project(
      [...ENGLISH, 'citation_style: gost', 'slides:', '  - bullets:', '      - text: Lensen', '        cite: lensen1907', '      - ref: optics#p1'],
      {
        'sources/optics.yaml': 'title: Baroque Optics\nlang: en\nbib: gal2090\n',
      },
    );
    const problems = await problemsOf(() => prepare(dir));
    expect(problems.map((p) => [p.code, path.relative(dir, p.file!), p.line, p.hint])).toEqual(
      expect.arrayContaining([
        ['bib/unknown-key', 'sources/optics.yaml', 3, 'did you mean "gal2009"?'],
        ['bib/unknown-key', 'outlines/talk.yaml', 11, 'did you mean "lensen1970"?'],
      ]),
    );
  });

  it('a cite: with a ref is refused; locator without cite: too', async () => {
    const dir = await project([
      ...ENGLISH,
      'slides:',
      '  - bullets:',
      '      - ref: optics#p1',
      '        cite: gal2009',
      '      - text: x',
      '        locator: "4"',
    ]);
    const problems = await problemsOf(() => prepare(dir));
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ['cite/with-ref', 10],
      ['cite/no-key', 12],
    ]);
  });
});

describe('--format bib', () => {
  it('writes NAME.bib and NAME.csl.json of the works the deck cites, which read back', async () => {
    const dir = await exampleProject();
    const result = await build({ cwd: dir, outlines: [EXAMPLE], formats: ['bib'] });
    expect(result.outputs.map((o) => path.basename(o.file))).toEqual(['ussr-japan-1925.bib', 'ussr-japan-1925.csl.json']);
    const bib = path.join(dir, 'out/ussr-japan-1925.bib');
    const text = await readFile(bib, 'utf8');
    expect(text).toContain('@book{lensen1970,');
    expect(text).toContain('Установление дипломатических отношений между СССР и Японией');
    const library = await loadLibrary([bib, path.join(dir, 'out/ussr-japan-1925.csl.json')]);
    expect([...library.items.keys()]).toEqual(['conv', 'lensen1970']);
    // The same works in both files (the second file's keys are duplicates of the first's).
    expect(library.problems.map((p) => p.code)).toEqual(['bib/duplicate-key', 'bib/duplicate-key']);
    expect(library.items.get('lensen1970')!.csl.author).toEqual([{ family: 'Lensen', given: 'George Alexander' }]);
    const json = JSON.parse(await readFile(path.join(dir, 'out/ussr-japan-1925.csl.json'), 'utf8')) as Array<{ id: string; type: string }>;
    expect(json.map((i) => [i.id, i.type])).toEqual([
      ['conv', 'chapter'],
      ['lensen1970', 'book'],
    ]);
    // Cached like the other outputs.
    const again = await build({ cwd: dir, outlines: [EXAMPLE], formats: ['bib'] });
    expect(again.outputs).toHaveLength(2);
  });
});

describe('segments of citeproc HTML', () => {
  it('keeps italics, bold and http(s) links, drops every other tag, decodes entities', () => {
    expect(
      segments(
        '<div class="csl-entry"><div class="csl-left-margin">[1]</div><div class="csl-right-inline">A &amp; B, <i>T&lt;i&gt;tle</i>. <b>5</b> <a href="javascript:x">bad</a> <a href="https://x.org/?a=1&amp;b=2">https://x.org</a></div></div>',
      ),
    ).toEqual([
      { text: '[1] A & B, ', italic: false, bold: false, href: '' },
      { text: 'T<i>tle', italic: true, bold: false, href: '' },
      { text: '. ', italic: false, bold: false, href: '' },
      { text: '5', italic: false, bold: true, href: '' },
      { text: ' bad ', italic: false, bold: false, href: '' },
      { text: 'https://x.org', italic: false, bold: false, href: 'https://x.org/?a=1&b=2' },
    ]);
  });
});
