/**
 * A source's CSL item from its sidecar (issue 17): CSL fields, and today's author/year/url/publisher
 * read as CSL, author strings split into names as people write them; and the sidecar's new keys
 * checked at their line with did-you-mean.
 */
import { describe, expect, it } from 'vitest';
import { oneName, sourceItem, splitNames } from '../../src/bib/source-item.js';
import { LecternError } from '../../src/errors.js';
import { parseMeta } from '../../src/sources/metadata.js';

const meta = (yaml: string) => parseMeta(yaml, '/x/book.yaml', 0);
const problem = (yaml: string) => {
  try {
    meta(yaml);
  } catch (err) {
    return (err as LecternError).problems[0]!;
  }
  throw new Error('no error');
};

describe('names', () => {
  it('are split as people write them', () => {
    expect(oneName('Иванов И. И.')).toEqual({ family: 'Иванов', given: 'И. И.' });
    expect(oneName('Иванов И.И.')).toEqual({ family: 'Иванов', given: 'И. И.' });
    expect(oneName('Е. В. Тарле')).toEqual({ family: 'Тарле', given: 'Е. В.' });
    expect(oneName('Тарле Евгений Викторович')).toEqual({ family: 'Тарле', given: 'Евгений Викторович' });
    expect(oneName('Ivan Ivanov')).toEqual({ family: 'Ivanov', given: 'Ivan' });
    expect(oneName('J. R. R. Tolkien')).toEqual({ family: 'Tolkien', given: 'J. R. R.' });
    expect(oneName('Ludwig van Beethoven')).toEqual({ family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' });
    expect(oneName('Smith, John')).toEqual({ family: 'Smith', given: 'John' });
    expect(oneName('Platon')).toEqual({ literal: 'Platon' });
  });

  it('several in one string: ";", "and", "и", or commas between whole names', () => {
    expect(splitNames('Smith, John; Doe, Jane')).toEqual([
      { family: 'Smith', given: 'John' },
      { family: 'Doe', given: 'Jane' },
    ]);
    expect(splitNames('A. Smith and B. Jones')).toEqual([
      { family: 'Smith', given: 'A.' },
      { family: 'Jones', given: 'B.' },
    ]);
    expect(splitNames('Е. В. Тарле, В. О. Ключевский')).toEqual([
      { family: 'Тарле', given: 'Е. В.' },
      { family: 'Ключевский', given: 'В. О.' },
    ]);
    expect(splitNames('Иванов, И. И.')).toEqual([{ family: 'Иванов', given: 'И. И.' }]);
    expect(splitNames('World Health Organization')).toEqual([{ literal: 'World Health Organization' }]);
    expect(splitNames('Министерство просвещения РСФСР')).toEqual([{ literal: 'Министерство просвещения РСФСР' }]);
  });
});

describe('sourceItem', () => {
  it("reads today's plain fields as CSL", () => {
    const m = meta('title: Крымская война\nauthor: Е. В. Тарле\nyear: 1941\npublisher: Изд-во АН СССР\nurl: https://example.org/tarle\nlang: ru\n');
    expect(sourceItem(m, 'tarle')).toEqual({
      id: 'tarle',
      type: 'book',
      title: 'Крымская война',
      author: [{ family: 'Тарле', given: 'Е. В.' }],
      issued: { 'date-parts': [[1941]] },
      publisher: 'Изд-во АН СССР',
      URL: 'https://example.org/tarle',
      language: 'ru',
    });
  });

  it('takes CSL fields: names as lists, issued, container-title, DOI, a type', () => {
    const m = meta(
      'title: On Random Graphs I\nauthor:\n  - Erdős, Paul\n  - { family: Rényi, given: Alfréd }\nissued: 1959\ntype: article-journal\ncontainer-title: Publicationes Mathematicae Debrecen\nvolume: 6\npage: 290–297\nlanguage: en\n',
    );
    expect(m.author).toBe('Erdős, Paul; Alfréd Rényi');
    expect(m.year).toBe('1959');
    expect(sourceItem(m, 'erdos')).toEqual({
      id: 'erdos',
      type: 'article-journal',
      title: 'On Random Graphs I',
      author: [
        { family: 'Erdős', given: 'Paul' },
        { family: 'Rényi', given: 'Alfréd' },
      ],
      issued: { 'date-parts': [[1959]] },
      'container-title': 'Publicationes Mathematicae Debrecen',
      volume: '6',
      page: '290–297',
      language: 'en',
    });
    expect(sourceItem(meta('title: X\nissued: "1905-09-05"\nURL: https://x.org\n'), 'x')).toMatchObject({
      type: 'webpage',
      issued: { 'date-parts': [[1905, 9, 5]] },
      URL: 'https://x.org',
    });
    expect(sourceItem(meta('title: Ch\ncontainer-title: Book\npublisher: P\neditor: Smith, John\n'), 'c')).toMatchObject({
      type: 'chapter',
      editor: [{ family: 'Smith', given: 'John' }],
    });
  });

  it('is undefined with nothing bibliographic beyond a title', () => {
    expect(sourceItem(meta('title: Only a title\nshort: Only\nlang: en\n'), 'a')).toBeUndefined();
    expect(sourceItem({}, 'a')).toBeUndefined();
  });
});

describe('the sidecar’s bibliographic keys', () => {
  it('reads bib: KEY with where it is written', () => {
    expect(meta('title: T\nbib: tarle1941\n').bib).toEqual({ key: 'tarle1941', at: { file: '/x/book.yaml', line: 2, column: 6 } });
    expect(problem('bib: "two words"\n')).toMatchObject({
      code: 'meta/field',
      line: 1,
      message: '"bib" must be the key of an entry of the bibliography files',
    });
  });

  it('locates mistakes with did-you-mean', () => {
    expect(problem('typ: book\n')).toMatchObject({ code: 'meta/unknown-key', hint: 'did you mean "type"?' });
    expect(problem('containertitle: Nature\n').hint).toContain('container-title');
    expect(problem('title: T\ntype: bok\n')).toMatchObject({ line: 2, message: '"bok" is not a CSL item type', hint: 'did you mean "book"?' });
    expect(problem('year: 1900\nissued: 1900\n')).toMatchObject({ line: 2, message: '"issued" and "year" both say when it was published' });
    expect(problem('url: https://a\nURL: https://b\n')).toMatchObject({ line: 2, message: '"URL" and "url" are the same field' });
    expect(problem('author:\n  - Smith, John\n  - { famly: Doe }\n')).toMatchObject({
      line: 3,
      message: 'unknown part "famly" of a name',
      hint: 'did you mean "family"?',
    });
    expect(problem('author:\n  - { given: Jane }\n')).toMatchObject({ line: 2, message: 'author 1 has no "family" (or "literal", for an institution)' });
    expect(problem('issued: { date-parts: [[nineteen]] }\n').message).toContain('"date-parts" must be [[year, month, day]]');
    expect(problem('page: { p1: 3 }\n').hint).toContain('`pages:`');
  });
});
