import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaMarkdown } from '../../src/physics/docs';

describe('generated docs', () => {
  it('docs/scenario-schema.md is what the schema generates (run npm run docs)', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../docs/scenario-schema.md'), 'utf8');
    expect(committed).toBe(schemaMarkdown());
  });

  it('documents every v1 key with its unit', () => {
    const md = schemaMarkdown();
    for (const key of ['grid.nx', 'mixture.D', 'mixture.soret', 'mixture.dufour', 'reference.T0', 'boundaries.left.heat', 'time.scheme', 'allowUnphysical']) {
      expect(md).toContain(`\`${key}`);
    }
    expect(md).toMatch(/`mixture.D`.*\(m\^2\/s\)/);
  });
});
