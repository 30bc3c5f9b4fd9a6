// `npm run build`, after tsc: packs the lectern theme for the sizes and
// languages decks use into dist/styles, so that a first build does not spend
// a third of a second in postcss (see StyleCache in src/render/marp.ts).
// Other themes, sizes and languages are packed on first use and kept in
// OUT/.lectern/styles.
import { rmSync, writeFileSync } from 'node:fs';
import { loadTemplateSet } from '../dist/compose/templates.js';
import { SlideRenderer } from '../dist/render/marp.js';

const dir = 'dist/styles';
rmSync(dir, { recursive: true, force: true });
const set = await loadTemplateSet([]);
const renderer = new SlideRenderer(set, { styles: { read: [], write: dir } });
for (const theme of set.themes.keys()) {
  for (const size of ['16:9', '4:3']) {
    for (const lang of ['ru', 'en']) {
      renderer.render(`---\nmarp: true\ntheme: "${theme}"\nsize: "${size}"\nlang: "${lang}"\n---\n\n# ${theme}\n`);
    }
  }
}

// The warm-up style of print pages (fontsDocument): the lectern theme at 16:9, the default.
const packed = renderer.render('---\nmarp: true\ntheme: "lectern"\nsize: "16:9"\nlang: "en"\n---\n\n# lectern\n').css;
writeFileSync(`${dir}/warm-up.css`, packed);
