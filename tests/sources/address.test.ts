import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AddressError, formatAddress, parseAddress, selectAddress } from '../../src/sources/address.js';
import { findPassage, findSpan } from '../../src/sources/select.js';
import { loadSource, type Source } from '../../src/sources/source.js';
import { ROOT } from '../helpers/project.js';

let conv: Source;
beforeAll(async () => {
  conv = await loadSource(path.join(ROOT, 'sources/ussr-japan-1925.txt'), 'conv');
});

const select = (a: string) => selectAddress(conv, parseAddress(a));

describe('addresses', () => {
  it.each([
    ['conv#p2', 'conv#p2', ['p2.s1', 'p2.s2', 'p2.s3', 'p2.s4', 'p2.s5']],
    ['conv#p2.s3', 'conv#p2.s3', ['p2.s3']],
    ['conv#p2.s1-s3', 'conv#p2.s1-s3', ['p2.s1', 'p2.s2', 'p2.s3']],
    ['conv#p2-p3', 'conv#p2-p3', ['p2.s1', 'p2.s2', 'p2.s3', 'p2.s4', 'p2.s5', 'p3.s1', 'p3.s2', 'p3.s3']],
    ['conv#p2.s5-p3.s1', 'conv#p2.s5-p3.s1', ['p2.s5', 'p3.s1']],
  ])('%s selects its sentences', (address, canonical, ids) => {
    const passage = select(address);
    expect(passage.address).toBe(canonical);
    expect(passage.parts.flatMap((p) => p.sentences.map((s) => s.id))).toEqual(ids);
  });

  it('keeps paragraph breaks in a passage over several paragraphs', () => {
    expect(select('conv#p2-p3').text.split('\n\n')).toHaveLength(2);
  });

  it.each([
    ['conv#p9', 'paragraph p9 does not exist', 'p1'],
    ['conv#p2.s9', 'sentence p2.s9 does not exist (p2 has 5 sentences)', 'p2.s1 to p2.s5'],
    ['conv#p3-p2', 'reversed range', 'earlier'],
    ['conv#p2.s3-s1', 'reversed range', 'earlier'],
    ['conv#p0', 'numbering starts at 1', ''],
    ['conv#2', 'is not an address', 'SOURCE#p2'],
    ['conv', 'is not an address', 'SOURCE#p2.s3'],
  ])('%s is refused: %s', (address, message, hint) => {
    let err: unknown;
    try {
      select(address);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AddressError);
    expect((err as AddressError).message).toContain(message);
    expect((err as AddressError).hint ?? '').toContain(hint);
  });

  it('round-trips through formatAddress', () => {
    for (const a of ['x#p1', 'x#p1.s2', 'x#p1.s2-s4', 'x#p1-p3', 'x#p1.s2-p3.s1', 'x#p1-p2.s1']) expect(formatAddress(parseAddress(a))).toBe(a);
  });
});

describe('quote selectors', () => {
  it('finds the Portsmouth sentence after the corrections', () => {
    expect(findPassage(conv, 'никоим образом не означает').address).toBe('conv#p2.s5');
  });

  it('ignores case, ё/е, quote style, runs of whitespace and soft hyphens', () => {
    expect(findPassage(conv, 'ЭТО "НИКОИМ   ОБРАЗОМ не озна\u00ADчает').address).toBe('conv#p2.s5');
    expect(findPassage(conv, 'к 15 мая 1925 г. япония обязалась').address).toBe('conv#p2.s3');
    expect(findPassage(conv, 'своём стремлении').address).toBe('conv#p2.s4');
  });

  it('matches a quote shortened with … or […] as an ordered subsequence', () => {
    expect(findPassage(conv, 'Конвенция оставила … политическую ответственность').address).toBe('conv#p2.s5');
    expect(findPassage(conv, 'Япония обязалась [...] Северного Сахалина').address).toBe('conv#p2.s3');
  });

  it('covers several sentences when the text crosses a boundary', () => {
    expect(findPassage(conv, 'не спешило с ответом. Однако стабилизация').address).toBe('conv#p1.s2-s3');
  });

  it('lists the places of an ambiguous quote', () => {
    expect(() => findPassage(conv, 'конвенции')).toThrow(/ambiguous.*conv#p/);
  });

  it('suggests the nearest sentences for a quote that is not there', () => {
    try {
      findPassage(conv, 'Япония обещала вывести войска с Сахалина');
      expect.unreachable();
    } catch (e) {
      expect((e as AddressError).message).toContain('is not in "conv"');
      expect((e as AddressError).hint).toContain('conv#p2.s3');
    }
  });

  it('selects an exact span with from/to', () => {
    const span = findSpan(conv, 'Япония обязалась', 'Северного Сахалина');
    expect(span.text).toBe('Япония обязалась вывести свои войска с Северного Сахалина');
    expect(span.address).toBe('conv#p2.s3');
  });
});
