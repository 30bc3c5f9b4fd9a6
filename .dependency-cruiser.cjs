/**
 * The stage order, checked (npm run deps): a module imports only its own
 * stage and the stages below it, and nothing imports in a cycle. `draft` is
 * a command beside the pipeline: it reads sources and the deck's rules.
 * Ranks, highest first; a module may import modules of its own or a lower rank.
 */
const RANKS = [
  ['cli'],
  ['serve'],
  ['course'],
  ['pipeline', 'draft'],
  ['print', 'export'],
  ['render'],
  ['compose'],
  ['deck'],
  ['outline', 'sources', 'bib'],
  ['util'],
];
const rankOf = (stage) => RANKS.findIndex((r) => r.includes(stage));

/** For each stage, the stages above it: importing any of those is a violation. */
const upward = RANKS.flat().map((stage) => {
  const above = RANKS.slice(0, rankOf(stage)).flat();
  return {
    name: `no-upward-from-${stage}`,
    comment: `${stage} may import only stages at or below it (${RANKS.slice(rankOf(stage)).flat().join(', ')})`,
    severity: 'error',
    from: { path: `^src/${stage}/` },
    to: { path: above.length ? `^src/(${above.join('|')})/` : '^$' },
  };
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'no import cycles', from: {}, to: { circular: true } },
    {
      name: 'util-is-leaf',
      comment: 'src/util holds small shared helpers and imports nothing of Lectern but src/util and the error type',
      severity: 'error',
      from: { path: '^src/util/' },
      to: { path: '^src/', pathNot: '^src/(util/|errors\\.ts$|trace\\.ts$)' },
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
