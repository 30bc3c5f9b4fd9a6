/**
 * The source sidecar's one schema (issue 16): schema/source.schema.json is
 * written from src/sources/sidecar-schema.ts, the reader accepts exactly its
 * keys, and the reading options for documents (page_offset, columns,
 * skip_pages, drop_lines, ocr, password, structure) are checked at their line.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMeta } from '../../src/sources/metadata.js';
import { SIDECAR_KEYS, sidecarJsonSchema } from '../../src/sources/sidecar-schema.js';
import { LecternError } from '../../src/errors.js';
import { ROOT } from '../helpers/project.js';

const problem = (yaml: string) => {
  try {
    parseMeta(yaml, '/x/book.yaml', 0);
  } catch (err) {
    return (err as LecternError).problems[0]!;
  }
  throw new Error('no error');
};

describe('source sidecar', () => {
  it('schema/source.schema.json is the one npm run schema writes', () => {
    const written = JSON.parse(readFileSync(path.join(ROOT, 'schema/source.schema.json'), 'utf8'));
    expect(written).toEqual(JSON.parse(JSON.stringify(sidecarJsonSchema())));
  });

  it('reads the reading options of a document', () => {
    const meta = parseMeta(
      'title: Engines\npage_offset: 12\ncolumns: 2\nskip_pages: [1, 2]\ndrop_lines: ["Journal of Engines · 2024"]\nocr: force\npassword: s3cret\n',
      '/x/book.yaml',
      0,
    );
    expect(meta.title).toBe('Engines');
    expect(meta.reading).toEqual({ pageOffset: 12, columns: 2, skipPages: [1, 2], dropLines: ['Journal of Engines · 2024'], ocr: 'force', password: 's3cret' });
    expect(parseMeta('structure: off\n', '/x/a.yaml', 0).structure).toBe('off');
  });

  it('accepts every key of the schema, and only those', () => {
    expect(Object.keys((sidecarJsonSchema() as unknown as { properties: object }).properties)).toEqual(SIDECAR_KEYS);
    expect(problem('page_ofset: 3\n')).toMatchObject({ code: 'meta/unknown-key', line: 1, column: 1 });
    expect(problem('page_ofset: 3\n').hint).toContain('page_offset');
  });

  it('locates a wrong value and says what is allowed', () => {
    expect(problem('title: A\nocr: sometimes\n')).toMatchObject({ code: 'meta/field', line: 2, message: '"ocr" must be one of auto, off, force' });
    expect(problem('columns: 7\n')).toMatchObject({ line: 1, message: '"columns" must be a whole number from 1 to 4' });
    expect(problem('page_offset: -1\n')).toMatchObject({ message: '"page_offset" must be a whole number of at least 0' });
    expect(problem('skip_pages: [0]\n').message).toContain('"skip_pages" must be a list of physical page numbers');
  });
});
