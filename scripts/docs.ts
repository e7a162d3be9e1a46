/**
 * `npm run docs`: regenerates docs/scenario-schema.md from the scenario schema (the schema is the
 * single source of truth; test/unit/docs.test.ts fails when the committed file is stale).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaMarkdown } from '../src/physics/docs';

writeFileSync(join(import.meta.dirname, '../docs/scenario-schema.md'), schemaMarkdown());
console.log('wrote docs/scenario-schema.md');
