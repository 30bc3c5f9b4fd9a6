import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LecternError } from '../../../src/errors.js';
import { htmlBlocks, readHtml } from '../../../src/sources/formats/html.js';
import type { TextBlock } from '../../../src/sources/formats/types.js';

const DIR = path.resolve(__dirname, '../../fixtures/sources/html');
const read = (name: string) => {
  const file = path.join(DIR, name);
  return readHtml(new Uint8Array(readFileSync(file)), file, { lang: 'en' });
};
const shown = (blocks: TextBlock[]) =>
  blocks.map((b) =>
    b.kind === 'heading' ? `${'#'.repeat(b.level!)} ${b.text}` : b.kind === 'body' ? b.text : `[${b.kind}${b.note ? ` ${b.note}` : ''}] ${b.text}`,
  );

afterEach(() => vi.restoreAllMocks());

describe('readHtml: a saved Wikipedia-like article', () => {
  it('gives the article only: paragraphs, list items, quotes, sections and the caption in order, then the references', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const doc = await read('tallow-candle.html');
    expect(shown(doc.blocks)).toEqual([
      'A tallow candle is a candle made from tallow, the rendered fat of cattle or sheep. Such candles were the common light of European households for centuries, because tallow was cheap and came from the kitchen and the slaughterhouse.',
      'Tallow candles smoked, smelled of burnt fat and needed their wicks trimmed often, yet they gave a steady, useful flame for reading in the evening.',
      '## Manufacture',
      'Candle makers, called chandlers, melted the fat, strained it and dipped the wicks again and again, letting each layer cool before the next one was added to the candle.',
      '[caption] Chandlers dipping wicks into melted tallow, after an engraving of 1760',
      'The work was done in this order:',
      'rendering the fat and straining it through cloth;',
      'twisting and cutting the wicks;',
      'dipping the wicks in rows, about thirty times.',
      '## Decline',
      'Stearin and paraffin candles, which burned cleaner and brighter, replaced tallow in the nineteenth century.',
      "The light of a tallow candle is a yellow light, and a poor man's light.",
      '[footnote 1] Smith, John. Lights of the Household. London, 1902, p. 14.',
      '[footnote 2] Brown, Mary. Chandlers and Their Trade. 1911.',
      '[footnote 3] Green, Peter. The End of Tallow. 1930.',
    ]);
    expect(doc.warnings).toEqual([]);
    expect(doc.pages).toBeUndefined();
    // The page's script never ran and nothing was fetched.
    const all = doc.blocks.map((b) => b.text).join('\n');
    expect(all).not.toMatch(/SCRIPT|ONLOAD|ONERROR/);
    expect(doc.meta.title).toBe('Tallow candle');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('leaves out navigation, sidebar, infobox table, edit links, contents, footer and reference marks', async () => {
    const body = (await read('tallow-candle.html')).blocks
      .filter((b) => b.kind !== 'footnote')
      .map((b) => b.text)
      .join('\n');
    for (const gone of [
      'Main page',
      'Navigation',
      'What links here',
      'Advertisement',
      'Rendered animal fat',
      'Braided cotton',
      'Material',
      'edit',
      'Contents',
      'Candle ·',
      'Gas lighting',
      'Categories',
      'Creative Commons',
      'last edited',
      'Jump to',
      'citation needed',
      'References',
      '[1]',
      '[2]',
      '[3]',
      '^',
      'Smith',
      'From Wikipedia',
    ]) {
      expect(body).not.toContain(gone);
    }
  });

  it('reads the metadata defaults from the page', async () => {
    expect((await read('tallow-candle.html')).meta).toEqual({
      title: 'Tallow candle',
      author: 'Contributors to Wikipedia',
      year: '2019',
      publisher: 'Wikipedia',
      url: 'https://en.wikipedia.org/wiki/Tallow_candle',
      lang: 'en',
    });
  });
});

describe('readHtml: a Russian page in windows-1251', () => {
  it('decodes the declared charset and keeps the article, footnotes apart', async () => {
    const doc = await read('kerosinovaya-lampa.html');
    expect(shown(doc.blocks)).toEqual([
      '# Керосиновая лампа',
      'Керосиновая лампа пришла в русские дома во второй половине XIX века и быстро вытеснила лучину и сальную свечу. Свет её был ровным и ярким, а керосин стоил недорого.',
      '## Устройство',
      'Лампа состоит из резервуара, горелки с фитилём и стеклянного колпака, который усиливает тягу.',
      'Фитиль поднимали и опускали колёсиком, чтобы\u00A0пламя не коптило.',
      '## Судьба',
      'В деревнях керосиновые лампы горели до середины XX века, пока не пришло электричество. Их берегли, чистили стекло каждый вечер и заправляли керосином из жестяного бидона.',
      'Сегодня такую лампу чаще встретишь в музее или на даче, где её зажигают, когда отключают свет, и вспоминают, как читали при ней долгими зимними вечерами.',
      '[footnote 1] По данным переписи 1897 года.',
      '[footnote 2] Колпак называли «лампово\u0301е стекло».',
    ]);
    const text = doc.blocks.map((b) => b.text).join('\n');
    for (const gone of ['Новости', 'Популярное', 'Комментарии', 'бабушки', 'Все права', 'Резервуар', 'Латунь', 'Скрипт', 'СКРИПТ', '↩'])
      expect(text).not.toContain(gone);
    expect(doc.meta).toEqual({
      title: 'Керосиновая лампа',
      author: 'Анна Петрова',
      year: '1998',
      publisher: 'Свет и быт',
      url: 'https://svet.example.org/stati/kerosinovaya-lampa',
      lang: 'ru',
    });
  });
});

describe('htmlBlocks', () => {
  const blocks = (html: string, article = false) => shown(htmlBlocks(html, { file: 'x.html', article }).blocks);

  it('collapses whitespace, NFC, drops invisible characters, splits paragraphs at double <br>', () => {
    expect(blocks('<body><p>  a\n\t b\u00AD c  e\u0301 </p><div>one<br>two<br><br>three</div></body>')).toEqual(['a b c é', 'one two', 'three']);
  });

  it('reads XHTML self-closing elements as empty', () => {
    const xhtml = '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>a<span id="x"/>b</p><p>c</p></body></html>';
    expect(blocks(xhtml)).toEqual(['ab', 'c']);
  });

  it('takes footnotes with their marks from EPUB asides and note references', () => {
    const html =
      '<body><p>Text<a epub:type="noteref" href="#n1">*</a> here.</p><aside epub:type="footnote" id="n1"><p>The note.</p></aside><p>More.</p><p role="doc-footnote">2. Own mark.</p></body>';
    expect(blocks(html)).toEqual(['Text here.', 'More.', '[footnote *] The note.', '[footnote 2] Own mark.']);
  });

  it('keeps the text of a layout table, leaves a data table out', () => {
    expect(blocks('<body><table><tr><td><p>Laid out.</p></td></tr></table><table><tr><td>1</td><td>2</td></tr></table></body>')).toEqual(['Laid out.']);
  });

  it('says where wanted anchors fall', () => {
    const html = '<body><p>One two<span id="p2"></span> three.</p><span id="p3"></span><p>Four.</p></body>';
    const { anchors } = htmlBlocks(html, { file: 'x', article: false, anchors: new Set(['p2', 'p3']) });
    expect(Object.fromEntries(anchors)).toEqual({ p2: { block: 0, at: 8 }, p3: { block: 1, at: 0 } });
  });

  it('refuses a page that is not UTF-8 and declares nothing else', async () => {
    const bytes = new Uint8Array([...Buffer.from('<html><body><p>'), 0xcf, 0xf0, ...Buffer.from('</p></body></html>')]);
    await expect(readHtml(bytes, 'x.html', { lang: 'ru' })).rejects.toThrow(LecternError);
    await expect(readHtml(bytes, 'x.html', { lang: 'ru' })).rejects.toMatchObject({ code: 'source/not-utf8' });
  });
});
