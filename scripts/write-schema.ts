// Writes schema/outline.schema.json (src/outline/schema.ts) and schema/source.schema.json (src/sources/sidecar-schema.ts): npm run schema.
import { writeFileSync } from 'node:fs';
import { outlineJsonSchema } from '../src/outline/schema.js';
import { sidecarJsonSchema } from '../src/sources/sidecar-schema.js';

writeFileSync('schema/outline.schema.json', JSON.stringify(outlineJsonSchema(), null, 2) + '\n');
writeFileSync('schema/source.schema.json', JSON.stringify(sidecarJsonSchema(), null, 2) + '\n');
