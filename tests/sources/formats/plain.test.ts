/**
 * Plain text that lost its structure (issue 16): src/sources/formats/plain.ts.
 * Texts that are fine keep exactly the paragraphs they have always had; hard
 * wrapping, hyphenation, one long line and run-in headings are undone in the
 * damaged copies of tests/fixtures/sources/plain/ (made by make-fixtures.mjs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainBlocks } from '../../../src/sources/formats/plain.js';
import type { TextBlock } from '../../../src/sources/formats/types.js';
import { textBlocks } from '../../../src/sources/source.js';
import { decodeSourceText } from '../../../src/sources/text.js';
import { makeBytes, type Expect } from '../../robustness/corpus.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/sources/plain');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const auto = (body: string, lang = 'en') => plainBlocks(body, { lang, structure: 'auto' });
const bodies = (blocks: TextBlock[]) => blocks.filter((b) => b.kind === 'body').map((b) => b.text);
const headings = (blocks: TextBlock[]) => blocks.filter((b) => b.kind === 'heading').map((b) => [b.level, b.text]);
const norm = (text: string) => text.replace(/\s+/g, ' ').trim();
/** The paragraphs of a text as written: blank-separated, or one per line. */
const paragraphsOf = (file: string) => textBlocks(readFileSync(path.join(ROOT, file), 'utf8')).map((b) => norm(b.text));
/** What src/sources/source.ts has always made of a plain text, as blocks. */
const today = (body: string): TextBlock[] => textBlocks(body).map((b) => ({ kind: 'body', text: b.text }));

function txtFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      // The damaged copies are this test's own fixtures; out/ holds build products.
      if (full === FIXTURES || name === 'out' || name === 'node_modules') continue;
      out.push(...txtFiles(full));
    } else if (name.endsWith('.txt')) out.push(full);
  }
  return out;
}

describe('texts that are fine keep their paragraphs', () => {
  const files = ['sources', 'tests/fixtures', 'tests/lectures', 'tests/robustness'].flatMap((d) => txtFiles(path.join(ROOT, d)));

  it('finds the repository’s texts', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(files.some((f) => f.endsWith('ussr-japan-1925.txt'))).toBe(true);
  });

  for (const file of files) {
    const rel = path.relative(ROOT, file);
    it(rel, () => {
      const body = decodeSourceText(readFileSync(file), file).text;
      const before = today(body);
      for (const lang of ['ru', 'en']) {
        expect(plainBlocks(body, { lang, structure: 'off' }).blocks).toEqual(before);
        const found = auto(body, lang);
        expect(found.blocks).toEqual(before);
        expect(found.inferred).toEqual([]);
      }
    });
  }

  // The robustness corpus generates its large and odd sources; every one that decodes is read as it always was.
  const cases = path.join(ROOT, 'tests/robustness/cases');
  const seen = new Set<string>();
  for (const category of readdirSync(cases)) {
    for (const name of readdirSync(path.join(cases, category))) {
      const expectFile = path.join(cases, category, name, 'expect.json');
      let spec: Expect;
      try {
        spec = JSON.parse(readFileSync(expectFile, 'utf8')) as Expect;
      } catch {
        continue;
      }
      for (const [rel, fileSpec] of Object.entries(spec.generate ?? {})) {
        // (Two cases generate the same 4 MB line: read it once.)
        if (!rel.endsWith('.txt') || seen.has(JSON.stringify(fileSpec))) continue;
        seen.add(JSON.stringify(fileSpec));
        it(`${category}/${name}/${rel} (generated)`, () => {
          const bytes = makeBytes(fileSpec);
          if (bytes.length > 20 * 1024 * 1024) return; // refused before it is read
          let body: string;
          try {
            body = decodeSourceText(bytes, rel).text;
          } catch {
            return; // not UTF-8: refused before it is read
          }
          const started = Date.now();
          const found = auto(body, 'ru');
          expect(Date.now() - started).toBeLessThan(5000);
          expect(found.blocks).toEqual(today(body));
          expect(found.inferred).toEqual([]);
        });
      }
    }
  }
});

