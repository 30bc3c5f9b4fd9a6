// Writes schema/outline.schema.json (src/outline/schema.ts), schema/source.schema.json (src/sources/sidecar-schema.ts) and schema/course.schema.json (src/course/schema.ts): npm run schema.
import { writeFileSync } from 'node:fs';
import { courseJsonSchema } from '../src/course/schema.js';
import { outlineJsonSchema } from '../src/outline/schema.js';
import { sidecarJsonSchema } from '../src/sources/sidecar-schema.js';

writeFileSync('schema/outline.schema.json', JSON.stringify(outlineJsonSchema(), null, 2) + '\n');
writeFileSync('schema/source.schema.json', JSON.stringify(sidecarJsonSchema(), null, 2) + '\n');
writeFileSync('schema/course.schema.json', JSON.stringify(courseJsonSchema(), null, 2) + '\n');
