// Every installed package (dependencies and devDependencies, with theirs)
// must run on every Node version the project declares in package.json
// `engines.node`: its own `engines.node`, if any, must admit them all
// (semver.subset). A package that needs a newer Node fails here, not on a
// lecturer's machine.
import { readFileSync } from 'node:fs';
import semver from 'semver';

const project = JSON.parse(readFileSync('package.json', 'utf8'));
const declared = project.engines?.node;
if (!declared) {
  console.error('package.json declares no engines.node');
  process.exit(1);
}
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const bad = [];
let checked = 0;
for (const [where, pkg] of Object.entries(lock.packages ?? {})) {
  if (!where || !pkg.engines) continue;
  const range = typeof pkg.engines === 'object' ? pkg.engines.node : undefined;
  if (!range) continue;
  checked++;
  if (!semver.subset(declared, range, { includePrerelease: false }))
    bad.push(`${where.replace(/^.*node_modules\//, '')}@${pkg.version}: engines.node "${range}"`);
}
if (bad.length) {
  console.error(`These packages do not admit every Node version the project declares (${declared}):\n  ${bad.join('\n  ')}`);
  process.exit(1);
}
console.log(`engines: ${checked} packages admit Node ${declared}`);
