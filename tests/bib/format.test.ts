/**
 * Citations and bibliographies through citeproc-js in the named styles (issue 17). The expected
 * strings were checked by hand against each style's rules, as noted per style; they are what the
 * Debian CSL styles give, not a formatter of ours.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Citer, htmlText } from '../../src/bib/format.js';
import { loadLibrary, type CslItem, type Library } from '../../src/bib/library.js';
import { resolveStyle } from '../../src/bib/style.js';
import { ROOT } from '../helpers/project.js';

const FIXTURES = path.join(ROOT, 'tests/fixtures/bib');
let library: Library;
const items = (...ids: string[]): CslItem[] => (ids.length ? ids : [...library.items.keys()]).map((id) => library.items.get(id)!.csl);
const citer = async (style: string, lang: string, ...ids: string[]) => new Citer(await resolveStyle(style, ROOT), lang, items(...ids));
const entry = (c: Citer, id: string) => c.bibliography().find((e) => e.id === id)!.text;

beforeAll(async () => {
  library = await loadLibrary([path.join(FIXTURES, 'library.bib')]);
  expect(library.problems).toEqual([]);
});

describe('GOST R 7.0.5-2008, numeric (gost)', () => {
  it('cites "[N, с. X]" in a Russian deck, numbered by first citation', async () => {
    const c = await citer('gost', 'ru');
    expect(c.cite([{ id: 'goedel1931', locator: '175' }]).text).toBe('[1, с. 175]');
    expect(c.cite([{ id: 'tarle1941', locator: '45', label: 'page' }]).text).toBe('[2, с. 45]');
    // The first work keeps its number; a paragraph is "п." in Russian.
    expect(c.cite([{ id: 'goedel1931', locator: '2', label: 'paragraph' }]).text).toBe('[1, п. 2]');
    expect(c.cite([{ id: 'kuhn1962' }]).text).toBe('[3]');
    // The bibliography in order of first citation, then the works never cited, each once.
    const bib = c.bibliography();
    expect(bib.map((e) => e.id).slice(0, 3)).toEqual(['goedel1931', 'tarle1941', 'kuhn1962']);
    expect(new Set(bib.map((e) => e.id)).size).toBe(library.items.size);
    // GOST 7.0.5: heading "Family I.O." (this style writes initials without a space), title, place: publisher, year;
    // the volume area after; a journal article after "//" with the Russian terms of the deck: "Т.", "№", "С.".
    expect(bib[0]!.text).toBe(
      '1. Gödel K. Über formal unentscheidbare Sätze der Principia Mathematica und verwandter Systeme I // Monatshefte für Mathematik und Physik. 1931. Т. 38, № 1. С. 173–198.',
    );
    expect(bib[1]!.text).toBe('2. Тарле Е.В. Крымская война. Москва; Ленинград: Издательство Академии наук СССР, 1941. Т. 1.');
    // An online resource: "[Электронный ресурс]", "URL:" and "(дата обращения: DD.MM.YYYY)"; a corporate author whole.
    expect(entry(c, 'who2020')).toMatch(
      /^\d+\. World Health Organization\. Coronavirus disease \(COVID-19\) pandemic \[Электронный ресурс\]\. 2020\. URL: https:\/\/www\.who\.int\/emergencies\/diseases\/novel-coronavirus-2019 \(дата обращения: 01\.03\.2024\)\.$/,
    );
    // A chapter: "// Collection / под ред. Editors. Place: Publisher, Year. С. pages."
    expect(entry(c, 'hobsbawm1983')).toMatch(
      /^\d+\. Hobsbawm E\. Introduction: Inventing Traditions \/\/ The Invention of Tradition \/ под ред\. Hobsbawm E\., Ranger T\. Cambridge: Cambridge University Press, 1983\. С\. 1–14\.$/,
    );
  });

  it('uses the English terms in an English deck: the locale is forced over the style', async () => {
    const c = await citer('gost', 'en');
    expect(c.cite([{ id: 'goedel1931', locator: '175' }]).text).toBe('[1, p. 175]');
    expect(c.bibliography()[0]!.text).toContain('1931. Vol. 38, № 1. P. 173–198.');
  });
});

describe('GOST R 7.0.5-2008, author-date (gost-author-date)', () => {
  it('cites [Author, year, с. X] and sorts Cyrillic entries first', async () => {
    const c = await citer('gost-author-date', 'ru');
    expect(c.cite([{ id: 'tarle1941', locator: '45' }]).text).toBe('[Тарле, 1941, с. 45]');
    expect(c.cite([{ id: 'watson1953', locator: '737' }]).text).toBe('[Watson, Crick, 1953, с. 737]');
    const bib = c.bibliography();
    // Sorted by author in the Russian collation: Выготский, Ключевский, Тарле before the Latin names.
    expect(bib.slice(0, 3).map((e) => e.id)).toEqual(['vygotsky1934', 'kliuchevskii1904', 'tarle1941']);
    expect(bib[0]!.text).toBe('1. Выготский Л. С. Мышление и речь. Москва; Ленинград: Соцэкгиз, 1934.');
    expect(entry(c, 'watson1953')).toMatch(
      /^\d+\. Watson J\. D\., Crick F\. H\. C\. Molecular Structure of Nucleic Acids: A Structure for Deoxyribose Nucleic Acid \/\/ Nature\. 1953\. Т\. 171\. № 4356\. С\. 737–738\.$/,
    );
  });
});

describe('APA 7 (apa)', () => {
  it('cites (Author, year, p. X) in English, (…, с. X) in Russian', async () => {
    const en = await citer('apa', 'en');
    expect(en.cite([{ id: 'watson1953', locator: '737' }]).text).toBe('(Watson & Crick, 1953, p. 737)');
    expect(en.cite([{ id: 'goedel1931', locator: '2', label: 'paragraph' }]).text).toBe('(Gödel, 1931, para. 2)');
    expect(en.cite([{ id: 'kuhn1962' }, { id: 'erdos1959' }]).text).toBe('(Erdős & Rényi, 1959; Kuhn, 1962)');
    const ru = await citer('apa', 'ru');
    expect(ru.cite([{ id: 'tarle1941', locator: '45' }]).text).toBe('(Тарле, 1941, с. 45)');
  });

  it('formats the bibliography: Author, I. (Year). Title. Journal, vol(issue), pages. DOI as https://doi.org/', async () => {
    const c = await citer('apa', 'en');
    // APA 7 §9–10: initials after the family name, "&" before the last author, the year in parentheses,
    // the journal and volume in italics (see the HTML), issue in parentheses, the DOI as a URL.
    expect(entry(c, 'goedel1931')).toBe(
      'Gödel, K. (1931). Über formal unentscheidbare Sätze der Principia Mathematica und verwandter Systeme I. Monatshefte für Mathematik und Physik, 38(1), 173–198. https://doi.org/10.1007/BF01700692',
    );
    // A chapter: "In Editors (Eds.), Book (pp. x–y). Publisher." (no place in APA 7).
    expect(entry(c, 'hobsbawm1983')).toBe(
      'Hobsbawm, E. (1983). Introduction: Inventing Traditions. In E. Hobsbawm & T. Ranger (Eds.), The Invention of Tradition (pp. 1–14). Cambridge University Press.',
    );
    // A thesis: the kind in brackets, the university as publisher; a group author with a full stop.
    expect(entry(c, 'nash1950')).toBe('Nash, J. F. (1950). Non-Cooperative Games [PhD thesis]. Princeton University.');
    expect(entry(c, 'un1945')).toBe('United Nations. (1945). Charter of the United Nations and Statute of the International Court of Justice. United Nations.');
    const html = c.bibliography().find((e) => e.id === 'goedel1931')!.html;
    expect(html).toContain('<i>Monatshefte für Mathematik und Physik</i>, <i>38</i>(1)');
    expect(html).toContain('<a href="https://doi.org/10.1007/BF01700692">https://doi.org/10.1007/BF01700692</a>');
  });
});

describe('Chicago author-date (chicago)', () => {
  it('cites (Author year, page) and formats full given names', async () => {
    const c = await citer('chicago', 'en');
    // CMOS 17 §15.9: no comma between author and year, the page after a comma without "p.".
    expect(c.cite([{ id: 'kuhn1962', locator: '52' }]).text).toBe('(Kuhn 1962, 52)');
    // §15.5: "In Book, edited by …, pages. Place: Publisher."; article titles in quotation marks, page ranges abbreviated (173–98).
    expect(entry(c, 'hobsbawm1983')).toBe(
      'Hobsbawm, Eric. 1983. “Introduction: Inventing Traditions.” In The Invention of Tradition, edited by Eric Hobsbawm and Terence Ranger, 1–14. Cambridge: Cambridge University Press.',
    );
    // A German title keeps its case (langid german): no English title case.
    expect(entry(c, 'goedel1931')).toBe(
      'Gödel, Kurt. 1931. “Über formal unentscheidbare Sätze der Principia Mathematica und verwandter Systeme I.” Monatshefte für Mathematik und Physik 38 (1): 173–98. https://doi.org/10.1007/BF01700692.',
    );
  });
});

describe('MLA 9 (mla)', () => {
  it('cites (Author page) and lists "Family, Given, and Given Family."', async () => {
    const c = await citer('mla', 'en');
    expect(c.cite([{ id: 'kuhn1962', locator: '52' }]).text).toBe('(Kuhn 52)');
    // MLA 9: container, "vol.", "no.", month abbreviated, "pp." with abbreviated range, DOI as a URL.
    expect(entry(c, 'watson1953')).toBe(
      'Watson, J. D., and F. H. C. Crick. “Molecular Structure of Nucleic Acids: A Structure for Deoxyribose Nucleic Acid.” Nature, vol. 171, no. 4356, Apr. 1953, pp. 737–38, https://doi.org/10.1038/171737a0.',
    );
    expect(entry(c, 'kuhn1962')).toBe('Kuhn, Thomas S. The Structure of Scientific Revolutions. University of Chicago Press, 1962.');
  });
});

describe('IEEE (ieee)', () => {
  it('cites [N, p. X] numbered by first citation and lists initials first', async () => {
    const c = await citer('ieee', 'en', 'watson1953', 'erdos1959', 'who2020');
    expect(c.cite([{ id: 'erdos1959', locator: '291' }]).text).toBe('[1, p. 291]');
    expect(c.cite([{ id: 'watson1953' }]).text).toBe('[2]');
    const bib = c.bibliography();
    expect(bib.map((e) => e.text)).toEqual([
      '[1] P. Erdős and A. Rényi, “On Random Graphs I,” Publicationes Mathematicae Debrecen, vol. 6, pp. 290–297, 1959.',
      '[2] J. D. Watson and F. H. C. Crick, “Molecular Structure of Nucleic Acids: A Structure for Deoxyribose Nucleic Acid,” Nature, vol. 171, no. 4356, pp. 737–738, Apr. 1953, doi: 10.1038/171737a0.',
      '[3] World Health Organization, “Coronavirus disease (COVID-19) pandemic,” 2020. https://www.who.int/emergencies/diseases/novel-coronavirus-2019 (accessed Mar. 01, 2024).',
    ]);
    expect(bib[2]!.html).toContain('<a href="https://www.who.int/emergencies/diseases/novel-coronavirus-2019">');
  });
});

describe('every entry in every named style', () => {
  it('formats without errors or empty entries', async () => {
    for (const [style, lang] of [
      ['gost', 'ru'],
      ['gost-author-date', 'ru'],
      ['apa', 'en'],
      ['chicago', 'en'],
      ['mla', 'en'],
      ['ieee', 'en'],
    ] as const) {
      const c = await citer(style, lang);
      for (const id of library.items.keys()) expect(c.cite([{ id, locator: '1' }]).text, `${style} ${id}`).not.toBe('');
      const bib = c.bibliography();
      expect(bib, style).toHaveLength(library.items.size);
      for (const e of bib) expect(e.text.length, `${style} ${e.id}`).toBeGreaterThan(20);
    }
  });
});

describe('safety', () => {
  const hostile: CslItem[] = [
    {
      id: 'x',
      type: 'book',
      title: '<script>alert(1)</script><img src=x onerror=alert(2)>',
      author: [{ family: '<b>Bold</b>' }],
      issued: { 'date-parts': [[2000]] },
    },
    { id: 'y', type: 'webpage', title: 'Page', URL: 'javascript:alert(1)', issued: { 'date-parts': [[2001]] } },
    { id: 'z', type: 'webpage', title: 'Quote', URL: 'https://example.org/a"onmouseover="alert(1)', issued: { 'date-parts': [[2002]] } },
  ];

  it('escapes the text of entries and makes links only to http(s) addresses', async () => {
    const c = new Citer(await resolveStyle('ieee', ROOT), 'en', hostile);
    const html = c
      .bibliography()
      .map((e) => e.html)
      .join('\n');
    expect(html).not.toMatch(/<script|<img|javascript/i);
    // CSL's rich-text markup in a field (<b>, <i>, <sup>, <sub>, small caps) becomes citeproc's own tags, without attributes.
    expect(html).toContain('<b>Bold</b>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;&#60;img src=x onerror=alert(2)&#62;');
    expect(html).not.toContain('"onmouseover');
    expect(html).toContain('<a href="https://example.org/a%22onmouseover=%22alert(1)">');
    expect(c.bibliography()[0]!.text).toContain('<script>alert(1)</script>');
  });

  it('refuses a key it was not given', async () => {
    const c = new Citer(await resolveStyle('apa', ROOT), 'en', hostile);
    expect(() => c.cite([{ id: 'nope' }])).toThrow(/"nope" is not among/);
  });
});

describe('a Citer after another with the same style, language and items', () => {
  it('answers the same calls from the last one, and the same as a fresh engine once they differ', async () => {
    const run = async (ids: string[]) => {
      const c = await citer('gost', 'ru', 'goedel1931', 'tarle1941', 'kuhn1962', 'watson1953');
      return { cites: ids.map((id) => c.cite([{ id, locator: '7' }]).text), bib: c.bibliography().map((e) => e.text) };
    };
    const first = await run(['goedel1931', 'tarle1941', 'goedel1931']);
    const started = performance.now();
    expect(await run(['goedel1931', 'tarle1941', 'goedel1931'])).toEqual(first);
    expect(performance.now() - started).toBeLessThan(50);
    // Differs at the second call: numbered as a fresh engine numbers it.
    const other = await run(['goedel1931', 'kuhn1962', 'tarle1941']);
    expect(other.cites).toEqual(['[1, с. 7]', '[2, с. 7]', '[3, с. 7]']);
    expect(other.bib.map((t) => t.split(' ')[1])).toEqual(['Gödel', 'Kuhn', 'Тарле', 'Watson']);
  });
});

describe('htmlText', () => {
  it('drops markup, joins a numbered entry and decodes entities', () => {
    expect(
      htmlText(
        '<div class="csl-entry">\n  <div class="csl-left-margin">[1]</div><div class="csl-right-inline">A &#38; B, <i>T</i> &amp; &lt;x&gt;</div>\n</div>',
      ),
    ).toBe('[1] A & B, T & <x>');
  });
});
