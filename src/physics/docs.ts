/** The scenario field table, generated from the schema (docs/scenario-schema.md). */
import { PRESET_IDS } from './presets';
import { describe } from './schema';
import { scenarioSchema } from './scenario';

export function schemaMarkdown(): string {
  const rows = describe(scenarioSchema);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '# Scenario fields',
    '',
    'Generated from `src/physics/scenario.ts` by `npm run docs`; do not edit by hand.',
    'The format and its contract are described in the README; SI units throughout.',
    '`{type=...}` and `{shape=...}` rows apply when that variant is chosen; `[]` marks list items.',
    '',
    '| field | required | allowed | default | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.path}\` | ${r.required ? 'yes' : 'no'} | ${esc(r.allowed)} | ${r.default ? `\`${esc(r.default)}\`` : ''} | ${esc(r.doc)} |`),
    '',
    `Presets: ${PRESET_IDS.map((id) => `\`${id}\``).join(', ')} (files in \`presets/\`).`,
    '',
  ];
  return lines.join('\n');
}
