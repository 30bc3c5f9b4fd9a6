/**
 * Bibliography files (issue 17): a Zotero/JabRef-style BibLaTeX export, the same works as CSL-JSON
 * and RIS, entries split before parsing so that a broken one fails alone at its line, duplicate
 * keys across files, did-you-mean for unknown keys, and the cache by content.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatOf, loadLibrary, suggestKey } from '../../src/bib/library.js';
import { splitBibtex, splitCslJson, splitRis } from '../../src/bib/split.js';
import { ROOT, tempDir } from '../helpers/project.js';

const FIXTURES = path.join(ROOT, 'tests/fixtures/bib');
const fixture = (name: string) => path.join(FIXTURES, name);

describe('the BibLaTeX export', () => {
  it('reads every entry with its line, escapes decoded, fields mapped to CSL', async () => {
    const lib = await loadLibrary([fixture('library.bib')]);
    expect(lib.problems).toEqual([]);
    expect([...lib.items.keys()]).toEqual([
      'tarle1941',
      'kliuchevskii1904',
      'vygotsky1934',
      'goedel1931',
      'watson1953',
      'erdos1959',
      'kuhn1962',
      'hobsbawm1983',
      'nash1950',
      'who2020',
      'un1945',
    ]);
    expect(lib.items.get('tarle1941')).toMatchObject({ file: fixture('library.bib'), line: 4 });
    const goedel = lib.items.get('goedel1931')!.csl;
    expect(goedel).toMatchObject({
      type: 'article-journal',
      author: [{ family: 'Gödel', given: 'Kurt' }],
      title: 'Über formal unentscheidbare Sätze der Principia Mathematica und verwandter Systeme I',
      'container-title': 'Monatshefte für Mathematik und Physik',
      DOI: '10.1007/BF01700692',
      language: 'de',
    });
    expect(lib.items.get('erdos1959')!.csl.author).toEqual([
      { family: 'Erdős', given: 'Paul' },
      { family: 'Rényi', given: 'Alfréd' },
    ]);
    // BibTeX's year and month, BibLaTeX's urldate, @string macros, a thesis's type, Russian names and langid.
    expect(lib.items.get('watson1953')!.csl.issued).toEqual({ 'date-parts': [[1953, 4]] });
    expect(lib.items.get('who2020')!.csl).toMatchObject({ type: 'webpage', accessed: { 'date-parts': [[2024, 3, 1]] } });
    expect(lib.items.get('hobsbawm1983')!.csl).toMatchObject({
      type: 'chapter',
      publisher: 'Cambridge University Press',
      editor: [{ family: 'Hobsbawm' }, { family: 'Ranger' }],
    });
    expect(lib.items.get('nash1950')!.csl).toMatchObject({ type: 'thesis', genre: 'PhD thesis', publisher: 'Princeton University' });
    expect(lib.items.get('tarle1941')!.csl).toMatchObject({ author: [{ family: 'Тарле', given: 'Евгений Викторович' }], language: 'ru' });
    expect(lib.items.get('un1945')!.csl.author).toEqual([{ family: 'United Nations' }]);
  });

  it('reads the same works from CSL-JSON and RIS', async () => {
    const bib = await loadLibrary([fixture('library.bib')]);
    const json = await loadLibrary([fixture('library.json')]);
    expect(json.problems).toEqual([]);
    expect([...json.items.keys()]).toEqual(['tarle1941', 'goedel1931', 'watson1953', 'hobsbawm1983', 'nash1950', 'who2020']);
    expect(json.items.get('watson1953')!.line).toBe(26);
    const ris = await loadLibrary([fixture('library.ris')]);
    expect(ris.problems).toEqual([]);
    // Zotero's RIS has no ID: a key from the first author and the year; Mendeley's ID is kept (watson1953).
    expect([...ris.items.keys()]).toEqual(['тарле1941', 'gödel1931', 'watson1953', 'hobsbawm1983', 'nash1950', 'worldhealthorganization2020']);
    expect(ris.items.get('watson1953')!.line).toBe(24);
    for (const [key, risKey] of [
      ['goedel1931', 'gödel1931'],
      ['watson1953', 'watson1953'],
      ['hobsbawm1983', 'hobsbawm1983'],
    ]) {
      const fields = ['title', 'container-title', 'volume', 'DOI', 'author', 'issued'];
      const pick = (o: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, o[f]]));
      expect(pick(ris.items.get(risKey!)!.csl), key).toEqual(pick(bib.items.get(key!)!.csl));
      expect(pick(json.items.get(key!)!.csl), key).toEqual(pick(bib.items.get(key!)!.csl));
    }
  });
});

describe('a broken entry', () => {
  it('fails alone, at its line, and the others are read', async () => {
    const lib = await loadLibrary([fixture('broken.bib')]);
    expect([...lib.items.keys()]).toEqual(['first2001', 'third2003']);
    expect(lib.items.get('third2003')!.line).toBe(15);
    expect(lib.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'bib/entry',
        file: fixture('broken.bib'),
        line: 8,
        message: 'the brace that opens @article{broken2002 does not close before the next entry (line 15)',
      }),
    ]);
  });

  it('with balanced braces but bad syntax is located at the line of the mistake', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'refs.bib');
    await writeFile(file, '@book{a1, title = {A}, year = 2001}\n\n@book{b2,\n  title = {B}\n  year = {2002},\n}\n\n@book{c3, title = {C}, year = 2003}\n');
    const lib = await loadLibrary([file]);
    expect([...lib.items.keys()]).toEqual(['a1', 'c3']);
    expect(lib.problems).toHaveLength(1);
    expect(lib.problems[0]).toMatchObject({ code: 'bib/entry', file, line: 5 });
    expect(lib.problems[0]!.message).toBe('@book{b2} cannot be read: expected a closing brace, found a field name in "year = {2002}," (column 3)');
  });

  it('in CSL-JSON and RIS fails alone too', async () => {
    const dir = await tempDir();
    const json = path.join(dir, 'refs.json');
    await writeFile(
      json,
      '[\n  {"id": "a", "type": "book", "title": "A"},\n  {"id": "b", "type": "book", "title": "B",},\n  {"id": "c", "title": "C"},\n  {"id": "d", "type": "book", "issued": "2004-05"}\n]\n',
    );
    const lib = await loadLibrary([json]);
    expect([...lib.items.keys()]).toEqual(['a', 'd']);
    expect(lib.items.get('d')!.csl.issued).toEqual({ 'date-parts': [[2004, 5]] });
    expect(lib.problems.map((p) => [p.line, p.message])).toEqual([
      [3, expect.stringContaining('this item is not valid JSON')],
      [4, 'item "c" has no "type"'],
    ]);
    const ris = path.join(dir, 'refs.ris');
    await writeFile(ris, 'TY  - BOOK\nID  - one\nTI  - One\nER  - \n\nTY  - BOOK\nID  - two\nTI  - Two\n\nTY  - BOOK\nID  - three\nTI  - Three\nER  - \n');
    const r = await loadLibrary([ris]);
    expect([...r.items.keys()]).toEqual(['one', 'three']);
    expect(r.problems).toEqual([expect.objectContaining({ line: 6, message: 'this RIS record has no `ER  -` line before the next `TY  -`' })]);
  });
});

describe('keys', () => {
  it('defined twice across files name both places; the first is kept', async () => {
    const dir = await tempDir();
    const other = path.join(dir, 'more.bib');
    await writeFile(other, '@book{extra, title = {Extra}, year = 2000}\n\n@book{kuhn1962,\n  title = {Another Kuhn}, year = 1970}\n');
    const lib = await loadLibrary([fixture('library.bib'), other]);
    expect(lib.items.get('kuhn1962')!.file).toBe(fixture('library.bib'));
    expect(lib.items.has('extra')).toBe(true);
    expect(lib.problems).toEqual([
      expect.objectContaining({
        code: 'bib/duplicate-key',
        file: other,
        line: 3,
        message: `the key "kuhn1962" is defined twice: here and at ${path.relative(dir, fixture('library.bib'))}:68`,
      }),
    ]);
  });

  it('unknown ones get did-you-mean from the library', async () => {
    const lib = await loadLibrary([fixture('library.bib')]);
    expect(suggestKey('tarle1914', lib)).toBe('did you mean "tarle1941"?');
    expect(suggestKey('kuhn', lib)).toContain('kuhn1962');
    expect(suggestKey('x', { items: new Map(), problems: [] })).toBe('the bibliography files have no entries');
  });
});

describe('files', () => {
  it('a missing or unknown file is a problem, not an exception', async () => {
    const dir = await tempDir();
    const lib = await loadLibrary([path.join(dir, 'nope.bib')]);
    expect(lib.problems[0]).toMatchObject({ code: 'bib/read', message: 'the bibliography file does not exist' });
    await writeFile(path.join(dir, 'notes.txt'), 'just some notes\n');
    expect((await loadLibrary([path.join(dir, 'notes.txt')])).problems[0]).toMatchObject({ code: 'bib/format' });
  });

  it('are known by extension, else by content', () => {
    expect(formatOf('a.bib', '')).toBe('bibtex');
    expect(formatOf('a.biblatex', '')).toBe('bibtex');
    expect(formatOf('a.json', '')).toBe('csl-json');
    expect(formatOf('a.ris', '')).toBe('ris');
    expect(formatOf('export.txt', 'TY  - BOOK\nER  - \n')).toBe('ris');
    expect(formatOf('export.txt', '\n@article{x,\n}')).toBe('bibtex');
    expect(formatOf('export', ' [ {"id": 1} ]')).toBe('csl-json');
  });

  it('are parsed once per content: the second load is from memory', async () => {
    const dir = await tempDir();
    const a = path.join(dir, 'a.bib');
    const b = path.join(dir, 'b.bib');
    const text = '@book{same, title = {Same}, year = 2000}\n';
    await writeFile(a, text);
    await writeFile(b, text);
    const first = await loadLibrary([a]);
    const second = await loadLibrary([b]);
    expect(second.items.get('same')!.csl).toBe(first.items.get('same')!.csl);
    expect(second.items.get('same')!.file).toBe(b);
  });
});

describe('a file edited', () => {
  it('is read again: changed and new entries parsed, unchanged ones reused at their new lines', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'refs.bib');
    const entry = (key: string, title: string) => `@book{${key},\n  title = {${title}},\n  year = 2000,\n}\n\n`;
    await writeFile(file, entry('a', 'Alpha') + entry('b', 'Beta') + entry('c', 'Gamma'));
    expect((await loadLibrary([file])).items.get('b')!.csl.title).toBe('Beta');
    await writeFile(file, entry('new', 'New') + entry('a', 'Alpha') + entry('b', 'Beta, revised') + entry('c', 'Gamma'));
    const lib = await loadLibrary([file]);
    expect([...lib.items.values()].map((i) => [i.id, i.csl.title, i.line])).toEqual([
      ['new', 'New', 1],
      ['a', 'Alpha', 6],
      ['b', 'Beta, revised', 11],
      ['c', 'Gamma', 16],
    ]);
  });
});

describe('splitting', () => {
  it('BibTeX: entries at @type{ at a line start, braces tracked, @string kept apart, @comment skipped', () => {
    const split = splitBibtex(
      '@string{p = {Press}}\n% a comment\n@Book{a,\n  title = {A {nested} title},\n  note = "with } in quotes?"\n}\n@comment{jabref}\n@misc(b, title = {B})\n',
    );
    expect(split.strings).toHaveLength(1);
    expect(split.entries.map((e) => [e.key, e.type, e.line])).toEqual([
      ['a', 'book', 3],
      ['b', 'misc', 8],
    ]);
    expect(splitBibtex('@book{, title = {x}}\n').problems[0]).toMatchObject({ line: 1, message: '@book has no citation key' });
  });

  it('RIS: TY to ER; CSL-JSON: each item apart', () => {
    expect(splitRis('TY  - BOOK\nTI  - A\nER  -\nTY  - JOUR\nER  - \n').entries.map((e) => [e.line, e.type])).toEqual([
      [1, 'BOOK'],
      [4, 'JOUR'],
    ]);
    expect(splitCslJson('[{"id": "a", "title": "x]{"}, {"id": "b"}]').entries.map((e) => e.text)).toEqual(['{"id": "a", "title": "x]{"}', '{"id": "b"}']);
    expect(splitCslJson('{"id": "a"}').entries).toHaveLength(1);
    expect(splitCslJson('"nope"').problems[0]!.message).toContain('a CSL-JSON file is a list of items');
  });
});