describe('structure: off', () => {
  it('reads the damaged copies exactly as written', () => {
    for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.txt'))) {
      const body = fixture(name);
      expect(plainBlocks(body, { lang: 'ru', structure: 'off' })).toEqual({ blocks: today(body), inferred: [] });
    }
  });
});

describe('hard-wrapped lines', () => {
  it('rejoins a wrapped English text with blank lines between paragraphs, joining a hyphenated word', () => {
    const { blocks, inferred } = auto(fixture('voyage-wrapped.txt'));
    expect(bodies(blocks)).toEqual(paragraphsOf('tests/lectures/darwin/sources/voyage.txt'));
    expect(inferred).toEqual([
      'lines 1–30 are hard-wrapped at about 72 characters: rejoined into 5 paragraphs at blank lines',
      '1 hyphenated line end joined (pas-sion → passion)',
    ]);
  });

  it('rejoins a wrapped Russian text whose paragraphs begin with an indented line, keeping real compounds', () => {
    const { blocks, inferred } = auto(fixture('ussr-japan-wrapped.txt'), 'ru');
    expect(bodies(blocks)).toEqual(paragraphsOf('sources/ussr-japan-1925.txt'));
    expect(headings(blocks)).toEqual([]);
    expect(inferred[0]).toBe(
      'lines 1–47 are hard-wrapped at about 72 characters: rejoined into 5 paragraphs, each ending before an indented line or after a short line that ends a sentence',
    );
    expect(inferred[1]).toMatch(/^14 hyphenated line ends joined \(дип-ломатические → дипломатические, Совет-ского → Советского, /);
    expect(inferred).toHaveLength(2);
  });

  it('ends paragraphs at short lines that end a sentence when nothing else marks them', () => {
    const { blocks, inferred } = auto(fixture('reform-1918-wrapped.txt'), 'ru');
    expect(bodies(blocks)).toEqual(paragraphsOf('tests/lectures/orthography/sources/reform-1918.txt'));
    expect(inferred).toEqual([
      'lines 1–20 are hard-wrapped at about 64 characters: rejoined into 4 paragraphs, each ending before an indented line or after a short line that ends a sentence',
      '5 hyphenated line ends joined (совеща-ние → совещание, перес-тал → перестал, про-должали → продолжали, десятиле-тий → десятилетий, дореволю-ционной → дореволюционной)',
    ]);
  });

  it('reads a Project Gutenberg-style file: title, chapter heading over two lines, "--" dashes, compounds at line ends', () => {
    const { blocks, inferred } = auto(fixture('beagle-gutenberg.txt'));
    const expected = JSON.parse(fixture('beagle-gutenberg.expected.json')) as Array<[string, string]>;
    expect(bodies(blocks)).toEqual(expected.filter(([kind]) => kind === 'body').map(([, text]) => text));
    expect(headings(blocks)).toEqual([
      [1, 'THE VOYAGE OF THE BEAGLE'],
      [1, 'CHAPTER I. ST. JAGO--CAPE DE VERD ISLANDS'],
    ]);
    expect(blocks[0]).toEqual({ kind: 'heading', text: 'THE VOYAGE OF THE BEAGLE', level: 1 });
    expect(inferred).toEqual([
      'lines 1–45 are hard-wrapped at about 70 characters: rejoined into 5 paragraphs at blank lines',
      '2 headings found: “THE VOYAGE OF THE BEAGLE”, “CHAPTER I. ST. JAGO--CAPE DE VERD ISLANDS”',
    ]);
  });

  it('joins a hyphenated line end unless the hyphenated compound occurs elsewhere', () => {
    const wrapped = [
      'The compiler reads the whole program before it emits any code at all. It',
      'builds a tree of the program and then checks the types of every expres-',
      'sion in it, so that a type-specialized version of each function can be',
      'made. We compile each function once, and the compiler keeps the result',
      'for the next run. Nothing is compiled twice, and nothing is lost when it',
      "is run again on another machine of the same kind: the compiler's type-",
      'specialized functions are kept, and so is the tree. Nothing is recom-',
      'piled.',
    ].join('\n');
    const { blocks, inferred } = auto(wrapped);
    expect(bodies(blocks)).toEqual([
      'The compiler reads the whole program before it emits any code at all. It builds a tree of the program and then checks the types of every ' +
        'expression in it, so that a type-specialized version of each function can be made. We compile each function once, and the compiler keeps ' +
        "the result for the next run. Nothing is compiled twice, and nothing is lost when it is run again on another machine of the same kind: the compiler's " +
        'type-specialized functions are kept, and so is the tree. Nothing is recompiled.',
    ]);
    expect(inferred).toEqual([
      'lines 1–8 are hard-wrapped at about 72 characters: rejoined into 1 paragraph',
      '2 hyphenated line ends joined (expres-sion → expression, recom-piled → recompiled); 1 kept as a hyphen (type-specialized)',
    ]);
  });

  it('keeps the hyphen before a capitalised continuation, after a one-letter part, between numbers', () => {
    const wrapped = [
      'The Anglo-Saxon chronicle was kept by monks in several places for some',
      'centuries. It begins with the coming of the Romans and ends in 1154, in',
      'a single copy kept at Peterborough by the monks of the abbey. The Anglo-',
      'Saxon of its last pages is already close to the English of later times.',
      'Under the ultraviolet lamp the manuscript shows erased lines beneath the',
      'ink, and an X-ray photograph of the binding shows the same thing: an X-',
      'ray finds what the lamp finds, and a later hand at work in the 1120s-',
      '1130s, writing in the margins of the older pages of the manuscript.',
    ].join('\n');
    const { blocks, inferred } = auto(wrapped);
    expect(bodies(blocks)).toEqual([
      'The Anglo-Saxon chronicle was kept by monks in several places for some centuries. It begins with the coming of the Romans and ends in 1154, in ' +
        'a single copy kept at Peterborough by the monks of the abbey. The Anglo-Saxon of its last pages is already close to the English of later times. ' +
        'Under the ultraviolet lamp the manuscript shows erased lines beneath the ink, and an X-ray photograph of the binding shows the same thing: an X-ray ' +
        'finds what the lamp finds, and a later hand at work in the 1120s-1130s, writing in the margins of the older pages of the manuscript.',
    ]);
    expect(inferred).toEqual([
      'lines 1–8 are hard-wrapped at about 72 characters: rejoined into 1 paragraph',
      '3 hyphenated line ends kept as a hyphen (Anglo-Saxon, X-ray, 1120s-1130s)',
    ]);
  });

  it('drops a soft hyphen at a line end', () => {
    const lines = readFileSync(path.join(FIXTURES, 'voyage-wrapped.txt'), 'utf8').replace('pas-\nsion', 'pas\u00AD\nsion');
    expect(bodies(auto(lines).blocks)).toEqual(paragraphsOf('tests/lectures/darwin/sources/voyage.txt'));
    expect(auto(lines).inferred[1]).toBe('1 hyphenated line end joined (pas-sion → passion)');
  });

  it('does not take verse, a list or one paragraph per line for wrapping', () => {
    const verse = [
      'Whose woods these are I think I know.',
      'His house is in the village though;',
      'He will not see me stopping here',
      'To watch his woods fill up with snow.',
      'My little horse must think it queer',
      'To stop without a farmhouse near',
      'Between the woods and frozen lake',
      'The darkest evening of the year.',
    ].join('\n');
    expect(auto(verse)).toEqual({ blocks: today(verse), inferred: [] });
    const list = Array.from({ length: 30 }, (_, k) => `- item number ${k + 1} of the list, which says little`).join('\n');
    expect(auto(list)).toEqual({ blocks: today(list), inferred: [] });
    const lines = paragraphsOf('tests/lectures/darwin/sources/voyage.txt')
      .flatMap((p) => p.split(/(?<=\.) /))
      .join('\n');
    expect(auto(lines)).toEqual({ blocks: today(lines), inferred: [] });
  });
});

describe('headings', () => {
  it('cuts headings run into the first line of paragraphs', () => {
    const { blocks, inferred } = auto(fixture('reform-1918-headings.txt'), 'ru');
    expect(bodies(blocks)).toEqual(paragraphsOf('tests/lectures/orthography/sources/reform-1918.txt'));
    expect(headings(blocks)).toEqual([
      [1, 'ГЛАВА 1. ПОДГОТОВКА РЕФОРМЫ'],
      [1, 'Глава 2'],
      [2, '§ 3. ДЕКРЕТЫ'],
      [1, 'ГЛАВА 4. ПОСЛЕДСТВИЯ'],
    ]);
    expect(inferred).toEqual([
      '4 headings found: «ГЛАВА 1. ПОДГОТОВКА РЕФОРМЫ», «Глава 2», «§ 3. ДЕКРЕТЫ», «ГЛАВА 4. ПОСЛЕДСТВИЯ» (level 1 for the chapters, level 2 for the others); all were run into the text after them and cut off',
    ]);
  });

  it('finds numbered and capitals headings on lines of their own, one paragraph per line', () => {
    const text = ['ГЛАВА ПЕРВАЯ', 'Первый абзац главы. Второе предложение.', 'Второй абзац.', 'Глава 2', 'Абзац второй главы.', 'II.', 'Последний абзац.'].join(
      '\n',
    );
    const { blocks, inferred } = auto(text, 'ru');
    expect(blocks).toEqual([
      { kind: 'heading', text: 'ГЛАВА ПЕРВАЯ', level: 1 },
      { kind: 'body', text: 'Первый абзац главы. Второе предложение.' },
      { kind: 'body', text: 'Второй абзац.' },
      { kind: 'heading', text: 'Глава 2', level: 1 },
      { kind: 'body', text: 'Абзац второй главы.' },
      { kind: 'heading', text: 'II.', level: 2 },
      { kind: 'body', text: 'Последний абзац.' },
    ]);
    expect(inferred).toEqual(['3 headings found: «ГЛАВА ПЕРВАЯ», «Глава 2», «II.» (level 1 for the chapters, level 2 for the others)']);
  });

  it('finds Roman-numbered and capitals headings between blank-separated paragraphs', () => {
    const text = 'ВВЕДЕНИЕ\n\nПервый абзац введения.\n\nI. Общие положения\n\nАбзац о положениях.\n\nII. ПОРЯДОК РАБОТЫ\n\nАбзац о порядке.\n';
    const { blocks, inferred } = auto(text, 'ru');
    expect(headings(blocks)).toEqual([
      [1, 'ВВЕДЕНИЕ'],
      [2, 'I. Общие положения'],
      [2, 'II. ПОРЯДОК РАБОТЫ'],
    ]);
    expect(bodies(blocks)).toEqual(['Первый абзац введения.', 'Абзац о положениях.', 'Абзац о порядке.']);
    expect(inferred).toEqual([
      '3 headings found: «ВВЕДЕНИЕ», «I. Общие положения», «II. ПОРЯДОК РАБОТЫ» (level 1 for the headings in capitals, level 2 for the others)',
    ]);
    // In English a Roman numeral needs a title in capitals or Title Case: "I. The rest" is a sentence.
    expect(auto('I. think so, said he.\n\nAnd went.\n', 'en').inferred).toEqual([]);
  });

  it('leaves numbered legal paragraphs alone', () => {
    const text =
      '§ 1. Стороны обязуются соблюдать договор.\n§ 2. Договор вступает в силу после ратификации.\nArticle 3. The parties shall consult each other.\n';
    expect(auto(text, 'ru')).toEqual({ blocks: today(text), inferred: [] });
  });

  it('leaves sentence-case titles fused to the text alone (no clear evidence)', () => {
    const body = readFileSync(path.join(ROOT, 'sources/ussr-japan-1925.txt'), 'utf8');
    expect(auto(body, 'ru').blocks[0]!.text.startsWith('Установление дипломатических отношений между СССР и Японией После')).toBe(true);
  });

  it('does not make a heading of a last line, a short sentence, or capitals that are an acronym', () => {
    for (const text of ['Текст.\nГЛАВА 2', 'Текст.\nКонец.\nДалее.', 'СССР и США подписали договор.\nНАТО\nТекст.', 'First.\n\nTHE END.\n']) {
      expect(auto(text, 'ru')).toEqual({ blocks: today(text), inferred: [] });
    }
  });
});

describe('one long line', () => {
  it('cuts where two spaces follow a sentence', () => {
    const { blocks, inferred } = auto(fixture('ussr-japan-one-line.txt'), 'ru');
    expect(bodies(blocks)).toEqual(paragraphsOf('sources/ussr-japan-1925.txt'));
    expect(inferred).toEqual(['one line of 3 071 characters: cut into 5 paragraphs at 4 places where two spaces follow a sentence']);
  });

  it('cuts before sections numbered in order', () => {
    const { blocks, inferred } = auto(fixture('annual-message-numbered.txt'));
    expect(bodies(blocks)).toEqual(JSON.parse(fixture('annual-message-numbered.expected.json')));
    expect(inferred).toEqual(['one line of 15,565 characters: cut into 6 paragraphs at 5 numbered sections after a sentence']);
  });

  it('cuts before headings run into the text after a sentence', () => {
    const { blocks, inferred } = auto(fixture('voyage-headings-one-line.txt'));
    expect(bodies(blocks)).toEqual(paragraphsOf('tests/lectures/darwin/sources/voyage.txt'));
    expect(headings(blocks).map(([, t]) => t)).toEqual([
      'CHAPTER I. SHREWSBURY AND CAMBRIDGE',
      'CHAPTER II. THE VOYAGE',
      'CHAPTER III. NOTEBOOKS',
      'Chapter IV',
      'CHAPTER V. THE ARGUMENT',
    ]);
    expect(inferred).toEqual([
      'one line of 1,683 characters: cut into 5 paragraphs at 4 headings after a sentence',
      '5 headings found: “CHAPTER I. SHREWSBURY AND CAMBRIDGE”, “CHAPTER II. THE VOYAGE”, “CHAPTER III. NOTEBOOKS”, “Chapter IV”, “CHAPTER V. THE ARGUMENT”; all were run into the text after them and cut off',
    ]);
  });

  it('leaves a long line alone without markers, or with two spaces after every sentence', () => {
    const message = readFileSync(path.join(ROOT, 'tests/fixtures/sources/annual-message.txt'), 'utf8');
    expect(auto(message).inferred).toEqual([]);
    const typewriter = message.replace(/\. (?=[A-Z])/g, '.  ');
    expect(auto(typewriter)).toEqual({ blocks: today(typewriter), inferred: [] });
    const unordered = '3. First part. ' + 'Some words here. '.repeat(200) + '7. Another part. ' + 'More words here. '.repeat(200) + '1. Last part.';
    expect(auto(unordered).inferred).toEqual([]);
  });
});

describe('pathological input stays fast', () => {
  const time = (body: string) => {
    const started = Date.now();
    const found = auto(body, 'ru');
    return { ms: Date.now() - started, found };
  };

  it('a 20 MB single line', () => {
    const { ms, found } = time('Пекинская конвенция была подписана 20 января 1925 года.  '.repeat((20 * 1024 * 1024) / 100));
    expect(ms).toBeLessThan(15_000);
    expect(found.blocks.length).toBeGreaterThan(0);
  });

  it('a million short lines', () => {
    const { ms, found } = time(Array.from({ length: 1_000_000 }, (_, k) => `строка ${k}`).join('\n'));
    expect(ms).toBeLessThan(10_000);
    expect(found.inferred).toEqual([]);
  });

  it('fifty thousand wrapped lines with hyphens, and long runs of spaces, letters, headings and periods', () => {
    const { ms, found } = time(fixture('ussr-japan-wrapped.txt').repeat(1000));
    expect(ms).toBeLessThan(10_000);
    expect(found.blocks).toHaveLength(5000);
    for (const body of [
      ' '.repeat(5_000_000) + 'x.',
      'a'.repeat(5_000_000) + '-\nb',
      'ГЛАВА '.repeat(500_000),
      '. '.repeat(1_000_000) + 'A',
      'I. '.repeat(500_000),
    ]) {
      expect(time(body).ms).toBeLessThan(10_000);
    }
  });
});
