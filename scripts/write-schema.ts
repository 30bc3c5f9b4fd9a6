// Writes schema/outline.schema.json from src/outline/schema.ts (npm run schema).
import { writeFileSync } from 'node:fs';
import { outlineJsonSchema } from '../src/outline/schema.js';

writeFileSync('schema/outline.schema.json', JSON.stringify(outlineJsonSchema(), null, 2) + '\n');
