/**
 * The JSON Schema for editors (schema/outline.schema.json): generated from
 * src/outline/schema.ts, accepted by an independent validator, and every
 * field documented in docs/outline.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { outlineJsonSchema, Outline, Slide, Variant, Handout, Image, Column, TimelineEvent, Quote } from '../../src/outline/schema.js';
import { ROOT } from '../helpers/project.js';
import { shownDate } from '../../src/messages/index.js';

const schemaFile = path.join(ROOT, 'schema', 'outline.schema.json');
const readYaml = (rel: string) => parse(readFileSync(path.join(ROOT, rel), 'utf8')) as unknown;

describe('schema/outline.schema.json', () => {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;

  it('is what src/outline/schema.ts generates (run `npm run schema` after changing it)', () => {
    expect(schema).toEqual(outlineJsonSchema());
  });

  it("says that an ISO date is written in the lecture's language, as the title slide writes it", () => {
    const description = (schema.properties as Record<string, { description: string }>).date!.description;
    const iso = /\d{4}-\d{2}-\d{2}/.exec(description)?.[0];
    expect(iso).toBeDefined();
    for (const lang of ['ru', 'en']) expect(description).toContain(`"${shownDate(iso!, lang)}"`);
    expect(description).not.toContain('as it should be shown');
  });

  it('accepts the example outline, checked by ajv', () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    const ok = validate(readYaml('outlines/ussr-japan-1925.yaml'));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('accepts an outline that extends another without title or slides of its own', () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    expect(validate(readYaml('outlines/ussr-japan-1925-review.yaml'))).toBe(true);
    expect(validate({ subtitle: 'x' })).toBe(false);
  });

  it('refuses what Lectern refuses: a misspelt key, a wrong type, a bad address, a bad size', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const cases: Array<[unknown, string]> = [
      [{ title: 'T', slides: [{ bulets: ['a'] }] }, '/slides/0'],
      [{ title: 'T', slides: [{ title: ['a'] }] }, '/slides/0/title'],
      [{ title: 'T', slides: [{ bullets: [{ ref: 'conv#2.3' }] }] }, '/slides/0/bullets/0'],
      [{ title: 'T', size: '16:10', slides: [{ title: 'A' }] }, '/size'],
      [{ title: 'T', slides: [] }, '/slides'],
      [{ slides: [{ title: 'A' }] }, ''],
      [{ title: 'T', slides: [{ bullets: ['a', { text: 'b', bullets: [{ reff: 'x' }] }] }] }, '/slides/0/bullets/1'],
    ];
    for (const [value, pointer] of cases) {
      expect(validate(value), JSON.stringify(value)).toBe(false);
      expect(
        validate.errors!.some((e) => e.instancePath.startsWith(pointer)),
        JSON.stringify(validate.errors),
      ).toBe(true);
    }
  });
});

describe('docs/outline.md', () => {
  const docs = readFileSync(path.join(ROOT, 'docs', 'outline.md'), 'utf8');
  const fields = (schema: unknown): string[] => {
    const s = schema as { properties?: Record<string, unknown>; anyOf?: unknown[] };
    if (s.properties) return Object.keys(s.properties);
    return (s.anyOf ?? []).flatMap(fields);
  };

  it.each([
    ['the outline', Outline],
    ['a slide', Slide],
    ['a variant', Variant],
    ['a handout', Handout],
    ['an image', Image],
    ['a column', Column],
    ['a timeline event', TimelineEvent],
    ['a quote', Quote],
  ])('documents every field of %s', (_what, schema) => {
    const missing = fields(schema).filter((f) => f !== '$schema' && !docs.includes(`\`${f}\``));
    expect(missing).toEqual([]);
  });

  it('documents every built-in layout, the address forms and the schema comment', () => {
    for (const layout of readdirLayouts()) expect(docs).toContain(`\`${layout}\``);
    for (const form of ['conv#p2', 'conv#p2.s3', 'conv#p2.s1-s3', 'conv#p2-p4', 'conv#p2.s3-p3.s1']) expect(docs).toContain(form);
    expect(docs).toContain('# yaml-language-server: $schema=');
  });
});

function readdirLayouts(): string[] {
  return readdirSync(path.join(ROOT, 'templates', 'layouts')).map((f) => f.replace(/\.hbs$/, ''));
}
