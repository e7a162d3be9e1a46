/**
 * The command line on device loss (issue 8, Build 5): a clear message on stderr and exit 3, not a
 * result. A child process gets a Dawn device, arms the handler sim.ts uses, and destroys the device.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const script = `
import { requestNodeGpu } from './src/gpu/node.ts';
import { exitOnDeviceLoss } from './src/cli/backend.ts';
const r = await requestNodeGpu();
if (!('device' in r)) { console.error('no adapter: ' + r.error); process.exit(7); }
exitOnDeviceLoss(r.device, (line) => process.stderr.write(line + '\\n'));
r.device.destroy();
await new Promise((resolve) => setTimeout(resolve, 10_000));
process.exit(0);
`;

describe('the command line on GPU device loss', () => {
  it('ends with a clear message and exit 3', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toMatch(/error: the GPU device was lost \(destroyed.*\); the run stopped and no result was written/);
    expect(r.status).toBe(3);
  });
});
