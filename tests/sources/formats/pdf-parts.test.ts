/**
 * The PDF reader's parts on plain data: the "is this real text" measure on
 * what pdf.js really gave for broken fonts, line-end hyphenation, page labels,
 * metadata defaults.
 */
import { describe, expect, it } from 'vitest';
import { fileMeta, pageLabels, ranges, roman } from '../../../src/sources/formats/pdf.js';
import { joinLines, WordEvidence } from '../../../src/sources/formats/pdf/hyphen.js';
import { judgeText } from '../../../src/sources/formats/pdf/quality.js';

describe('judgeText', () => {
  it('accepts prose in English and Russian, and a page of a table', () => {
    expect(judgeText('The first page has a good text layer. Its sentences can be cited.').ok).toBe(true);
    expect(judgeText('Этот абзац намеренно длинный, чтобы он начался на первой странице и закончился на второй.').ok).toBe(true);
    expect(judgeText('Program Generic Specialized\nlexer 1.2 0.9\nparser 2.8 2.1\n2024 1925 1926 1927').ok).toBe(true);
    expect(judgeText('Ein Straßenbahnfahrer überquert die Brücke über den Fluss, während es regnet.').ok).toBe(true);
    expect(judgeText('中华人民共和国是一个位于东亚的国家，首都是北京。').ok).toBe(true);
    expect(judgeText('45').ok).toBe(true);
  });

  it('rejects what pdf.js gave for fonts without a usable Unicode map (from the fixtures)', () => {
    // /ToUnicode removed: glyph ids read as character codes, spaces as U+0003.
    expect(judgeText('7KLV\u0003SDJH\u0003LV\u0003VHW\u0003LQ\u0003D\u0003IRQW\u0003ZKRVH\u00038QLFRGH\u0003PDS\u0003LV\u0003EURNHQ\u000f').ok).toBe(false);
    // The same shift with real spaces: words without vowels.
    expect(judgeText('7KLV SDJH LV VHW LQ D IRQW ZKRVH 8QLFRGH PDS LV EURNHQ VR LWV WH[W LV QRQVHQVH').ok).toBe(false);
    // A map onto Latin-1 and Latin Extended-A: mojibake with no spaces.
    expect(judgeText('÷ċČĖÃēĄĊĈÃČĖÃĖĈėÃČđÃĄÃĉĒđėÃĚċĒĖĈÃøđČĆĒćĈÃĐĄēÃČĖÃąĕĒĎĈđÏÃĖĒÃČėĖÃėĈěė').ok).toBe(false);
    // Private-use characters (pdf.js drops them: items with a width and no text).
    expect(judgeText('', 284.5, 284.5).ok).toBe(false);
    expect(judgeText('\uE041\uE042\uE043 \uE044\uE045 \uE046\uE047\uE048\uE049').ok).toBe(false);
    expect(judgeText('Th\uFFFDs p\uFFFDge h\uFFFDs r\uFFFDplacement ch\uFFFDr\uFFFDcters').ok).toBe(false);
    expect(judgeText('!"#$%&\'()*+,-./ !"#$%& ()*+,-./:;<=>?@[\\]^_`{|}~ !#$%&').ok).toBe(false);
  });
});

describe('joinLines', () => {
  const evidence = new WordEvidence();
  for (const line of ['we compile it', 'a type-specialized back end', 'кто-нибудь', 'пример']) evidence.add(line);

  it('joins a word the typesetter broke, keeps one hyphenated anyway', () => {
    expect(joinLines('and com-', 'pile the program', evidence)).toBe('and compile the program');
    expect(joinLines('Such type-', 'specialized code', evidence)).toBe('Such type-specialized code');
    expect(joinLines('a well-', 'known case', new WordEvidence())).toBe('a wellknown case');
  });

  it('keeps the hyphen before a capital or digit, after a compound, and for Russian particles', () => {
    expect(joinLines('the pre-', 'Soviet state', evidence)).toBe('the pre-Soviet state');
    expect(joinLines('COVID-', '19 cases', evidence)).toBe('COVID-19 cases');
    expect(joinLines('state-of-the-', 'art methods', evidence)).toBe('state-of-the-art methods');
    expect(joinLines('пришёл кто-', 'то другой', evidence)).toBe('пришёл кто-то другой');
    expect(joinLines('говорил по-', 'русски', evidence)).toBe('говорил по-русски');
    expect(joinLines('хороший при-', 'мер', evidence)).toBe('хороший пример');
  });

  it('spaces ordinary line ends; a dash against a word joins', () => {
    expect(joinLines('one', 'two', evidence)).toBe('one two');
    expect(joinLines('in 1914–', '1918', evidence)).toBe('in 1914–1918');
    expect(joinLines('слово —', 'другое', evidence)).toBe('слово — другое');
  });
});

describe('page labels and metadata', () => {
  it('roman numerals, ranges', () => {
    expect([1, 4, 9, 14, 40, 90, 1999].map(roman)).toEqual(['i', 'iv', 'ix', 'xiv', 'xl', 'xc', 'mcmxcix']);
    expect(ranges([3, 7, 8, 9, 12])).toBe('3, 7–9, 12');
  });

  it('page_offset before the PDF labels, the physical number last', () => {
    expect(pageLabels(4, 2, ['a', 'b', 'c', 'd'])).toEqual(['i', 'ii', '1', '2']);
    expect(pageLabels(3, undefined, ['i', '45', ''])).toEqual(['i', '45', '3']);
    expect(pageLabels(2, undefined, null)).toEqual(['1', '2']);
  });

  it('keeps real titles and names, not placeholders', () => {
    expect(fileMeta({ Title: 'On Compilers', Author: 'Ada Lecturer', CreationDate: "D:19991231235959+03'00'", Language: 'ru-RU' })).toEqual({
      title: 'On Compilers',
      author: 'Ada Lecturer',
      year: '1999',
      lang: 'ru',
    });
    expect(fileMeta({ Title: 'Microsoft Word - doc1.docx', Author: 'User' })).toEqual({});
    expect(fileMeta({ Title: 'untitled', Author: 'Administrator' })).toEqual({});
    expect(fileMeta({ Title: 'C:\\Users\\me\\thesis.pdf' })).toEqual({});
  });
});
