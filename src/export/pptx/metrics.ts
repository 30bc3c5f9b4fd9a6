/**
 * Advance widths of the lectern theme's fonts (PT Sans regular and bold, PT Serif regular and
 * bold), in thousandths of an em, for printable ASCII (U+0020–U+007E) and basic Cyrillic
 * (U+0400–U+045F): two base-36 digits a character. Read from the fonts-paratype TTFs by
 * tests/fixtures/export/make-metrics.mjs. Both families have 1.294 em of natural line height
 * (ascender 1018 + descender 276 of 1000), PT Mono 1.12 em and 0.6 em a character.
 */

const TABLES = {
  sans: '7f8h9bf5f5lhmm627s7s9re169a05y9uf5f5f5f5f5f5f5f5f5f56374e1e1e1c4tkg9g8fvi6ewedh0io8383gyedlzipj0fjj0gjerffi4fsn0h6fif58gak8gdwbc7sdsf0cjeye48vexf77g7fdb84mkf7ewf1ex9gbp9fezdekfebcycf9m6m9me1kuewk8cag7er838583pqr2kugykufdibg9fag8cailewmef1ixixgyhclzioj0ibfjfvfffdloh6j3gtodpdhildffg1otftdsewdva9f1e4ibc9f6f6dadzhxf0ewevf1cjb2cyiwebf8dmkgkxdticcwcxjzd7kue4f8a9d4bp7g7q7fkdlef8dakucyev',
  sansBold:
    '7186b6frfrncmm729393aien70a06ubcfrfrfrfrfrfrfrfrfrfr7h82enenencmtfgtgffjhzeie4gxi37x9ah8eam8i9imfwimgqeqfshfgqnyhlggez90bs90dwcc8sdsewc1eze48xewf57h7gdn86mdf5exf0ew9rbq9peyd9k1eldacqab6babenkueikkcqg1eq7x889apzqql2h8kufshrgtfugfcqj7einbemiiiih8hbm8i3imhrfwfjfsfsmahliygunxpbigm6ftfyoxg4dsexe1agfse4j9c0f5f5dlebiiexexesf0c1bmdajgelfje1kylrezjjdmcrkedzkue4faagcpbq7h8u7gl6lsfadlkudaes',
  serif:
    '6r93asetetmfo56r9j9jcxet7vbt7r9ketetetetetetetetetet9398etetetd5tkizh3hwjog6f4j4k89s9hhyf9o3kckkgkkkhpewh7ioj0pyimhwgy8jam8jdwbe94e1f5cyffdz9iemgb8d80ec8dnzgifdfqf8aoc1abfye3k8efe1dk9o6l9oeqjpg6kve3hvew9s9s9hplrmljhyjpicjyizgoh3e3j1g6qbfekjkjhyi7o3k8kkjygkhwh7icluimkchopuqpk2nggkhlqwhoe1f1eobzfxdzk2d6h0h0f1f3keh0fdgzfqcydse1k3efh2fin4ngg1kqe4dnlueqjpdzfybzd9c18d9o80klmig8f1jpe1gq',
  serifBold:
    '7i9ke0fpfpnkow80afafcvfp8ibi889kfpfpfpfpfpfpfpfpfpfp9j9ofpfpfpditkk9i1i4kggsfzjpldaca5jqg7pul2kyhskyjdfiiijvkespk8jehm90am90dube9rfhgcdggnexacfohs988wg798pohwgigxgdbzckb3haezlsfkeoec9u6j9ueqjpgsmcf3hxfiacaca5qxstnfjqjpj0l2k9hti1f3k7gssfg4lnlnjqjhpuldkyl2hsi4iij0njk8loj2ryt0lipuhsi2skj6fhg8fxcygtexmbduililgigem8iggiibgxdgf2eolzfkijgsp2pkhnn2fee9o1g8jpexhbcye0ck98ak8wm8oahjgijpeoi6',
} as const;

export type Face = keyof typeof TABLES | 'mono';

/** Natural line height of a face, in em (PowerPoint's and LibreOffice's "single" spacing). */
export function naturalLine(face: Face): number {
  return face === 'mono' ? 1.12 : 1.294;
}

const decoded = new Map<string, number[]>();

function table(face: keyof typeof TABLES): number[] {
  let t = decoded.get(face);
  if (!t) {
    const s = TABLES[face];
    t = [];
    for (let i = 0; i < s.length; i += 2) t.push(parseInt(s.slice(i, i + 2), 36) / 1000);
    decoded.set(face, t);
  }
  return t;
}

/** Width of one character in em; characters outside the tables are given generous widths. */
export function charWidth(ch: string, face: Face): number {
  if (face === 'mono') return 0.6;
  const t = table(face);
  const c = ch.codePointAt(0)!;
  if (c >= 0x20 && c <= 0x7e) return t[c - 0x20]!;
  if (c >= 0x400 && c <= 0x45f) return t[0x7f - 0x20 + c - 0x400]!;
  // Dashes, quotes, ellipsis and other punctuation of the General Punctuation block.
  if (c >= 0x2000 && c <= 0x206f) return c === 0x2014 || c === 0x2026 ? 1 : 0.55;
  // Wide scripts (CJK, Hangul, full-width forms) and emoji take a full em; other letters a wide Latin one.
  if ((c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef) || c >= 0x1f000) return 1;
  return 0.62;
}

/** Width of a text in em. */
export function textEm(text: string, face: Face): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch, face);
  return w;
}
